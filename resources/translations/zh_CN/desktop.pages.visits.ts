<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>VisitsPage</name>
    <message>
        <source>Members: %1</source>
        <translation>参加委员：%1</translation>
    </message>
    <message>
        <source>People reached: %1</source>
        <translation>接待群众：%1 人</translation>
    </message>
    <message>
        <source>Departments: %1</source>
        <translation>参加部门：%1</translation>
    </message>
    <message>
        <source>What was heard</source>
        <translation>反映的问题</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>办理情况</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>社情民意：%1</translation>
    </message>
    <message>
        <source>Follow-up: %1</source>
        <translation>督办事项：%1</translation>
    </message>
    <message>
        <source>Visits and receptions</source>
        <translation>走访接待</translation>
    </message>
    <message>
        <source>Log a visit</source>
        <translation>登记走访</translation>
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
        <source>Delete visit</source>
        <translation>删除走访记录</translation>
    </message>
    <message>
        <source>Delete this visit record? Reports and follow-ups made from it are kept.</source>
        <translation>删除这条走访记录？由它生成的社情民意和督办事项将保留。</translation>
    </message>
</context>
</TS>
