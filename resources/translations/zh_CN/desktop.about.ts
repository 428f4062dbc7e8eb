<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Liaison Desk</source>
        <translation>关于委员联络组工作台</translation>
    </message>
    <message>
        <source>Liaison Desk</source>
        <translation>委员联络组工作台</translation>
    </message>
    <message>
        <source>Free software under the Apache License 2.0; it ships third-party software and fonts under their own licences (below; full texts in the licenses folder of the program: %1).</source>
        <translation>本程序是自由软件，采用 Apache 2.0 许可证；随附的第三方软件和字体适用各自的许可证（见下方；全文在程序的 licenses 文件夹：%1）。</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>(portable: beside the program)</source>
        <translation>（便携模式：在程序旁边）</translation>
    </message>
    <message>
        <source>Third-party software and fonts</source>
        <translation>第三方软件和字体</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
</context>
</TS>
