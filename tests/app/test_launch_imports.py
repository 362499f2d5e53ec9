"""What the launch imports before the window's first paint: what that paint does not need is
imported when first used (benchmarks/bench_window.py times the launch)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# The child runs the real launch, notes the modules loaded and the cycle collector's state when
# the main window first paints, and stops there.
CHILD = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
class First(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj.window(), QMainWindow):
            import gc
            from convdesk.app.type_palette import TypePalette
            win = obj.window()
            state = {"modules": sorted(sys.modules), "gc": gc.isenabled(),
                     "frozen": gc.get_freeze_count(),
                     "add_entries": sum(len(a.menu().actions()) for a in win.add_menu.actions()),
                     "palettes": len(win.findChildren(TypePalette))}
            print(json.dumps(state), flush=True)
            os._exit(0)
        return False
watcher = First()
app.installEventFilter(watcher)
from convdesk.app.launch import launch
sys.exit(launch(None, None, None))
"""

# Each is needed only by a command, a dialog or a later picture, never by the first one.
LAZY = (
    "convdesk.app.preset_gallery",  # File → Open Preset…
    "convdesk.engine.formats",  # export of the table, Copy Summary
    "convdesk.importers",  # opening a file, Edit → Paste Model…
    "convdesk.importers.torch_print",
    "convdesk.importers.keras",  # opening a model file
    "convdesk.importers.onnx_import",
    "convdesk.exporters",  # File → Export Code…
    "convdesk.canvas.export",  # Copy Picture, Export Picture
    "convdesk.app.practice_window",  # Practice
    "convdesk.app.dialogs",  # Help, About, Network Properties
    "convdesk.app.help",
    "convdesk.app.picture_export",  # Copy Picture, Export Picture
    "convdesk.engine.presets",  # a preset opened
    "convdesk.app.file_open",  # macOS's FileOpen events, on macOS only
    "difflib",  # "did you mean" in a file's error
    "html",  # the worked steps of a layer
    "uuid",  # (the autosave copy's name needs none)
)


def _at_first_paint(tmp_path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no settings or autosave of the user's
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_menu_only_modules_are_not_imported_before_the_first_paint(tmp_path):
    state = _at_first_paint(tmp_path)
    loaded = set(state["modules"])
    # The child did stop at the window's first paint, with the window and the canvas loaded.
    assert {"convdesk.app.main_window", "convdesk.canvas.widget", "pyqtgraph"} <= loaded
    assert sorted(set(LAZY) & loaded) == []
    # The cycle collector, held off while the window was built, runs again from the first
    # paint on; what the launch made is set aside from its collections.
    assert state["gc"] is True
    assert state["frozen"] > 10_000


def test_hidden_menus_and_pop_ups_are_made_when_first_opened(tmp_path, window):
    state = _at_first_paint(tmp_path)
    # At the first paint: the Add menu's groups without their type entries, no type palette.
    assert state["add_entries"] == 0
    assert state["palettes"] == 0
    # Opened, they are all there.
    from convdesk.app.type_palette import TypePalette
    from convdesk.engine import LAYER_TYPES

    window.add_menu.popup(window.mapToGlobal(window.rect().center()))
    window.add_menu.hide()
    entries = [entry for group in window.add_menu.actions() for entry in group.menu().actions()]
    assert len([a for a in entries if not a.isSeparator()]) == len(LAYER_TYPES)
    window.type_palette.action.trigger()
    assert len(window.findChildren(TypePalette)) == 1
    window.type_palette.palette.hide()


def test_a_launch_that_returns_leaves_the_cycle_collector_on(qtbot, tmp_path, monkeypatch):
    import gc

    from convdesk.app import launch as launch_module

    seen = []

    def spy(app, window, out):
        seen.append((window, gc.isenabled()))
        return 0

    monkeypatch.setattr(launch_module, "_save_screenshot", spy)
    assert launch_module.launch("lenet-5", str(tmp_path / "x.png"), None) == 0
    window, collecting = seen[0]
    window.close()
    assert not collecting  # the window was built with the collector held off
    assert gc.isenabled()


def test_the_lazily_imported_commands_still_work(window):
    """Each command imports what it needs when used (the modules' own tests check more)."""
    from PySide6.QtWidgets import QApplication

    window.files.open_preset("alexnet-2012", ask=False)
    window.files.copy_summary()
    assert "conv1" in QApplication.clipboard().text()
    window.canvas_feed.flush()
    assert window.canvas.picture_size().width() > 0
