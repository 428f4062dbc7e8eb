<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>This installation&apos;s fingerprint:</source>
        <translation>本机指纹：</translation>
    </message>
    <message>
        <source>This installation is not set up for an office yet. A district or township office sets it up from the setup file and passcode its parent office gave.</source>
        <translation>本机还没有设置所属机构。区县或乡镇（街道）机构请用上级机构提供的安装文件和口令设置。</translation>
    </message>
    <message>
        <source>Set up from a setup file…</source>
        <translation>用安装文件设置…</translation>
    </message>
    <message>
        <source>Send: write packages to a USB stick or folder</source>
        <translation>发送：把同步包写到U盘或文件夹</translation>
    </message>
    <message>
        <source>For</source>
        <translation>发给</translation>
    </message>
    <message>
        <source>Write to</source>
        <translation>写到</translation>
    </message>
    <message>
        <source>Each package holds everything that office has not yet confirmed receiving, encrypted for it alone. One file per office.</source>
        <translation>每个同步包包含对方尚未确认收到的全部内容，只有对方能解密。每个机构一个文件。</translation>
    </message>
    <message>
        <source>Write the package(s)</source>
        <translation>写入同步包</translation>
    </message>
    <message>
        <source>Receive: import the packages for this office</source>
        <translation>接收：导入发给本机构的同步包</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Receive and import</source>
        <translation>接收并导入</translation>
    </message>
    <message>
        <source>Offices this office exchanges packages with</source>
        <translation>与本机构交换同步包的机构</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Send and receive</source>
        <translation>发送与接收</translation>
    </message>
    <message>
        <source>Offices and keys</source>
        <translation>机构与密钥</translation>
    </message>
    <message>
        <source>History</source>
        <translation>同步记录</translation>
    </message>
    <message>
        <source>The report of the next sending or receiving appears here.</source>
        <translation>发送或接收后，结果会显示在这里。</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>冲突（%1）</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>All offices with a confirmed key (%1)</source>
        <translation>所有已确认密钥的机构（%1 个）</translation>
    </message>
    <message>
        <source>parent office</source>
        <translation>上级机构</translation>
    </message>
    <message>
        <source>office below</source>
        <translation>下级机构</translation>
    </message>
    <message>
        <source> (key revoked: waiting for its new computer&apos;s key)</source>
        <translation>（密钥已停用：等待其新电脑的密钥）</translation>
    </message>
    <message>
        <source> (key not confirmed yet)</source>
        <translation>（密钥尚未确认）</translation>
    </message>
    <message>
        <source>Choose the USB stick or folder the packages are on.</source>
        <translation>请选择同步包所在的U盘或文件夹。</translation>
    </message>
    <message>
        <source>%1 is not there any more: was the USB stick removed? Insert it and choose it again.</source>
        <translation>找不到“%1”：U盘是否已拔出？请插好U盘，重新选择。</translation>
    </message>
    <message>
        <source>One file: %1</source>
        <translation>一个文件：%1</translation>
    </message>
    <message>
        <source>%1 package(s) for this office</source>
        <translation>%1 个发给本机构的同步包</translation>
    </message>
    <message>
        <source>; %1 for other offices (left alone)</source>
        <translation>；%1 个发给其他机构（不处理）</translation>
    </message>
    <message>
        <source>; %1 file(s) that cannot be read as a package</source>
        <translation>；另有 %1 个文件无法作为同步包读取</translation>
    </message>
    <message>
        <source>Choose where to write: a USB stick or a folder.</source>
        <translation>请选择写到哪里：U盘或文件夹。</translation>
    </message>
    <message>
        <source>No office has a confirmed key yet: receive its first package and confirm its fingerprint on the Offices and keys tab.</source>
        <translation>还没有确认任何机构的密钥：请先接收对方的第一个同步包，再在“机构与密钥”页确认指纹。</translation>
    </message>
    <message>
        <source>Writing the package for %1…</source>
        <translation>正在写入发给%1的同步包…</translation>
    </message>
    <message>
        <source>Writing packages…</source>
        <translation>正在写入同步包…</translation>
    </message>
    <message>
        <source>Checking and importing %1…</source>
        <translation>正在校验并导入 %1…</translation>
    </message>
    <message>
        <source>Receiving packages…</source>
        <translation>正在接收同步包…</translation>
    </message>
    <message>
        <source>The key is confirmed. Receive the package again to import it.</source>
        <translation>密钥已确认。请重新接收该同步包以导入。</translation>
    </message>
    <message>
        <source>Receive again</source>
        <translation>重新接收</translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source> (deactivated)</source>
        <translation>（已停用）</translation>
    </message>
</context>
</TS>
