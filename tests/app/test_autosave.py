"""Autosave and recovery: a copy of unsaved work every 30 s; a killed convdesk offers it back."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

from convdesk.app import autosave
from convdesk.engine import Layer, Network, save_network

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def copies() -> list[str]:
    folder = autosave.autosave_folder()
    return sorted(p.name for p in folder.glob("*.json")) if folder.exists() else []


def test_a_copy_is_written_only_when_something_changed_and_removed_on_save(window, tmp_path):
    assert window.autosave.timer.interval() == 30_000 and window.autosave.timer.isActive()
    path = tmp_path / "n.convdesk"
    save_network(Network([3, 8, 8], [Layer("ReLU", "r")], "mine"), path)
    assert window.files.open_path(str(path), ask=False)
    window.autosave.save_if_changed()
    assert not window.autosave.path.exists()  # nothing changed
    window.session.rename(0, "renamed")
    window.autosave.save_if_changed()
    record = json.loads(window.autosave.path.read_text(encoding="utf-8"))
    assert record["path"] == str(path) and '"name": "renamed"' in record["network"]
    stamp = window.autosave.path.stat().st_mtime_ns
    window.autosave.save_if_changed()  # no change since the copy: not written again
    assert window.autosave.path.stat().st_mtime_ns == stamp
    assert window.files.save()
    assert not window.autosave.path.exists()
    window.session.rename(0, "again")
    window.autosave.save_if_changed()
    assert window.autosave.path.exists()
    window.undo.undo()  # back to the saved text: nothing unsaved, no copy
    assert not window.autosave.path.exists()
    window.session.rename(0, "third")
    window.autosave.save_if_changed()
    window.undo.setClean()
    window.close()
    assert window.autosave.path.name not in copies()


DRIVER = textwrap.dedent(
    """
    import json, os, signal, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from convdesk.app.launch import launch

    def window():
        return next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")

    def edit_then_die():
        win = window()
        win.autosave.timer.setInterval(100)  # the 30 s of a real session, shortened
        win.session.rename(0, "edited after opening")
        QTimer.singleShot(1500, lambda: os.kill(os.getpid(), signal.SIGKILL))

    def answer_then_close():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, answer_then_close)
            return
        box.button(box.StandardButton.Yes).click()
        QTimer.singleShot(100, lambda: report(box.text()))

    def report(text):
        win = window()
        result = {
            "question": text,
            "layers": [layer.name for layer in win.session.network.layers],
            "path": win.doc.path,
            "modified": win.isWindowModified(),
        }
        win.undo.setClean()
        win.close()
        print(json.dumps(result))
        QApplication.quit()

    QTimer.singleShot(0, edit_then_die if sys.argv[1] == "kill" else answer_then_close)
    sys.exit(launch(sys.argv[2] if len(sys.argv) > 2 else None, None, None))
    """
)


def test_after_a_kill_the_next_launch_offers_the_work_back(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    env["HOME"] = str(tmp_path)  # the window's own settings stay out of the real home
    path = tmp_path / "work.convdesk"
    save_network(Network([3, 8, 8], [Layer("ReLU", "r")], "Homework 3"), path)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", DRIVER, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    killed = run("kill", str(path))
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    folder = tmp_path / "data" / "convdesk" / "convdesk" / "autosave"
    assert len(list(folder.glob("*.json"))) == 1
    again = run("restore")
    assert again.returncode == 0, again.stderr
    result = json.loads(again.stdout.strip().splitlines()[-1])
    assert "'Homework 3'" in result["question"] and str(path) in result["question"]
    assert "A copy was kept at " in result["question"]
    assert result["layers"] == ["edited after opening"]
    assert result["path"] == str(path) and result["modified"]
    # A normal close removed the copy: a third launch has nothing to offer.
    assert list(folder.glob("*.json")) == [] and list(folder.glob("*.lock")) == []


def test_a_screenshot_leaves_nothing_in_the_temporary_folder(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch), XDG_DATA_HOME=str(tmp_path / "data"))
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "convdesk", "lenet-5", "--screenshot", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    assert list(scratch.iterdir()) == []
