<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RenameOfficeDialog</name>
    <message>
        <source>Rename an office</source>
        <translation>机构改名</translation>
    </message>
    <message>
        <source>The new name of %1 (code %2). Every office gets it with the next packages; its records stay with it.</source>
        <translation>%1（代码 %2）的新名称。各机构随下次同步包收到新名称；该机构的记录不受影响。</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>改名</translation>
    </message>
    <message>
        <source>This cannot be empty.</source>
        <translation>不能为空。</translation>
    </message>
</context>
</TS>
