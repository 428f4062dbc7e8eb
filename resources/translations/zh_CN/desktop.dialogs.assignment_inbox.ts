<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AssignmentInbox</name>
    <message>
        <source>New</source>
        <translation>新交办</translation>
    </message>
    <message>
        <source>Answer to review</source>
        <translation>待审核反馈</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Withdraw parts</source>
        <translation>待撤回下级</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>%1 days late</source>
        <translation>逾期 %1 天</translation>
    </message>
    <message>
        <source>%1 days left</source>
        <translation>还剩 %1 天</translation>
    </message>
    <message>
        <source>withdrawn %1</source>
        <translation>%1 撤回</translation>
    </message>
    <message>
        <source> (why: %1)</source>
        <translation>（撤回理由：%1）</translation>
    </message>
    <message>
        <source>%1 parts open below</source>
        <translation>转交下级的 %1 项仍在办理</translation>
    </message>
    <message>
        <source>Assignments — nothing to do</source>
        <translation>交办事项：暂无待办</translation>
    </message>
    <message>
        <source>new: %1</source>
        <translation>新交办 %1 件</translation>
    </message>
    <message>
        <source>parts to withdraw below: %1</source>
        <translation>待撤回下级 %1 件</translation>
    </message>
    <message>
        <source>withdrawn: %1</source>
        <translation>已撤回 %1 件</translation>
    </message>
    <message>
        <source>answers to review: %1</source>
        <translation>待审核反馈 %1 件</translation>
    </message>
    <message>
        <source>overdue: %1</source>
        <translation>已逾期 %1 件</translation>
    </message>
    <message>
        <source>due soon: %1</source>
        <translation>即将到期 %1 件</translation>
    </message>
    <message>
        <source>Assignments — %1</source>
        <translation>交办事项：%1</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>From / to</source>
        <translation>交办 / 接收机构</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No new assignments, none to review and none due soon.</source>
        <translation>没有新交办、待审核或即将到期的交办事项。</translation>
    </message>
</context>
</TS>
