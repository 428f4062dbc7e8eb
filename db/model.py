"""The data model: every replicated table, its fields and their rules, in one place.

The schema, validation, the write path, search indexing and sync all read this spec, so a
field is declared once. Identifiers are English (DESIGN.md glossary); the interface is Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field kinds
TEXT, LONGTEXT, DATE, DATETIME, INT, ENUM, REF, FK, BOOL = (
    "text", "longtext", "date", "datetime", "int", "enum", "ref", "fk", "bool")

TEXT_MAX = 200          # one-line text: names, places, units
LONGTEXT_MAX = 20_000   # minutes paragraphs, speeches, notes: ~ 25 printed pages


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = TEXT
    required: bool = False
    max_len: int | None = None
    choices: tuple[str, ...] = ()        # ENUM values
    ref_list: str | None = None          # REF: reference_item.list it must belong to
    fk: str | None = None                # FK: target table
    min_value: int | None = None
    max_value: int | None = None
    label_zh: str = ""
    label_en: str = ""
    searchable: bool = False             # goes into the Chinese search index
    conflict: bool = False               # concurrent edits kept for review (SYNC.md guarantee 7)
    default: object = None
    since: int = 1                       # schema version that added the field

    @property
    def sql_type(self) -> str:
        return "INTEGER" if self.kind in (INT, BOOL) else "TEXT"

    @property
    def limit(self) -> int | None:
        if self.max_len is not None:
            return self.max_len
        if self.kind == LONGTEXT:
            return LONGTEXT_MAX
        if self.kind in (TEXT, ENUM):
            return TEXT_MAX
        return None


@dataclass(frozen=True)
class Table:
    name: str
    label_zh: str
    label_en: str
    fields: tuple[Field, ...]
    parent: str | None = None            # the owning row's FK field, for children
    search_date: str | None = None       # field used to order search hits
    indexes: tuple[tuple[str, ...], ...] = ()
    since: int = 1                       # schema version that added the table (its migration creates it)
    by_name: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.by_name.update({f.name: f for f in self.fields})

    def field(self, name: str) -> Field:
        return self.by_name[name]

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def searchable(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.searchable)


# Columns every replicated table has besides its fields.
#   id      UUIDv7 text, made where the row is created
#   office_id  the owning office (scope of SYNC.md "who may write what")
#   deleted    deletion is a field, so it syncs like any other
#   _rc     row clock: the clock of the insert (and of every field not in _fc)
#   _fc     JSON {field: [clock, base_clock]} for fields written since the insert
SYSTEM_COLUMNS = ("id", "office_id", "deleted", "_rc", "_fc")

OFFICE_LEVELS = ("city", "district", "township")
REFERENCE_LISTS = ("sector", "party", "ethnicity", "meeting_kind", "visit_kind",
                   "followup_category", "guest_kind")
MEMBER_LEVELS = ("national", "provincial", "municipal", "district")
MEETING_STATES = ("planned", "held", "draft", "final", "cancelled")
ATTENDANCE_STATUSES = ("present", "leave", "absent", "attending")   # 列席 = attending guest
REPORT_STATES = ("collected", "drafted", "submitted", "adopted", "not_adopted", "instructed", "closed")
FOLLOWUP_STATES = ("open", "assigned", "in_progress", "replied", "evaluated", "closed", "reopened")
SATISFACTION = ("satisfied", "basically_satisfied", "unsatisfied")
# 履职积分规则: one value per item and year (db.scoring says what each means and its default)
SCORING_ITEMS = (
    "meeting_attended", "speech", "visit_reception", "visit_outreach", "visit_joint",
    "report_written", "report_adopted", "report_instructed", "followup_closed", "absent", "leave",
    "cap_meetings", "cap_visits", "cap_opinions", "cap_followups", "cap_report_written",
    "share_first_author", "grade_excellent", "grade_good", "grade_pass")


def F(name, kind=TEXT, zh="", en="", **kw) -> Field:
    return Field(name, kind, label_zh=zh, label_en=en, **kw)


TABLES: dict[str, Table] = {}


def _t(table: Table) -> Table:
    TABLES[table.name] = table
    return table


_t(Table("office", "机构", "Office", (
    F("code", required=True, max_len=12, zh="行政区划代码", en="Administrative code"),
    F("name", required=True, zh="名称", en="Name", searchable=True),
    F("level", ENUM, required=True, choices=OFFICE_LEVELS, zh="层级", en="Level"),
    F("parent_id", FK, fk="office", zh="上级机构", en="Parent office"),
    F("address", zh="地址", en="Address"),
    F("phone", max_len=40, zh="电话", en="Phone"),
    F("deactivated_on", DATE, zh="停用日期", en="Deactivated on", since=18),
), indexes=(("code",), ("parent_id",))))

_t(Table("reference_item", "参考列表", "Reference item", (
    F("list", ENUM, required=True, choices=REFERENCE_LISTS, zh="列表", en="List"),
    F("code", required=True, max_len=40, zh="代码", en="Code"),
    F("name", required=True, max_len=60, zh="名称", en="Name"),
    F("name_en", max_len=80, zh="英文名称", en="English name"),
    F("sort", INT, default=0, zh="排序", en="Order"),
), indexes=(("list", "code"),)))

_t(Table("member", "委员", "Member", (
    F("name", required=True, max_len=60, zh="姓名", en="Name", searchable=True, conflict=True),
    F("sex", ENUM, choices=("M", "F"), zh="性别", en="Sex", conflict=True),
    F("ethnicity_id", REF, ref_list="ethnicity", zh="民族", en="Ethnicity", conflict=True),
    F("birth_date", DATE, zh="出生日期", en="Date of birth", conflict=True),
    F("party_id", REF, ref_list="party", zh="党派", en="Party"),
    F("sector_id", REF, ref_list="sector", zh="界别", en="Sector"),
    F("post", ENUM, choices=("standing", "member"), default="member", zh="职务", en="Post"),
    F("work_unit", zh="工作单位", en="Work unit", searchable=True),
    F("job_title", zh="职务职称", en="Job title"),
    F("phone", max_len=40, zh="联系电话", en="Phone", conflict=True),
    F("expertise", max_len=500, zh="专长", en="Expertise", searchable=True),
    F("term", max_len=40, zh="届次", en="Term"),
    F("status", ENUM, choices=("active", "retired"), default="active", zh="状态", en="Status"),
    F("note", LONGTEXT, max_len=2000, zh="备注", en="Note"),
), indexes=(("name",),)))

_t(Table("member_level", "委员层级", "Member level", (
    F("member_id", FK, required=True, fk="member", zh="委员", en="Member"),
    F("level", ENUM, required=True, choices=MEMBER_LEVELS, zh="层级", en="Level"),
    F("term", max_len=40, zh="届次", en="Term"),
    F("post", ENUM, choices=("standing", "member"), default="member", zh="职务", en="Post"),
), parent="member_id", indexes=(("member_id",),)))

_t(Table("liaison_group", "委员联络组", "Liaison group", (
    F("name", required=True, zh="名称", en="Name", searchable=True),
    F("township_code", max_len=12, zh="乡镇（街道）代码", en="Township code"),
    F("station_name", zh="联络站名称", en="Station"),
    F("station_address", zh="联络站地址", en="Station address"),
    F("convener_id", FK, fk="member", zh="召集人", en="Convener"),
    F("staff_name", max_len=60, zh="联络员", en="Staff contact"),
    F("staff_phone", max_len=40, zh="联络员电话", en="Staff phone"),
    F("founded_on", DATE, zh="成立日期", en="Founded on"),
    F("note", LONGTEXT, max_len=2000, zh="备注", en="Note"),
), indexes=(("office_id",),)))

_t(Table("membership", "组成员", "Membership", (
    F("group_id", FK, required=True, fk="liaison_group", zh="联络组", en="Group"),
    F("member_id", FK, required=True, fk="member", zh="委员", en="Member"),
    F("role", ENUM, choices=("convener", "deputy", "member"), default="member", zh="角色", en="Role"),
    F("joined_on", DATE, zh="加入日期", en="Joined on"),
    F("left_on", DATE, zh="退出日期", en="Left on"),
), parent="group_id", indexes=(("group_id",), ("member_id",))))

_t(Table("meeting", "会议", "Meeting", (
    F("group_id", FK, required=True, fk="liaison_group", zh="联络组", en="Group"),
    F("kind_id", REF, required=True, ref_list="meeting_kind", zh="会议类型", en="Kind"),
    F("topic", required=True, zh="主题", en="Topic", searchable=True),
    F("starts_at", DATETIME, required=True, zh="开始时间", en="Starts at"),
    F("ends_at", DATETIME, zh="散会时间", en="Ends at"),
    F("place", zh="地点", en="Place"),
    F("chair", max_len=60, zh="主持人", en="Chair"),
    F("recorder", max_len=60, zh="记录人", en="Recorder"),
    F("issue_no", max_len=40, zh="期号", en="Issue number"),
    F("overview", LONGTEXT, zh="会议概况", en="Overview", searchable=True, conflict=True),
    F("state", ENUM, choices=MEETING_STATES, default="planned", zh="状态", en="State", conflict=True),
    F("revision", INT, default=1, min_value=1, zh="修订版次", en="Revision"),
    F("revises_id", FK, fk="meeting", zh="修订自", en="Revises"),
    F("finalized_at", DATETIME, zh="定稿时间", en="Finalized at"),
), search_date="starts_at", indexes=(("starts_at",), ("group_id", "starts_at"), ("state",), ("revises_id",))))

_t(Table("attendance", "出席", "Attendance", (
    F("meeting_id", FK, required=True, fk="meeting", zh="会议", en="Meeting"),
    F("member_id", FK, fk="member", zh="委员", en="Member"),
    F("guest_name", max_len=60, zh="列席人员", en="Guest"),
    F("guest_unit", zh="单位", en="Unit"),
    F("guest_kind_id", REF, ref_list="guest_kind", zh="列席类别", en="Guest kind"),
    F("status", ENUM, required=True, choices=ATTENDANCE_STATUSES, zh="出席情况", en="Status"),
    F("reason", max_len=200, zh="请假事由", en="Reason"),
    F("sort", INT, default=0, zh="排序", en="Order"),
), parent="meeting_id", indexes=(("meeting_id",), ("member_id",))))

_t(Table("agenda_item", "议题", "Agenda item", (
    F("meeting_id", FK, required=True, fk="meeting", zh="会议", en="Meeting"),
    F("seq", INT, default=1, min_value=0, zh="序号", en="No."),
    F("title", required=True, zh="议题", en="Title", searchable=True),
    F("background", LONGTEXT, zh="背景情况", en="Background", searchable=True, conflict=True),
    F("decision", LONGTEXT, zh="议定事项", en="What was agreed", searchable=True, conflict=True),
), parent="meeting_id", indexes=(("meeting_id",),)))

_t(Table("speech", "发言", "Speech", (
    F("meeting_id", FK, required=True, fk="meeting", zh="会议", en="Meeting"),
    F("agenda_item_id", FK, fk="agenda_item", zh="议题", en="Agenda item"),
    F("member_id", FK, fk="member", zh="发言委员", en="Member"),
    F("speaker_name", max_len=60, zh="发言人", en="Speaker"),
    F("seq", INT, default=1, min_value=0, zh="序号", en="No."),
    F("summary", LONGTEXT, required=True, zh="发言摘要", en="Summary", searchable=True, conflict=True),
), parent="meeting_id", indexes=(("meeting_id",), ("member_id",))))

_t(Table("consensus_item", "协商共识", "Consensus item", (
    F("meeting_id", FK, required=True, fk="meeting", zh="会议", en="Meeting"),
    F("agenda_item_id", FK, fk="agenda_item", zh="议题", en="Agenda item"),
    F("seq", INT, default=1, min_value=0, zh="序号", en="No."),
    F("text", LONGTEXT, required=True, zh="共识内容", en="Text", searchable=True, conflict=True),
), parent="meeting_id", indexes=(("meeting_id",),)))

_t(Table("visit", "走访接待", "Visit", (
    F("group_id", FK, required=True, fk="liaison_group", zh="联络组", en="Group"),
    F("kind_id", REF, required=True, ref_list="visit_kind", zh="类型", en="Kind"),
    F("visit_date", DATE, required=True, zh="日期", en="Date"),
    F("start_time", max_len=5, zh="时间", en="Time"),
    F("place", zh="地点", en="Place", searchable=True),
    F("people_reached", INT, default=0, min_value=0, max_value=100_000, zh="接待群众人数", en="People reached"),
    F("departments", zh="参加部门", en="Departments"),
    F("heard", LONGTEXT, zh="反映的问题", en="What was heard", searchable=True),
    F("handling", LONGTEXT, zh="办理情况", en="Handling", searchable=True),
), search_date="visit_date", indexes=(("visit_date",), ("group_id", "visit_date"),
                                     # covers the statistics of a year (db.stats) without reading the rows
                                     ("visit_date", "office_id", "group_id", "people_reached", "deleted"))))

_t(Table("visit_member", "参加委员", "Visit member", (
    F("visit_id", FK, required=True, fk="visit", zh="走访", en="Visit"),
    F("member_id", FK, required=True, fk="member", zh="委员", en="Member"),
), parent="visit_id", indexes=(("visit_id",), ("member_id",))))

_t(Table("opinion_report", "社情民意信息", "Public-opinion report", (
    F("group_id", FK, fk="liaison_group", zh="联络组", en="Group"),
    F("title", required=True, zh="标题", en="Title", searchable=True),
    F("situation", LONGTEXT, zh="基本情况", en="Situation", searchable=True),
    F("cause", LONGTEXT, zh="原因分析", en="Cause", searchable=True),
    F("suggestion", LONGTEXT, zh="意见建议", en="Suggestion", searchable=True),
    F("reporter_id", FK, fk="member", zh="报送委员", en="Reporter"),
    F("reporter_name", max_len=60, zh="报送人", en="Reporter name"),
    F("source_table", ENUM, choices=("meeting", "visit", "other"), default="other", zh="来源", en="Source"),
    F("source_id", max_len=40, zh="来源记录", en="Source record"),
    F("state", ENUM, choices=REPORT_STATES, default="collected", zh="状态", en="State", conflict=True),
    F("collected_on", DATE, required=True, zh="收集日期", en="Collected on"),
    F("submitted_on", DATE, zh="报送日期", en="Submitted on"),
    F("instruction", LONGTEXT, zh="领导批示", en="Leader's instruction", searchable=True, conflict=True),
), search_date="collected_on", indexes=(("collected_on",), ("state",))))

_t(Table("follow_up", "督办事项", "Follow-up", (
    F("title", required=True, zh="事项", en="Item", searchable=True),
    F("description", LONGTEXT, zh="具体内容", en="Description", searchable=True),
    F("category_id", REF, ref_list="followup_category", zh="类别", en="Category"),
    F("source_table", ENUM, choices=("consensus_item", "visit", "opinion_report", "other"),
      default="other", zh="来源", en="Source"),
    F("source_id", max_len=40, zh="来源记录", en="Source record"),
    F("group_id", FK, fk="liaison_group", zh="联络组", en="Group"),
    F("lead_unit", zh="主办单位", en="Lead unit"),
    F("co_units", max_len=500, zh="协办单位", en="Co-units"),
    F("due_date", DATE, zh="办理时限", en="Due date"),
    F("state", ENUM, choices=FOLLOWUP_STATES, default="open", zh="状态", en="State", conflict=True),
    F("reply", LONGTEXT, zh="办理答复", en="Reply", searchable=True, conflict=True),
    F("satisfaction", ENUM, choices=SATISFACTION, zh="满意度", en="Satisfaction"),
    F("closed_on", DATE, zh="办结日期", en="Closed on"),
), search_date="due_date", indexes=(("state", "due_date"), ("due_date",), ("source_id",), ("state", "closed_on"))))

_t(Table("state_event", "办理过程", "Timeline event", (
    F("subject_table", ENUM, required=True, choices=("follow_up", "opinion_report", "meeting", "assignment"),
      zh="对象", en="Subject"),
    F("subject_id", required=True, max_len=40, zh="对象记录", en="Subject record"),
    F("at", DATETIME, required=True, zh="时间", en="At"),
    F("from_state", max_len=20, zh="原状态", en="From"),
    F("to_state", max_len=20, zh="新状态", en="To"),
    F("actor", max_len=60, zh="经办人", en="By"),
    F("actor_office_id", FK, fk="office", zh="经办机构", en="By office"),
    F("note", LONGTEXT, max_len=5000, zh="说明", en="Note", searchable=True),
), indexes=(("subject_id", "at"),)))

_t(Table("attachment", "附件", "Attachment", (
    F("owner_table", ENUM, required=True, choices=("meeting", "visit", "opinion_report", "follow_up", "assignment",
                                                    "assignment_answer"), zh="所属", en="Owner"),
    F("owner_id", required=True, max_len=40, zh="所属记录", en="Owner record"),
    F("name", required=True, max_len=255, zh="文件名", en="File name"),
    F("sha256", required=True, max_len=64, zh="校验值", en="SHA-256"),
    F("size", INT, required=True, min_value=0, zh="大小", en="Size"),
    F("kind", ENUM, choices=("sign_in", "photo", "signed_minutes", "other"), default="other", zh="类别", en="Kind"),
), indexes=(("owner_id",), ("sha256",))))

_t(Table("scoring_rule", "履职积分规则", "Scoring rule", (
    F("year", INT, required=True, min_value=2000, max_value=2100, zh="适用年度", en="From year"),
    F("item", ENUM, required=True, choices=SCORING_ITEMS, zh="项目", en="Item"),
    F("value", INT, required=True, min_value=-100, max_value=1000, zh="分值", en="Value"),
    F("note", max_len=200, zh="说明", en="Note"),
), indexes=(("year", "item"),), since=7))

# 交办 / 反馈 (db.assignments): one row per receiving office, owned by the receiver. The sender writes the
# assignment's fields, the receiver its receipt and answer (db/sync/README.md, "Assignments").
ASSIGNMENT_SOURCES = ("instruction", "follow_up", "opinion_report", "consensus", "other")
ASSIGNMENT_STATES = ("new", "accepted", "in_progress", "answered")
_t(Table("assignment", "交办事项", "Assignment", (
    F("batch_id", required=True, max_len=40, zh="交办编号", en="Assignment number"),
    F("sender_office_id", FK, required=True, fk="office", zh="交办机构", en="From office"),
    F("parent_id", FK, fk="assignment", zh="上级交办", en="Handed down from"),
    F("title", required=True, zh="标题", en="Title", conflict=True),
    F("request", LONGTEXT, zh="交办内容", en="What is asked", conflict=True),
    F("source_kind", ENUM, choices=ASSIGNMENT_SOURCES, default="other", zh="来源", en="Source"),
    F("source_text", LONGTEXT, zh="领导批示或来源说明", en="Instruction or source", conflict=True),
    F("source_id", max_len=40, zh="来源记录", en="Source record"),
    F("due_date", DATE, zh="办理时限", en="Due date"),
    F("remind_days", INT, default=3, min_value=0, max_value=60, zh="提前提醒天数", en="Remind days before"),
    F("sent_at", DATETIME, required=True, zh="交办时间", en="Sent at"),
    F("verdict", ENUM, choices=("accepted", "returned"), zh="审核结果", en="Verdict"),
    F("verdict_round", INT, default=0, min_value=0, zh="审核的答复轮次", en="Verdict on answer"),
    F("verdict_note", LONGTEXT, max_len=5000, zh="审核意见", en="Verdict note", conflict=True),
    F("verdict_at", DATETIME, zh="审核时间", en="Verdict at"),
    F("state", ENUM, choices=ASSIGNMENT_STATES, default="new", zh="办理状态", en="State", conflict=True),
    F("accepted_at", DATETIME, zh="签收时间", en="Received at"),
    F("answer", LONGTEXT, zh="办理反馈", en="Answer", conflict=True),
    F("answer_round", INT, default=0, min_value=0, zh="答复轮次", en="Answer round"),
    F("answered_at", DATETIME, zh="反馈时间", en="Answered at"),
    F("withdrawn_at", DATETIME, zh="撤回时间", en="Withdrawn at", since=17),
    F("withdrawn_note", LONGTEXT, max_len=5000, zh="撤回理由", en="Reason for withdrawing", conflict=True, since=17),
), search_date="due_date", indexes=(("batch_id",), ("office_id", "state"), ("sender_office_id", "state"),
                                    ("parent_id",), ("due_date",)), since=8))

# Links between records: an assignment's work (follow-ups, visits, meetings), a plan topic's groups and
# research, a follow-up's re-inspection visits. Owned by the office that owns the subject.
_t(Table("record_link", "关联记录", "Linked record", (
    F("subject_table", ENUM, required=True, choices=("assignment", "plan_topic", "follow_up"), zh="对象", en="Subject"),
    F("subject_id", required=True, max_len=40, zh="对象记录", en="Subject record"),
    F("record_table", ENUM, required=True, choices=("meeting", "visit", "follow_up", "opinion_report",
                                                   "liaison_group"), zh="关联类型", en="Linked kind"),
    F("record_id", required=True, max_len=40, zh="关联记录", en="Linked record"),
    F("role", ENUM, choices=("work", "lead", "research", "after", "reinspection"), default="work",
      zh="作用", en="Role"),
    F("note", max_len=200, zh="说明", en="Note"),
), indexes=(("subject_id",), ("record_id",)), since=8))

# 年度协商计划 (db.plan): one consultation topic of an office's yearly plan.
PLAN_SOURCES = ("report", "visit", "party_priority", "assignment", "other")
_t(Table("plan_topic", "协商议题", "Plan topic", (
    F("year", INT, required=True, min_value=2000, max_value=2100, zh="年度", en="Year"),
    F("month", INT, min_value=1, max_value=12, zh="计划月份", en="Month"),
    F("title", required=True, zh="议题", en="Topic"),
    F("description", LONGTEXT, zh="说明", en="Description", conflict=True),
    F("source_kind", ENUM, choices=PLAN_SOURCES, default="other", zh="来源", en="Source"),
    F("source_text", max_len=500, zh="来源说明", en="Source note"),
    F("meeting_id", FK, fk="meeting", zh="协商会议", en="Consulted at"),
    F("cancelled", BOOL, default=0, zh="已取消", en="Cancelled"),
), indexes=(("year", "month"),), since=8))

# 回头看 (db.reinspection): a re-inspection of a closed follow-up, with its visit and what was found.
_t(Table("reinspection", "回头看", "Re-inspection", (
    F("follow_up_id", FK, required=True, fk="follow_up", zh="督办事项", en="Follow-up"),
    F("planned_on", DATE, required=True, zh="计划日期", en="Planned on"),
    F("visit_id", FK, fk="visit", zh="回访活动", en="Visit"),
    F("findings", LONGTEXT, zh="发现情况", en="Findings", conflict=True),
    F("result", ENUM, choices=("pending", "holds", "reopened"), default="pending", zh="结论", en="Result"),
    F("done_on", DATE, zh="完成日期", en="Done on"),
), parent="follow_up_id", indexes=(("follow_up_id",),), since=8))


# Order in which tables can be written so that references exist (parents first).
TABLE_ORDER = tuple(TABLES)
