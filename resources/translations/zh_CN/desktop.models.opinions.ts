<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>OpinionListModel</name>
    <message>
        <source>Collected</source>
        <translation>收集日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>报送人</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Liaison group</source>
        <translation>联络组</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>报送日期</translation>
    </message>
</context>
</TS>
