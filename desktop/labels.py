"""Display names of coded values (states, roles, levels …) and of model fields, in the interface language.

Field labels come from db.model (label_en, translated in the context "model.<table>"; tools/i18n.py
writes their Chinese from label_zh, so each label is declared once). Enumeration values are
listed here with English source text, translated in the context "Enum".
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ENUM_LABELS: dict[str, dict[str, str]] = {
    "sex": {"M": QT_TRANSLATE_NOOP("Enum", "Male"), "F": QT_TRANSLATE_NOOP("Enum", "Female")},
    "post": {"standing": QT_TRANSLATE_NOOP("Enum", "Standing committee member"),
             "member": QT_TRANSLATE_NOOP("Enum", "Member")},
    "member_status": {"active": QT_TRANSLATE_NOOP("Enum", "Active"),
                      "retired": QT_TRANSLATE_NOOP("Enum", "Retired")},
    "member_level": {"national": QT_TRANSLATE_NOOP("Enum", "National"),
                     "provincial": QT_TRANSLATE_NOOP("Enum", "Provincial"),
                     "municipal": QT_TRANSLATE_NOOP("Enum", "Municipal"),
                     "district": QT_TRANSLATE_NOOP("Enum", "District/county")},
    "office_level": {"city": QT_TRANSLATE_NOOP("Enum", "City"),
                     "district": QT_TRANSLATE_NOOP("Enum", "District/county"),
                     "township": QT_TRANSLATE_NOOP("Enum", "Township/subdistrict")},
    "membership_role": {"convener": QT_TRANSLATE_NOOP("Enum", "Convener"),
                        "deputy": QT_TRANSLATE_NOOP("Enum", "Deputy convener"),
                        "member": QT_TRANSLATE_NOOP("Enum", "Group member")},
    "meeting_state": {"planned": QT_TRANSLATE_NOOP("Enum", "Planned"),
                      "held": QT_TRANSLATE_NOOP("Enum", "Held"),
                      "draft": QT_TRANSLATE_NOOP("Enum", "Minutes draft"),
                      "final": QT_TRANSLATE_NOOP("Enum", "Minutes final"),
                      "cancelled": QT_TRANSLATE_NOOP("Enum", "Cancelled")},
    "attendance_status": {"present": QT_TRANSLATE_NOOP("Enum", "Present"),
                          "leave": QT_TRANSLATE_NOOP("Enum", "On leave"),
                          "absent": QT_TRANSLATE_NOOP("Enum", "Absent"),
                          "attending": QT_TRANSLATE_NOOP("Enum", "Attending (guest)")},
    "report_state": {"collected": QT_TRANSLATE_NOOP("Enum", "Collected"),
                     "drafted": QT_TRANSLATE_NOOP("Enum", "Drafted"),
                     "submitted": QT_TRANSLATE_NOOP("Enum", "Submitted"),
                     "adopted": QT_TRANSLATE_NOOP("Enum", "Adopted"),
                     "not_adopted": QT_TRANSLATE_NOOP("Enum", "Not adopted"),
                     "instructed": QT_TRANSLATE_NOOP("Enum", "Instructed by leaders"),
                     "closed": QT_TRANSLATE_NOOP("Enum", "Closed")},
    "followup_state": {"open": QT_TRANSLATE_NOOP("Enum", "Open"),
                       "assigned": QT_TRANSLATE_NOOP("Enum", "Assigned"),
                       "in_progress": QT_TRANSLATE_NOOP("Enum", "In progress"),
                       "replied": QT_TRANSLATE_NOOP("Enum", "Replied"),
                       "evaluated": QT_TRANSLATE_NOOP("Enum", "Evaluated"),
                       "closed": QT_TRANSLATE_NOOP("Enum", "Closed"),
                       "reopened": QT_TRANSLATE_NOOP("Enum", "Reopened")},
    "satisfaction": {"satisfied": QT_TRANSLATE_NOOP("Enum", "Satisfied"),
                     "basically_satisfied": QT_TRANSLATE_NOOP("Enum", "Basically satisfied"),
                     "unsatisfied": QT_TRANSLATE_NOOP("Enum", "Unsatisfied")},
    "source": {"meeting": QT_TRANSLATE_NOOP("Enum", "Meeting"),
               "visit": QT_TRANSLATE_NOOP("Enum", "Visit"),
               "consensus_item": QT_TRANSLATE_NOOP("Enum", "Meeting consensus"),
               "opinion_report": QT_TRANSLATE_NOOP("Enum", "Public-opinion report"),
               "other": QT_TRANSLATE_NOOP("Enum", "Other")},
    "attachment_kind": {"sign_in": QT_TRANSLATE_NOOP("Enum", "Sign-in sheet"),
                        "photo": QT_TRANSLATE_NOOP("Enum", "Photo"),
                        "signed_minutes": QT_TRANSLATE_NOOP("Enum", "Signed minutes"),
                        "other": QT_TRANSLATE_NOOP("Enum", "Other")},
}

# Which value list a (table, field) uses.
FIELD_ENUMS: dict[tuple[str, str], str] = {
    ("member", "sex"): "sex", ("member", "post"): "post", ("member", "status"): "member_status",
    ("member_level", "level"): "member_level", ("member_level", "post"): "post",
    ("office", "level"): "office_level", ("membership", "role"): "membership_role",
    ("meeting", "state"): "meeting_state", ("attendance", "status"): "attendance_status",
    ("opinion_report", "state"): "report_state", ("opinion_report", "source_table"): "source",
    ("follow_up", "state"): "followup_state", ("follow_up", "satisfaction"): "satisfaction",
    ("follow_up", "source_table"): "source", ("attachment", "kind"): "attachment_kind",
}


def enum_label(kind: str, value: str | None) -> str:
    """The display name of a coded value, e.g. enum_label("meeting_state", "held") → 已召开; a value this
    program does not know (a record changed outside it) is said as such (`unrecognised`)."""
    if value is None:
        return ""
    text = ENUM_LABELS.get(kind, {}).get(value)
    return QCoreApplication.translate("Enum", text) if text else unrecognised(value, state=kind.endswith(
        ("_state", "_status")))


def unrecognised(value, *, state: bool = True) -> str:
    """A coded value not among those this program knows (a damaged record, or one written by hand), as the
    交办 page says it (db.assignments.status_label): 状态无法识别：x, or 无法识别：x for a code that is no state."""
    if state:
        return QCoreApplication.translate("Enum", "State not recognised: %1").replace("%1", str(value))
    return QCoreApplication.translate("Enum", "Not recognised: %1").replace("%1", str(value))


def labelled_state(kind: str, value: str | None) -> str:
    """`enum_label` for a state shown after a "State:" label (状态：…): one not recognised reads 无法识别（x）,
    not 状态：状态无法识别：x."""
    if value is None or ENUM_LABELS.get(kind, {}).get(value):
        return enum_label(kind, value)
    return QCoreApplication.translate("Enum", "not recognised (%1)").replace("%1", str(value))


def coded(labels: dict, value, pick, *, state: bool = True) -> str:
    """`pick` of a (Chinese, English) label of a db module's table (db.plan.SOURCE_LABELS …), or `unrecognised`."""
    pair = labels.get(value)
    return pick(*pair) if pair else unrecognised(value, state=state)


def enum_choices(kind: str) -> list[tuple[str, str]]:
    """(value, display name) of every value of a list, in order."""
    return [(v, QCoreApplication.translate("Enum", t)) for v, t in ENUM_LABELS[kind].items()]


def field_enum(table: str, field: str) -> str | None:
    return FIELD_ENUMS.get((table, field))


def field_label(table: str, field: str) -> str:
    """A model field's label in the interface language (db.model label_en, translated per table)."""
    from db import model
    return QCoreApplication.translate(f"model.{table}", model.TABLES[table].field(field).label_en)


def table_label(table: str) -> str:
    from db import model
    return QCoreApplication.translate("model", model.TABLES[table].label_en)


def reference_label(ctx, item_id: str | None, fallback: str | None = None) -> str:
    """A reference item (kind of visit or meeting, category …) by id, in the interface language
    (records carry only the Chinese name)."""
    if not item_id:
        return fallback or ""
    row = ctx.db.execute("SELECT name, name_en FROM reference_item WHERE id = ?", [item_id]).fetchone()
    return ctx.pick(row[0], row[1]) if row else (fallback or "")
