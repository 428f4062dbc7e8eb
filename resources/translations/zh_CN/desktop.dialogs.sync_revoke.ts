<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RevokeKeyDialog</name>
    <message>
        <source>Revoke a key</source>
        <translation>停用密钥</translation>
    </message>
    <message>
        <source>Revoke the key of %1</source>
        <translation>停用%1的密钥</translation>
    </message>
    <message>
        <source>Do this when a computer of that office was lost, stolen or replaced. From now on packages signed with this key are refused and nothing is encrypted to it. This cannot be undone: the office sets up its new computer from a new setup file, and you confirm the new key by phone.</source>
        <translation>当该机构的电脑丢失、被盗或更换时停用其密钥。停用后，用此密钥签名的同步包一律拒绝，也不再为它加密。此操作不可撤销：该机构用新的初始化文件安装新电脑，再由您电话核对新指纹。</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>停用原因</translation>
    </message>
    <message>
        <source>e.g. computer lost on 2026-11-20</source>
        <translation>如：2026-11-20 电脑丢失</translation>
    </message>
    <message>
        <source>Revoke the key</source>
        <translation>停用密钥</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Write down why the key is revoked.</source>
        <translation>请填写停用原因。</translation>
    </message>
</context>
</TS>
