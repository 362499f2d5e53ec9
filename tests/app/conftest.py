"""Fixtures for the window tests: a real MainWindow with its own settings file, and dialogs
replaced by recorders so no test can hang on a modal box.

A test marked `@pytest.mark.shared_window` gets, as `window`, one window shared by the whole run,
reset for it (see `_lend`); the others get a new window each.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QByteArray, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from convdesk.app import messages
from convdesk.app.document import default_network
from convdesk.app.main_window import MainWindow
from convdesk.app.view_settings import base_font
from tests.engine.test_reference_cases import CASES as REFERENCE  # shared/, else the kept copy
from tests.qt_wait import settle

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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "shared_window: the test's `window` is the one shared window (see `window`)",
    )


@pytest.fixture
def window(request, qtbot, dialogs, settings) -> MainWindow:
    """A new window of the test's own, or, for a test marked `shared_window`, the shared one."""
    if request.node.get_closest_marker("shared_window") is not None:
        yield from _lend(request.getfixturevalue("_shared_window"))
        return
    win = MainWindow(settings)
    qtbot.add_widget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    settle(win)  # the panels take their sizes over the first turns of the event loop
    yield win
    win.undo.setClean()  # closing must not ask in teardown
    win.close()
    # Zoom and theme are application-wide; the next test starts from the defaults.
    QApplication.setFont(base_font())


@pytest.fixture(scope="session")
def _shared_window(qapp, tmp_path_factory) -> tuple[MainWindow, QByteArray]:
    """The shared window, and its panels as they were laid out at the start."""
    settings_file = tmp_path_factory.mktemp("shared-window") / "settings.ini"
    win = MainWindow(QSettings(str(settings_file), QSettings.Format.IniFormat))
    win.resize(1400, 900)
    win.show()
    settle(win)
    layout = win.saveState()
    win.hide()
    yield win, layout
    win.undo.setClean()
    win.close()


def _lend(shared: tuple[MainWindow, QByteArray]):
    """The shared window for one test, as a new window starts: a new empty network, no file,
    nothing selected, nothing to undo, the panels at their first sizes. The test may open and
    edit networks and select layers; one that leaves the zoom, theme, canvas view or a panel
    shown or hidden changed fails at teardown: it needs a window of its own (no mark)."""
    win, layout = shared
    win.session.load(default_network(), None)
    win.canvas_feed.flush()
    win.restoreState(layout)
    win.show()
    settle(win)
    before = _view_state(win)
    yield win
    win.canvas_feed.flush()
    settle(win)
    after = _view_state(win)
    # Out of the way (of the mouse, of tooltips) of the tests that come next, with its dialogs.
    for widget in QApplication.topLevelWidgets():
        if widget is not win and widget.isVisible() and _belongs_to(widget, win):
            widget.close()
    win.hide()
    assert after == before, "this test changed the shared window beyond its network"


def _belongs_to(widget: QWidget, win: MainWindow) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not win:
        parent = parent.parentWidget()
    return parent is win


def _view_state(win: MainWindow) -> tuple:
    """What a test of the shared window must leave as it found it."""
    docks = (win.layers_dock, win.form_dock, win.steps_dock)
    return (
        win.view_settings.zoom,
        win.view_settings.theme_name,
        win.canvas.view_mode,
        win.canvas.network_scale,
        win.canvas.depth_scale,
        win.size().toTuple(),
        tuple((dock.isVisible(), dock.isFloating()) for dock in docks),
    )


def reference_cases() -> list[dict]:
    with REFERENCE.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def cell(win: MainWindow, row: int, column: int) -> str:
    """What the layer list shows in one cell."""
    return str(win.model.index(row, column).data())
