<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConflictListModel</name>
    <message>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>One value</source>
        <translation>一个值</translation>
    </message>
    <message>
        <source>The other value</source>
        <translation>另一个值</translation>
    </message>
    <message>
        <source>Record of</source>
        <translation>所属机构</translation>
    </message>
</context>
<context>
    <name>CounterpartModel</name>
    <message>
        <source>Office</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Last received</source>
        <translation>上次收到</translation>
    </message>
    <message>
        <source>Last written</source>
        <translation>上次写出</translation>
    </message>
    <message>
        <source>Still lacks</source>
        <translation>对方尚缺</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>What it carried</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>OfficeRegisterModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
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
        <source>To this office</source>
        <translation>与本机构</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>上次收到同步包</translation>
    </message>
    <message>
        <source>Newest data from it</source>
        <translation>最新数据时间</translation>
    </message>
    <message>
        <source>Still lacks</source>
        <translation>对方尚缺</translation>
    </message>
</context>
<context>
    <name>PendingKeyModel</name>
    <message>
        <source>Office</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>No key yet</source>
        <translation>尚无密钥</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Parent office</source>
        <translation>上级机构</translation>
    </message>
    <message>
        <source>Office below</source>
        <translation>下级机构</translation>
    </message>
    <message>
        <source>This office</source>
        <translation>本机构</translation>
    </message>
    <message>
        <source>Key removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>To be confirmed</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Key revoked</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>parent office</source>
        <translation>上级</translation>
    </message>
    <message>
        <source>office below</source>
        <translation>下级</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Further below</source>
        <translation>下级的下级</translation>
    </message>
    <message>
        <source> (deactivated)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <source>Told by a relay</source>
        <translation>经转告得知</translation>
    </message>
    <message>
        <source>Replaces a confirmed key — check carefully</source>
        <translation>与已确认的密钥不同，请仔细核对</translation>
    </message>
    <message>
        <source>Passed on by another office: its changes wait for this</source>
        <translation>由其他机构转来：它的修改等待此确认</translation>
    </message>
    <message>
        <source>Deleted, and edited elsewhere</source>
        <translation>删除与修改冲突</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Edited meanwhile: %1</source>
        <translation>同时修改了：%1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>已写入</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>%1 changes, %2 records, %3 files</source>
        <translation>修改 %1 项，记录 %2 条，附件 %3 个</translation>
    </message>
    <message>
        <source> (everything)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <source>new %1, updated %2, unchanged %3</source>
        <translation>新增 %1，更新 %2，无变化 %3</translation>
    </message>
    <message>
        <source>, %1 conflicts</source>
        <translation>，冲突 %1</translation>
    </message>
    <message>
        <source>, %1 change(s) held until a key is confirmed</source>
        <translation>，%1 项修改暂缓导入（待确认密钥）</translation>
    </message>
    <message>
        <source>The file is damaged or incomplete</source>
        <translation>文件已损坏或不完整</translation>
    </message>
    <message>
        <source>A setup file, not a sync package</source>
        <translation>这是安装文件，不是同步包</translation>
    </message>
    <message>
        <source>An unfinished file</source>
        <translation>未写完的文件</translation>
    </message>
    <message>
        <source>The file is missing</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>Addressed to another office</source>
        <translation>发给其他机构的</translation>
    </message>
    <message>
        <source>Written by this installation</source>
        <translation>本机自己写的</translation>
    </message>
    <message>
        <source>The sending office is not registered here</source>
        <translation>发送机构不在本机的机构名单中</translation>
    </message>
    <message>
        <source>The sender is neither above nor below this office</source>
        <translation>发送方不是本机构的上级或下级</translation>
    </message>
    <message>
        <source>Its key belongs to another office</source>
        <translation>密钥属于另一个机构</translation>
    </message>
    <message>
        <source>First package of this office: its key waits for confirmation</source>
        <translation>该机构的第一个同步包：密钥待确认</translation>
    </message>
    <message>
        <source>Not encrypted for this installation&apos;s key</source>
        <translation>不是用本机的密钥加密的</translation>
    </message>
    <message>
        <source>Made by a newer version of Liaison Desk</source>
        <translation>由更新版本的软件制作</translation>
    </message>
    <message>
        <source>Its origins do not match what this office knows</source>
        <translation>来源信息与本机记录不符</translation>
    </message>
    <message>
        <source>Relayed changes do not match what their author signed</source>
        <translation>转交的修改与原作者签名的记录不符</translation>
    </message>
    <message>
        <source>The relaying office lacks its parent&apos;s latest package</source>
        <translation>转交方尚缺其上级机构的最新同步包</translation>
    </message>
    <message>
        <source>Changes the sender may not make</source>
        <translation>含有发送方无权进行的修改</translation>
    </message>
    <message>
        <source>Signed by a computer whose key was revoked</source>
        <translation>由已停用密钥的电脑签名</translation>
    </message>
    <message>
        <source>Refers to records this office does not have yet</source>
        <translation>引用了本机还没有的记录</translation>
    </message>
</context>
</TS>
