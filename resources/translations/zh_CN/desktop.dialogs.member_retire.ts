<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RetireMemberDialog</name>
    <message>
        <source>Member leaving office</source>
        <translation>委员离任</translation>
    </message>
    <message>
        <source>%1 leaves office on the day below: the member leaves every liaison group on that day and is listed under Retired; every record of their work stays.</source>
        <translation>%1自下面的日期起离任：当天起不再属于任何联络组，列入“已离任”；履职记录全部保留。</translation>
    </message>
    <message>
        <source>Left office on</source>
        <translation>离任日期</translation>
    </message>
    <message>
        <source>Leave office</source>
        <translation>离任</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
