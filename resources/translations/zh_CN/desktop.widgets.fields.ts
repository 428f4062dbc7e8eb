<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Form</name>
    <message>
        <source>Nothing was pasted: %1 characters, and a one-line field holds at most %2. Shorten it first (it is still on the clipboard).</source>
        <translation>未粘贴：%1 字，单行栏最多 %2 字。请先删减（文字仍在剪贴板中）。</translation>
    </message>
    <message>
        <source>Nothing was pasted: %1 characters, and this field holds at most %2. Shorten it first (it is still on the clipboard).</source>
        <translation>未粘贴：%1 字，此栏最多 %2 字。请先删减（文字仍在剪贴板中）。</translation>
    </message>
    <message>
        <source>Nothing was pasted: %1 characters, and %3 holds at most %2. Shorten it first (it is still on the clipboard).</source>
        <translation>未粘贴：%1 字，“%3”最多 %2 字。请先删减（文字仍在剪贴板中）。</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Use digits only, e.g. 0851-12345678 or 13800000000</source>
        <translation>只能填数字，如 13800000000</translation>
    </message>
    <message>
        <source>e.g. 2026-01-31</source>
        <translation>例如 2026-01-31</translation>
    </message>
    <message>
        <source>e.g. 2026-01-31 09:30</source>
        <translation>例如 2026-01-31 09:30</translation>
    </message>
</context>
</TS>
