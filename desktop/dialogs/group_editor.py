"""Editor of a liaison group: name, station, convener (from its members, or the roster while it has none),
staff contact, founding date."""

from __future__ import annotations

from typing import Any

from desktop.dialogs.editor import RecordEditor
from desktop.widgets.fields import Form, phone_check

FIELDS = ("name", "township_code", "station_name", "station_address", "convener_id", "staff_name", "staff_phone",
          "founded_on", "note")


class GroupEditor(RecordEditor):
    table = "liaison_group"

    def build(self, form: Form) -> None:
        from db.members import member_choices
        # the convener from the group's members; a new group (or one with nobody in it) has none, and its
        # convener is chosen from the roster of members and joins the group with the save (the list was empty)
        members = member_choices(self.ctx.db, group_id=self.record_id) if self.record_id else []
        if not members:
            members = member_choices(self.ctx.db)
        from db.groups import township_choices
        form.add("name")
        # a choice of the townships this office's groups may be in (free text took "999", matching no office)
        form.add("township_code", choices=township_choices(self.ctx.db, self.ctx.office_id))
        form.add("station_name")
        form.add("station_address")
        form.add("convener_id", choices=members)
        form.add("staff_name")
        form.add("staff_phone", check=phone_check)
        form.add("founded_on")
        form.add("note")

    def load_values(self, db) -> dict[str, Any]:
        from db.groups import load_group
        g = load_group(db, self.record_id)
        return {f: getattr(g, f) for f in FIELDS}

    def new_values(self) -> dict[str, Any]:
        office = self.ctx.office
        code = office.code if office is not None and office.level == "township" else None
        return {"township_code": code}

    def write(self, db, values: dict[str, Any]) -> str:
        from db.groups import save_group
        return save_group(db, self.record_id, values, office_id=self.ctx.office_id)

    def window_title(self) -> str:
        return self.tr("Edit liaison group") if self.record_id else self.tr("New liaison group")

    def draft_title(self) -> str:
        name = self.form.values().get("name") or ""
        return self.tr("Liaison group “%1”").replace("%1", name) if name else self.tr("New liaison group")
