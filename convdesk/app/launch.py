"""Start the window: `convdesk [FILE] [--screenshot OUT.png] [--select LAYER]` ends up here.

`launch` is called by convdesk/cli.py. FILE is a path or a preset key; LAYER is a layer name or
its row number in the list (1 is the first layer).
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from convdesk import APP_NAME, __version__
from convdesk.startup import NO_DISPLAY, has_display

if TYPE_CHECKING:
    from convdesk.engine import Network

SCREENSHOT_SIZE = (1440, 900)


def _application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def _load(file: str) -> tuple[Network | None, str | None, str | None]:
    """(network, its path, None) for FILE (a path, else a preset key); or the reason it fails."""
    from convdesk.engine import NetworkFileError, load_network
    from convdesk.engine.presets import load_preset, preset_keys

    if not os.path.exists(file) and file in preset_keys():
        return load_preset(file), None, None
    try:
        return load_network(file), os.path.abspath(file), None
    except NetworkFileError as error:
        return None, None, str(error)


def _select(window, select: str) -> str | None:
    """Select LAYER by name or row number; the error message when there is no such layer."""
    if window.session.select_named(select):
        return None
    layers = window.session.network.layers
    if select.isdigit() and 1 <= int(select) <= len(layers):
        window.session.select(int(select) - 1)
        return None
    names = ", ".join(layer.name for layer in layers[:12])
    more = " …" if len(layers) > 12 else ""
    return f"no layer named {select!r} (layers: {names}{more})"


def launch(file: str | None, screenshot: str | None, select: str | None) -> int:
    """Build the window, open FILE, select LAYER; with `screenshot`, save a PNG and return."""
    if screenshot is None and not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    if screenshot is not None and QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        qInstallMessageHandler(quiet_offscreen)
    app = _application()
    # The imports and the window below make some 100,000 Python objects, none of them garbage:
    # the cycle collector would walk them again and again (a twentieth of the launch). It is
    # held off until the window is shown; the objects made by then are set aside (gc.freeze), so
    # no later collection walks them either.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build_and_show(app, file, screenshot, select, partial(_started, collecting))
    finally:
        if collecting:
            gc.enable()


def _started(collecting: bool) -> None:
    """The window is shown: what the launch made stays, and the cycle collector runs again."""
    if collecting:
        gc.freeze()
        gc.enable()


def _build_and_show(
    app: QApplication,
    file: str | None,
    screenshot: str | None,
    select: str | None,
    started: Callable[[], None],
) -> int:
    # Imported here so the no-display message above comes without loading the widgets.
    from .errors import install_exception_hook
    from .main_window import MainWindow

    install_exception_hook(dialogs=screenshot is None)
    if screenshot is not None:
        # A picture for the README must not depend on this user's zoom, theme or window layout;
        # its scratch settings go when the picture is taken.
        with tempfile.TemporaryDirectory(prefix="convdesk-shot-") as scratch:
            settings = QSettings(os.path.join(scratch, "settings.ini"), QSettings.Format.IniFormat)
            code = _show(app, MainWindow(settings), file, screenshot, select, started)
            settings.sync()
            return code
    return _show(app, MainWindow(), file, screenshot, select, started)


def _show(
    app: QApplication,
    window,
    file: str | None,
    screenshot: str | None,
    select: str | None,
    started: Callable[[], None],
) -> int:
    """Open FILE and select LAYER in the window; then save the screenshot, or run the window."""
    from .autosave import offer_recovery

    if sys.platform == "darwin":  # only macOS sends FileOpen; elsewhere the filter would only
        # see every event of the program go by
        from .file_open import FileOpenFilter

        app.installEventFilter(FileOpenFilter(window))

    problem = None
    if file:
        network, path, problem = _load(file)
        if network is not None:
            window.doc.replace(network, path)
            if path:
                window.files.remember_recent(path)
    if problem is None and select:
        problem = _select(window, select)

    if screenshot is not None:
        if problem:
            print(f"convdesk: {problem}", file=sys.stderr)
            return 2
        return _save_screenshot(app, window, screenshot)

    window.show()
    started()
    if problem:
        QTimer.singleShot(0, partial(window.notifier.warning, "Cannot open", problem))
    QTimer.singleShot(0, partial(offer_recovery, window))
    return app.exec()


def quiet_offscreen(mode: QtMsgType, context, message: str) -> None:
    """Qt's offscreen platform warns on every window it shows; that says nothing to a user."""
    if "does not support propagateSizeHints" in message:
        return
    print(message, file=sys.stderr)


def _save_screenshot(app: QApplication, window, path: str) -> int:
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    window.canvas_feed.flush()
    for _ in range(3):  # layout, then the canvas's own deferred drawing
        app.processEvents()
    ok = window.grab().save(path)
    window.hide()
    if not ok:
        print(f"convdesk: cannot write the picture to {path}", file=sys.stderr)
        return 2
    return 0
