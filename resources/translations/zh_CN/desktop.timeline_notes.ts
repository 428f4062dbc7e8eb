<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TimelineNote</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Made from the visit of %1; co-authors: %2</source>
        <translation>由 %1 的走访接待记录生成；联名委员：%2</translation>
    </message>
    <message>
        <source>Made from the visit of %1</source>
        <translation>由 %1 的走访接待记录生成</translation>
    </message>
    <message>
        <source>Made from a consensus item of the meeting “%1”</source>
        <translation>由会议“%1”的协商共识生成</translation>
    </message>
    <message>
        <source>Made from the public-opinion report “%1”</source>
        <translation>由社情民意信息“%1”生成</translation>
    </message>
    <message>
        <source>Found on looking back: %1; why it is handled again: %2</source>
        <translation>回头看发现：%1；重新办理理由：%2</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>What is asked</source>
        <translation>交办内容</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Source note</source>
        <translation>来源说明</translation>
    </message>
    <message>
        <source>Source record</source>
        <translation>来源记录</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Reminder days</source>
        <translation>提醒天数</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访接待</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Public-opinion report</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source> (due date removed)</source>
        <translation>（办理时限改为 无）</translation>
    </message>
    <message>
        <source> (due date changed to %1)</source>
        <translation>（办理时限改为 %1）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
</TS>
