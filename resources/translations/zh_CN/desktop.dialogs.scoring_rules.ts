<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ScoringRulesDialog</name>
    <message>
        <source>Scoring rules</source>
        <translation>履职积分规则</translation>
    </message>
    <message>
        <source>In force from the year</source>
        <translation>自该年度起执行</translation>
    </message>
    <message>
        <source>Points per record (deductions negative)</source>
        <translation>每项记录的分值（扣分为负数）</translation>
    </message>
    <message>
        <source>Caps</source>
        <translation>得分上限</translation>
    </message>
    <message>
        <source>Joint reports</source>
        <translation>联名信息</translation>
    </message>
    <message>
        <source>Grades (total points)</source>
        <translation>等次（总分）</translation>
    </message>
    <message>
        <source>Note (basis, remarks)</source>
        <translation>说明（依据、备注）</translation>
    </message>
    <message>
        <source>No rules set by the city yet: the default rules (100 points) apply.</source>
        <translation>市政协尚未制定积分规则：执行默认规则（百分制）。</translation>
    </message>
    <message>
        <source>The city&apos;s rules, in force from %1.</source>
        <translation>市政协制定的积分规则，自 %1 年起执行。</translation>
    </message>
    <message>
        <source>They are set by the city office and reach this office by sync; they cannot be changed here.</source>
        <translation>规则由市政协制定，经同步下发到本机构，此处只能查看，不能修改。</translation>
    </message>
    <message>
        <source>change the scoring rules</source>
        <translation>修改履职积分规则</translation>
    </message>
    <message>
        <source>These rules apply to %1 only (the rules set from %3 apply from then on): the scores of %1 already shown and printed will change. Save them for %1?</source>
        <translation>这些规则只适用于 %1 年（%3 年起执行另行制定的规则）：%1 年已经显示和打印过的积分会随之改变。确定保存为 %1 年的规则吗？</translation>
    </message>
    <message>
        <source>Change past scores?</source>
        <translation>改变往年的积分？</translation>
    </message>
    <message>
        <source>Change them</source>
        <translation>仍然修改</translation>
    </message>
    <message>
        <source>These rules take effect from %1: the scores of %1 to %2 already shown and printed will change. Save them from %1?</source>
        <translation>这些规则将从 %1 年起执行：%1 年至 %2 年已经显示和打印过的积分都会随之改变。确定从 %1 年起执行吗？</translation>
    </message>
</context>
</TS>
