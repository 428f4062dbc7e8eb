<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Accounts</name>
    <message>
        <source>Sign-in and accounts</source>
        <translation>账号与登录</translation>
    </message>
    <message>
        <source>Several people use this computer: sign in with a name and password</source>
        <translation>多人共用这台电脑：用登录名和密码登录</translation>
    </message>
    <message>
        <source>Lock after minutes without use (0: never)</source>
        <translation>无操作多少分钟后锁定（0 表示不锁定）</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>管理账号…</translation>
    </message>
    <message>
        <source>Activity log…</source>
        <translation>操作日志…</translation>
    </message>
    <message>
        <source>change the sign-in settings</source>
        <translation>修改登录设置</translation>
    </message>
    <message>
        <source>manage the accounts</source>
        <translation>管理账号</translation>
    </message>
    <message>
        <source>see the activity log</source>
        <translation>查看操作日志</translation>
    </message>
    <message>
        <source>Off: whoever uses this computer may do everything. Changes record the office only.</source>
        <translation>未开启：使用这台电脑的人都可以做所有操作，修改只记录机构。</translation>
    </message>
    <message>
        <source>On. Signed in: %1 (%2).</source>
        <translation>已开启。当前登录：%1（%2）。</translation>
    </message>
    <message>
        <source>These settings, the accounts and the activity log are the head&apos;s.</source>
        <translation>这些设置、账号管理和操作日志由负责人使用。</translation>
    </message>
    <message>
        <source>On.</source>
        <translation>已开启。</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>账号登录</translation>
    </message>
    <message>
        <source>Turn sign-in off? Then whoever uses this computer may do everything, and changes no longer record who made them.</source>
        <translation>关闭账号登录吗？关闭后使用这台电脑的人都可以做所有操作，修改也不再记录是谁做的。</translation>
    </message>
    <message>
        <source>Turn sign-in off</source>
        <translation>关闭登录</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新建账号</translation>
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
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新建账号…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>New recovery code…</source>
        <translation>新的恢复码…</translation>
    </message>
    <message>
        <source>A code, kept on paper in the office&apos;s safe, with which a head who forgot her password sets a new one at the sign-in screen. A new code makes the old one stop working.</source>
        <translation>抄在纸上、锁在办公室保险柜里的一串数字：负责人忘记密码时，凭它在登录界面重设密码。生成新的恢复码后，旧的即作废。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>You cannot delete the account you are signed in with.</source>
        <translation>不能删除自己正在使用的账号。</translation>
    </message>
    <message>
        <source>Make clerk</source>
        <translation>改为经办人</translation>
    </message>
    <message>
        <source>Make head</source>
        <translation>设为负责人</translation>
    </message>
    <message>
        <source>New recovery code</source>
        <translation>新的恢复码</translation>
    </message>
    <message>
        <source>The recovery code kept in the safe will stop working. Make a new one?</source>
        <translation>保险柜里的恢复码将作废。要生成新的恢复码吗？</translation>
    </message>
    <message>
        <source>Make a new code</source>
        <translation>生成新恢复码</translation>
    </message>
    <message>
        <source>Account %1 made.</source>
        <translation>已建立 %1 的账号。</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>为 %1 设置新密码</translation>
    </message>
    <message>
        <source>The password of %1 was reset: tell her or him the new one.</source>
        <translation>已重设 %1 的密码，请把新密码告诉本人。</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现在是%2。</translation>
    </message>
    <message>
        <source>Delete the account of %1? What she or he did stays in the history.</source>
        <translation>删除 %1 的账号吗？其做过的修改仍保留在历史中。</translation>
    </message>
    <message>
        <source>Delete the account</source>
        <translation>删除账号</translation>
    </message>
    <message>
        <source>Account %1 deleted.</source>
        <translation>已删除 %1 的账号。</translation>
    </message>
</context>
</TS>
