<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SignIn</name>
    <message>
        <source>Head</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Only the head may %1 (signed in: %2, clerk).</source>
        <translation>只有负责人才能%1（当前登录：%2，经办人）。</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Create the head&apos;s account</source>
        <translation>建立负责人账号</translation>
    </message>
    <message>
        <source>Several people share this computer: first make the account of the office&apos;s head (负责人). The head then adds the clerks&apos; accounts in Settings.</source>
        <translation>多人共用这台电脑：请先建立本机构负责人的账号，再由负责人在“设置”中为经办人建立账号。</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>建立并登录</translation>
    </message>
    <message>
        <source>Not now (no sign-in)</source>
        <translation>暂不设置（不用登录）</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign in with your own name and password. Forgot your password? Ask the head to reset it.</source>
        <translation>请用自己的登录名和密码登录。忘记密码请负责人重设。</translation>
    </message>
    <message>
        <source>Forgot the head&apos;s password?</source>
        <translation>忘记负责人密码？</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Wait %1 s</source>
        <translation>请等待 %1 秒</translation>
    </message>
    <message>
        <source>Unsaved work put away</source>
        <translation>未保存的内容已收起</translation>
    </message>
    <message>
        <source>%1 left unsaved work open when the window locked:

%2

It was closed and kept as a draft; it is offered again when Liaison Desk next starts.</source>
        <translation>锁屏时，%1 有未保存的编辑窗口：

%2

已关闭并存为草稿，下次启动本软件时会提示恢复。</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>当前登录：%1（%2）</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
</context>
</TS>
