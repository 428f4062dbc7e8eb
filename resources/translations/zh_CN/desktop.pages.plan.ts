<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>PlanPage</name>
    <message>
        <source>Consultation plan</source>
        <translation>年度协商计划</translation>
    </message>
    <message>
        <source>This office&apos;s plan</source>
        <translation>本机构计划</translation>
    </message>
    <message>
        <source>Offices below</source>
        <translation>下级机构计划</translation>
    </message>
    <message>
        <source>New topic…</source>
        <translation>新增议题…</translation>
    </message>
    <message>
        <source>Edit topic…</source>
        <translation>修改议题…</translation>
    </message>
    <message>
        <source>Consulted at meeting…</source>
        <translation>关联协商会议…</translation>
    </message>
    <message>
        <source>Add research…</source>
        <translation>关联前期调研…</translation>
    </message>
    <message>
        <source>Add a follow-up after…</source>
        <translation>关联后续督办…</translation>
    </message>
    <message>
        <source>Schedule a re-inspection…</source>
        <translation>安排回头看…</translation>
    </message>
    <message>
        <source>Record findings…</source>
        <translation>记录回头看情况…</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Leading groups</source>
        <translation>牵头联络组</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>协商会议</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>议题数</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已协商</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <source>Re-inspections</source>
        <translation>回头看</translation>
    </message>
    <message>
        <source>Times re-inspected</source>
        <translation>回头看次数</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Research before:</source>
        <translation>前期调研：</translation>
    </message>
    <message>
        <source>Consulted at:</source>
        <translation>协商会议：</translation>
    </message>
    <message>
        <source>Follow-ups after:</source>
        <translation>后续督办：</translation>
    </message>
    <message>
        <source>Restore topic</source>
        <translation>恢复议题</translation>
    </message>
    <message>
        <source>Drop topic</source>
        <translation>取消议题</translation>
    </message>
    <message>
        <source>Drop the topic</source>
        <translation>取消议题</translation>
    </message>
    <message>
        <source>Drop “%1” from the plan? It is kept, marked dropped, and can be taken up again.</source>
        <translation>把“%1”从计划中取消吗？议题会保留并标为已取消，之后可以恢复。</translation>
    </message>
    <message>
        <source>Keep the topic</source>
        <translation>保留议题</translation>
    </message>
    <message>
        <source>The meeting that consults it</source>
        <translation>协商该议题的会议</translation>
    </message>
    <message>
        <source>Choose the meeting:</source>
        <translation>请选择会议：</translation>
    </message>
    <message>
        <source>Research before</source>
        <translation>前期调研</translation>
    </message>
    <message>
        <source>Choose a visit or meeting done for it:</source>
        <translation>请选择为此开展的走访或会议：</translation>
    </message>
    <message>
        <source>A follow-up after</source>
        <translation>后续督办事项</translation>
    </message>
    <message>
        <source>Choose the follow-up:</source>
        <translation>请选择督办事项：</translation>
    </message>
</context>
</TS>
