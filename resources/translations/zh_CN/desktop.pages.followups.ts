<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>Due %1</source>
        <translation>办理时限 %1</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Lead unit: %1</source>
        <translation>主办单位：%1</translation>
    </message>
    <message>
        <source>co-units: %1</source>
        <translation>协办单位：%1</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>办理答复</translation>
    </message>
    <message>
        <source>Satisfaction: %1</source>
        <translation>满意度：%1</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>New follow-up</source>
        <translation>新建督办事项</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部联络组</translation>
    </message>
    <message>
        <source>Delete follow-up</source>
        <translation>删除督办事项</translation>
    </message>
    <message>
        <source>Delete this follow-up? Only one not yet assigned can be deleted.</source>
        <translation>删除这条督办事项？只有尚未交办的事项可以删除。</translation>
    </message>
</context>
</TS>
