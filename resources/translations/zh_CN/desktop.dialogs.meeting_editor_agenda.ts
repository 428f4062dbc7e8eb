<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgendaWidget</name>
    <message>
        <source>Agenda items</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Speeches not on an agenda item</source>
        <translation>不属于某个议题的发言</translation>
    </message>
    <message>
        <source>Speeches on this item</source>
        <translation>本议题的发言</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景情况</translation>
    </message>
    <message>
        <source>What was agreed</source>
        <translation>议定事项</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>发言人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>发言摘要</translation>
    </message>
    <message>
        <source>Choose a member, or type the name of a guest</source>
        <translation>选择委员，或输入列席人员姓名</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加议题</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Add speech</source>
        <translation>添加发言</translation>
    </message>
    <message>
        <source>Speeches made at the meeting but not on any agenda item; the minutes print them after the agenda items</source>
        <translation>会上不属于任何议题的发言（如开场讲话、总结讲话）；纪要中列在各议题之后</translation>
    </message>
    <message>
        <source>Other speeches (%1)</source>
        <translation>其他发言（%1）</translation>
    </message>
    <message>
        <source>Other speeches</source>
        <translation>其他发言</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>Agenda item %1 has no title.</source>
        <translation>第 %1 个议题没有填写标题。</translation>
    </message>
    <message>
        <source>Agenda item %1: %2</source>
        <translation>第 %1 个议题：%2</translation>
    </message>
    <message>
        <source>Agenda item %1, speech %2</source>
        <translation>第 %1 个议题的第 %2 条发言</translation>
    </message>
    <message>
        <source>Other speeches, speech %1</source>
        <translation>其他发言第 %1 条</translation>
    </message>
    <message>
        <source>%1: choose the speaker.</source>
        <translation>%1：请选择发言人。</translation>
    </message>
    <message>
        <source>%1: the summary is empty.</source>
        <translation>%1：发言摘要为空。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
</TS>
