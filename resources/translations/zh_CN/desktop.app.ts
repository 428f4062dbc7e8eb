<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>app</name>
    <message>
        <source>Sign-in</source>
        <translation>账号登录</translation>
    </message>
    <message>
        <source>Do several people use this computer? Then each signs in with a name and password, and every change records who made it. You can turn this on later in Settings.

Create the head&apos;s account now?</source>
        <translation>这台电脑是否由多人共用？如是，每个人用自己的登录名和密码登录，每一处修改都会记下是谁做的。以后也可以在“设置”中开启。

现在建立负责人账号吗？</translation>
    </message>
    <message>
        <source>Create the head&apos;s account…</source>
        <translation>建立负责人账号…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不设置</translation>
    </message>
    <message>
        <source>Cannot open the data</source>
        <translation>无法打开数据</translation>
    </message>
    <message>
        <source>The data file %1 cannot be opened:
%2</source>
        <translation>无法打开数据文件 %1：
%2</translation>
    </message>
</context>
</TS>
