<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>Liaison Desk</source>
        <translation>委员联络组工作台</translation>
    </message>
    <message>
        <source>Updating the search index… %1%</source>
        <translation>正在更新检索索引… %1%</translation>
    </message>
    <message>
        <source>Office: %1</source>
        <translation>本单位：%1</translation>
    </message>
    <message>
        <source>Office not set up</source>
        <translation>尚未设置本单位</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>数据：%1</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的内容</translation>
    </message>
    <message>
        <source>There is unsaved work, kept as a draft (the program did not close normally, or the window locked while it was open):

%1 (last edited %2)

Open it again to finish and save it?</source>
        <translation>有未保存的内容，已存为草稿（上次软件没有正常关闭，或锁屏时编辑窗口还开着）：

%1（最后编辑于 %2）

要重新打开，编辑完并保存吗？</translation>
    </message>
</context>
</TS>
