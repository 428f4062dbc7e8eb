<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Confirm</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>RecordDetail</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <source>%1 records are kept by the office their liaison group belongs to, and this office has no liaison group of its own: those of the offices below can be read here, and given replies, instructions and supervision notes. To record your own, first add a group on the Liaison groups page.</source>
        <translation>%1记录由其联络组所在的机构填写，本机构没有自己的联络组：下级机构的%1记录在这里可以查看，并填写答复、批示和督办意见。如要记录本机构自己的，请先在“联络组”页新建联络组。</translation>
    </message>
</context>
</TS>
