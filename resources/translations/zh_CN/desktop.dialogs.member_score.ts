<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MemberScoreDialog</name>
    <message>
        <source>Duty score of %1, %2</source>
        <translation>%1 的履职积分（%2 年）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Print duty record (PDF)…</source>
        <translation>打印履职档案（PDF）…</translation>
    </message>
    <message>
        <source>Printing a member&apos;s duty record</source>
        <translation>打印委员履职档案</translation>
    </message>
    <message>
        <source>duty-record-%1-%2</source>
        <translation>履职档案-%1-%2</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写入…</translation>
    </message>
</context>
</TS>
