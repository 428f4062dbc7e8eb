<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>Import the roster from Excel</source>
        <translation>从Excel导入委员名册</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Show only rows with errors</source>
        <translation>只显示有错误的行</translation>
    </message>
    <message>
        <source>Skip the rows with errors and import the others</source>
        <translation>跳过有错误的行，只导入无误的行</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export the roster…</source>
        <translation>导出名册…</translation>
    </message>
    <message>
        <source>The serving members in this layout: change them in Excel and import the file back</source>
        <translation>按此格式导出在任委员：可在 Excel 中修改后再导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Choose the workbook (.xlsx) of the roster. Nothing is written until you press Import.</source>
        <translation>请选择委员名册工作簿（.xlsx）。检查结果显示后，按“导入”才会写入。</translation>
    </message>
    <message>
        <source>Roster workbook</source>
        <translation>委员名册工作簿</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Checking the roster…</source>
        <translation>正在检查名册…</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 updated, %3 unchanged, %4 row with errors skipped.</source>
        <translation>已导入：新增 %1 位，更新 %2 位，无变化 %3 位，跳过有错误的 %4 行。</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 updated, %3 unchanged, %4 rows with errors skipped.</source>
        <translation>已导入：新增 %1 位，更新 %2 位，无变化 %3 位，跳过有错误的 %4 行。</translation>
    </message>
    <message>
        <source>Sheet %1, headings in row %2: %3 new, %4 to update, %5 unchanged, %6 with errors.</source>
        <translation>工作表“%1”，表头在第 %2 行：新增 %3 行，更新 %4 行，无变化 %5 行，错误 %6 行。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>%1 rows have errors: correct the file and choose it again, or tick the box to import only the rows without errors</source>
        <translation>有 %1 行错误：请改正文件后重新选择，或勾选下方选项只导入无误的行</translation>
    </message>
    <message>
        <source>Nothing to import: every row is already in the roster</source>
        <translation>没有需要导入的内容：每一行都已在名册中</translation>
    </message>
    <message>
        <source>Export the roster</source>
        <translation>导出名册</translation>
    </message>
    <message>
        <source>roster.xlsx</source>
        <translation>委员名册.xlsx</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 serving members written to %2</source>
        <translation>已将 %1 位在任委员写入 %2</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
</TS>
