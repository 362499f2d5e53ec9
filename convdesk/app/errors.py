"""Unexpected exceptions: logged with their traceback, shown to the user as a short dialog.

Qt keeps running after a slot raises, so the window and the user's network stay open; this hook
only makes sure the user hears about it instead of a silent failure or a vanished window.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication

from . import messages

log = logging.getLogger("convdesk")
_showing = False  # one dialog at a time: an error inside the dialog must not stack more
_dialogs = True  # off when nobody is there to close a dialog (--screenshot)


def _hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
    global _showing
    if _showing or not _dialogs or QApplication.instance() is None:
        return
    _showing = True
    try:
        messages.critical(
            QApplication.activeWindow(),
            "Something went wrong",
            "convdesk hit an unexpected problem and did not finish what it was doing.\n\n"
            f"{kind.__name__}: {error}\n\n"
            "Your network is still open. Saving it under a new name is a safe next step.",
        )
    finally:
        _showing = False


def install_exception_hook(dialogs: bool = True) -> None:
    """Route uncaught exceptions (including those raised in Qt slots) to the log and a dialog."""
    global _dialogs
    _dialogs = dialogs
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    sys.excepthook = _hook
