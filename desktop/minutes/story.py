"""The minutes' content in order (MINUTES.md): heading, overview, attendance, agenda items,
consensus, follow-up table, closing, signatures, attachments — as platypus flowables."""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from .content import MinutesData, Person
from .fonts import BODY, HEI, KAI, TITLE, FontSet
from .geometry import BLOCK_H, BLOCK_W, BODY_SIZE, LINE, PITCH, RULE_GAP, TABLE_SIZE, TITLE_SIZE, TITLE_TOP
from .gridtext import ASCENT, GridSnap, GridText, Shaped, TextStyle, draw_lines
from .wording import cn_date, cn_moment, cn_number, issue_text, opening

RED = colors.Color(0.9, 0.0, 0.0)
ATTENDANCE_TABLE_OVER = 30      # more people than this: a name list table instead of label lines

PARA = TextStyle(first_indent=2 * PITCH)
H1 = replace(PARA, role=HEI)
H2 = replace(PARA, role=KAI)
LABELLED = replace(PARA, indent=5 * PITCH)          # "出席：" then names aligned after the colon
TITLE_STYLE = TextStyle(size=TITLE_SIZE, leading=1.6 * TITLE_SIZE, role=TITLE, tracking=0, align="center",
                        color=RED)
CELL = TextStyle(size=TABLE_SIZE, tracking=0, align="left")
CELL_CENTER = replace(CELL, align="center")
CELL_HEAD = replace(CELL, role=HEI, align="center")
SIGN_LABEL = TextStyle(first_indent=12 * PITCH, align="left")
SIGN_DATE = TextStyle(align="right", right_indent=4 * PITCH)


def paragraphs(value: str) -> list[str]:
    """A long text's paragraphs: lines, without the indentation people type (the layout indents)."""
    return [p.strip(" \t\u3000") for p in value.split("\n") if p.strip(" \t\u3000")]


class HeaderRow(Flowable):
    """期号 on the left, date on the right, and the red separator 4 mm under them."""

    def __init__(self, texts: list[GridText]):
        super().__init__()
        self.texts = texts

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = LINE / 2 + BODY_SIZE / 2 + RULE_GAP + 1
        return availWidth, self.height

    def draw(self):
        for t in self.texts:
            draw_lines(self.canv, t.lines(self.width), t.style, 0, self.height)
        self.canv.setStrokeColor(RED)
        self.canv.setLineWidth(1)
        self.canv.line(0, 0.5, self.width, 0.5)


class SignatureBlock(Flowable):
    """A blank line, 主持人 and 记录人 signature lines, the date; never split across pages."""

    def __init__(self, labels: list[GridText], date: GridText):
        super().__init__()
        self.labels, self.date = labels, date

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, (len(self.labels) + 2) * LINE
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.setLineWidth(0.6)
        for k, label in enumerate(self.labels):
            top = self.height - (k + 1) * LINE
            lines = label.lines(self.width)
            draw_lines(canv, lines, label.style, 0, top)
            baseline = top - LINE / 2 - (ASCENT - 0.5) * BODY_SIZE
            canv.line(label.style.first_indent + 8 * PITCH, baseline - 3, self.width - 2 * PITCH, baseline - 3)
        draw_lines(canv, self.date.lines(self.width), self.date.style, 0, self.height - (len(self.labels) + 1) * LINE)


class RoomFor(CondPageBreak):
    """Go to the next page unless `height` fits on this one. A hair of slack: the room left on a page is the block's
    height less whole lines, and four lines left measured 3.9999 lines, so a rule needing four broke the page there
    and left those four lines empty."""

    SLACK = 0.5         # pt; a line is 29 pt

    def wrap(self, availWidth, availHeight):
        return super().wrap(availWidth, availHeight + self.SLACK)


class KeepRoom(RoomFor):
    """Before a heading: room for the heading itself and for what must follow it on the same page — the next
    heading's own keep when a heading follows (现将…纪要如下： → 一、议题 → （一）基本情况 → a line), else `after`
    (lines of text, or a table's header and first row). Measured once the story is built (`settle_keeps`), from the
    headings' real heights: a title on two lines needs one more."""

    def __init__(self, lines_after: int):
        super().__init__(0)
        self.after = lines_after * LINE


def settle_keeps(flow: list[Flowable]) -> None:
    """Set each KeepRoom's height from the heading after it and what that heading keeps with it (last first)."""
    for i in range(len(flow) - 2, -1, -1):
        keep = flow[i]
        if not isinstance(keep, KeepRoom):
            continue
        heading = flow[i + 1].wrap(BLOCK_W, BLOCK_H)[1]
        follows = flow[i + 2] if i + 2 < len(flow) else None
        keep.height = heading + (follows.height if isinstance(follows, KeepRoom) else keep.after)


class StoryBuilder:
    def __init__(self, data: MinutesData, fonts: FontSet):
        self.data = data
        self.fonts = fonts
        self.texts: list[GridText] = []      # every text, for the fonts-used and missing report
        self.flow: list[Flowable] = []

    def text(self, runs, style: TextStyle) -> GridText:
        t = GridText(runs, style, self.fonts)
        self.texts.append(t)
        return t

    def para(self, runs, style: TextStyle = PARA) -> None:
        self.flow.append(self.text(runs, style))

    def heading(self, text: str, style: TextStyle, keep_lines: int) -> None:
        """A heading kept on one page with `keep_lines` - 1 lines after it (with the heading after it, if one
        follows: its own keep instead)."""
        self.flow.append(KeepRoom(keep_lines - 1))
        self.para(text, style)

    # -- sections ----------------------------------------------------------------------
    def build(self) -> list[Flowable]:
        self.head()
        self.overview()
        self.attendance()
        self.body()
        self.closing()
        settle_keeps(self.flow)
        return self.flow

    def head(self) -> None:
        d = self.data
        title = d.title
        one_line = sum(Shaped([(title, TITLE)], self.fonts, TITLE_STYLE).advances) <= BLOCK_W
        if not one_line and d.group_name and title.startswith(d.group_name) and title != d.group_name:
            title = d.group_name + "\n" + title[len(d.group_name):]
        self.flow.append(Spacer(BLOCK_W, TITLE_TOP - (TITLE_STYLE.leading - TITLE_SIZE) / 2))
        self.para(title, TITLE_STYLE)
        row = [self.text(cn_date(d.date), TextStyle(align="right", right_indent=PITCH))]
        issue = issue_text(d.issue_no, d.revision)
        if issue:
            row.insert(0, self.text(issue, TextStyle(align="left", first_indent=PITCH)))
        self.flow += [Spacer(BLOCK_W, LINE / 2), HeaderRow(row), GridSnap(), Spacer(BLOCK_W, LINE)]

    def overview(self) -> None:
        d = self.data
        for p in opening(date=d.date, start_time=d.start_time, group=d.group_name, place=d.place, kind=d.kind,
                         topic=d.topic, chair=d.chair, recorder=d.recorder, overview=d.overview):
            self.para(p)

    def attendance(self) -> None:
        d = self.data
        groups = [("出席", d.present, "present"), ("请假", d.on_leave, "leave"),
                  ("缺席", d.absent, "absent"), ("列席", d.guests, "guest")]
        total = sum(len(people) for _, people, _ in groups)
        if not total:
            return
        counts = f"应到{d.due_count}人，实到{d.present_count}人，请假{len(d.on_leave)}人，缺席{len(d.absent)}人"
        counts += f"；列席{len(d.guests)}人。" if d.guests else "。"
        if total <= ATTENDANCE_TABLE_OVER:
            for label, people, how in groups:
                if people:
                    names = "、".join(_person(p, how) for p in people)
                    self.para([(f"{label}：", HEI), (names, BODY)], LABELLED)
            self.para(counts)
            return
        self.para(counts[:-1] + "，名单如下：")
        rows = []
        for label, people, how in groups:
            for p in people:
                state = f"{label}（{p.note}）" if how == "leave" and p.note else label
                unit = p.unit if how != "guest" or not p.note else "，".join(filter(None, [p.unit, p.note]))
                rows.append([p.name, unit, state])
        self.table(["序号", "姓名", "单位", "出席情况"], rows, [40, 110, 162, BLOCK_W - 312], center=(0, 3))

    def body(self) -> None:
        d = self.data
        if not (d.agenda or d.consensus or d.follow_ups):
            return
        self.heading("现将会议议定事项纪要如下：", PARA, 4)      # not alone at the foot of a page: with 一、…
        number = 0
        for item in d.agenda:
            number += 1
            self.heading(f"{cn_number(number)}、{item.title}", H1, 3)
            # 委员发言 only when every speaker is a member: a resident or a department's staff typed by name
            # was printed under it
            said = "委员发言" if all(s.is_member for s in item.speeches) else "发言"
            parts = [(label, value) for label, value in
                     (("基本情况", item.background), (said, item.speeches), ("议定事项", item.decision)) if value]
            for sub, (label, value) in enumerate(parts, 1):
                self.heading(f"（{cn_number(sub)}）{label}", H2, 2)
                if value is item.speeches:
                    for n, speech in enumerate(value, 1):
                        lead = f"{n}.{speech.speaker}：" if speech.speaker else f"{n}."
                        self.numbered(lead, speech.summary)
                else:
                    for p in paragraphs(value):
                        self.para(p)
        if d.consensus:
            number += 1
            self.heading(f"{cn_number(number)}、协商共识", H1, 3)
            for n, text in enumerate(d.consensus, 1):
                self.numbered(f"{n}.", text)
        if d.follow_ups:
            number += 1
            self.heading(f"{cn_number(number)}、督办事项", H1, 4)
            rows = [[f.item, f.responsible, cn_date(f.due) if f.due else "", f.status] for f in d.follow_ups]
            # 责任单位 holds an eight-character unit (新华路街道办事处), 办理时限 2027年12月31日 and 状态 重新办理 on one line: a name
            # broken as 新华路街道办事 / 处 was read as two units; the item wraps instead
            self.table(["序号", "事项", "责任单位", "办理时限", "状态"], rows, [34, BLOCK_W - 326, 118, 112, 62],
                       center=(0, 3, 4))

    def numbered(self, lead: str, value: str) -> None:
        ps = paragraphs(value) or [""]
        self.para(lead + ps[0])
        for p in ps[1:]:
            self.para(p)

    def closing(self) -> None:
        d = self.data
        if d.end_time:
            self.para(f"{cn_moment(d.end_time)}散会。")
        if d.is_final:
            labels = [self.text("主持人（签字）：", SIGN_LABEL), self.text("记录人（签字）：", SIGN_LABEL)]
            block = SignatureBlock(labels, self.text(cn_date(d.signed_on or d.date), SIGN_DATE))
            if isinstance(self.flow[-1], GridText):   # never on a page of its own (GB/T 9704 7.3.5)
                block = KeepTogether([self.flow.pop(), block])
            self.flow.append(block)
        names = [n for n in d.attachments if n]
        if names:
            self.flow.append(Spacer(BLOCK_W, LINE))
            if len(names) == 1:
                self.para([("附件：", BODY), (names[0], BODY)], LABELLED)
            else:
                for n, name in enumerate(names, 1):
                    lead = "附件：" if n == 1 else ""
                    style = LABELLED if n == 1 else replace(LABELLED, first_indent=5 * PITCH)
                    self.para([(lead, BODY), (f"{n}.{name}", BODY)], style)

    def table(self, header: list[str], rows: list[list[str]], widths: list[float], center=(0,)) -> None:
        """A ruled table on the grid (each text line one grid line), its header repeated on every page."""
        data = [[self.text(h, CELL_HEAD) for h in header]]
        for n, row in enumerate(rows, 1):
            cells = [str(n), *row]
            data.append([self.text(v, CELL_CENTER if c in center else CELL) for c, v in enumerate(cells)])
        table = Table(data, colWidths=widths, repeatRows=1, style=TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), self.fonts.primary(BODY), TABLE_SIZE),   # not Helvetica
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        self._keep_lead_with(table)
        self.flow += [table, GridSnap()]

    def _keep_lead_with(self, table: Table) -> None:
        """The line above a table (四、督办事项, or 名单如下：) goes to the next page with the table's header and first
        row when they do not fit under it: a row is never split, and the heading was left alone at the foot of a
        page with its table overleaf."""
        if not self.flow or not isinstance(self.flow[-1], GridText):
            return
        table.wrap(BLOCK_W, BLOCK_H)
        lead = sum(table._rowHeights[:2])
        if len(self.flow) > 1 and isinstance(self.flow[-2], KeepRoom):
            self.flow[-2].after = max(self.flow[-2].after, lead)
        else:
            self.flow.insert(len(self.flow) - 1, RoomFor(self.flow[-1].wrap(BLOCK_W, BLOCK_H)[1] + lead))


def _person(p: Person, how: str) -> str:
    if how == "leave" and p.note:
        return f"{p.name}（{p.note}）"
    if how == "guest":
        extra = p.unit or p.note
        return f"{p.name}（{extra}）" if extra else p.name
    return p.name


def build_story(data: MinutesData, fonts: FontSet) -> tuple[list[Flowable], list[GridText]]:
    builder = StoryBuilder(data, fonts)
    return builder.build(), builder.texts
