"""A seeded monkey run on the real window: 1,000 random actions a careless hand might take.

Menus, the add-layer menu, form fields given nonsense and out-of-range numbers, renames with HTML
and control characters, selection, undo/redo, zoom, theme, opening files. No action may raise (an
exception in a Qt slot fails the test), and undoing everything returns exactly the text of the
file that was opened last.
"""

from __future__ import annotations

import random

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QLineEdit

from convdesk.engine import dumps_network, save_network
from convdesk.engine.presets import load_preset

SEED = 12
ACTIONS = 1000
PRESETS = ("lenet-5", "alexnet-2012", "m5-audio", "unet-2015", "c3d-video")
TYPED = ["-5", "0", "1", "3", "64", "99999999999999999999999", "1e400", "abc", "", "2.5", "-0"]
NAMES = ["<b>bold</b>", "x\u0000y", "input", "", "   ", "fc", "a" * 250, "é名前", "<img src=x>"]
SKIP = ("…", "New", "Quit", "About", "Help", "Copy P")  # dialogs, the end, slow clipboard work


def _actions(menu) -> list[QAction]:
    found = []
    menu.aboutToShow.emit()  # as when opened: the Add menu makes its entries then
    for action in menu.actions():
        if action.menu() is not None:
            if "Recent" not in action.text():
                found += _actions(action.menu())
        elif not action.isSeparator() and not any(word in action.text() for word in SKIP):
            found.append(action)
    return found


def test_a_thousand_random_actions_raise_nothing_and_undo_to_the_file(window, tmp_path):
    rng = random.Random(SEED)
    files = {}
    for key in PRESETS:
        path = tmp_path / f"{key}.convdesk"
        save_network(load_preset(key), path)
        files[key] = path
    menu_actions = [a for m in window.menuBar().actions() for a in _actions(m.menu())]
    assert len(menu_actions) > 40  # the add-layer menu's types among them
    opened = files["lenet-5"].read_text(encoding="utf-8")
    assert window.files.open_path(str(files["lenet-5"]), ask=False)

    def poke_form() -> None:
        widgets = [
            w
            for form in (window.form, window.input_form)
            for kind in (QAbstractSpinBox, QComboBox, QCheckBox, QLineEdit)
            for w in form.findChildren(kind)
            if w.isEnabled() and w.isVisible() and not isinstance(w.parent(), QAbstractSpinBox)
        ]
        if not widgets:
            return
        w = rng.choice(widgets)
        if isinstance(w, QAbstractSpinBox):
            w.setFocus()
            w.lineEdit().selectAll()
            w.lineEdit().insert(rng.choice(TYPED))
            w.editingFinished.emit()
        elif isinstance(w, QComboBox) and w.count():
            w.setCurrentIndex(rng.randrange(w.count()))
        elif isinstance(w, QCheckBox):
            w.click()
        elif w is window.form.name_edit and window.session.selected is not None:
            w.setText(rng.choice(NAMES))
            w.editingFinished.emit()

    def select() -> None:
        n = len(window.session.network.layers)
        window.session.select(rng.randrange(n) if n else None)

    def open_file() -> None:
        nonlocal opened
        key = rng.choice(PRESETS)
        window.undo.setClean()  # no question: the run is about what follows
        assert window.files.open_path(str(files[key]), ask=False)
        opened = files[key].read_text(encoding="utf-8")  # as it is now: Save may have run

    choices = [
        (30, lambda: rng.choice(menu_actions).trigger()),
        (30, poke_form),
        (15, select),
        (10, window.undo.undo),
        (6, window.undo.redo),
        (1, open_file),
    ]
    weights = [w for w, _ in choices]
    for step in range(ACTIONS):
        rng.choices([c for _, c in choices], weights)[0]()
        if step % 10 == 0:
            QApplication.processEvents()
    QApplication.processEvents()
    while window.undo.canUndo():
        window.undo.undo()
    assert dumps_network(window.session.network) == opened
