<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddMemberDialog</name>
    <message>
        <source>Add a member to the group</source>
        <translation>添加联络组成员</translation>
    </message>
    <message>
        <source>Type part of the name, or its pinyin</source>
        <translation>输入姓名中的字或拼音查找</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>GroupDetail</name>
    <message>
        <source>Station</source>
        <translation>联络站</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Convener</source>
        <translation>召集人</translation>
    </message>
    <message>
        <source>Staff contact</source>
        <translation>联络员</translation>
    </message>
    <message>
        <source>Founded on</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>工作记录</translation>
    </message>
    <message>
        <source>Edit group…</source>
        <translation>编辑联络组…</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>界别</translation>
    </message>
    <message>
        <source>Work unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>加入日期</translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation>添加成员…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>调整角色…</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>移出本组</translation>
    </message>
    <message>
        <source>No group selected</source>
        <translation>未选择联络组</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（未设）</translation>
    </message>
    <message>
        <source>%1 meetings, %2 visits, %3 reports, %4 follow-ups</source>
        <translation>会议 %1 次，走访接待 %2 次，社情民意 %3 篇，督办事项 %4 件</translation>
    </message>
    <message>
        <source>Members (%1)</source>
        <translation>成员（%1 人）</translation>
    </message>
    <message>
        <source>Select a member in the list above first.</source>
        <translation>请先在上面的名单中选择一位委员。</translation>
    </message>
    <message>
        <source>Remove %1 from this group as of today? The member&apos;s past records stay.</source>
        <translation>从今天起将 %1 移出本联络组吗？该委员以往的记录都会保留。</translation>
    </message>
    <message>
        <source>Remove from the group</source>
        <translation>移出本组</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <source>Liaison groups</source>
        <translation>联络组</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新建联络组</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>删除联络组</translation>
    </message>
    <message>
        <source>Delete the group “%1”? Only a group without any records can be deleted.</source>
        <translation>删除联络组“%1”吗？只有没有任何工作记录的联络组才能删除。</translation>
    </message>
    <message>
        <source>Delete the group</source>
        <translation>删除联络组</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of %1</source>
        <translation>%1 的角色</translation>
    </message>
</context>
</TS>
