"""Entry point of the frozen build: the same as the `liaison-desk` console script, plus what only a
frozen program needs first: streams that exist (a Windows GUI build has none), portable mode, and on
Linux the input method (desktop/input_method.py: ibus when fcitx 5 runs and the bundle has no fcitx plugin)."""

import os
import sys


def _streams() -> None:
    # Windows builds without a console start with sys.stdout/sys.stderr = None: any write (a warning,
    # a library's print, logging's last-resort handler) would raise. Give them a sink.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process


if __name__ == "__main__":
    _streams()
    from desktop.paths import apply_portable_mode
    apply_portable_mode()
    if sys.platform.startswith("linux"):
        from desktop import input_method
        input_method.apply()         # fcitx 5 without an fcitx Qt plugin: type Chinese through its ibus side
    from desktop.cli import main
    sys.exit(main())
