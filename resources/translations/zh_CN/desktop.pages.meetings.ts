<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MeetingsPage</name>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>amended: a newer revision replaces this one</source>
        <translation>已修订：以新版本为准</translation>
    </message>
    <message>
        <source>Due %1, present %2, on leave %3, absent %4</source>
        <translation>应到 %1 人，出席 %2 人，请假 %3 人，缺席 %4 人</translation>
    </message>
    <message>
        <source>, not recorded %1</source>
        <translation>，未记录 %1 人</translation>
    </message>
    <message>
        <source>Attendance not recognised: %1</source>
        <translation>出席情况无法识别：%1</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Consensus</source>
        <translation>协商共识</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Attachments: %1</source>
        <translation>附件：%1 个</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建会议</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部联络组</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Earlier revisions</source>
        <translation>含旧版本</translation>
    </message>
    <message>
        <source>Also list the revisions that were later amended</source>
        <translation>同时列出已被修订的旧版本</translation>
    </message>
    <message>
        <source>Delete meeting</source>
        <translation>删除会议</translation>
    </message>
    <message>
        <source>Chair: %1</source>
        <translation>主持人：%1</translation>
    </message>
    <message>
        <source>Recorder: %1</source>
        <translation>记录人：%1</translation>
    </message>
    <message>
        <source>Delete this meeting with its attendance, agenda, speeches and consensus? Final minutes cannot be deleted.</source>
        <translation>删除这次会议及其出席、议题、发言和共识？已定稿的纪要不能删除。</translation>
    </message>
</context>
</TS>
