"""`convdesk [FILE] --screenshot OUT.png --select LAYER`, and the message without a display."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage

from convdesk.app.launch import NO_DISPLAY, launch

RUN = "from convdesk.app.launch import launch; import sys; sys.exit(launch({}))"


def _run(args: str, env: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", RUN.format(args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _without_display() -> dict:
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


def test_without_a_display_it_says_so(tmp_path):
    result = _run("None, None, None", _without_display())
    assert result.returncode == 1
    assert "convdesk needs a desktop session" in result.stderr
    assert "Traceback" not in result.stderr
    assert "could not connect to display" not in result.stderr
    assert NO_DISPLAY.splitlines()[0] in result.stderr


def test_screenshot_needs_no_display(tmp_path):
    out = tmp_path / "alexnet.png"
    result = _run(f"'alexnet-2012', {str(out)!r}, 'conv1'", _without_display())
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600
    assert "propagateSizeHints" not in result.stderr  # Qt's offscreen noise is kept from users


def test_screenshot_in_process_selects_the_layer(qtbot, tmp_path, monkeypatch):
    from convdesk.app import launch as launch_module

    windows = []
    real = launch_module._save_screenshot

    def spy(app, window, path):
        windows.append(window)
        return real(app, window, path)

    monkeypatch.setattr(launch_module, "_save_screenshot", spy)
    out = tmp_path / "pool.png"
    assert launch("alexnet-2012", str(out), "pool1") == 0
    window = windows[0]
    assert window.session.network.layers[window.session.selected].name == "pool1"
    # The worked steps are pool1's: AlexNet's 55 → ⌊(55 − 3) / 2⌋ + 1 = 27.
    assert "27" in window.steps.toPlainText()
    assert QImage(str(out)).width() > 0
    window.close()


def test_screenshot_of_a_missing_layer_fails_clearly(qtbot, tmp_path, capsys):
    assert launch("alexnet-2012", str(tmp_path / "x.png"), "no_such_layer") == 2
    assert "no layer named 'no_such_layer'" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_screenshot_of_an_unreadable_file_fails_clearly(qtbot, tmp_path, capsys):
    bad = tmp_path / "bad.convdesk"
    bad.write_text("not json", "utf-8")
    assert launch(str(bad), str(tmp_path / "x.png"), None) == 2
    err = capsys.readouterr().err
    assert "bad.convdesk" in err and "Traceback" not in err


def test_a_file_path_opens_and_a_row_number_selects(qtbot, tmp_path, monkeypatch):
    from convdesk.app import launch as launch_module
    from convdesk.engine.presets import preset_text

    path = tmp_path / "lenet.convdesk"
    path.write_text(preset_text("lenet-5"), "utf-8")
    windows = []
    monkeypatch.setattr(
        launch_module, "_save_screenshot", lambda app, window, out: windows.append(window) or 0
    )
    assert launch(str(path), str(tmp_path / "y.png"), "1") == 0
    window = windows[0]
    assert window.doc.path == str(path)
    assert window.session.selected == 0
    window.close()


def test_a_platform_that_cannot_start_is_caught_before_qt_aborts():
    env = _without_display()
    env["QT_QPA_PLATFORM"] = "xcb"
    result = _run("None, None, None", env)
    assert result.returncode == 1
    assert "convdesk needs a desktop session" in result.stderr
    assert "could not connect to display" not in result.stderr
