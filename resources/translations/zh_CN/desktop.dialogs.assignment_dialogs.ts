<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>EditAssignmentDialog</name>
    <message>
        <source>Change the assignment</source>
        <translation>修改交办内容</translation>
    </message>
    <message>
        <source>Sent to %1</source>
        <translation>交办给：%1</translation>
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
        <source>Due by</source>
        <translation>限期</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Write a title.</source>
        <translation>请填写标题。</translation>
    </message>
    <message>
        <source>%1 has handed parts of this down that are due after %2:
%3

Those parts are %1&apos;s to change, not this office&apos;s: after the next exchange %1 sees the new date, with those parts marked, and brings them forward.

Change the due date to %2 anyway?</source>
        <translation>%1已将这项交办的部分内容转交下级，以下部分的办理时限晚于 %2：
%3

这些部分由%1修改，本机构不能修改：下次同步后，%1会看到新的时限，这些部分会被标出，由%1提前。

仍将办理时限改为 %2 吗？</translation>
    </message>
    <message>
        <source>Parts due later than the new date</source>
        <translation>部分转交的时限晚于新时限</translation>
    </message>
    <message>
        <source>Change the date</source>
        <translation>仍然修改时限</translation>
    </message>
</context>
<context>
    <name>FileList</name>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Select a file in the list first.</source>
        <translation>请先在列表中选择一个文件。</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
</context>
<context>
    <name>LinkRecordDialog</name>
    <message>
        <source>Link a record</source>
        <translation>关联工作记录</translation>
    </message>
    <message>
        <source>The work this office did for it (its own follow-ups, visits, meetings, reports):</source>
        <translation>本机构为此开展的工作（本机构的督办事项、走访接待、会议、社情民意）：</translation>
    </message>
    <message>
        <source>Search: a word of the title, the kind or the date</source>
        <translation>搜索：标题中的词、类别（会议、督办事项…）或日期</translation>
    </message>
    <message>
        <source>No record matches: try fewer or other words.</source>
        <translation>没有符合的记录：请减少或换用其他词语。</translation>
    </message>
    <message>
        <source>This office has no follow-ups, visits, meetings or reports of its own yet: record the work first, then link it here.</source>
        <translation>本机构还没有自己的督办事项、走访接待、会议或社情民意：请先登记开展的工作，再在这里关联。</translation>
    </message>
    <message>
        <source>Choose a record.</source>
        <translation>请选择一条记录。</translation>
    </message>
</context>
<context>
    <name>NewAssignmentDialog</name>
    <message>
        <source>Hand a part down</source>
        <translation>转交下级</translation>
    </message>
    <message>
        <source>New assignment</source>
        <translation>新建交办</translation>
    </message>
    <message>
        <source>Handing down a part of “%1” from %2</source>
        <translation>转交%2交办的“%1”</translation>
    </message>
    <message>
        <source>This office has no offices below it.</source>
        <translation>本机构没有下级机构。</translation>
    </message>
    <message>
        <source>All %1 offices below</source>
        <translation>全部 %1 个下级机构</translation>
    </message>
    <message>
        <source>To</source>
        <translation>交办给</translation>
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
        <source>The leader&apos;s instruction, or where it came from</source>
        <translation>领导批示原文，或来源说明</translation>
    </message>
    <message>
        <source>Instruction / source</source>
        <translation>批示 / 来源说明</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>限期</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Choose at least one office to send it to.</source>
        <translation>请至少选择一个接收机构。</translation>
    </message>
    <message>
        <source>Write a title.</source>
        <translation>请填写标题。</translation>
    </message>
</context>
<context>
    <name>WithdrawPartsDialog</name>
    <message>
        <source>%1 accepted the answer to “%2”: it is done. These %3 parts this office handed down are still open below: withdraw them all, so that the offices below are no longer asked for them (each is told with its next package), or keep them open if their work goes on:</source>
        <translation>%1已审核通过“%2”的反馈，该交办已办结。本机构转交下级的以下 %3 项仍在办理：可全部撤回，下级不再被要求办理（各机构在下次同步时得知）；如需下级继续办理，请选择保留：</translation>
    </message>
    <message>
        <source>%1 withdrew “%2”. These %3 parts this office handed down are still open below; withdraw them all, so that the offices below are no longer asked for them (each is told with its next package):</source>
        <translation>%1已撤回“%2”。本机构转交下级的以下 %3 项仍在办理，请一并撤回，下级机构就不再需要办理（下次同步时告知各机构）：</translation>
    </message>
    <message>
        <source>Withdraw the parts handed down</source>
        <translation>撤回转交下级的交办</translation>
    </message>
    <message>
        <source>Keep them open</source>
        <translation>保留，继续办理</translation>
    </message>
    <message>
        <source>Their work goes on below; this office is no longer asked to withdraw them (the timeline says so)</source>
        <translation>下级继续办理，本机构不再被提示撤回（办理过程中留有记录）</translation>
    </message>
    <message>
        <source>Reason given to them:</source>
        <translation>告知下级的撤回理由：</translation>
    </message>
    <message>
        <source>Withdraw all</source>
        <translation>全部撤回</translation>
    </message>
</context>
</TS>
