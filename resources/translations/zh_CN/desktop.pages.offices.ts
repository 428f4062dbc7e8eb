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
        <source>A new office&apos;s first package brings its key, and so does a computer whose changes another office passes on (they are held until then). Phone that office, compare the fingerprint digit by digit, and confirm it; then receive its package again.</source>
        <translation>新机构的第一个同步包会带来它的密钥；其他机构转来修改的电脑也会带来密钥（确认前它的修改暂缓导入）。请打电话给该机构，逐位核对指纹并确认，然后重新接收它的同步包。</translation>
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
        <source>Rename…</source>
        <translation>改名…</translation>
    </message>
    <message>
        <source>The selected office in the register:</source>
        <translation>对机构列表中选中的机构：</translation>
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
        <source>Remove a relayed key…</source>
        <translation>移除转告的密钥…</translation>
    </message>
    <message>
        <source>When a phone call shows that a key of the selected office, learned from the office that passed its changes on, is not its own</source>
        <translation>电话核对后发现所选机构经转告得知的密钥不是它自己的时使用</translation>
    </message>
    <message>
        <source>Take the key of a computer that a district passes on only once it is confirmed here by phone (advised for the city)</source>
        <translation>下级转来的新电脑，须本机电话核对密钥后才导入其修改（建议市政协开启）</translation>
    </message>
    <message>
        <source>Otherwise the first key of an office this office never heard from is taken on the word of the office that passes its changes on. When on, its changes wait until you confirm its fingerprint by phone; keys taken before stay.</source>
        <translation>不开启时，本机从未联系过的机构的第一个密钥，按转交其修改的机构的话接受。开启后，它的修改要等您电话核对指纹后才导入；此前已接受的密钥不变。</translation>
    </message>
    <message>
        <source>revoke a key</source>
        <translation>停用密钥</translation>
    </message>
    <message>
        <source>remove a key</source>
        <translation>移除密钥</translation>
    </message>
    <message>
        <source>confirm a key</source>
        <translation>确认密钥</translation>
    </message>
    <message>
        <source>change how relayed keys are taken</source>
        <translation>更改转来密钥的核对方式</translation>
    </message>
    <message>
        <source>Take back into use…</source>
        <translation>重新启用…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>An office with records is deactivated, not deleted: its records stay, and it is no longer offered to hand work to</source>
        <translation>已有记录的机构只停用、不删除：记录保留，不再作为交办对象</translation>
    </message>
    <message>
        <source>%1 offices</source>
        <translation>共 %1 个机构</translation>
    </message>
    <message>
        <source>%1 of %2 offices</source>
        <translation>%2 个机构中的 %1 个</translation>
    </message>
    <message>
        <source>Stop confirming relayed keys</source>
        <translation>不再电话核对转来的密钥</translation>
    </message>
    <message>
        <source>From now on, the key of a new computer that an office below passes on is taken on that office&apos;s word, without a phone call here; a district could then pass off a key of its own for a township this office has not heard from. Turn this off?</source>
        <translation>关闭后，下级机构转来的新电脑的密钥将按该机构的说法接受，本机不再电话核对；区县就有可能把自己的密钥冒充为本机尚未核对过的乡镇（街道）的密钥。确定关闭吗？</translation>
    </message>
    <message>
        <source>Turn it off</source>
        <translation>关闭核对</translation>
    </message>
    <message>
        <source>Take an office back into use</source>
        <translation>重新启用机构</translation>
    </message>
    <message>
        <source>Take %1 back into use? It is offered again to hand work to and for setup files.</source>
        <translation>重新启用%1？启用后可再向其交办、为其制作安装文件。</translation>
    </message>
    <message>
        <source>Take back into use</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>%1 still has %2 offices below it in use: remove or deactivate them first.</source>
        <translation>%1下还有 %2 个在用的下级机构：请先移除或停用它们。</translation>
    </message>
    <message>
        <source>Remove an office</source>
        <translation>移除机构</translation>
    </message>
    <message>
        <source>%1 may have records, a computer or a place in packages already sent, so it is deactivated, not deleted: its records stay and its late packages are still received, but it is no longer offered to hand work to, to register offices under, or for setup files. Every office learns it with the next packages. Deactivate %1?</source>
        <translation>%1可能已有记录、已装机或已随同步包发出，因此只停用，不是删除：其记录保留，之后送来的同步包照常接收，但不再作为交办对象，不能在其下登记机构，也不能为其制作安装文件。各机构随下次同步包得知。停用%1？</translation>
    </message>
    <message>
        <source>%1 has no records, no computer and has not been sent to any office yet: it is deleted from the register (a registration made by mistake). Delete %1?</source>
        <translation>%1没有任何记录、没有装机，也还没有发给任何机构：将从机构列表中删除（误登记）。删除%1？</translation>
    </message>
    <message>
        <source>Remove the office</source>
        <translation>移除机构</translation>
    </message>
</context>
</TS>
