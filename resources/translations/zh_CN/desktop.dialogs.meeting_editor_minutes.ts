<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MinutesPreview</name>
    <message>
        <source>Show the minutes</source>
        <translation>显示纪要</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>The preview shows the minutes as last saved.</source>
        <translation>预览显示的是最近一次保存的纪要。</translation>
    </message>
    <message>
        <source>Preparing the minutes…</source>
        <translation>正在生成纪要…</translation>
    </message>
    <message>
        <source>The minutes could not be prepared.</source>
        <translation>无法生成纪要。</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>共 %1 页</translation>
    </message>
    <message>
        <source>characters no font has (printed as 〓): %1</source>
        <translation>字库中缺少的字（打印为〓）：%1</translation>
    </message>
    <message>
        <source>Save the minutes</source>
        <translation>保存纪要</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Sent %1 page(s) to the printer.</source>
        <translation>已将 %1 页发送到打印机。</translation>
    </message>
    <message>
        <source>Printing the minutes…</source>
        <translation>正在打印纪要…</translation>
    </message>
</context>
</TS>
