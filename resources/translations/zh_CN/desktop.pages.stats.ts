<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>StatsPage</name>
    <message>
        <source>Duty records</source>
        <translation>委员履职统计</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部联络组</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1（%2 年）</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Roll-up</source>
        <translation>分级汇总</translation>
    </message>
    <message>
        <source>Duty scores</source>
        <translation>履职积分</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上一级</translation>
    </message>
    <message>
        <source>Back to the level above</source>
        <translation>返回上一级</translation>
    </message>
    <message>
        <source>Find a member (Ctrl+F)</source>
        <translation>查找委员（Ctrl+F）</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Counted from the records, never typed: meetings held (latest minutes), visits taken part in, public-opinion reports written, and the follow-ups that came from them. Double-click a member to open their page.</source>
        <translation>根据工作记录自动统计，无需填写：已召开的会议（以最新纪要为准）、参加的走访接待、撰写的社情民意信息，以及由此产生的督办事项。双击委员可打开其详细信息。</translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation>共 %1 名委员</translation>
    </message>
    <message>
        <source>Totals: attended %1, on leave %2, absent %3, speeches %4, visits %5, reports %6 (adopted %7), follow-ups %8</source>
        <translation>合计：出席 %1 人次，请假 %2 人次，缺席 %3 人次，发言 %4 次，走访接待 %5 人次，社情民意 %6 篇（被采用 %7 篇），督办事项 %8 件</translation>
    </message>
    <message>
        <source>duty-records-%1.xlsx</source>
        <translation>委员履职档案-%1.xlsx</translation>
    </message>
    <message>
        <source>Export duty records</source>
        <translation>导出委员履职档案</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>正在生成工作簿…</translation>
    </message>
</context>
</TS>
