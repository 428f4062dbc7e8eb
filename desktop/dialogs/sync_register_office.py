"""The city office registers a district or a township under its parent (db.offices.add_office).
The new office row travels with the next packages; its installation starts from a setup file."""

from __future__ import annotations

from typing import Any

from desktop.dialogs.editor import RecordEditor
from desktop.labels import enum_choices
from desktop.widgets.fields import ChoiceWidget, Form

_PARENT_LEVEL = {"district": "city", "township": "district"}


class RegisterOfficeDialog(RecordEditor):
    table = "office"

    def build(self, form: Form) -> None:
        levels = [(v, t) for v, t in enum_choices("office_level") if v in _PARENT_LEVEL]
        self.level_row = form.add("level", choices=levels)
        self.parent_combo = ChoiceWidget([], self)
        form.add("parent_id", editor=self.parent_combo,
                 check=lambda v: None if v else self.tr("Choose the office it belongs under"))
        form.add("name")
        form.add("code", check=self._check_code, placeholder="520102001")
        self.level_row.editor.currentIndexChanged.connect(lambda _i: self._fill_parents())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.resize(520, 300)          # four fields: the editor's default size is for long records

    def _check_code(self, value) -> str | None:
        if value and not str(value).strip().isdigit():
            return self.tr("Digits only: the administrative division code, e.g. 520102001")
        return None

    def _fill_parents(self) -> None:
        from db.offices import list_offices
        level = _PARENT_LEVEL.get(self.level_row.value() or "township", "district")
        from desktop.models.sync import office_text
        self.parent_combo.set_items([(office_text(o.name, o.code), o.id) for o in list_offices(self.ctx.db, level=level,
                                                                                         active_only=True)])

    def new_values(self) -> dict[str, Any]:
        self.level_row.set_value("township")
        self._fill_parents()
        return {"level": "township", "parent_id": self.parent_combo.value()}

    def load_values(self, db) -> dict[str, Any]:      # registering only: never opened on an existing office
        return self.new_values()

    def write(self, db, values: dict[str, Any]) -> str:
        from db.offices import add_office
        return add_office(db, code=(values["code"] or "").strip(), name=(values["name"] or "").strip(),
                          level=values["level"], parent_id=values["parent_id"], by_office=self.ctx.office_id)

    def window_title(self) -> str:
        return self.tr("Register an office")

    def draft_title(self) -> str:
        name = self.form.values().get("name") or ""
        return self.tr("Office “%1”").replace("%1", name) if name else self.window_title()
