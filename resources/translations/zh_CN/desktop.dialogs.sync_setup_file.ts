<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MakeSetupFileDialog</name>
    <message>
        <source>Setup file for a new office</source>
        <translation>新机构的安装文件</translation>
    </message>
    <message>
        <source>Make a setup file for a new office</source>
        <translation>为新机构制作安装文件</translation>
    </message>
    <message>
        <source>For</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Write to</source>
        <translation>写到</translation>
    </message>
    <message>
        <source>Make the setup file</source>
        <translation>制作安装文件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A setup file installs Liaison Desk for an office directly below this one: it carries that office&apos;s identity, this office&apos;s key and the data it needs. It is encrypted with a passcode, which you tell the other office by phone. The file and its passcode work more than once: keep both safe, and delete the file once the office is set up. A second computer set up with them is shown to you here before anything from it is accepted.</source>
        <translation>安装文件用于为本机构的直接下级安装本软件：其中有该机构的身份、本机构的密钥和它需要的数据。文件用口令加密，口令请通过电话告诉对方。安装文件和口令可以重复使用：请妥善保管二者，对方安装完成后删除该文件。用它们安装的第二台电脑会在本机显示，经您确认前不接受其任何数据。</translation>
    </message>
    <message>
        <source>Passcode — tell it by phone; never write it on the stick or send it with the file:</source>
        <translation>口令——请通过电话告诉对方，不要写在U盘上，也不要和文件一起发送：</translation>
    </message>
    <message>
        <source>This office&apos;s fingerprint — on the same call, the new office compares it with the one its setup shows:</source>
        <translation>本机构的指纹——在同一通电话中，请新机构与其设置完成后显示的指纹核对：</translation>
    </message>
    <message>
        <source>Then the new office sends its first package. When it arrives here, compare its fingerprint with them by phone and confirm it on the Offices and keys tab.</source>
        <translation>之后新机构会发来第一个同步包。收到后，请与对方电话核对它的指纹，并在“机构与密钥”页确认。</translation>
    </message>
    <message>
        <source>The setup file for %1 was written</source>
        <translation>已写入%1的安装文件</translation>
    </message>
    <message>
        <source>There is no office directly below this one yet.</source>
        <translation>本机构还没有直接下级机构。</translation>
    </message>
    <message>
        <source>Choose where to write the setup file (a USB stick or a folder).</source>
        <translation>请选择安装文件写到哪里（U盘或文件夹）。</translation>
    </message>
    <message>
        <source>The folder is not there any more: was the USB stick removed? Insert it, choose it again and retry.</source>
        <translation>文件夹已不存在：U盘是否已拔出？请插好U盘，重新选择后再试。</translation>
    </message>
    <message>
        <source>Writing the setup file…</source>
        <translation>正在写入安装文件…</translation>
    </message>
</context>
</TS>
