"""Make the practice window's pictures in docs/practice/ (offscreen, light theme).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/practice/make_pictures.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from convdesk.app import theme
from convdesk.app.practice_window import PracticeWindow, SetMaker
from convdesk.engine import Layer, Network
from convdesk.engine.exercise_sets import ExerciseSet
from convdesk.engine.exercises import generate, make_exercise
from convdesk.engine.presets import load_preset

HERE = Path(__file__).parent


def _save(widget: QWidget, name: str) -> None:
    for _ in range(5):
        QApplication.processEvents()
    widget.grab().save(str(HERE / name))
    print(HERE / name)


def _alexnet() -> ExerciseSet:
    conv1 = Layer("Conv2d", "conv1", {"out_channels": 96, "kernel_size": 11, "stride": 4})
    net = Network([3, 227, 227], [conv1], "Practice")
    ex = make_exercise(net, [("conv1", "shape"), ("conv1", "params")], 2)
    return ExerciseSet("The article's layer", [ex, *generate([3, 8, 16], 5, 4711)])


def main() -> None:
    app = QApplication(sys.argv[:1])
    theme.apply_theme(app, "light")
    folder = tempfile.mkdtemp()
    for zoom, suffix in ((1.0, "100"), (2.0, "200")):
        settings = QSettings(f"{folder}/{suffix}.ini", QSettings.Format.IniFormat)
        settings.setValue("practice/seed", 4711)
        win = PracticeWindow(settings, lambda: load_preset("alexnet-2012"))
        win.resize(1440, 900)
        win.set_zoom(zoom)
        win.show()
        win.open_set(_alexnet())
        boxes = win.attempt.boxes
        boxes[0].edit.setText("54×54×96")
        boxes[1].edit.setText("34848")
        win.check()
        win.hint()
        win.hint()
        win.hint()
        _save(win, f"practice-wrong-{suffix}.png")
        boxes[0].edit.setText("[96, 55, 55]")
        boxes[1].edit.setText("34,944")
        win.check()
        _save(win, f"practice-right-{suffix}.png")
        for _ in range(3):
            win.next_exercise()  # on to the table exercise: five boxes
        win.attempt.boxes[0].edit.setText("fifty")
        win.attempt.boxes[1].edit.setText("55x55")
        win.check()
        _save(win, f"practice-table-{suffix}.png")
        win.hide()  # close() would ask about the unsaved answers to the set
    maker = SetMaker(load_preset("alexnet-2012"))
    maker.title.setText("Week 3: stride and padding")
    maker.seed.setValue(4711)
    maker.resize(560, 760)
    maker.show()
    _save(maker, "make-set.png")


if __name__ == "__main__":
    main()
