<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TargetChooser</name>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Choose a package file…</source>
        <translation>选择同步包文件…</translation>
    </message>
    <message>
        <source>USB stick %1 (%2)</source>
        <translation>U盘 %1（%2）</translation>
    </message>
    <message>
        <source> — read-only</source>
        <translation>——只读</translation>
    </message>
    <message>
        <source> — %1 free</source>
        <translation>——剩余 %1</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Look for USB sticks again</source>
        <translation>重新查找U盘</translation>
    </message>
    <message>
        <source>No USB stick found: plug one in, or choose a folder</source>
        <translation>没有找到U盘：请插入U盘，或选择一个文件夹</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose a package file</source>
        <translation>选择同步包文件</translation>
    </message>
    <message>
        <source>Sync packages (*.ldsync)</source>
        <translation>同步包 (*.ldsync)</translation>
    </message>
</context>
</TS>
