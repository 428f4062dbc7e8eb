<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TimelineNote</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Made from the visit of %1; co-authors: %2</source>
        <translation>由 %1 的走访接待记录生成；联名委员：%2</translation>
    </message>
    <message>
        <source>Made from the visit of %1</source>
        <translation>由 %1 的走访接待记录生成</translation>
    </message>
    <message>
        <source>Made from a consensus item of the meeting “%1”</source>
        <translation>由会议“%1”的协商共识生成</translation>
    </message>
    <message>
        <source>Made from the public-opinion report “%1”</source>
        <translation>由社情民意信息“%1”生成</translation>
    </message>
    <message>
        <source>Found on looking back: %1; why it is handled again: %2</source>
        <translation>回头看发现：%1；重新办理理由：%2</translation>
    </message>
</context>
</TS>
