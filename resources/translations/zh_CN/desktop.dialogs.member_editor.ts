<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>LevelsWidget</name>
    <message>
        <source>Term, e.g. 十四届</source>
        <translation>届次，如 十四届</translation>
    </message>
</context>
<context>
    <name>MemberEditor</name>
    <message>
        <source>Levels</source>
        <translation>委员层级</translation>
    </message>
    <message>
        <source>Join group</source>
        <translation>加入联络组</translation>
    </message>
    <message>
        <source>e.g. 1975-03-16</source>
        <translation>例如 1975-03-16</translation>
    </message>
    <message>
        <source>The roster already has a member named “%1”:
%2
If this is the same person, cancel and edit that record: entered twice, the records are split in two. Add a new member all the same?</source>
        <translation>名册中已有名为“%1”的委员：
%2
如果是同一个人，请取消并修改原来那条记录：重复登记会把履职记录分成两份。仍要新建一位委员吗？</translation>
    </message>
    <message>
        <source>Member already on the roster</source>
        <translation>名册中已有同名委员</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Edit member</source>
        <translation>编辑委员</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>新建委员</translation>
    </message>
    <message>
        <source>Member “%1”</source>
        <translation>委员“%1”</translation>
    </message>
</context>
</TS>
