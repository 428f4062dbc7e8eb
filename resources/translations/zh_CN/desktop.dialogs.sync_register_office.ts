<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RegisterOfficeDialog</name>
    <message>
        <source>Choose the office it belongs under</source>
        <translation>请选择它的上级机构</translation>
    </message>
    <message>
        <source>Digits only: the administrative division code, e.g. 520102001</source>
        <translation>只能是数字：行政区划代码，如 520102001</translation>
    </message>
    <message>
        <source>Register an office</source>
        <translation>登记机构</translation>
    </message>
    <message>
        <source>Office “%1”</source>
        <translation>机构“%1”</translation>
    </message>
</context>
</TS>
