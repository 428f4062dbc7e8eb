<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BackupPassphraseDialog</name>
    <message>
        <source>Encrypt the backup</source>
        <translation>加密备份</translation>
    </message>
    <message>
        <source>This backup goes to %1, outside the data folder. It holds the members&apos; personal data, so it is encrypted with a passphrase you choose: whoever finds the stick cannot read it. Without the passphrase the backup cannot be restored: write it down and keep it apart from the stick.</source>
        <translation>此备份将写入数据文件夹以外的“%1”。备份中有委员的个人信息，因此用您设定的口令加密：拾到U盘的人无法读取。没有口令就无法恢复此备份：请把口令记下，与U盘分开保管。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Once more</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>Encrypt and back up</source>
        <translation>加密并备份</translation>
    </message>
    <message>
        <source>Encrypt automatic backups</source>
        <translation>加密自动备份</translation>
    </message>
    <message>
        <source>Backups to %1, automatic ones too, will be encrypted with this passphrase, kept on this computer so that nobody has to type it when a backup is due. Restoring a backup on another computer needs it: write it down and keep it apart from the stick.</source>
        <translation>写入 %1 的备份（包括自动备份）将用此口令加密。口令保存在本机，到时自动备份无须有人输入。在另一台电脑上恢复备份时需要这个口令：请记下来，与U盘分开保管。</translation>
    </message>
    <message>
        <source>Keep the passphrase</source>
        <translation>保存口令</translation>
    </message>
    <message>
        <source>Encrypted backup</source>
        <translation>加密的备份</translation>
    </message>
    <message>
        <source>The backup %1 is encrypted. Type the passphrase chosen when it was made.</source>
        <translation>备份“%1”已加密。请输入备份时设定的口令。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Too short: at least %1 characters</source>
        <translation>太短：至少 %1 个字符</translation>
    </message>
    <message>
        <source>Strength: weak (longer, or mix digits, letters and signs)</source>
        <translation>强度：弱（请加长，或混用数字、字母和符号）</translation>
    </message>
    <message>
        <source>Strength: fair</source>
        <translation>强度：中</translation>
    </message>
    <message>
        <source>Strength: strong</source>
        <translation>强度：强</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
</TS>
