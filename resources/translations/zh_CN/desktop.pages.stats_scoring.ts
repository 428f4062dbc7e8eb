<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ScoreModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>所在联络组</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Deductions</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
</context>
<context>
    <name>ScoringTab</name>
    <message>
        <source>Scoring rules…</source>
        <translation>积分规则…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Duty records PDF…</source>
        <translation>打印履职档案 PDF…</translation>
    </message>
    <message>
        <source>Every member in the list, one a page</source>
        <translation>列表中的每位委员，每人一页</translation>
    </message>
    <message>
        <source>Print this member…</source>
        <translation>打印所选委员…</translation>
    </message>
    <message>
        <source>The selected member&apos;s duty record and score, as PDF</source>
        <translation>所选委员的履职档案和积分明细（PDF）</translation>
    </message>
    <message>
        <source>Rules in force: the default rules (100 points); the city has set none.</source>
        <translation>执行规则：默认规则（百分制），市政协尚未制定。</translation>
    </message>
    <message>
        <source>Rules in force: the city&apos;s rules from %1.</source>
        <translation>执行规则：市政协 %1 年起执行的规则。</translation>
    </message>
    <message>
        <source>Scoring the members…</source>
        <translation>正在计算委员积分…</translation>
    </message>
    <message>
        <source>No members in this scope.</source>
        <translation>该范围内没有委员。</translation>
    </message>
    <message>
        <source>duty-scores-%1</source>
        <translation>履职积分-%1</translation>
    </message>
    <message>
        <source>duty-records-%1</source>
        <translation>履职档案-%1</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在生成…</translation>
    </message>
</context>
</TS>
