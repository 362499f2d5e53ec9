"""Autosave and recovery: unsaved work survives a crash, a kill or a power cut.

While a window has unsaved changes, a copy of its network is written every 30 seconds (only when
something changed since the last copy) into the user's data folder (QStandardPaths'
AppDataLocation, folder `autosave`). Saving, or undoing back to the saved state, or closing the
window normally removes the copy. Each running window holds a lock file beside its copy; a copy
whose lock is free belongs to a program that ended without closing, and the next launch offers it
back, naming the work and the time of the copy.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox

from convdesk.engine import Network, NetworkFileError, dumps_network, loads_network

from . import messages

if TYPE_CHECKING:
    from .main_window import MainWindow

INTERVAL_MS = 30_000
FORMAT = "convdesk-autosave"


def autosave_folder() -> Path:
    """Where copies are kept: the user's data folder for convdesk, sub-folder `autosave`."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "autosave"


class Autosaver(QObject):
    """Keeps a copy of one window's unsaved network; `stop()` when the window closes normally."""

    def __init__(self, window: MainWindow, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(window)
        self._window = window
        self._id = os.urandom(16).hex()  # this window's copy's name
        self._lock: QLockFile | None = None
        self._changed = False
        self.problem = ""  # why the last copy could not be written, for the status bar
        window.undo.indexChanged.connect(self._on_change)
        window.undo.cleanChanged.connect(self._on_clean)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_if_changed)
        self.timer.start()

    @property
    def path(self) -> Path:
        """This window's copy (it exists only while there is unsaved work)."""
        return autosave_folder() / f"{self._id}.json"

    def _on_change(self, *_args: object) -> None:
        self._changed = True

    def _on_clean(self, clean: bool) -> None:
        if clean:
            self._changed = False
            self._remove()

    def save_if_changed(self) -> None:
        """Write the copy if the network changed since the last one and is not saved."""
        if self._changed and not self._window.undo.isClean():
            self.save_now()

    def save_now(self) -> bool:
        """Write the copy now; False (and `problem` says why) if the folder cannot be written."""
        doc = self._window.doc
        record = {
            "format": FORMAT,
            "version": 1,
            "saved": datetime.now().astimezone().isoformat(timespec="seconds"),
            "path": doc.path,
            "network": dumps_network(doc.network),
        }
        target = self.path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if self._lock is None:
                lock = QLockFile(str(target.with_suffix(".lock")))
                lock.setStaleLockTime(0)  # stale only when its process is gone
                if not lock.tryLock(0):
                    raise OSError(f"cannot lock {lock.fileName()}")
                self._lock = lock
            partial = target.with_suffix(".part")
            partial.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, target)
        except (OSError, UnicodeEncodeError) as error:
            self.problem = f"Autosave failed: {error}"
            self._window.statusBar().showMessage(self.problem, 6000)
            return False
        self._changed = False
        self.problem = ""
        return True

    def _remove(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

    def stop(self) -> None:
        """The window closed normally: remove the copy and the lock."""
        self.timer.stop()
        self._remove()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


@dataclass(frozen=True)
class Orphan:
    """A copy left by a program that did not close normally."""

    copy: Path
    lock: QLockFile
    saved: datetime
    path: str | None
    network: Network

    def describe(self) -> str:
        where = f"from {self.path}" if self.path else "never saved to a file"
        when = self.saved.strftime("%H:%M on %A %d %B %Y")
        return (
            f"convdesk ended without closing normally while the network {self.network.name!r} "
            f"({where}) had unsaved changes. A copy was kept at {when}.\n\n"
            "Restore it? If you do not, the copy is deleted."
        )

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.copy.unlink(missing_ok=True)
        self.lock.unlock()


def orphans(folder: Path | None = None) -> list[Orphan]:
    """Copies whose program is no longer running, newest first; each one's lock is now ours."""
    folder = autosave_folder() if folder is None else folder
    found = []
    for copy in sorted(folder.glob("*.json")):
        lock = QLockFile(str(copy.with_suffix(".lock")))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # its window is still open
        try:
            record = json.loads(copy.read_text(encoding="utf-8"))
            network = loads_network(record["network"], str(copy))
            saved = datetime.fromisoformat(record["saved"])
            path = record.get("path")
        except (OSError, ValueError, KeyError, TypeError, NetworkFileError):
            copy.unlink(missing_ok=True)  # unreadable: nothing to offer
            lock.unlock()
            continue
        found.append(Orphan(copy, lock, saved, path if isinstance(path, str) else None, network))
    return sorted(found, key=lambda orphan: orphan.saved, reverse=True)


def offer_recovery(window: MainWindow) -> bool:
    """Ask about each copy a killed or crashed convdesk left; True if one was restored."""
    restored = False
    for orphan in orphans():
        if restored:  # one network per window: the others wait for the next launch
            orphan.lock.unlock()
            continue
        answer = messages.question(
            window,
            "Restore unsaved work?",
            orphan.describe(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            window.session.load(orphan.network, orphan.path)
            window.undo.resetClean()  # restored work is unsaved work
            window.autosave.save_now()
            restored = True
        orphan.discard()
    return restored
