<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Recovery</name>
    <message>
        <source>The heads&apos; recovery code</source>
        <translation>负责人恢复码</translation>
    </message>
    <message>
        <source>The code is shown only now. Have you written it down?</source>
        <translation>恢复码只显示这一次。已经抄下了吗？</translation>
    </message>
    <message>
        <source>Written down: close</source>
        <translation>已抄下，关闭</translation>
    </message>
    <message>
        <source>Back to the code</source>
        <translation>返回查看恢复码</translation>
    </message>
    <message>
        <source>Write this code down on paper and keep it in the office&apos;s safe. If the head forgets her password, it sets a new one at the sign-in screen (“Forgot the head&apos;s password?”). It is shown only now; each use, or a new code, makes the old one stop working.</source>
        <translation>请把这串数字抄在纸上，锁进办公室的保险柜。负责人忘记密码时，凭它在登录界面（“忘记负责人密码？”）重设密码。恢复码只在此刻显示；用过一次或生成新的之后，旧的即作废。</translation>
    </message>
    <message>
        <source>I have written it down</source>
        <translation>我已抄下</translation>
    </message>
    <message>
        <source>Forgot the head&apos;s password</source>
        <translation>忘记负责人密码</translation>
    </message>
    <message>
        <source>With the recovery code kept in the office&apos;s safe, set a new password for a head&apos;s account. A clerk&apos;s password is reset by the head.</source>
        <translation>用锁在办公室保险柜里的恢复码，为负责人账号设置新密码。经办人的密码请负责人重设。</translation>
    </message>
    <message>
        <source>The head&apos;s sign-in name</source>
        <translation>负责人登录名</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Set the password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
</TS>
