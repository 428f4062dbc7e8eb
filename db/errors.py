"""Domain errors: a stable English code, a Chinese message for the user, an English one for logs."""

from __future__ import annotations


class LiaisonError(Exception):
    """Base of every error the data core raises on purpose.

    `code` is stable (tests and the command line rely on it), `message_zh` is shown to users,
    `message_en` goes to logs and to the English interface.
    """

    code = "error"

    def __init__(self, message_zh: str, message_en: str = "", *, code: str | None = None, field: str | None = None):
        self.message_zh = message_zh
        self.message_en = message_en or message_zh
        if code:
            self.code = code
        self.field = field
        super().__init__(f"[{self.code}] {message_zh} / {self.message_en}")

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh


class ValidationError(LiaisonError):
    """Input that breaks a data rule: required, format, length, enumeration, reference."""

    code = "invalid"


class NotFound(LiaisonError):
    code = "not_found"


class RecordLocked(LiaisonError):
    """A finalized record was asked to change; amendments are new revisions."""

    code = "locked"


class StateError(LiaisonError):
    """A move between states that the workflow does not allow."""

    code = "bad_state"


class WriteGuardError(LiaisonError):
    code = "write_guard"


class DatabaseProblem(LiaisonError):
    """The environment, not our code: locked, full disk, read-only, not a database, corrupt."""

    code = "database"


class NewerDatabase(DatabaseProblem):
    code = "newer_database"
