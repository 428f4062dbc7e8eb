<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SettingsPage</name>
    <message>
        <source>it is a file, not a folder</source>
        <translation>这是一个文件，不是文件夹</translation>
    </message>
    <message>
        <source>it is read-only or not writable (a write-protected stick?)</source>
        <translation>文件夹是只读的或没有写入权限（U盘开启了写保护？）</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>This office</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Administrative code</source>
        <translation>行政区划代码</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Parent office</source>
        <translation>上级机构</translation>
    </message>
    <message>
        <source>The city office&apos;s details were entered when this computer was set up as the city office; they reach the offices below with their setup files and packages.</source>
        <translation>市政协的信息在本机设置为市政协时填写，并随安装文件和同步包带给下级机构。</translation>
    </message>
    <message>
        <source>The office&apos;s details come with its set-up and are kept up to date by the office above it through sync.</source>
        <translation>本单位信息随初始设置导入，由上级政协通过数据同步维护。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Use another data file…</source>
        <translation>使用其他数据文件…</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Back up automatically</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <source>Keep the newest</source>
        <translation>保留最近</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> 份</translation>
    </message>
    <message>
        <source>Every time the program starts</source>
        <translation>每次启动时</translation>
    </message>
    <message>
        <source>Once a day</source>
        <translation>每天一次</translation>
    </message>
    <message>
        <source>Once a week</source>
        <translation>每周一次</translation>
    </message>
    <message>
        <source>Never (not recommended)</source>
        <translation>不自动备份（不建议）</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>恢复选中的备份…</translation>
    </message>
    <message>
        <source>(not set up)</source>
        <translation>（尚未设置）</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>%1, encrypted</source>
        <translation>%1，已加密</translation>
    </message>
    <message>
        <source>restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Backups are kept in %1</source>
        <translation>备份保存在 %1</translation>
    </message>
    <message>
        <source>Change the passphrase…</source>
        <translation>更改口令…</translation>
    </message>
    <message>
        <source>Encrypt automatic backups…</source>
        <translation>加密自动备份…</translation>
    </message>
    <message>
        <source>Forget the passphrase</source>
        <translation>不再保存口令</translation>
    </message>
    <message>
        <source>Backups to this folder, automatic ones too, are encrypted with the passphrase kept on this computer. Restoring one on another computer needs the passphrase.</source>
        <translation>写入此文件夹的备份（包括自动备份）都用本机保存的口令加密。在另一台电脑上恢复时需要这个口令。</translation>
    </message>
    <message>
        <source>This folder is outside the data folder: a backup made here by hand is encrypted with a passphrase you type.</source>
        <translation>此文件夹在数据文件夹以外：在这里手动备份时，会用您输入的口令加密。</translation>
    </message>
    <message>
        <source>Automatic backups to this folder are NOT encrypted: whoever finds the stick can read the members&apos; personal data. Choose a passphrase to encrypt them (it is kept on this computer).</source>
        <translation>写入此文件夹的自动备份未加密：任何拿到U盘的人都能读取委员的个人信息。请设置口令，对自动备份加密（口令保存在本机）。</translation>
    </message>
    <message>
        <source>Automatic backups to %1 will no longer be encrypted. Backups already made keep their passphrase. Forget it?</source>
        <translation>此后写入 %1 的自动备份将不再加密。已做的备份仍需原口令。确定不再保存口令吗？</translation>
    </message>
    <message>
        <source>Forget it</source>
        <translation>不再保存</translation>
    </message>
    <message>
        <source>No backup can be written into %1: %2. The backups stay in %3; choose another folder.</source>
        <translation>%1 写不进备份：%2。备份仍保存在 %3，请换一个文件夹。</translation>
    </message>
    <message>
        <source>No backup can be written into this folder: %1. Choose another folder.</source>
        <translation>这个文件夹写不进备份：%1。请换一个文件夹。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>The backup was cancelled; nothing was written.</source>
        <translation>备份已取消，没有写入任何文件。</translation>
    </message>
    <message>
        <source>Backing up the data and the attachment files…</source>
        <translation>正在备份数据和附件文件…</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>not on this computer</source>
        <translation>文件不在本机</translation>
    </message>
    <message>
        <source>damaged: its bytes no longer match its checksum</source>
        <translation>文件已损坏：内容与记录的校验值不符</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>文件无法读取</translation>
    </message>
    <message>
        <source>%1 attachment files could not be put in it: %2.</source>
        <translation>%1 个附件文件没能放入备份：%2。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Select a backup in the list first.</source>
        <translation>请先在列表中选择一个备份。</translation>
    </message>
    <message>
        <source>Replace all current data with the backup of %1? The current data is backed up first, so this can be undone.</source>
        <translation>用 %1 的备份替换当前全部数据吗？当前数据会先自动备份，可以再恢复回来。</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>This computer holds demo data.</source>
        <translation>本机现在是演示数据。</translation>
    </message>
    <message>
        <source>This computer is not set up as an office yet.</source>
        <translation>本机尚未设置为任何机构。</translation>
    </message>
    <message>
        <source>This backup holds the data of %1 (%2). %3 After the restore this computer works as %1 and syncs in its name. Restore it only if it is your office&apos;s backup.</source>
        <translation>此备份是“%1”（%2）的数据。%3恢复后本机即成为“%1”，以它的名义同步。只有确认这是本机构的备份时才恢复。</translation>
    </message>
    <message>
        <source>Restore as %1</source>
        <translation>恢复为“%1”</translation>
    </message>
    <message>
        <source>Restored the backup of %1. The data as it was before the restore was backed up to %2.</source>
        <translation>已恢复 %1 的备份。恢复前的数据已备份到 %2。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>the USB stick is not there (pulled out or not mounted): insert it again</source>
        <translation>U盘不在（已拔出或未挂载），请重新插入</translation>
    </message>
    <message>
        <source>The backup carries %1 attachment files (%2).</source>
        <translation>备份中含附件文件 %1 个（%2）。</translation>
    </message>
    <message>
        <source>The backup carried %1 attachment files; %2 of them were written back (the others were here already).</source>
        <translation>备份中含附件文件 %1 个，其中 %2 个已写回（其余本机已有）。</translation>
    </message>
    <message>
        <source>Use another data file</source>
        <translation>使用其他数据文件</translation>
    </message>
    <message>
        <source>Liaison Desk data (*.sqlite3)</source>
        <translation>工作台数据文件 (*.sqlite3)</translation>
    </message>
    <message>
        <source>%1 is not a Liaison Desk data file (it may be damaged, or another program&apos;s file). Nothing was changed: Liaison Desk goes on using %2.</source>
        <translation>“%1”不是本软件的数据文件（可能已损坏，或是其他程序的文件）。未作任何改动：仍使用 %2。</translation>
    </message>
    <message>
        <source>Liaison Desk will use %1 from the next start.</source>
        <translation>下次启动时将使用 %1。</translation>
    </message>
</context>
</TS>
