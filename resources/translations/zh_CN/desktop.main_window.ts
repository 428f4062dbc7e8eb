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
        <source>Liaison Desk did not close normally last time. There is unsaved work:

%1 (last edited %2)

Open it again to finish and save it?</source>
        <translation>上次软件没有正常关闭，有未保存的内容：

%1（最后编辑于 %2）

要重新打开，继续编辑并保存吗？</translation>
    </message>
</context>
</TS>
