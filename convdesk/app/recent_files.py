"""The recent-files list, kept in QSettings, newest first."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

KEY = "recentFiles"
LIMIT = 8


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value(KEY, [])
    if isinstance(value, str):  # QSettings gives a lone entry back as a string
        value = [value]
    return [str(p) for p in value if p] if isinstance(value, list) else []


def add_recent(settings: QSettings, path: str) -> list[str]:
    path = os.path.abspath(path)
    files = [path] + [p for p in recent_files(settings) if p != path]
    settings.setValue(KEY, files[:LIMIT])
    return files[:LIMIT]


def remove_recent(settings: QSettings, path: str) -> list[str]:
    files = [p for p in recent_files(settings) if p != path]
    settings.setValue(KEY, files)
    return files
