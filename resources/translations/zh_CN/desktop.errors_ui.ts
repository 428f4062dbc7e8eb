<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ErrorReporter</name>
    <message>
        <source>The database is in use by another program or another copy of Liaison Desk. Close it and try again.</source>
        <translation>数据库正被其他程序或另一个工作台窗口占用。请关闭后重试。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space (or move the data folder) and try again.</source>
        <translation>磁盘已满。请清理磁盘空间（或把数据文件夹移到其他磁盘）后重试。</translation>
    </message>
    <message>
        <source>The data folder cannot be written to. Check that it is not read-only and that you may write there.</source>
        <translation>数据文件夹无法写入。请检查它是否为只读，以及您是否有写入权限。</translation>
    </message>
    <message>
        <source>The database file could not be read or written. Check the disk or USB stick and try again.</source>
        <translation>无法读写数据库文件。请检查磁盘或U盘后重试。</translation>
    </message>
    <message>
        <source>The database file is damaged. Restore the latest backup in Settings.</source>
        <translation>数据库文件已损坏。请在“设置”中恢复最近的备份。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space and try again.</source>
        <translation>磁盘已满。请清理磁盘空间后重试。</translation>
    </message>
    <message>
        <source>No permission to use the file “%1”. Check that it is not open in another program and that you may write there.</source>
        <translation>没有权限使用文件“%1”。请检查它是否正被其他程序打开，以及您是否有写入权限。</translation>
    </message>
    <message>
        <source>The file “%1” was not found. It may have been moved or the USB stick removed.</source>
        <translation>找不到文件“%1”。它可能已被移动，或U盘已拔出。</translation>
    </message>
    <message>
        <source>The file “%1” could not be read or written.</source>
        <translation>无法读写文件“%1”。</translation>
    </message>
    <message>
        <source>The file “%1” could not be read or written (%2).</source>
        <translation>无法读写文件“%1”（%2）。</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法完成操作</translation>
    </message>
    <message>
        <source>Something went wrong inside Liaison Desk. Your saved data is safe; what you were doing may not have finished. The details were written to the log file:
%1
Please send this file to your support contact.</source>
        <translation>软件内部出现错误。已保存的数据是安全的，但刚才的操作可能没有完成。详细情况已写入日志文件：
%1
请把这个文件发给技术支持人员。</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>内部错误</translation>
    </message>
</context>
</TS>
