<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Liaison Desk</source>
        <translation>欢迎使用委员联络组工作台</translation>
    </message>
    <message>
        <source>Set up Liaison Desk</source>
        <translation>设置委员联络组工作台</translation>
    </message>
    <message>
        <source>Choose where the data is kept, then how to start. A district or township office uses the setup file its parent office gave; a computer set up again restores the office&apos;s backup. Everything stays on this computer; nothing is sent over a network.</source>
        <translation>请选择数据存放的位置和开始使用的方式。区县、乡镇（街道）联络办请使用上级政协提供的安装文件；重装或更换的电脑可从本单位的备份恢复。所有数据都保存在本机，不会通过网络发送。</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Open the demo data (a sample city office with one township&apos;s liaison group, to look around in)</source>
        <translation>打开演示数据（示例市政协，含一个街道的委员联络组，供熟悉软件）</translation>
    </message>
    <message>
        <source>It opens as the city&apos;s office (贵阳市政协), over made-up groups, members, meetings and visits of one township. You can set up your own office later; the demo is kept in a separate file.</source>
        <translation>以贵阳市政协（市级）的身份打开，数据是一个街道虚构的联络组、委员、会议和走访。以后可以再设置本单位；演示数据保存在单独的文件中。</translation>
    </message>
    <message>
        <source>Set up as the city office (with its districts and townships)</source>
        <translation>设置为市级政协（含所辖区县和乡镇街道）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Administrative code</source>
        <translation>行政区划代码</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>For a computer set up again, or one replacing a broken one: the office&apos;s data from a backup file (from Settings, or on a USB stick)</source>
        <translation>用于重装系统或替换损坏电脑：从备份文件（“设置”中所做的备份，或U盘上的备份）恢复本单位的数据</translation>
    </message>
    <message>
        <source>Backups go to %1</source>
        <translation>备份保存在 %1</translation>
    </message>
    <message>
        <source>This folder already holds the data of %1: Start opens it.</source>
        <translation>此文件夹中已有“%1”的数据：按“开始”将打开它。</translation>
    </message>
    <message>
        <source>Enter the office&apos;s name and its administrative code (digits).</source>
        <translation>请填写机构名称和行政区划代码（数字）。</translation>
    </message>
    <message>
        <source>Preparing the data…</source>
        <translation>正在准备数据…</translation>
    </message>
    <message>
        <source>The data folder %1 cannot be written (a write-protected USB stick, a disc, or no permission). Choose another data folder.</source>
        <translation>数据文件夹“%1”不能写入（写保护的U盘、光盘或没有写入权限）。请选择其他数据文件夹。</translation>
    </message>
    <message>
        <source>Could not prepare the data: %1</source>
        <translation>未能准备数据：%1</translation>
    </message>
    <message>
        <source>This folder already holds the data of %1: Start opens it (a backup can then be restored in Settings), or choose another data folder.</source>
        <translation>此文件夹中已有“%1”的数据：点“开始”即可打开（之后可在“设置”中从备份恢复），或另选一个数据文件夹。</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Liaison Desk backups (*.sqlite3 *.enc);;All files (*)</source>
        <translation>委员联络组工作台备份 (*.sqlite3 *.enc);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在从备份恢复…</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>Could not restore %1: %2</source>
        <translation>无法从“%1”恢复：%2</translation>
    </message>
</context>
</TS>
