<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChartsTab</name>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Annual report PDF…</source>
        <translation>年度统计 PDF…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Visits and people reached per month</source>
        <translation>每月走访接待与接待群众</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访接待（次）</translation>
    </message>
    <message>
        <source>People reached</source>
        <translation>接待群众（人次，右轴）</translation>
    </message>
    <message>
        <source>Meetings held and reports collected per month</source>
        <translation>每月召开会议与收集社情民意</translation>
    </message>
    <message>
        <source>Meetings held</source>
        <translation>召开会议</translation>
    </message>
    <message>
        <source>Reports collected</source>
        <translation>收集社情民意</translation>
    </message>
    <message>
        <source>Public-opinion reports: how far they got</source>
        <translation>社情民意信息办理情况</translation>
    </message>
    <message>
        <source>Overdue follow-ups: the %1 lead units with the most</source>
        <translation>逾期督办事项（逾期最多的 %1 个主办单位）</translation>
    </message>
    <message>
        <source>Overdue follow-ups by lead unit</source>
        <translation>逾期督办事项（按主办单位）</translation>
    </message>
    <message>
        <source>None overdue</source>
        <translation>无逾期</translation>
    </message>
    <message>
        <source>%1, %2: %3 visits reaching %4 people, %5 meetings, %6 reports; follow-ups due %7, closed %8 (%9), median %10 days to close, %11 overdue</source>
        <translation>%1 %2 年：走访接待 %3 次，接待群众 %4 人次，召开会议 %5 次，收集社情民意 %6 篇；本年到期督办事项 %7 件，已办结 %8 件（%9），办结用时中位数 %10 天，逾期 %11 件</translation>
    </message>
    <message>
        <source>Overdue today whatever year they were due: %1, as on the home page (%2 of them were due before %3).</source>
        <translation>今天逾期未办结的督办事项（不论哪年到期）共 %1 件，即首页的数字（其中 %3 年以前到期的 %2 件）。</translation>
    </message>
    <message>
        <source>statistics-%1</source>
        <translation>年度统计-%1</translation>
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
        <source>Save the annual statistics</source>
        <translation>保存年度统计</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
</context>
</TS>
