<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>fields</name>
    <message>
        <source>Use digits only, e.g. 0851-12345678 or 13800000000</source>
        <translation>只能填写数字，例如 0851-12345678 或 13800000000</translation>
    </message>
</context>
</TS>
