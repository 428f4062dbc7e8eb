<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ListPage</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Search (Ctrl+F)</source>
        <translation>搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>全部机构</translation>
    </message>
    <message>
        <source>Own records</source>
        <translation>本级</translation>
    </message>
    <message>
        <source>Whose records to list: this office&apos;s own (%1), or those of an office below with the offices below it</source>
        <translation>列出谁的记录：本级（%1）的，或某个下级机构及其所辖机构的</translation>
    </message>
    <message>
        <source>%1+ records (counting…)</source>
        <translation>%1+ 条（正在统计…）</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
</context>
</TS>
