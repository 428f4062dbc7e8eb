<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ForgetKeyDialog</name>
    <message>
        <source>Remove a relayed key</source>
        <translation>移除转告的密钥</translation>
    </message>
    <message>
        <source>Remove a key of %1 learned from another office</source>
        <translation>移除经其他机构转告得知的“%1”的密钥</translation>
    </message>
    <message>
        <source>This office learned the key of this computer from the office that passed its changes on, not from a phone call. Do this only when a phone call with the office showed that the key is not its own (its new changes are refused here as not signed with the computer&apos;s key, or it set up no such computer).</source>
        <translation>本机的这把密钥是由转交该机构修改的机构转告得知的，并未电话核对过。只有在与该机构通电话、确认这不是它自己的密钥时才这样做（例如它的新修改在本机因“不是用该电脑的密钥签名”被拒绝，或它并没有装过这台电脑）。</translation>
    </message>
    <message>
        <source>Afterwards the next key of this office is taken only once you confirmed its fingerprint by phone here; its changes are held back until then. Records already received stay as they are.</source>
        <translation>移除后，该机构的下一个密钥须在本机电话核对指纹后才认，在此之前它的修改暂缓导入。已收到的记录保持不变。</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>from the setup file</source>
        <translation>来自安装文件</translation>
    </message>
    <message>
        <source>learned from %1</source>
        <translation>经 %1 转告</translation>
    </message>
    <message>
        <source>Computer %1 · key %2 · %3 · %4</source>
        <translation>电脑 %1 · 密钥 %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Remove the key</source>
        <translation>移除密钥</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
