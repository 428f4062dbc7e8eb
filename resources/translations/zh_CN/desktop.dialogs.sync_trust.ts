<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConfirmKeyDialog</name>
    <message>
        <source>Confirm an office&apos;s key</source>
        <translation>确认机构的密钥</translation>
    </message>
    <message>
        <source>The key of %1</source>
        <translation>%1的密钥</translation>
    </message>
    <message>
        <source>Phone this office and ask them to read the fingerprint shown at the top of their Sync page. Compare it with the digits below, group by group. Confirm only if every digit matches: from then on, packages signed with this key are accepted as coming from that office.</source>
        <translation>请打电话给该机构，请对方念出其“同步”页顶部显示的指纹，与下面的数字逐组核对。只有每一位都一致时才确认：确认后，用这个密钥签名的同步包会被认作来自该机构。</translation>
    </message>
    <message>
        <source>This office already has a confirmed key. A new key means it set up Liaison Desk again — or that someone is pretending to be it. Ask on the phone before you confirm.</source>
        <translation>该机构已有一个确认过的密钥。出现新密钥说明它重新安装了软件——也可能是有人冒充。确认前请在电话中问清楚。</translation>
    </message>
    <message>
        <source>Arrived %1 with the package %2</source>
        <translation>%1 随同步包 %2 收到</translation>
    </message>
    <message>
        <source>The digits match — confirm</source>
        <translation>数字一致，确认</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不确认</translation>
    </message>
</context>
</TS>
