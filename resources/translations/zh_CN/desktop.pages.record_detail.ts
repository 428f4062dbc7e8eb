<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RecordDetail</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
</TS>
