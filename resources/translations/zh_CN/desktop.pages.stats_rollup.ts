<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RollupModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Part of</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访接待</translation>
    </message>
    <message>
        <source>People reached</source>
        <translation>接待群众</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>到期督办</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
</context>
<context>
    <name>RollupTab</name>
    <message>
        <source>Every township</source>
        <translation>全部乡镇（街道）</translation>
    </message>
    <message>
        <source>Double-click a row to see its figures and the level below it.</source>
        <translation>双击一行，查看该单位的统计及其下一级。</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>A liaison group has no level below: its figures are on the Charts tab; Up goes back.</source>
        <translation>联络组没有下一级：它的数字见“图表”页；点“上一级”返回。</translation>
    </message>
    <message>
        <source>%1 rows; visits %2, reports %3, follow-ups overdue %4</source>
        <translation>共 %1 行；走访接待 %2 次，社情民意 %3 篇，逾期督办 %4 件</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>roll-up</source>
        <translation>分级汇总</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
</TS>
