<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FromVisitDialog</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Make the follow-up</source>
        <translation>生成督办事项</translation>
    </message>
    <message>
        <source>Make the report</source>
        <translation>生成社情民意</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Make a follow-up from the visit</source>
        <translation>由走访记录生成督办事项</translation>
    </message>
    <message>
        <source>Make a public-opinion report from the visit</source>
        <translation>由走访记录生成社情民意信息</translation>
    </message>
    <message>
        <source>Please write a title.</source>
        <translation>请填写标题。</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <source>Write the time as 09:30</source>
        <translation>时间请写成 09:30 的格式</translation>
    </message>
    <message>
        <source>No liaison group yet: first add one on the Liaison groups page</source>
        <translation>本机构还没有联络组：请先在“联络组”页新建</translation>
    </message>
    <message>
        <source>Fill in where the visit took place</source>
        <translation>请填写走访地点</translation>
    </message>
    <message>
        <source>Choose at least one member who went</source>
        <translation>请至少选择一位参加的委员</translation>
    </message>
    <message>
        <source>Members who went</source>
        <translation>参加委员</translation>
    </message>
    <message>
        <source>Make a report…</source>
        <translation>生成社情民意…</translation>
    </message>
    <message>
        <source>Make a follow-up…</source>
        <translation>生成督办事项…</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>New visit record</source>
        <translation>新建走访接待记录</translation>
    </message>
    <message>
        <source>Visit: %1 %2</source>
        <translation>走访接待：%1 %2</translation>
    </message>
    <message>
        <source>The date %1 is after today. A visit is recorded once it has taken place: save it with this date?</source>
        <translation>日期 %1 在今天之后。走访接待应在进行之后登记：仍按这个日期保存吗？</translation>
    </message>
    <message>
        <source>Date after today</source>
        <translation>日期在今天之后</translation>
    </message>
    <message>
        <source>Save with this date</source>
        <translation>按此日期保存</translation>
    </message>
    <message>
        <source>Reports made: %1</source>
        <translation>已生成社情民意：%1</translation>
    </message>
    <message>
        <source>Follow-ups made: %1</source>
        <translation>已生成督办事项：%1</translation>
    </message>
</context>
</TS>
