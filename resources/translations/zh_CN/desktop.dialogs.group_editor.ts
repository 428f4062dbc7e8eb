<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>GroupEditor</name>
    <message>
        <source>Edit liaison group</source>
        <translation>编辑联络组</translation>
    </message>
    <message>
        <source>New liaison group</source>
        <translation>新建联络组</translation>
    </message>
    <message>
        <source>Liaison group “%1”</source>
        <translation>联络组“%1”</translation>
    </message>
</context>
</TS>
