<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>UpgradeProgress</name>
    <message>
        <source>Updating the data file</source>
        <translation>正在升级数据文件</translation>
    </message>
    <message>
        <source>This version opens the data file for the first time and brings it up to date (a backup was made first). On a large file this takes up to a minute; please do not switch the computer off.</source>
        <translation>新版本第一次打开这个数据文件，正在把它升级到新格式（已先做了备份）。数据多的文件可能需要一分钟左右，请不要关机。</translation>
    </message>
</context>
</TS>
