<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AssignmentsPage</name>
    <message>
        <source>Assignments</source>
        <translation>交办</translation>
    </message>
    <message>
        <source>Sent and received</source>
        <translation>交办和收到的</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到的</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>交办的</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>New assignment…</source>
        <translation>新建交办…</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>反馈…</translation>
    </message>
    <message>
        <source>Link a record…</source>
        <translation>关联工作记录…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>%1 parts handed down are still open: withdraw them with Withdraw…</source>
        <translation>转交下级的 %1 项仍在办理：请点“撤回…”一并撤回</translation>
    </message>
    <message>
        <source>Take back an assignment not answered yet, or one whose answer was sent back</source>
        <translation>收回尚未反馈或已退回重办的交办</translation>
    </message>
    <message>
        <source>Accept the answer</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Send back…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Hand down…</source>
        <translation>转交下级…</translation>
    </message>
    <message>
        <source>Accept answer</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>From</source>
        <translation>交办机构</translation>
    </message>
    <message>
        <source>To</source>
        <translation>接收机构</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>%1 assignments</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <source>Withdrawn above</source>
        <translation>上级已撤回</translation>
    </message>
    <message>
        <source>%1 withdrew the assignment above on %2: %3. This answer needs no review.</source>
        <translation>%1撤回了上级交办（%2）：%3。这份反馈无需审核。</translation>
    </message>
    <message>
        <source>Choose an assignment on the left.</source>
        <translation>请在左侧选择一项交办。</translation>
    </message>
    <message>
        <source>answered late</source>
        <translation>逾期反馈</translation>
    </message>
    <message>
        <source>due</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Asked:</source>
        <translation>交办内容：</translation>
    </message>
    <message>
        <source>Sent back:</source>
        <translation>退回理由：</translation>
    </message>
    <message>
        <source>file</source>
        <translation>交办附件</translation>
    </message>
    <message>
        <source>answer file</source>
        <translation>反馈附件</translation>
    </message>
    <message>
        <source>Work done for it:</source>
        <translation>为此开展的工作：</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>办理环节</translation>
    </message>
    <message>
        <source>For</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Timeline across offices</source>
        <translation>办理过程（各级机构）</translation>
    </message>
    <message>
        <source>after the deadline above, %1: bring it forward</source>
        <translation>晚于上级时限 %1，请提前</translation>
    </message>
    <message>
        <source>its state is kept by the offices above</source>
        <translation>办理情况由上级掌握</translation>
    </message>
    <message>
        <source>still asked for: %1 has not withdrawn it yet</source>
        <translation>仍在办理：待%1撤回</translation>
    </message>
    <message>
        <source>done, but %1 parts handed down are still open: withdraw or keep them with Withdraw…</source>
        <translation>已办结，但转交下级的 %1 项仍在办理：请用“撤回…”撤回或保留</translation>
    </message>
    <message>
        <source>kept open below by %1</source>
        <translation>由%1保留继续办理</translation>
    </message>
    <message>
        <source>Answer (round %1):</source>
        <translation>反馈（第 %1 次）：</translation>
    </message>
    <message>
        <source>Withdrawn by %1 on %2:</source>
        <translation>%1 撤回于 %2，理由：</translation>
    </message>
    <message>
        <source>Answer round %1 was sent back:</source>
        <translation>第 %1 次反馈被退回：</translation>
    </message>
    <message>
        <source>Done above: withdraw the parts this office handed down from it, still open below, or keep them</source>
        <translation>上级已办结：撤回本机构转交下级、仍在办理的部分，或保留继续办理</translation>
    </message>
    <message>
        <source>Withdraw the parts this office handed down from it, still open below</source>
        <translation>一并撤回本机构转交下级、仍在办理的各项</translation>
    </message>
    <message>
        <source>Save the file</source>
        <translation>保存文件</translation>
    </message>
    <message>
        <source>%1 here; %2 sees it after the next sync package (Sync › Write the package(s)).</source>
        <translation>已%1。%2要在下次同步后才能看到（“同步”页 › 写入同步包）。</translation>
    </message>
    <message>
        <source>Accept the answer of %1? The assignment is then done, and the answer cannot be sent back.</source>
        <translation>审核通过%1的反馈吗？通过后这项交办即办结，反馈不能再退回。</translation>
    </message>
    <message>
        <source>Parts %1 handed down are still open below: %2. After the next sync %1 is asked to withdraw them or keep them open.</source>
        <translation>%1转交下级的部分仍在办理：%2。下次同步后%1会被提示撤回或保留。</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Answer to %1: what was done, with files if any.</source>
        <translation>向%1反馈办理情况（可附文件）。</translation>
    </message>
    <message>
        <source>Sent back because: %1</source>
        <translation>退回理由：%1</translation>
    </message>
    <message>
        <source>Begun with the answers of the offices below, accepted: edit it as needed.</source>
        <translation>已先填入下级机构经审核通过的反馈，可按需修改。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Not answered or not reviewed yet below: %1. Their answers are not in this one; wait for them, or answer now and say so.</source>
        <translation>下级尚未反馈或尚未审核：%1。这次反馈不含它们的办理情况；可等它们反馈后再报，或现在反馈并注明。</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Send the answer back</source>
        <translation>退回反馈</translation>
    </message>
    <message>
        <source>Why %1 should work it again:</source>
        <translation>退回%1重新办理的理由：</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Withdraw the assignment “%1” sent to %2? It is then closed here and, after the next sync, at %2 too; the timeline keeps who withdrew it, when and why.
Why it is withdrawn:</source>
        <translation>撤回交给%2的交办“%1”？撤回后本机构不再跟踪，下次同步后%2那里也显示已撤回；办理过程会记下撤回人、时间和理由。
撤回理由：</translation>
    </message>
    <message>
        <source>%1 handed parts of it down, still open at %2: after the next sync %1 is asked to withdraw them too.</source>
        <translation>%1已将其中部分转交下级，%2仍在办理：下次同步后%1会被提示一并撤回。</translation>
    </message>
    <message>
        <source>Withdraw the assignment</source>
        <translation>撤回交办</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
</context>
</TS>
