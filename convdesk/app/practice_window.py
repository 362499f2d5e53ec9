"""The practice window: students work a layer's numbers out, teachers hand out exercise sets.

Everything it shows comes from the engine: the exercise and its answers from
`engine.exercises`, the verdict and the named mistake from `engine.diagnosis`, the hints from the
worked steps, the drawing from the canvas. The drawing labels the output's size, so it appears
only once the numbers are answered, shown, or every hint has been read.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from convdesk import APP_NAME
from convdesk.canvas import CanvasWidget
from convdesk.engine import Network, Step, compute
from convdesk.engine.diagnosis import check_answer
from convdesk.engine.exercise_sets import (
    SUFFIX,
    ExerciseSet,
    ResultRow,
    SetFileError,
    drawn_set,
    load_set,
    save_results,
    save_set,
)
from convdesk.engine.exercises import (
    LEVELS,
    Exercise,
    ExerciseError,
    exercise,
    exercise_from_layer,
    format_answer,
    pickable,
)

from . import messages, theme

SET_FILTER = f"Exercise sets (*{SUFFIX});;All files (*)"
# Verdict colours (light theme, dark theme): readable on either background.
_COLOURS = {
    "right": ("#1a7f37", "#6fdc8c"),
    "wrong": ("#c62828", "#ff8a80"),
    "note": ("#8a5a00", "#f0c060"),
}


def _paint(widget: QWidget, kind: str) -> None:
    """Colour a label's text through its palette (a style sheet would drop the zoomed font)."""
    palette = widget.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    palette.setColor(QPalette.ColorRole.WindowText, QColor(_COLOURS[kind][dark]))
    widget.setPalette(palette)


# --- progress kept between sessions -------------------------------------------------------------


class Progress:
    """Score, streak and per-level counts in QSettings, under practice/."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _int(self, key: str, default: int = 0) -> int:
        try:
            return int(str(self.settings.value(f"practice/{key}", default)))
        except (TypeError, ValueError):
            return default

    def _set(self, key: str, value: int) -> None:
        self.settings.setValue(f"practice/{key}", value)
        self.settings.sync()

    @property
    def seed(self) -> int:
        """The student's own seed, made once, so practice goes on where it stopped."""
        seed = self._int("seed", -1)
        if seed < 0:
            seed = random.SystemRandom().randrange(1, 2**31)
            self._set("seed", seed)
        return seed

    def position(self, level: int) -> int:
        return self._int(f"level{level}/next")

    def advance(self, level: int) -> None:
        self._set(f"level{level}/next", self.position(level) + 1)

    def level_counts(self, level: int) -> tuple[int, int]:
        """(exercises answered right without being shown, exercises finished)."""
        return self._int(f"level{level}/right"), self._int(f"level{level}/done")

    @property
    def streak(self) -> int:
        return self._int("streak")

    @property
    def best_streak(self) -> int:
        return self._int("best_streak")

    @property
    def score(self) -> int:
        return self._int("score")

    def record(self, level: int, right: bool) -> None:
        right_count, done = self.level_counts(level)
        self._set(f"level{level}/done", done + 1)
        if right:
            self._set(f"level{level}/right", right_count + 1)
            self._set("score", self.score + 1)
            self._set("streak", self.streak + 1)
            self._set("best_streak", max(self.best_streak, self.streak))
        else:
            self._set("streak", 0)


# --- one exercise on screen ---------------------------------------------------------------------


@dataclass
class _Box:
    """One answer box and what happened in it."""

    label: QLabel
    edit: QLineEdit
    feedback: QLabel
    status: str = "unanswered"  # "right", "wrong", "shown", "unanswered"
    given: str = ""
    tries: int = 0


@dataclass
class _Attempt:
    exercise: Exercise
    number: int  # 1-based position in the set, or the level's exercise count
    started: float
    hints: int = 0
    finished: bool = False
    seconds: float = 0.0
    boxes: list[_Box] = field(default_factory=list)


class PracticeWindow(QMainWindow):
    """Practice by level, or work through an exercise set; make and save sets for a class."""

    def __init__(
        self,
        settings: QSettings | None = None,
        network: Callable[[], Network | None] | None = None,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Practice — {APP_NAME}")
        self.settings = settings if settings is not None else QSettings(APP_NAME, APP_NAME)
        self.progress = Progress(self.settings)
        self._network = network or (lambda: None)
        self._clock = clock
        self._zoom = 1.0
        self.exercise_set: ExerciseSet | None = None
        self.set_path = ""
        self.attempts: list[_Attempt] = []
        self.attempt: _Attempt | None = None
        self._unsaved = False  # answers to a set that are not in a results file yet
        self._build()
        self._build_actions()
        try:
            zoom = float(str(self.settings.value("practice/zoom", 1.0)))
        except (TypeError, ValueError):
            zoom = 1.0
        self.set_zoom(zoom)
        self.start_level(self._saved_level())
        self.resize(1280, 800)
        self.splitter.setSizes([640, 640])  # answers and drawing share the width

    # -- construction ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.level_box = QComboBox()
        for level in LEVELS.values():
            self.level_box.addItem(f"{level.number}. {level.title}", level.number)
        self.level_box.setToolTip("Practise one level (Ctrl+L)")
        self.level_box.activated.connect(
            lambda _row: self.start_level(self.level_box.currentData())
        )
        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.PlainText)  # a set's title comes from its file
        self.score = QLabel()
        self.score.setObjectName("practiceScore")
        self.where.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        self.level_label = QLabel("&Level:")
        self.level_label.setBuddy(self.level_box)
        top.addWidget(self.level_label)
        top.addWidget(self.level_box)
        top.addWidget(self.where, 1)
        top.addWidget(self.score)

        self.question = QLabel()
        self.question.setObjectName("practiceQuestion")
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_panel = QWidget()
        self.check_button = QPushButton("&Check")
        self.hint_button = QPushButton("&Hint")
        self.show_button = QPushButton("Show &Answer")
        self.next_button = QPushButton("&Next")
        for button, tip in (
            (self.check_button, "Check the answers (Enter in an answer box)"),
            (self.hint_button, "Show the next worked step (Ctrl+H)"),
            (self.show_button, "Show the answers; the exercise counts as not right"),
            (self.next_button, "The next exercise (Ctrl+Right)"),
        ):
            button.setToolTip(tip)
        self.check_button.clicked.connect(self.check)
        self.hint_button.clicked.connect(self.hint)
        self.show_button.clicked.connect(self.show_answer)
        self.next_button.clicked.connect(self.next_exercise)
        buttons = QHBoxLayout()
        for button in (self.check_button, self.hint_button, self.show_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("practiceMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.hints = QLabel()
        self.hints.setObjectName("practiceHints")
        self.hints.setTextFormat(Qt.TextFormat.PlainText)
        self.hints.setWordWrap(True)
        self.hints.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hints.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint_scroll = QScrollArea()
        self.hint_scroll.setWidgetResizable(True)
        self.hint_scroll.setWidget(self.hints)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.answer_panel)
        column.addLayout(buttons)
        column.addWidget(self.message)
        self.hint_label = QLabel("Hints:")
        column.addWidget(self.hint_label)
        column.addWidget(self.hint_scroll, 1)

        self.canvas = CanvasWidget()
        self.canvas.setMinimumSize(240, 200)
        self.veil = QLabel(
            "The drawing shows the answer, so it appears once you have answered, asked for the "
            "answer, or read every hint."
        )
        self.veil.setWordWrap(True)
        self.veil.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture = QStackedWidget()
        self.picture.addWidget(self.veil)
        self.picture.addWidget(self.canvas)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.picture)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        self.make_button = QPushButton("&Make Set…")
        self.make_button.setToolTip("Teacher: make an exercise set and save it for a class")
        self.make_button.clicked.connect(self.make_set_dialog)
        self.open_button = QPushButton("&Open Set…")
        self.open_button.clicked.connect(self.open_set_dialog)
        self.results_button = QPushButton("Save &Results…")
        self.results_button.setToolTip("Save the answers to this set as a CSV file")
        self.results_button.clicked.connect(self.save_results_dialog)
        self.leave_button = QPushButton("Back to &Levels")
        self.leave_button.clicked.connect(self.leave_set)
        bottom = QHBoxLayout()
        for button in (self.make_button, self.open_button, self.results_button, self.leave_button):
            bottom.addWidget(button)
        bottom.addStretch(1)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.question)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        bindings: tuple[tuple[list[str | QKeySequence], Callable[[], object]], ...] = (
            (["Ctrl+Return", "Ctrl+Enter"], self.check),
            (["Ctrl+H"], self.hint),
            (["Ctrl+Shift+A"], self.show_answer),
            (["Ctrl+Right", "Ctrl+N"], self.next_exercise),
            (["Ctrl+L"], self.level_box.setFocus),
            (["Ctrl+O"], self.open_set_dialog),
            (["Ctrl+S"], self.save_results_dialog),
            (["Ctrl+=", QKeySequence(std.ZoomIn)], lambda: self.step_zoom(1)),
            ([QKeySequence(std.ZoomOut)], lambda: self.step_zoom(-1)),
            (["Ctrl+0"], lambda: self.set_zoom(1.0)),
            ([QKeySequence(std.Close)], self.close),
        )
        for keys, slot in bindings:
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(slot)
            self.addAction(action)

    # -- choosing what to practise --------------------------------------------------------------

    def _saved_level(self) -> int:
        try:
            level = int(str(self.settings.value("practice/level", 1)))
        except (TypeError, ValueError):
            level = 1
        return level if level in LEVELS else 1

    def _may_leave_set(self) -> bool:
        """True unless the student has unsaved answers to a set and chooses to stay."""
        if self.exercise_set is None or not self._unsaved:
            return True
        answer = QMessageBox.question(
            self,
            "Leave this set?",
            "Your answers to this set are not saved yet. Leave it without saving the results?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def leave_set(self) -> None:
        """Back to practising levels (asks first if the set's results are not saved)."""
        if self._may_leave_set():
            self.start_level(self._saved_level())

    def start_level(self, level: int) -> None:
        """Practise `level` with the student's own seed, from where they stopped."""
        self._unsaved = False
        self._finish_attempt()
        self.exercise_set, self.set_path, self.attempts = None, "", []
        self.settings.setValue("practice/level", level)
        self.level_box.setCurrentIndex(self.level_box.findData(level))
        index = self.progress.position(level)
        self._show(exercise(level, self.progress.seed, index), index + 1)

    def open_set(self, exercise_set: ExerciseSet, path: str = "") -> None:
        """Work through a set from its first exercise; answers are kept for the results."""
        self._unsaved = False
        self._finish_attempt()
        self.exercise_set, self.set_path, self.attempts = exercise_set, path, []
        self._show(exercise_set.exercises[0], 1)

    def load_set_file(self, path: str) -> bool:
        """Open a .convdesk-set file; a bad one gets a message with its location."""
        if not self._may_leave_set():
            return False
        try:
            exercise_set = load_set(path)
        except SetFileError as exc:
            messages.warning(self, "Cannot open this set", str(exc))
            return False
        self.open_set(exercise_set, path)
        return True

    # -- one exercise ---------------------------------------------------------------------------

    def _show(self, ex: Exercise, number: int) -> None:
        self.attempt = _Attempt(ex, number, self._clock())
        self.question.setText(ex.prompt)
        panel = QWidget()
        grid = QGridLayout(panel)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        for row, ask in enumerate(ex.asks):
            label = QLabel(ask.label(ex.network) + ":")
            label.setTextFormat(Qt.TextFormat.PlainText)  # may name a layer
            edit = QLineEdit()
            edit.setPlaceholderText("[C, H, W] or H×W×C" if ask.quantity == "shape" else "a number")
            edit.setMaxLength(200)
            edit.setAccessibleName(ask.label(ex.network))
            edit.returnPressed.connect(self.check)
            label.setBuddy(edit)
            feedback = QLabel()
            feedback.setTextFormat(Qt.TextFormat.PlainText)
            feedback.setWordWrap(True)
            feedback.hide()
            grid.addWidget(label, 2 * row, 0)
            grid.addWidget(edit, 2 * row, 1)
            grid.addWidget(feedback, 2 * row + 1, 0, 1, 2)
            self.attempt.boxes.append(_Box(label, edit, feedback))
        old, self.answer_panel = self.answer_panel, panel
        parent = old.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            layout.replaceWidget(old, panel)
        panel.show()  # at once, not on the next turn of the event loop: focus goes to it now
        old.hide()
        old.deleteLater()
        # Tab goes down the boxes, then along the buttons, as the eye reads them.
        chain = [
            self.level_box,
            *(box.edit for box in self.attempt.boxes),
            self.check_button,
            self.hint_button,
            self.show_button,
            self.next_button,
            self.make_button,
            self.open_button,
            self.results_button,
            self.leave_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.hints.setText("")
        self.message.setText("")
        self.picture.setCurrentWidget(self.veil)
        network = ex.network
        self.canvas.set_report(network, compute(network))
        self.canvas.select_layer(ex.focus)
        # One layer needs no outline of the network; a small network's table does.
        self.canvas.set_view_mode("layer" if len(network.layers) == 1 else "both")
        self._update_buttons()
        self._update_status()
        self.attempt.boxes[0].edit.setFocus()

    def _reveal(self) -> None:
        """Show the drawing, the asked layer with most of the height."""
        self.picture.setCurrentWidget(self.canvas)
        height = max(self.canvas.splitter.height(), 4)
        self.canvas.splitter.setSizes([height // 4, height - height // 4])
        self.canvas.fit()

    def _verdict_style(self, box: _Box, text: str, kind: str) -> None:
        box.feedback.setText(text)
        box.feedback.setVisible(bool(text))
        _paint(box.feedback, kind)

    def check(self) -> None:
        """Check every box that is not right yet; name the mistake behind a wrong answer."""
        attempt = self.attempt
        if attempt is None or attempt.finished:
            return
        unreadable = blank = False
        for i, box in enumerate(attempt.boxes):
            if box.status in ("right", "shown"):
                continue
            text = box.edit.text()
            if not text.strip():
                blank = True
                continue
            verdict = check_answer(attempt.exercise, i, text)
            if verdict.status == "unreadable":
                unreadable = True
                self._verdict_style(box, verdict.message, "note")
                continue
            box.given, box.tries = text.strip(), box.tries + 1
            self._unsaved = self.exercise_set is not None
            box.status = "right" if verdict.right else "wrong"
            mark = "✓ " if verdict.right else "✗ "
            self._verdict_style(box, mark + verdict.message, box.status)
        if all(box.status == "right" for box in attempt.boxes):
            first_try = all(box.tries == 1 for box in attempt.boxes)
            self._finish(right=True)
            self.message.setText(
                "All right"
                + (" at the first try!" if first_try else "!")
                + " Press Ctrl+Right (or Next) for another."
            )
        elif unreadable:
            self.message.setText("Some answers could not be read: see the note under each box.")
        elif blank and all(box.status == "unanswered" for box in attempt.boxes):
            self.message.setText("Type an answer in a box first, then Check (Enter).")
        elif blank:
            self.message.setText("Checked what you typed; some boxes are still empty.")
        else:
            self.message.setText("Not all right yet: try again, or ask for a hint.")
        self._focus_first_open()
        self._update_status()

    def hint(self) -> None:
        """Reveal the next worked step; after the last one, the drawing."""
        attempt = self.attempt
        if attempt is None:
            return
        steps = attempt.exercise.hints()
        if attempt.hints >= len(steps):
            self.message.setText("No more hints: every worked step is shown.")
            return
        attempt.hints += 1
        self.hints.setText(_steps_text(steps[: attempt.hints]))
        if attempt.hints == len(steps):
            self._reveal()
        # The newest step is at the bottom; scroll there once the text is laid out.
        bar = self.hint_scroll.verticalScrollBar()
        QTimer.singleShot(0, bar, lambda: bar.setValue(bar.maximum()))
        self._update_buttons()
        self._update_status()

    def show_answer(self) -> None:
        """Fill in every answer; the exercise counts as not right."""
        attempt = self.attempt
        if attempt is None:
            return
        for ask, box in zip(attempt.exercise.asks, attempt.boxes, strict=True):
            if box.status != "right":
                box.given = box.edit.text().strip() if box.status == "unanswered" else box.given
                box.status = "shown"
                self._verdict_style(box, f"The answer: {format_answer(ask)}", "note")
        if not attempt.finished:
            self._finish(right=False)
        self._unsaved = self.exercise_set is not None
        self.message.setText("The answers are shown; the hints explain each step.")
        self._update_status()

    def next_exercise(self) -> None:
        """The next exercise of the level, or of the set."""
        attempt = self.attempt
        self._finish_attempt()
        if self.exercise_set is None:
            level = self.level_box.currentData()
            if attempt is None or not attempt.finished:
                self.progress.advance(level)  # skipped: the next one, not the same again
            index = self.progress.position(level)
            self._show(exercise(level, self.progress.seed, index), index + 1)
            return
        number = attempt.number if attempt is not None else 0
        if number >= len(self.exercise_set.exercises):
            self.message.setText(
                "That was the last exercise of the set. Save the results (Ctrl+S) to hand them in."
            )
            return
        self._show(self.exercise_set.exercises[number], number + 1)

    def _finish(self, right: bool) -> None:
        attempt = self.attempt
        assert attempt is not None
        attempt.finished = True
        attempt.seconds = self._clock() - attempt.started
        self._reveal()
        level = attempt.exercise.level
        if level in LEVELS:
            self.progress.record(level, right)
        if self.exercise_set is None:
            self.progress.advance(level)
        self._update_buttons()

    def _finish_attempt(self) -> None:
        """Keep the attempt on screen for the results, as it was left."""
        attempt = self.attempt
        if attempt is None or self.exercise_set is None:
            return
        if not attempt.finished:
            for box in attempt.boxes:
                if box.status == "unanswered":
                    box.given = box.edit.text().strip()
        self.attempts = [a for a in self.attempts if a.number != attempt.number] + [attempt]

    def _focus_first_open(self) -> None:
        if self.attempt is None:
            return
        for box in self.attempt.boxes:
            if box.status not in ("right", "shown"):
                box.edit.setFocus()
                box.edit.selectAll()
                return
        self.next_button.setFocus()

    def _update_buttons(self) -> None:
        attempt = self.attempt
        finished = attempt is not None and attempt.finished
        self.check_button.setEnabled(not finished)
        self.show_button.setEnabled(not finished)
        steps = len(attempt.exercise.hints()) if attempt is not None else 0
        self.hint_button.setEnabled(attempt is not None and attempt.hints < steps)
        in_set = self.exercise_set is not None
        self.results_button.setEnabled(in_set)
        self.leave_button.setVisible(in_set)
        self.level_box.setVisible(not in_set)
        self.level_label.setVisible(not in_set)

    def _update_status(self) -> None:
        attempt = self.attempt
        if attempt is None:
            return
        steps = len(attempt.exercise.hints())
        self.hint_label.setText(f"Hints ({attempt.hints} of {steps} shown, Ctrl+H for the next):")
        if self.exercise_set is not None:
            done = sum(1 for a in self._all_attempts() if a.finished)
            total = len(self.exercise_set.exercises)
            self.where.setText(
                f"{self.exercise_set.title}: exercise {attempt.number} of {total} ({done} finished)"
            )
        else:
            level = attempt.exercise.level
            right, done = self.progress.level_counts(level)
            self.where.setText(
                f"Exercise {attempt.number} of level {level}; {right} of {done} right so far"
            )
        for row in range(self.level_box.count()):
            number = self.level_box.itemData(row)
            right, done = self.progress.level_counts(number)
            tally = f"  ({right} of {done} right)" if done else ""
            self.level_box.setItemText(row, f"{number}. {LEVELS[number].title}{tally}")
        self.score.setText(
            f"Score {self.progress.score} · streak {self.progress.streak} "
            f"(best {self.progress.best_streak})"
        )

    def _all_attempts(self) -> list[_Attempt]:
        kept = [a for a in self.attempts if self.attempt is None or a.number != self.attempt.number]
        return kept + ([self.attempt] if self.attempt is not None else [])

    # -- results --------------------------------------------------------------------------------

    def result_rows(self) -> list[ResultRow]:
        """One row per answer box of every exercise of the set seen so far."""
        self._finish_attempt()
        rows = []
        for attempt in sorted(self._all_attempts(), key=lambda a: a.number):
            seconds = attempt.seconds if attempt.finished else self._clock() - attempt.started
            for ask, box in zip(attempt.exercise.asks, attempt.boxes, strict=True):
                rows.append(
                    ResultRow(
                        attempt.number,
                        attempt.exercise.level,
                        ask.label(attempt.exercise.network),
                        box.given,
                        box.status,
                        attempt.hints,
                        seconds,
                    )
                )
        return rows

    def save_results(self, path: str) -> bool:
        try:
            save_results(self.result_rows(), path)
        except SetFileError as exc:
            messages.warning(self, "Cannot save the results", str(exc))
            return False
        self._unsaved = False
        self.message.setText(f"Results saved to {Path(path).name}.")
        return True

    def save_results_dialog(self) -> None:
        if self.exercise_set is None:
            self.message.setText("Results are kept for exercise sets: open one first (Ctrl+O).")
            return
        start = str(Path(self.set_path).with_suffix(".results.csv")) if self.set_path else ""
        path, _ = QFileDialog.getSaveFileName(self, "Save Results", start, "CSV (*.csv)")
        if path:
            self.save_results(path)

    # -- sets -----------------------------------------------------------------------------------

    def open_set_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Exercise Set", "", SET_FILTER)
        if path:
            self.load_set_file(path)

    def save_set(self, exercise_set: ExerciseSet, path: str) -> bool:
        if not path.endswith(SUFFIX):
            path += SUFFIX
        try:
            save_set(exercise_set, path)
        except SetFileError as exc:
            messages.warning(self, "Cannot save the set", str(exc))
            return False
        self.message.setText(f"Set saved to {Path(path).name}: hand this file to the class.")
        return True

    def make_set_dialog(self) -> None:
        dialog = SetMaker(self._network(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        made = dialog.exercise_set()
        if made is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save Exercise Set", "", SET_FILTER)
        if path:
            self.save_set(made, path)

    # -- view -----------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float) -> None:
        """Scale the window's text (relative to the application's) and the drawing."""
        factor = min(max(factor, theme.ZOOM_STEPS[0]), theme.ZOOM_STEPS[-1])
        self._zoom = factor
        base = QApplication.font()
        self.setFont(theme.zoomed_font(base, factor))
        for widget, extra in ((self.question, 1.3), (self.message, 1.15), (self.score, 1.15)):
            widget.setFont(theme.zoomed_font(base, factor * extra))
        self.canvas.set_zoom(factor)
        self.settings.setValue("practice/zoom", factor)

    def step_zoom(self, direction: int) -> None:
        self.set_zoom(theme.next_zoom(self._zoom, direction))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_leave_set():
            event.ignore()
            return
        self._unsaved = False
        self.settings.sync()
        event.accept()


def _steps_text(steps: list[Step]) -> str:
    return "\n\n".join(
        "\n".join([step.title, *("   " + line for line in step.lines)]) for step in steps
    )


# --- the teacher's side -------------------------------------------------------------------------


class SetMaker(QDialog):
    """Make a set: levels, count and seed, or layers picked from the open network."""

    def __init__(self, network: Network | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make an Exercise Set")
        self.network = network
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Week 3: padding and stride")
        self.by_level = QRadioButton("&Drawn from levels")
        self.by_layer = QRadioButton("&Layers of the open network")
        self.by_level.setChecked(True)
        self.levels = QListWidget()
        for level in LEVELS.values():
            item = QListWidgetItem(f"{level.number}. {level.title}")
            item.setData(Qt.ItemDataRole.UserRole, level.number)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.levels.addItem(item)
        self.levels.item(0).setCheckState(Qt.CheckState.Checked)
        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.count.setValue(10)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(random.SystemRandom().randrange(1, 10_000))
        self.seed.setToolTip("The same seed, levels and count give the same set on every machine")
        self.layers = QListWidget()
        names = pickable(network) if network is not None else []
        for name in names:
            layer = network.layers[network.index_of(name)]  # type: ignore[union-attr]
            item = QListWidgetItem(f"{name} ({layer.type})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.layers.addItem(item)
        if not names:
            self.by_layer.setEnabled(False)
            self.by_layer.setToolTip("Open a network in the main window to pick its layers")
        self.error = QLabel()
        _paint(self.error, "wrong")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow(self.by_level)
        form.addRow("Levels:", self.levels)
        form.addRow("&Count:", self.count)
        form.addRow("&Seed:", self.seed)
        form.addRow(self.by_layer)
        form.addRow("Layers:", self.layers)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.by_level.toggled.connect(self._mode)
        self._mode()

    def _mode(self) -> None:
        drawn = self.by_level.isChecked()
        for widget in (self.levels, self.count, self.seed):
            widget.setEnabled(drawn)
        self.layers.setEnabled(not drawn)

    def _checked(self, widget: QListWidget) -> list[QListWidgetItem]:
        items = [widget.item(i) for i in range(widget.count())]
        return [item for item in items if item.checkState() == Qt.CheckState.Checked]

    def exercise_set(self) -> ExerciseSet | None:
        """The set as chosen, or None with the reason shown in the dialog."""
        title = self.title.text().strip()
        if self.by_level.isChecked():
            levels = [item.data(Qt.ItemDataRole.UserRole) for item in self._checked(self.levels)]
            if not levels:
                self.error.setText("Tick at least one level.")
                return None
            return drawn_set(levels, self.count.value(), self.seed.value(), title)
        names = [item.data(Qt.ItemDataRole.UserRole) for item in self._checked(self.layers)]
        if not names or self.network is None:
            self.error.setText("Tick at least one layer.")
            return None
        try:
            exercises = [exercise_from_layer(self.network, name) for name in names]
        except ExerciseError as exc:
            self.error.setText(str(exc))
            return None
        return ExerciseSet(title or f"Layers of {self.network.name}", exercises)

    def _accept(self) -> None:
        if self.exercise_set() is not None:
            self.accept()
