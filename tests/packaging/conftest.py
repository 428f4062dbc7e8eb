"""The GUI fixtures of tests/desktop (the About box is tested on the real main window)."""

from tests.desktop.conftest import app, module_ctx, no_modal_dialogs, window  # noqa: F401
