<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Conflict to review</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <source>One office deleted this record while another was still editing it. The edits are kept. Keep it deleted, or restore it with the edits.</source>
        <translation>一个机构删除了这条记录，而另一个机构同时还在修改它。修改的内容已保留。请选择保持删除，或连同修改一起恢复这条记录。</translation>
    </message>
    <message>
        <source>Two offices changed this without seeing each other&apos;s change. Choose the value the record should hold, or merge the two by hand. Your choice is sent to the other offices with the next package.</source>
        <translation>两个机构在互不知情的情况下修改了同一项内容。请选择记录应保留的值，或手工合并两者。您的选择会随下一个同步包发给其他机构。</translation>
    </message>
    <message>
        <source>It has been changed again since; the record now holds: %1</source>
        <translation>此后这项内容又被修改过，记录中现在是：%1</translation>
    </message>
    <message>
        <source>This office may not change this record (it belongs to %1). That office can choose; here you can leave it as it is.</source>
        <translation>本机构无权修改这条记录（它属于%1），应由该机构选择；本机可以选择“保持现状”。</translation>
    </message>
    <message>
        <source>Deleted by %1, %2</source>
        <translation>%1 删除，%2</translation>
    </message>
    <message>
        <source>Edited by %1, %2</source>
        <translation>%1 修改，%2</translation>
    </message>
    <message>
        <source>Written by %1, %2</source>
        <translation>%1 写入，%2</translation>
    </message>
    <message>
        <source>another office</source>
        <translation>其他机构</translation>
    </message>
    <message>
        <source> — now in the record</source>
        <translation>（记录中现在的值）</translation>
    </message>
    <message>
        <source>Keep it deleted</source>
        <translation>保持删除</translation>
    </message>
    <message>
        <source>Restore it with these edits</source>
        <translation>连同这些修改恢复记录</translation>
    </message>
    <message>
        <source>Keep this value</source>
        <translation>保留这个值</translation>
    </message>
    <message>
        <source>Or merge the two by hand</source>
        <translation>或者手工合并两者</translation>
    </message>
    <message>
        <source>Save the merged text</source>
        <translation>保存合并后的内容</translation>
    </message>
    <message>
        <source>Open the record</source>
        <translation>打开这条记录</translation>
    </message>
    <message>
        <source>Leave it as it is</source>
        <translation>保持现状</translation>
    </message>
    <message>
        <source>Mark the conflict as reviewed without changing the record</source>
        <translation>标记为已处理，不修改记录</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Write the merged text first.</source>
        <translation>请先填写合并后的内容。</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Two offices changed the same thing without seeing each other&apos;s change. Both values are kept here until a person chooses; the data stays the same everywhere meanwhile.</source>
        <translation>两个机构在互不知情的情况下修改了同一项内容。两个值都保留在这里，等待人工选择；在此之前，各机构的数据保持一致。</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>No conflicts to review.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
</context>
</TS>
