<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SetupFromFileButton</name>
    <message>
        <source>Set up from a setup file…</source>
        <translation>用安装文件设置…</translation>
    </message>
    <message>
        <source>For a district or township office: use the setup file and passcode your parent office gave</source>
        <translation>区县或乡镇（街道）机构使用：用上级机构提供的安装文件和口令设置本机</translation>
    </message>
</context>
<context>
    <name>SetupFromFileDialog</name>
    <message>
        <source>Set up from a setup file</source>
        <translation>用安装文件设置</translation>
    </message>
    <message>
        <source>Set up this office from the setup file of your parent office</source>
        <translation>用上级机构的安装文件设置本机构</translation>
    </message>
    <message>
        <source>Your parent office (the district, or the city for a district) made a setup file for your office and told you its passcode by phone. Choose the file (on the USB stick) and type the passcode.</source>
        <translation>上级机构（乡镇的上级是区县，区县的上级是市）已为本机构制作了安装文件，并通过电话告知了口令。请选择该文件（在U盘上），并输入口令。</translation>
    </message>
    <message>
        <source>Setup file</source>
        <translation>安装文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Passcode</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Start using Liaison Desk</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Your parent office&apos;s fingerprint — compare it with them by phone; it must match the one their screen shows:</source>
        <translation>上级机构的指纹——请与对方电话核对，必须与对方屏幕上显示的完全一致：</translation>
    </message>
    <message>
        <source>This office&apos;s fingerprint — your parent office confirms it when your first package arrives:</source>
        <translation>本机构的指纹——上级机构收到本机第一个同步包时会与您核对：</translation>
    </message>
    <message>
        <source>Next: on the Sync page, write your first package for your parent office and carry it there. If the fingerprints do not match, do not use this installation and call your parent office.</source>
        <translation>下一步：在“同步”页为上级机构写入第一个同步包，并带给上级机构。如果指纹不一致，请不要使用本机，并联系上级机构。</translation>
    </message>
    <message>
        <source>Set up as %1（%2）</source>
        <translation>已设置为%1（%2）</translation>
    </message>
    <message>
        <source>Setup files (*.ldsetup)</source>
        <translation>安装文件 (*.ldsetup)</translation>
    </message>
    <message>
        <source>Choose the setup file first.</source>
        <translation>请先选择安装文件。</translation>
    </message>
    <message>
        <source>The passcode has 20 digits (spaces do not matter).</source>
        <translation>口令是 20 位数字（空格不影响）。</translation>
    </message>
    <message>
        <source>Setting up…</source>
        <translation>正在设置…</translation>
    </message>
    <message>
        <source>The data folder %1 cannot be written (a write-protected USB stick, a disc, or no permission). Cancel, choose another data folder and set up again.</source>
        <translation>数据文件夹“%1”不能写入（写保护的U盘、光盘或没有写入权限）。请按“取消”，选择其他数据文件夹后再设置。</translation>
    </message>
    <message>
        <source>The setup file is not there: was the USB stick removed? Insert it and choose the file again.</source>
        <translation>找不到安装文件：U盘是否已拔出？请插好U盘，重新选择安装文件。</translation>
    </message>
    <message>
        <source>The passcode is wrong, or the setup file is damaged. Check the 20 digits with your parent office by phone and type them again.</source>
        <translation>口令不正确，或安装文件已损坏。请打电话与上级机构逐位核对 20 位口令，再重新输入。</translation>
    </message>
    <message>
        <source>This file is damaged or is not a setup file. Copy the setup file from your parent office again (or ask it to make a new one) and choose it.</source>
        <translation>此文件已损坏或不是安装文件。请重新从上级机构拷贝安装文件（或请上级机构重新制作），再选择它。</translation>
    </message>
</context>
</TS>
