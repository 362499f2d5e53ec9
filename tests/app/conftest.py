"""Fixtures for the window tests: a real MainWindow with its own settings file, and dialogs
replaced by recorders so no test can hang on a modal box."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from convdesk.app import messages
from convdesk.app.main_window import MainWindow
from convdesk.app.view_settings import base_font
from tests.engine.test_reference_cases import CASES as REFERENCE  # shared/, else the kept copy

# Autosave copies of test windows go to Qt's test folders, never into the user's data folder.
QStandardPaths.setTestModeEnabled(True)


class DialogRecorder:
    """Stands in for QMessageBox: records each call and answers `answer` to questions."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Cancel

    def question(self, _parent, title, text, *_args, **_kwargs):
        self.calls.append(("question", title, text))
        return self.answer

    def warning(self, _parent, title, text, *_args, **_kwargs):
        self.calls.append(("warning", title, text))
        return QMessageBox.StandardButton.Ok

    def critical(self, _parent, title, text, *_args, **_kwargs):
        self.calls.append(("critical", title, text))
        return QMessageBox.StandardButton.Ok

    def kinds(self) -> list[str]:
        return [kind for kind, _, _ in self.calls]


@pytest.fixture
def dialogs(monkeypatch) -> DialogRecorder:
    recorder = DialogRecorder()
    for name in ("question", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, getattr(recorder, name))
        monkeypatch.setattr(messages, name, getattr(recorder, name))
    return recorder


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, dialogs, settings) -> MainWindow:
    win = MainWindow(settings)
    qtbot.add_widget(win)
    win.resize(1400, 900)
    win.show()
    yield win
    win.undo.setClean()  # closing must not ask in teardown
    win.close()
    # Zoom and theme are application-wide; the next test starts from the defaults.
    QApplication.setFont(base_font())


def reference_cases() -> list[dict]:
    with REFERENCE.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def cell(win: MainWindow, row: int, column: int) -> str:
    """What the layer list shows in one cell."""
    return str(win.model.index(row, column).data())
