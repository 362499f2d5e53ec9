"""The practice window driven as a student and a teacher would, by keyboard, with real widgets."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import QSettings, Qt

from convdesk.app.practice_window import PracticeWindow, SetMaker
from convdesk.engine import Layer, Network
from convdesk.engine.exercise_sets import ExerciseSet, drawn_set, load_set
from convdesk.engine.exercises import exercise, exercise_from_layer, format_answer, make_exercise
from convdesk.engine.presets import load_preset

CTRL = Qt.KeyboardModifier.ControlModifier


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def practice(qtbot, dialogs, settings, clock) -> PracticeWindow:
    settings.setValue("practice/seed", 4711)
    win = PracticeWindow(settings, lambda: load_preset("alexnet-2012"), clock=clock)
    qtbot.add_widget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def _alexnet_set() -> ExerciseSet:
    net = Network(
        [3, 227, 227],
        [Layer("Conv2d", "conv1", {"out_channels": 96, "kernel_size": 11, "stride": 4})],
    )
    return ExerciseSet(
        "AlexNet", [make_exercise(net, [("conv1", "shape"), ("conv1", "params")], 1)]
    )


def _type(qtbot, win: PracticeWindow, row: int, text: str) -> None:
    edit = win.attempt.boxes[row].edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _stored(settings: QSettings, key: str) -> int:
    fresh = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    return int(fresh.value(f"practice/{key}", 0))


def test_a_right_answer_by_keyboard_scores_and_is_kept(qtbot, practice, settings):
    ex = exercise(1, 4711, 0)
    assert practice.attempt.exercise == ex  # the student's seed, level 1, first exercise
    assert practice.question.text() == ex.prompt
    assert practice.picture.currentWidget() is practice.veil  # the drawing would give it away
    assert practice.focusWidget() is practice.attempt.boxes[0].edit
    shape = "x".join(str(v) for v in (*ex.asks[0].answer[1:], ex.asks[0].answer[0]))  # H×W×C
    _type(qtbot, practice, 0, shape)
    assert practice.attempt.boxes[0].status == "right"
    assert practice.focusWidget() is practice.attempt.boxes[1].edit  # on to the next box
    qtbot.keyClicks(practice.attempt.boxes[1].edit, f"{ex.asks[1].answer:,}")
    qtbot.keyClick(practice.attempt.boxes[1].edit, Qt.Key.Key_Return)
    assert "All right at the first try" in practice.message.text()
    assert practice.picture.currentWidget() is practice.canvas
    assert practice.canvas.selected == ex.focus
    assert practice.canvas.view_mode == "layer"  # one layer: no outline of the network
    assert not practice.check_button.isEnabled()
    assert "Score 1 · streak 1" in practice.score.text()
    for key, value in (
        ("score", 1),
        ("streak", 1),
        ("level1/right", 1),
        ("level1/done", 1),
        ("level1/next", 1),
    ):
        assert _stored(settings, key) == value, key
    qtbot.keyClick(practice.focusWidget(), Qt.Key.Key_Right, CTRL)
    assert practice.attempt.exercise == exercise(1, 4711, 1)
    assert "Exercise 2 of level 1; 1 of 1 right" in practice.where.text()
    assert practice.level_box.itemText(0) == "1. No padding, stride 1  (1 of 1 right)"
    assert practice.level_box.itemText(1) == "2. A stride that rounds"


def test_a_wrong_answer_names_its_mistake(qtbot, practice, settings):
    settings.setValue("practice/streak", 3)
    practice.open_set(_alexnet_set())
    _type(qtbot, practice, 0, "54×54×96")
    feedback = practice.attempt.boxes[0].feedback.text()
    assert feedback.startswith("✗ Not quite") and "forgot the +1" in feedback
    _type(qtbot, practice, 1, "34848")
    assert "forgot the bias" in practice.attempt.boxes[1].feedback.text()
    _type(qtbot, practice, 1, "[96, 55, 55]")
    assert "one number is asked" in practice.attempt.boxes[1].feedback.text()
    assert practice.attempt.boxes[1].status == "wrong"  # unreadable text changes nothing
    _type(qtbot, practice, 0, "[55, 55, 96]")
    assert "channels first and channels last" in practice.attempt.boxes[0].feedback.text()
    _type(qtbot, practice, 0, "[96, 55, 55]")
    _type(qtbot, practice, 1, "34944")
    assert practice.attempt.finished
    assert "All right!" in practice.message.text()  # not at the first try
    assert _stored(settings, "streak") == 4 and _stored(settings, "level1/right") == 1


def test_hints_come_one_step_at_a_time(qtbot, practice):
    practice.open_set(_alexnet_set())
    steps = practice.attempt.exercise.hints()
    assert practice.hints.text() == ""
    qtbot.keyClick(practice.attempt.boxes[0].edit, Qt.Key.Key_H, CTRL)
    assert practice.hints.text().startswith("conv1 (Conv2d)")
    assert steps[1].title not in practice.hints.text()
    qtbot.keyClick(practice.attempt.boxes[0].edit, Qt.Key.Key_H, CTRL)
    assert steps[1].title in practice.hints.text() and steps[2].title not in practice.hints.text()
    assert "Hints (2 of" in practice.hint_label.text()
    while practice.hint_button.isEnabled():
        qtbot.mouseClick(practice.hint_button, Qt.MouseButton.LeftButton)
    assert "34,944" in practice.hints.text()  # the last steps work the answer out
    assert practice.picture.currentWidget() is practice.canvas
    practice.hint()
    assert "No more hints" in practice.message.text()


def test_show_answer_counts_as_not_right(qtbot, practice, settings):
    settings.setValue("practice/streak", 2)
    qtbot.keyClick(
        practice.attempt.boxes[0].edit, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier
    )
    ex = practice.attempt.exercise
    assert practice.attempt.boxes[0].feedback.text() == f"The answer: {format_answer(ex.asks[0])}"
    assert _stored(settings, "streak") == 0 and _stored(settings, "level1/done") == 1
    assert _stored(settings, "level1/right") == 0


def test_a_set_made_by_the_teacher_opens_for_the_student(qtbot, practice, tmp_path, clock):
    maker = SetMaker(load_preset("alexnet-2012"), practice)
    qtbot.add_widget(maker)
    maker.title.setText("Week 3")
    for i in range(maker.levels.count()):
        item = maker.levels.item(i)
        item.setCheckState(Qt.CheckState.Checked if i in (0, 2) else Qt.CheckState.Unchecked)
    maker.count.setValue(3)
    maker.seed.setValue(77)
    made = maker.exercise_set()
    assert made.made_from == {"levels": [1, 3], "count": 3, "seed": 77}
    path = tmp_path / "week3"
    assert practice.save_set(made, str(path))
    saved = tmp_path / "week3.convdesk-set"
    assert load_set(saved).exercises == drawn_set([1, 3], 3, 77).exercises

    assert practice.load_set_file(str(saved))  # the student's side
    assert "Week 3: exercise 1 of 3" in practice.where.text()
    assert not practice.level_box.isVisible() and practice.results_button.isEnabled()
    first = practice.attempt.exercise
    clock.now += 30
    _type(qtbot, practice, 0, format_answer(first.asks[0]))
    _type(qtbot, practice, 1, "=1+1")
    practice.hint()
    practice.next_exercise()
    assert practice.attempt.number == 2
    clock.now += 5
    practice.show_answer()
    practice.next_exercise()
    practice.next_exercise()  # past the last one: stays, and says so
    assert "last exercise" in practice.message.text()
    results = tmp_path / "results.csv"
    assert practice.save_results(str(results))
    rows = list(csv.DictReader(io.StringIO(results.read_text(encoding="utf-8"))))
    assert [r["exercise"] for r in rows] == ["1", "1", "2", "3", "3"]  # one row per box
    assert rows[0]["result"] == "right" and rows[0]["hints_used"] == "1"
    assert rows[0]["answer_given"] == format_answer(first.asks[0])
    assert rows[1]["result"] == "unanswered" and rows[1]["answer_given"] == "'=1+1"  # unreadable
    assert rows[2]["result"] == "shown" and rows[2]["seconds"] == "5.0"
    assert rows[3]["result"] == rows[4]["result"] == "unanswered"


def test_a_teacher_picks_layers_of_the_open_network(qtbot, practice):
    maker = SetMaker(load_preset("alexnet-2012"), practice)
    qtbot.add_widget(maker)
    maker.by_layer.setChecked(True)
    assert not maker.levels.isEnabled() and maker.layers.isEnabled()
    assert maker.exercise_set() is None and "at least one layer" in maker.error.text()
    names = [maker.layers.item(i).text() for i in range(maker.layers.count())]
    assert names[:3] == ["conv1 (Conv2d)", "pool1 (MaxPool2d)", "conv2 (Conv2d)"]
    assert not any("ReLU" in name or "Dropout" in name for name in names)
    maker.layers.item(names.index("conv2 (Conv2d)")).setCheckState(Qt.CheckState.Checked)
    made = maker.exercise_set()
    assert made.exercises == [exercise_from_layer(load_preset("alexnet-2012"), "conv2")]
    assert made.title.startswith("Layers of")
    empty = SetMaker(None, practice)
    qtbot.add_widget(empty)
    assert not empty.by_layer.isEnabled()


def test_bad_set_files_get_a_message(practice, dialogs, tmp_path):
    newer = tmp_path / "newer.convdesk-set"
    newer.write_text('{"format": "convdesk-set", "version": 7, "exercises": []}', encoding="utf-8")
    assert not practice.load_set_file(str(newer))
    kind, _title, text = dialogs.calls[-1]
    assert kind == "warning" and "newer convdesk" in text and "at version" in text
    assert not practice.load_set_file(str(tmp_path / "missing.convdesk-set"))
    assert "no such file" in dialogs.calls[-1][2]
    assert practice.exercise_set is None  # still practising the level
    assert not practice.save_set(drawn_set([1], 1, 1), str(tmp_path / "no" / "x"))
    assert "cannot save" in dialogs.calls[-1][2]


@pytest.mark.parametrize(
    "text",
    [
        "fifty",
        "55x55",
        "",
        "[[[",
        "9" * 400,
        "1e999",
        "-5",
        "0x10",
        "٣٤",
        "nan",
        "[1,,2]",
        "\u202e12",
    ],
)
def test_nothing_typed_crashes_the_window(qtbot, practice, text):
    for row in range(len(practice.attempt.boxes)):
        edit = practice.attempt.boxes[row].edit
        edit.setText(text)
    practice.check()
    assert practice.attempt is not None and not practice.attempt.finished
    for box in practice.attempt.boxes:
        if text.strip():
            assert box.feedback.text()  # a message or a verdict, never silence
    practice.hint()
    practice.show_answer()
    assert practice.attempt.finished


def test_the_main_window_has_a_practice_menu(qtbot, window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-2:] == ["&Practice", "&Help"]
    practice = window.practice_menu.open_practice()
    qtbot.add_widget(practice)
    assert practice.isVisible() and practice.settings is window.settings
    practice.close()


def test_projector_zoom(qtbot, practice, settings):
    size = practice.question.font().pointSizeF()
    qtbot.keyClick(practice.attempt.boxes[0].edit, Qt.Key.Key_Equal, CTRL)
    assert practice.zoom == 1.15 and practice.question.font().pointSizeF() > size
    assert (
        float(QSettings(settings.fileName(), QSettings.Format.IniFormat).value("practice/zoom"))
        == 1.15
    )


def test_unsaved_set_answers_are_not_lost_by_accident(qtbot, practice, dialogs, tmp_path):
    practice.open_set(_alexnet_set())
    practice.leave_set()  # nothing answered yet: no question
    assert practice.exercise_set is None and not dialogs.calls
    practice.open_set(_alexnet_set())
    _type(qtbot, practice, 0, "[96, 55, 55]")
    practice.leave_set()
    assert dialogs.kinds() == ["question"] and practice.exercise_set is not None  # Cancel: stays
    assert not practice.close() and practice.isVisible()
    assert practice.save_results(str(tmp_path / "r.csv"))
    practice.leave_set()
    assert practice.exercise_set is None and dialogs.kinds() == ["question", "question"]


def test_tab_walks_the_boxes_then_the_buttons(qtbot, practice):
    practice.open_set(_alexnet_set())
    first, second = (box.edit for box in practice.attempt.boxes)
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert practice.focusWidget() is second
    qtbot.keyClick(second, Qt.Key.Key_Tab)
    assert practice.focusWidget() is practice.check_button
    qtbot.keyClick(practice.check_button, Qt.Key.Key_Tab)
    assert practice.focusWidget() is practice.hint_button
