<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>History</name>
    <message>
        <source>(no sign-in)</source>
        <translation>（未登录）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Every change of this record and its parts: who made it, when and at which office. Values are not kept here: the record shows the current ones.</source>
        <translation>这条记录及其各部分的每一次修改：谁、何时、在哪个机构修改。这里不保存修改前后的内容，记录中显示的是当前内容。</translation>
    </message>
    <message>
        <source>History: %1</source>
        <translation>历史：%1</translation>
    </message>
</context>
</TS>
