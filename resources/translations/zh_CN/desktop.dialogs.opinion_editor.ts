<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>OpinionEditor</name>
    <message>
        <source>Back to collected</source>
        <translation>退回收集</translation>
    </message>
    <message>
        <source>Mark as drafted</source>
        <translation>标记为已成稿</translation>
    </message>
    <message>
        <source>Mark as submitted</source>
        <translation>标记为已报送</translation>
    </message>
    <message>
        <source>Record: adopted</source>
        <translation>记录：已采用</translation>
    </message>
    <message>
        <source>Record: not adopted</source>
        <translation>记录：未采用</translation>
    </message>
    <message>
        <source>Record the leader&apos;s instruction</source>
        <translation>记录领导批示</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Make a follow-up…</source>
        <translation>生成督办事项…</translation>
    </message>
    <message>
        <source>Hand the issue to a lead unit and follow it until it is closed</source>
        <translation>交由主办单位办理，并跟踪到办结</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>社情民意：%1</translation>
    </message>
    <message>
        <source>New public-opinion report</source>
        <translation>新建社情民意信息</translation>
    </message>
    <message>
        <source>Follow-ups made: %1</source>
        <translation>已生成督办事项：%1</translation>
    </message>
    <message>
        <source>Text kept as submitted</source>
        <translation>内容已按报送时锁定</translation>
    </message>
    <message>
        <source>Make a follow-up from the report</source>
        <translation>由社情民意信息生成督办事项</translation>
    </message>
</context>
</TS>
