<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FollowUpEditor</name>
    <message>
        <source>Assign to the lead unit</source>
        <translation>交办主办单位</translation>
    </message>
    <message>
        <source>Handling started</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <source>Record the reply</source>
        <translation>记录办理答复</translation>
    </message>
    <message>
        <source>Record the evaluation</source>
        <translation>记录满意度评价</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Reopen (look back)</source>
        <translation>回头看：重新办理</translation>
    </message>
    <message>
        <source>Follow-up: %1</source>
        <translation>督办事项：%1</translation>
    </message>
    <message>
        <source>New follow-up</source>
        <translation>新建督办事项</translation>
    </message>
    <message>
        <source>Overdue: due %1</source>
        <translation>已逾期：办理时限 %1</translation>
    </message>
    <message>
        <source>Unsatisfied: reopen it, it cannot be closed</source>
        <translation>评价不满意：请重新办理，不能办结</translation>
    </message>
    <message>
        <source>Back to handling (reply not enough)</source>
        <translation>退回继续办理（答复不到位）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>Recorded with the step “%1”.</source>
        <translation>通过“%1”这一步录入。</translation>
    </message>
    <message>
        <source>Supervision note</source>
        <translation>督办说明</translation>
    </message>
</context>
</TS>
