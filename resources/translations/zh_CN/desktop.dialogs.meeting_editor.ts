<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MeetingEditor</name>
    <message>
        <source>No liaison group yet: first add one on the Liaison groups page</source>
        <translation>本机构还没有联络组：请先在“联络组”页新建</translation>
    </message>
    <message>
        <source>Basics</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出席情况</translation>
    </message>
    <message>
        <source>Agenda and speeches</source>
        <translation>议题与发言</translation>
    </message>
    <message>
        <source>Consensus and follow-ups</source>
        <translation>协商共识与督办</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <source>Mark as held</source>
        <translation>标记为已召开</translation>
    </message>
    <message>
        <source>Draft the minutes</source>
        <translation>起草纪要</translation>
    </message>
    <message>
        <source>Finalize the minutes</source>
        <translation>纪要定稿</translation>
    </message>
    <message>
        <source>Back to planned</source>
        <translation>改回计划</translation>
    </message>
    <message>
        <source>Cancel the meeting</source>
        <translation>取消会议</translation>
    </message>
    <message>
        <source>Amend (new revision)</source>
        <translation>修订（生成新版本）</translation>
    </message>
    <message>
        <source>Follow-ups made from this meeting</source>
        <translation>由本次会议生成的督办事项</translation>
    </message>
    <message>
        <source>Meeting: %1</source>
        <translation>会议：%1</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建会议</translation>
    </message>
    <message>
        <source>Guest %1, %2, is a member of the group on the attendance sheet above: mark them there and remove the guest (a namesake: tell them apart in the name).</source>
        <translation>第 %1 位列席人员“%2”是本组委员，已在上方出席名单中：请在名单中标记，并删除这位列席人员（确为同名的另一人，请在姓名中加以区分）。</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>New meeting (not saved yet)</source>
        <translation>新会议（尚未保存）</translation>
    </message>
    <message>
        <source>finalize the minutes</source>
        <translation>定稿会议纪要</translation>
    </message>
    <message>
        <source>Back to held (minutes not drafted)</source>
        <translation>退回已召开（撤回纪要草稿）</translation>
    </message>
    <message>
        <source>This meeting&apos;s state is not recognised (%1): the record was changed outside this program. It is shown read-only; restore a backup or ask for support.</source>
        <translation>该会议的状态无法识别（%1）：记录已在本程序之外被改动。现只读显示；请恢复备份或联系技术支持。</translation>
    </message>
    <message>
        <source>These minutes are final and locked. To correct them, use “Amend”: a new revision is made and this one stays as it was.</source>
        <translation>本纪要已定稿并锁定。如需更正，请点击“修订”：将生成新版本，本版本保持不变。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Keep the meeting</source>
        <translation>不取消</translation>
    </message>
    <message>
        <source>These minutes were amended; a newer revision exists. This one stays as it was.</source>
        <translation>本纪要已修订，存在更新的版本；本版本保持原样。</translation>
    </message>
    <message>
        <source>These minutes are final and locked. Only the office that held the meeting can amend them.</source>
        <translation>本纪要已定稿并锁定，只有召开会议的机构可以修订。</translation>
    </message>
    <message>
        <source>Record who attended before finalizing the minutes.</source>
        <translation>定稿前请先在“出席”页记录出席情况。</translation>
    </message>
    <message>
        <source>Mark every member present, on leave or absent before finalizing: %1 not marked yet (%2). The minutes count as due only the members marked.</source>
        <translation>定稿前请把每位委员标记为出席、请假或缺席：还有 %1 人未标记（%2）。纪要的“应到”人数只计已标记的委员。</translation>
    </message>
    <message>
        <source>Once final, the minutes are locked: corrections make a new revision. Finalize now?</source>
        <translation>定稿后纪要将被锁定，更正需生成新版本。现在定稿吗？</translation>
    </message>
    <message>
        <source>Finalize</source>
        <translation>定稿</translation>
    </message>
    <message>
        <source>Mark this meeting as cancelled?</source>
        <translation>将这次会议标记为已取消？</translation>
    </message>
</context>
</TS>
