<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>UnsavedChanges</name>
    <message>
        <source>Unsaved changes</source>
        <translation>尚未保存的修改</translation>
    </message>
    <message>
        <source>What you typed here has not been acted on. Close and discard it?

Discard: close without doing it.
Cancel: go back and keep editing.</source>
        <translation>这里填写的内容还没有提交，关闭时不会执行。要放弃它并关闭吗？

放弃：不执行，直接关闭。
取消：回去继续编辑。</translation>
    </message>
    <message>
        <source>What you changed here is not saved yet. Save it before closing?

Save: save, then close.
Discard: close without saving.
Cancel: go back and keep editing.</source>
        <translation>这里的修改还没有保存。关闭前要保存吗？

保存：保存后关闭。
放弃：不保存，直接关闭。
取消：回去继续编辑。</translation>
    </message>
</context>
</TS>
