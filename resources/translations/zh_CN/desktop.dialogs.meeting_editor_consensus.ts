<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConsensusWidget</name>
    <message>
        <source>Consensus reached (协商共识)</source>
        <translation>协商共识</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>所属议题</translation>
    </message>
    <message>
        <source>Consensus</source>
        <translation>共识内容</translation>
    </message>
    <message>
        <source>Add consensus</source>
        <translation>添加共识</translation>
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
        <source>Make follow-up…</source>
        <translation>生成督办事项…</translation>
    </message>
    <message>
        <source>Create a follow-up (督办事项) from the selected consensus</source>
        <translation>由选中的协商共识生成督办事项</translation>
    </message>
    <message>
        <source>(the meeting as a whole)</source>
        <translation>（整次会议）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Consensus %1 is empty.</source>
        <translation>第 %1 条共识为空。</translation>
    </message>
    <message>
        <source>Consensus %1: %2</source>
        <translation>第 %1 条共识：%2</translation>
    </message>
</context>
<context>
    <name>FollowUpFromConsensusDialog</name>
    <message>
        <source>Already made from this consensus: %1. Go on only for a further, separate item.</source>
        <translation>这条共识已生成过督办事项：%1。只有另立一项时才需继续。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Follow-up item</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Co-units</source>
        <translation>协办单位</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Create follow-up</source>
        <translation>生成督办事项</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Make a follow-up from the consensus</source>
        <translation>由协商共识生成督办事项</translation>
    </message>
    <message>
        <source>Please write what is to be followed up.</source>
        <translation>请填写督办事项。</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <source>Follow-up</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>主办单位</translation>
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
        <source>%1 (overdue)</source>
        <translation>%1（逾期）</translation>
    </message>
</context>
</TS>
