<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>Kind of file:</source>
        <translation>文件类别：</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Scanned sign-in sheets, photos, signed minutes. Files are kept beside the data and travel with sync.</source>
        <translation>签到表扫描件、照片、签字纪要等。文件保存在数据文件旁，并随同步一起传送。</translation>
    </message>
    <message>
        <source>Select a file in the list first.</source>
        <translation>请先在列表中选择一个文件。</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>扫描件和照片 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Copying files…</source>
        <translation>正在复制文件…</translation>
    </message>
    <message>
        <source>%1 of %2 files added. Not added:</source>
        <translation>已添加 %1 个文件（共选 %2 个）。以下文件未添加：</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>删除附件</translation>
    </message>
    <message>
        <source>Remove “%1” from this record?</source>
        <translation>从这条记录中删除“%1”？</translation>
    </message>
</context>
</TS>
