<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AttendanceWidget</name>
    <message>
        <source>Mark the others present</source>
        <translation>其余标记为出席</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Reason for leave</source>
        <translation>请假事由</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>e.g. away on official business</source>
        <translation>如：因公出差</translation>
    </message>
    <message>
        <source>Due %1 · present %2 · on leave %3 · absent %4 · not recorded %5</source>
        <translation>应到 %1 · 出席 %2 · 请假 %3 · 缺席 %4 · 未记录 %5</translation>
    </message>
    <message>
        <source>The attendance of %1 is not recognised (%2): the record was changed outside this program. Mark them present, on leave or absent.</source>
        <translation>%1的出席情况无法识别（%2）：记录已在本程序之外被改动。请重新勾选出席、请假或缺席。</translation>
    </message>
    <message>
        <source>Please give the reason for %1&apos;s leave.</source>
        <translation>请填写%1的请假事由。</translation>
    </message>
</context>
<context>
    <name>GuestsWidget</name>
    <message>
        <source>Choose a guest in the list first.</source>
        <translation>请先在列表中选择一位列席人员。</translation>
    </message>
    <message>
        <source>Guests attending (residents, department staff, experts)</source>
        <translation>列席人员（群众代表、部门工作人员、专家）</translation>
    </message>
    <message>
        <source>Add guest</source>
        <translation>添加列席人员</translation>
    </message>
    <message>
        <source>Remove guest</source>
        <translation>删除列席人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Guest %1 has no name.</source>
        <translation>第 %1 位列席人员没有填写姓名。</translation>
    </message>
    <message>
        <source>The unit of guest %1 is too long (at most 200 characters).</source>
        <translation>第 %1 位列席人员的单位太长（最多 200 字）。</translation>
    </message>
    <message>
        <source>Guests %1 and %2 have the same name and unit: remove the one entered twice (two different people: tell them apart in the name).</source>
        <translation>第 %1 位和第 %2 位列席人员姓名、单位相同：请删除重复录入的一位（确为同名的两人，请在姓名中加以区分）。</translation>
    </message>
</context>
</TS>
