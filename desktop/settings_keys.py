"""Names of the user's settings (QSettings keys) that several modules read or write. One home, so
that start-up (desktop.app) and the dialogs that choose the data folder import it, not each other."""

from __future__ import annotations

SETTING_DB = "data/db_path"          # the database this installation opens (empty: the default data folder)
