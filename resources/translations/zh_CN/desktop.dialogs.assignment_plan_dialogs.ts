<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FindingsDialog</name>
    <message>
        <source>Re-inspection findings</source>
        <translation>回头看情况</translation>
    </message>
    <message>
        <source>What the re-inspection found:</source>
        <translation>回头看发现的情况：</translation>
    </message>
    <message>
        <source>The problem came back: reopen the follow-up</source>
        <translation>问题反弹：重新办理该督办事项</translation>
    </message>
    <message>
        <source>Why it is reopened</source>
        <translation>重新办理的理由</translation>
    </message>
    <message>
        <source>Write what was found.</source>
        <translation>请填写发现的情况。</translation>
    </message>
    <message>
        <source>Write why it is reopened.</source>
        <translation>请填写重新办理的理由。</translation>
    </message>
</context>
<context>
    <name>NewTopicDialog</name>
    <message>
        <source>New plan topic</source>
        <translation>新增协商议题</translation>
    </message>
    <message>
        <source>Edit plan topic</source>
        <translation>修改协商议题</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Not fixed</source>
        <translation>未定</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>计划月份</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Source note</source>
        <translation>来源说明</translation>
    </message>
    <message>
        <source>Leading groups</source>
        <translation>牵头联络组</translation>
    </message>
    <message>
        <source>This office has no liaison group of its own yet (add one on the Liaison groups page to have it lead a topic).</source>
        <translation>本机构还没有自己的联络组（在“联络组”页新建后，可由它牵头议题）。</translation>
    </message>
    <message>
        <source>Write the topic.</source>
        <translation>请填写协商议题。</translation>
    </message>
</context>
<context>
    <name>PickRecordDialog</name>
    <message>
        <source>Nothing to choose from yet.</source>
        <translation>还没有可选的记录。</translation>
    </message>
    <message>
        <source>Choose a record.</source>
        <translation>请选择一条记录。</translation>
    </message>
</context>
<context>
    <name>ScheduleReinspectionDialog</name>
    <message>
        <source>Schedule a re-inspection</source>
        <translation>安排回头看</translation>
    </message>
    <message>
        <source>Re-inspect “%1”</source>
        <translation>回头看：“%1”</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>联络组</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Members who go</source>
        <translation>参加委员</translation>
    </message>
    <message>
        <source>This office has no liaison group to make the visit.</source>
        <translation>本机构没有可开展走访的联络组。</translation>
    </message>
    <message>
        <source>Write where the re-inspection goes.</source>
        <translation>请填写回访地点。</translation>
    </message>
    <message>
        <source>Tick at least one member who goes.</source>
        <translation>请至少勾选一位参加的委员。</translation>
    </message>
</context>
</TS>
