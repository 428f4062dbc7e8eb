<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>GroupListModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>联络站</translation>
    </message>
    <message>
        <source>Convener</source>
        <translation>召集人</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>委员数</translation>
    </message>
    <message>
        <source>Staff contact</source>
        <translation>联络员</translation>
    </message>
    <message>
        <source>Staff phone</source>
        <translation>联络员电话</translation>
    </message>
    <message>
        <source>Station address</source>
        <translation>联络站地址</translation>
    </message>
    <message>
        <source>Founded on</source>
        <translation>成立日期</translation>
    </message>
</context>
</TS>
