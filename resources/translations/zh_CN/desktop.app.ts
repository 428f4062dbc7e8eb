<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>app</name>
    <message>
        <source>Cannot open the data</source>
        <translation>无法打开数据</translation>
    </message>
    <message>
        <source>The data file %1 cannot be opened:
%2</source>
        <translation>无法打开数据文件 %1：
%2</translation>
    </message>
</context>
</TS>
