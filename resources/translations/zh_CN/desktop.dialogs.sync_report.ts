<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SyncReport</name>
    <message>
        <source>The stick or folder cannot be written: it may be write-protected (check the small switch on the side of the stick) or read-only. Choose another folder or stick.</source>
        <translation>U盘或文件夹无法写入：可能开启了写保护（请检查U盘侧面的小开关），或是只读的。请换一个文件夹或U盘。</translation>
    </message>
    <message>
        <source>The stick is full. Delete old package files from it, or use another stick.</source>
        <translation>U盘已满。请删除U盘上旧的同步包，或换一个U盘。</translation>
    </message>
    <message>
        <source>The folder is not there any more: was the USB stick removed? Insert it, choose it again and retry.</source>
        <translation>文件夹已不存在：U盘是否已拔出？请插好U盘，重新选择后再试。</translation>
    </message>
    <message>
        <source>Writing failed: the stick may have been removed. Insert it and try again.</source>
        <translation>写入失败：U盘可能已被拔出。请插好U盘后重试。</translation>
    </message>
    <message>
        <source>This office&apos;s key is not confirmed yet: receive its first package, then confirm its fingerprint by phone on the Offices and keys tab.</source>
        <translation>还没有确认该机构的密钥：请先接收它的第一个同步包，再在“机构与密钥”页电话核对并确认指纹。</translation>
    </message>
    <message>
        <source>Phone the sending office and compare the fingerprint digit by digit. If it matches, confirm the key and receive again.</source>
        <translation>请打电话给发送方，逐位核对指纹。一致后确认密钥，再重新接收。</translation>
    </message>
    <message>
        <source>The package holds changes the sending office may not make. Tell that office and your technical contact.</source>
        <translation>同步包中有发送方无权进行的修改。请告知该机构和技术支持人员。</translation>
    </message>
    <message>
        <source>Update Liaison Desk on this computer; the file was kept and can be received after the update.</source>
        <translation>请升级本机的软件；文件已保留，升级后可以再接收。</translation>
    </message>
    <message>
        <source>Receive the earlier packages from that office first, or ask it for a new package.</source>
        <translation>请先接收该机构更早的同步包，或请对方重新写一个同步包。</translation>
    </message>
    <message>
        <source>Ask the sending office to write a new package for this office.</source>
        <translation>请发送方为本机构重新写一个同步包。</translation>
    </message>
    <message>
        <source>Do not use this file. Tell your technical contact.</source>
        <translation>请不要使用这个文件，并告知技术支持人员。</translation>
    </message>
    <message>
        <source>The office that passed this package on changed, left out or made up changes of another office. Do not use this file. Tell your technical contact.</source>
        <translation>转交此包的机构改动、删去或编造了其他机构的修改。请不要使用此文件，并告知技术联系人。</translation>
    </message>
    <message>
        <source>Nothing is wrong with the data: the office that wrote this package (its computer newly set up, say) has not yet received the latest package of its own parent office. Ask it to receive that package first and then write a new one for this office.</source>
        <translation>数据本身没有问题：写出此包的机构（例如其电脑刚重新安装）还没有导入它的上级机构的最新同步包。请对方先导入该同步包，再为本机构重新写出同步包。</translation>
    </message>
    <message>
        <source>This package was written here: carry it to the office it is for.</source>
        <translation>这个同步包是本机写的：请把它带给收件机构。</translation>
    </message>
    <message>
        <source>This office does not exchange packages with the sender. Check that this is the right stick.</source>
        <translation>本机构不与发送方直接交换同步包。请检查是不是拿错了U盘。</translation>
    </message>
    <message>
        <source>Receive the latest package from your parent office first (it brings the office register).</source>
        <translation>请先接收上级机构最新的同步包（其中有机构名单）。</translation>
    </message>
    <message>
        <source>The file disappeared while it was read: was the USB stick removed? Insert it and receive again.</source>
        <translation>读取时文件不见了：U盘是否已拔出？请插好U盘后重新接收。</translation>
    </message>
    <message>
        <source>“%1” is not there: was the USB stick removed? Insert it, choose it again and receive.</source>
        <translation>“%1”不存在：U盘是否已拔出？请插好U盘，重新选择后再接收。</translation>
    </message>
    <message>
        <source>Nothing was received</source>
        <translation>没有接收任何内容</translation>
    </message>
    <message>
        <source>%1 imported, %2 already imported before, %3 refused</source>
        <translation>已导入 %1 个，以前已导入过 %2 个，被拒绝 %3 个</translation>
    </message>
    <message>
        <source>%1 package(s) on it are for other offices; they were left as they are.</source>
        <translation>其中 %1 个同步包是发给其他机构的，未作处理。</translation>
    </message>
    <message>
        <source>Review them</source>
        <translation>去处理</translation>
    </message>
    <message>
        <source>%1 conflict(s) to review</source>
        <translation>%1 项冲突待处理</translation>
    </message>
    <message>
        <source>Cancelled. The packages listed above were imported completely; the rest were not touched.</source>
        <translation>已取消。上面列出的同步包已完整导入，其余的没有动。</translation>
    </message>
    <message>
        <source>Received from %1</source>
        <translation>接收自 %1</translation>
    </message>
    <message>
        <source>Checked again at %1: every package there for this office was imported already, nothing changed. What the import before brought:</source>
        <translation>%1 再次检查：其中发给本机构的同步包都已导入过，没有任何改动。以下是上一次导入的结果：</translation>
    </message>
    <message>
        <source>new %1, updated %2, unchanged %3</source>
        <translation>新增 %1 条，更新 %2 条，无变化 %3 条</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Held back: the changes of a computer of %1 (%2 change(s)): no computer of that office is confirmed here yet, so they wait until its fingerprint is confirmed by phone; everything else was imported.</source>
        <translation>暂缓导入：“%1”的电脑的修改（%2 项）：本机还未认过该机构的任何电脑，待电话核对指纹后再导入；其余修改均已导入。</translation>
    </message>
    <message>
        <source>Held back: the changes of a computer of %1 (%2 change(s)): a key of that office was removed here, so they wait until its fingerprint is confirmed by phone; everything else was imported.</source>
        <translation>暂缓导入：“%1”的电脑的修改（%2 项）：本机移除过该机构经转告得知的密钥，待电话核对指纹后再导入；其余修改均已导入。</translation>
    </message>
    <message>
        <source>Held back: the changes of a computer of %1 (%2 change(s)) build on the records held above and wait until that computer is confirmed; everything else was imported.</source>
        <translation>暂缓导入：“%1”的电脑的修改（%2 项）依赖于上面暂缓导入的记录，待那台电脑确认后再导入；其余修改均已导入。</translation>
    </message>
    <message>
        <source>Held back: the changes of another computer of %1 wait until its fingerprint is confirmed by phone (%2 change(s)); everything else was imported.</source>
        <translation>暂缓导入：“%1”的另一台电脑的修改（%2 项）待电话核对指纹后再导入；其余修改均已导入。</translation>
    </message>
    <message>
        <source>%1 value(s) were held back by the office that passed this package on: their author&apos;s signed change arrived, but the package carries an older value. This office keeps its own value until the author changes it again. If it happens again, phone the office that passed it on.</source>
        <translation>有 %1 个值被转交此包的机构扣下：原作者签名的修改已经送到，包中却是更早的值。本机保留原来的值，待原作者再次修改后才会更新。如再次出现，请与转交此包的机构电话核对。</translation>
    </message>
    <message>
        <source>%1 attachment file(s)</source>
        <translation>附件文件 %1 个</translation>
    </message>
    <message>
        <source>%1 change(s) were dated more than a day ahead of this computer&apos;s clock (the other computer&apos;s clock may be wrong); imported and marked.</source>
        <translation>有 %1 项修改的时间比本机时钟超前一天以上（对方电脑的时间可能不准），已导入并标记。</translation>
    </message>
    <message>
        <source>Some earlier changes are still missing; the sender will include them in its next package.</source>
        <translation>还缺少部分更早的修改，发送方下次写同步包时会补发。</translation>
    </message>
    <message>
        <source>already imported on %1; nothing changed</source>
        <translation>已于 %1 导入过，未做任何改动</translation>
    </message>
    <message>
        <source>refused; nothing was changed</source>
        <translation>已拒绝，未做任何改动</translation>
    </message>
    <message>
        <source>The first package from %1. Its fingerprint: %2</source>
        <translation>这是“%1”的第一个同步包。它的指纹：%2</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 项</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>怎么办：%1</translation>
    </message>
    <message>
        <source>Confirm this key…</source>
        <translation>确认这个密钥…</translation>
    </message>
    <message>
        <source>The folder the stick left behind is on this computer&apos;s own disk: a package written there would never have reached the stick.</source>
        <translation>U盘留下的这个文件夹在本机自己的硬盘上：写在那里的同步包不会到U盘上。</translation>
    </message>
    <message>
        <source>The file was kept at %1</source>
        <translation>文件已保留在 %1</translation>
    </message>
    <message>
        <source>To carry back: nothing — the offices that sent these packages have everything this office has for them.</source>
        <translation>需要带回：无——发送这些同步包的机构已经有本机构要给它们的全部内容。</translation>
    </message>
    <message>
        <source>Write the return package(s) to the same folder</source>
        <translation>把回复的同步包写到同一个文件夹</translation>
    </message>
    <message>
        <source>To carry back: about %1 change(s) for %2.</source>
        <translation>需要带回：约 %1 项修改要发给%2。</translation>
    </message>
    <message>
        <source>%1 changes, %2 records, %3 attachment files</source>
        <translation>修改 %1 项，记录 %2 条，附件文件 %3 个</translation>
    </message>
    <message>
        <source> (everything it should hold: the first package, or it asked for all)</source>
        <translation>（对方应有的全部内容：第一个同步包，或对方要求全部重发）</translation>
    </message>
    <message>
        <source>written</source>
        <translation>已写入</translation>
    </message>
    <message>
        <source>%1 attachment file(s) are missing on this computer and were not included.</source>
        <translation>有 %1 个附件文件在本机找不到，未能附上。</translation>
    </message>
    <message>
        <source>For the same reason, not written either: %1.</source>
        <translation>同样的原因，以下机构的同步包也未写入：%1。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Carry the stick to the office(s) listed above; they receive the package on their Sync page.</source>
        <translation>请把U盘带给上面列出的机构，由对方在“同步”页接收。</translation>
    </message>
    <message>
        <source>Nothing written to %1</source>
        <translation>未写入任何同步包：%1</translation>
    </message>
    <message>
        <source>For %1</source>
        <translation>发给 %1</translation>
    </message>
    <message>
        <source>A stick pulled out while the file was written, or a file changed on the way, does this. Ask the sending office to write the package again.</source>
        <translation>写入时拔出U盘、或文件在传递途中被改动，都会这样。请发送方重新写一个同步包。</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>未写入</translation>
    </message>
    <message>
        <source>Nothing half-written was left in the folder.</source>
        <translation>文件夹中没有留下写了一半的文件。</translation>
    </message>
    <message>
        <source>Cancelled. The packages listed above are complete; nothing half-written was left.</source>
        <translation>已取消。上面列出的同步包是完整的，没有留下写了一半的文件。</translation>
    </message>
    <message>
        <source>Written to %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
</TS>
