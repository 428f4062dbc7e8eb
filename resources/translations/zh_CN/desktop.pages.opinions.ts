<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>OpinionsPage</name>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Reporter: %1</source>
        <translation>报送人：%1</translation>
    </message>
    <message>
        <source>Collected on %1</source>
        <translation>%1 收集</translation>
    </message>
    <message>
        <source>submitted on %1</source>
        <translation>%1 报送</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>意见建议</translation>
    </message>
    <message>
        <source>Leader&apos;s instruction</source>
        <translation>领导批示</translation>
    </message>
    <message>
        <source>Public-opinion reports</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>New report</source>
        <translation>新建信息</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部联络组</translation>
    </message>
    <message>
        <source>Delete report</source>
        <translation>删除信息</translation>
    </message>
    <message>
        <source>Delete this report? Submitted reports are kept.</source>
        <translation>删除这条信息？已报送的信息不能删除。</translation>
    </message>
</context>
<context>
    <name>RecordTimeline</name>
    <message>
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <source>Due date changed</source>
        <translation>办理时限变更</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>督办说明</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
</TS>
