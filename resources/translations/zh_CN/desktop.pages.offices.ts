<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>OfficesTab</name>
    <message>
        <source>Keys waiting for your confirmation</source>
        <translation>待确认的密钥</translation>
    </message>
    <message>
        <source>A new office&apos;s first package brings its key. Phone that office, compare the fingerprint digit by digit, and confirm it; then receive its package again.</source>
        <translation>新机构的第一个同步包带来它的密钥。请打电话给该机构，逐位核对指纹并确认，然后重新接收它的同步包。</translation>
    </message>
    <message>
        <source>Confirm the key…</source>
        <translation>确认密钥…</translation>
    </message>
    <message>
        <source>Search by name or code</source>
        <translation>按名称或代码查找</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>Register an office…</source>
        <translation>登记机构…</translation>
    </message>
    <message>
        <source>Make a setup file…</source>
        <translation>制作安装文件…</translation>
    </message>
    <message>
        <source>For a new installation of an office directly below this one</source>
        <translation>为本机构的直接下级安装本软件</translation>
    </message>
    <message>
        <source>Revoke its key…</source>
        <translation>停用密钥…</translation>
    </message>
    <message>
        <source>When a computer of the selected office was lost, stolen or replaced</source>
        <translation>所选机构的电脑丢失、被盗或更换时使用</translation>
    </message>
    <message>
        <source>revoke a key</source>
        <translation>停用密钥</translation>
    </message>
    <message>
        <source>confirm a key</source>
        <translation>确认密钥</translation>
    </message>
    <message>
        <source>%1 offices</source>
        <translation>共 %1 个机构</translation>
    </message>
    <message>
        <source>%1 of %2 offices</source>
        <translation>%2 个机构中的 %1 个</translation>
    </message>
</context>
</TS>
