<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Sidebar</name>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Liaison groups</source>
        <translation>联络组</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访接待</translation>
    </message>
    <message>
        <source>Opinion reports</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>交办</translation>
    </message>
    <message>
        <source>Consultation plan</source>
        <translation>协商计划</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
</TS>
