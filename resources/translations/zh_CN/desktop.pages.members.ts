<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MemberDetail</name>
    <message>
        <source>Personal</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>党派</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>界别</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Work unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>委员层级</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>所在联络组</translation>
    </message>
    <message>
        <source>Expertise</source>
        <translation>专长</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Score details…</source>
        <translation>积分明细…</translation>
    </message>
    <message>
        <source>Took part in</source>
        <translation>履职记录</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访接待</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>%1: in no liaison group of this office, no duty records here: not scored here</source>
        <translation>%1 年：不在本机构的联络组，本机构也没有其履职记录，不在此评分</translation>
    </message>
    <message>
        <source>No member selected</source>
        <translation>未选择委员</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>恢复在任</translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation>离任…</translation>
    </message>
    <message>
        <source>Mark the member as retired from the roster: they leave every group; their record of duties is kept</source>
        <translation>委员离任：不再属于任何联络组，履职记录全部保留</translation>
    </message>
    <message>
        <source>View…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>至 %1</translation>
    </message>
    <message>
        <source>Formerly in %1</source>
        <translation>曾在 %1</translation>
    </message>
    <message>
        <source>Meetings %1 (attended %2), visits %3, reports %4, follow-ups %5</source>
        <translation>会议 %1 次（出席 %2 次），走访接待 %3 次，社情民意 %4 篇，督办事项 %5 件</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访接待</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>, spoke %1×</source>
        <translation>，发言 %1 次</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Members</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>新建委员</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>在任</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已离任</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从Excel导入…</translation>
    </message>
    <message>
        <source>Add or update members from the roster&apos;s Excel workbook</source>
        <translation>从委员名册的 Excel 工作簿新增或更新委员</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部联络组</translation>
    </message>
    <message>
        <source>Reinstate member</source>
        <translation>恢复在任</translation>
    </message>
    <message>
        <source>Reinstate %1 as serving? The member is listed under Serving again; the groups they left are not rejoined (add them to a group on the Liaison groups page).</source>
        <translation>确定将%1恢复在任吗？该委员将重新列入“在任”；已离开的联络组不会自动恢复（如需加入，请在“联络组”页添加）。</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>恢复在任</translation>
    </message>
</context>
</TS>
