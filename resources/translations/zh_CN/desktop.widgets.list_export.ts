<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ListExport</name>
    <message>
        <source>Search: %1</source>
        <translation>搜索：%1</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>The list shows personal data: %1. An Excel workbook is not encrypted: a copy on a USB stick or in an e-mail can be read by anyone who finds it.

Leave these columns out of the workbook?</source>
        <translation>列表中含有个人信息：%1。Excel 文件不加密：拷在U盘上或通过邮件发出的副本，任何拿到它的人都能看到。

导出时去掉这些列吗？</translation>
    </message>
    <message>
        <source>Export without them</source>
        <translation>不含这些列导出</translation>
    </message>
    <message>
        <source>Export with them</source>
        <translation>包含这些列导出</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>正在写入工作簿…</translation>
    </message>
</context>
</TS>
