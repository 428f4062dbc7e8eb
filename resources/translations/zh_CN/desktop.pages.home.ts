<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>HomePage</name>
    <message>
        <source>%1 more planned</source>
        <translation>另有 %1 场计划中</translation>
    </message>
    <message>
        <source>%1 people reached</source>
        <translation>接待群众 %1 人次</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>其中逾期 %1 件</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Reception day</source>
        <translation>坐诊</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>Overdue follow-ups (%1)</source>
        <translation>逾期督办事项（%1）</translation>
    </message>
    <message>
        <source>No package has been sent to the district offices yet.</source>
        <translation>尚未向区县政协发出过同步包。</translation>
    </message>
    <message>
        <source>No data has been sent to the district or city office yet.</source>
        <translation>尚未向区县或市政协报送过数据。</translation>
    </message>
    <message>
        <source>%1 and %2 more offices</source>
        <translation>%1及另外 %2 个机构</translation>
    </message>
    <message>
        <source>Data last sent to %1 on %2.</source>
        <translation>上次向%1报送数据：%2。</translation>
    </message>
    <message>
        <source>Last package sent to %1 on %2.</source>
        <translation>上次发出同步包：%2 发往%1。</translation>
    </message>
    <message>
        <source>Last package received on %1.</source>
        <translation>上次收到数据包：%1。</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Meetings held this month</source>
        <translation>本月召开会议</translation>
    </message>
    <message>
        <source>Visits and receptions this month</source>
        <translation>本月走访接待</translation>
    </message>
    <message>
        <source>Public-opinion reports this month</source>
        <translation>本月社情民意信息</translation>
    </message>
    <message>
        <source>Follow-ups closed this month</source>
        <translation>本月办结督办事项</translation>
    </message>
    <message>
        <source>Follow-ups still open</source>
        <translation>未办结督办事项</translation>
    </message>
    <message>
        <source>Today and the coming week</source>
        <translation>今天和未来一周</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Topic / place</source>
        <translation>主题 / 地点</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>联络组</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Overdue by</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>No meetings or reception days in the coming week.</source>
        <translation>未来一周没有会议或坐诊安排。</translation>
    </message>
    <message>
        <source>No follow-up is overdue.</source>
        <translation>没有逾期的督办事项。</translation>
    </message>
    <message>
        <source>Overdue follow-ups</source>
        <translation>逾期督办事项</translation>
    </message>
</context>
</TS>
