<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Enum</name>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Standing committee member</source>
        <translation>常委</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在任</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已离任</translation>
    </message>
    <message>
        <source>National</source>
        <translation>全国</translation>
    </message>
    <message>
        <source>Provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>Municipal</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>District/county</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>Township/subdistrict</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <source>Convener</source>
        <translation>召集人</translation>
    </message>
    <message>
        <source>Deputy convener</source>
        <translation>副召集人</translation>
    </message>
    <message>
        <source>Group member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已召开</translation>
    </message>
    <message>
        <source>Minutes draft</source>
        <translation>纪要草稿</translation>
    </message>
    <message>
        <source>Minutes final</source>
        <translation>纪要定稿</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Attending (guest)</source>
        <translation>列席</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>已收集</translation>
    </message>
    <message>
        <source>Drafted</source>
        <translation>已成稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已报送</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>已采用</translation>
    </message>
    <message>
        <source>Not adopted</source>
        <translation>未采用</translation>
    </message>
    <message>
        <source>Instructed by leaders</source>
        <translation>已批示</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待交办</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已交办</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Evaluated</source>
        <translation>已评价</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新办理</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>不满意</translation>
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
        <source>Meeting consensus</source>
        <translation>会议共识</translation>
    </message>
    <message>
        <source>Public-opinion report</source>
        <translation>社情民意信息</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Sign-in sheet</source>
        <translation>签到表</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Signed minutes</source>
        <translation>签字纪要</translation>
    </message>
    <message>
        <source>State not recognised: %1</source>
        <translation>状态无法识别：%1</translation>
    </message>
    <message>
        <source>Not recognised: %1</source>
        <translation>无法识别：%1</translation>
    </message>
    <message>
        <source>not recognised (%1)</source>
        <translation>无法识别（%1）</translation>
    </message>
</context>
</TS>
