"""Column widths of the layer list: numbers are never cut, names give way in the middle.

Shape, params and MACs take the width their contents need, measured again after every edit; the
name and the type share what is left. When whole numbers would leave the name less than a short
name (the layer panel at its default width), the columns go compact: counts in their short form
(37.8 M, the exact figure in the tooltip), shapes without spaces (256×27×27). The name comes
before the type (torchvision's names say the type too: "layer3.17.bn2"): a long type gives way,
until nine names in ten are whole, down to the width of "Conv2d", cut at its end ("BatchN…",
whole in the tooltip); then the name gives way: its leading word goes down to its first letter
("l…3.17.conv2", the block's numbers stay), then it elides in the middle. The rows are not
numbered: the names tell them apart, and the numbers' column is room for the names. Only when
even that does not fit does the list scroll sideways, rather than cut a number.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from convdesk.engine import numbers

from .layer_model import COLUMNS, MACS, NAME, PARAMS, SHAPE, TYPE

LEAST_NAME = "conv1_1…"  # the name column is not narrower than this text while there is room
TIGHT_NAME = "conv…"  # nor narrower than this one in compact columns
TIGHT_TYPE = "Conv2d"  # a longer type gives way to the name down to this text's width
NAMES_WHOLE = 0.9  # the type gives way until this share of the names is shown whole
COMPACT = (SHAPE, PARAMS, MACS)  # the columns with a compact form
FIT_SLACK_PX = 2
NEEDS_KEPT = 20000  # cell widths remembered (by column, text and font) before starting afresh

Index = QModelIndex | QPersistentModelIndex
# A name's leading word, before the digits or dots that tell its blocks apart ("layer" of
# "layer3.17.conv2", "down" of "down2.conv1").
_LEADING_WORD = re.compile(r"[^\W\d_]{2,}(?=[\d._-])")


def compact_text(index: Index) -> str | None:
    """A cell's compact form: a count's short form, a shape without spaces (None: none)."""
    column = index.column()
    text = index.data()
    if not isinstance(text, str):
        return None
    if column in (PARAMS, MACS):
        # Read back from the text: a count past 2^63 does not pass through a Qt role.
        digits = text.replace(",", "")
        return numbers.short(int(digits)) if digits.isdigit() else None
    if column == SHAPE:
        return text.replace(" × ", "×")
    return None


def shown_text(index: Index, metrics: QFontMetrics, room: int) -> str:
    """What a cell shows in `room` pixels: its text whole if it fits, else its compact form."""
    text = index.data()
    # A pixel or two to spare: Qt lays the text out in fractions of a pixel and elides it
    # when it is a hair too wide.
    if not isinstance(text, str) or metrics.horizontalAdvance(text) <= room - FIT_SLACK_PX:
        return "" if text is None else str(text)
    return compact_text(index) or text


def short_name(name: str, metrics: QFontMetrics, room: int) -> str:
    """A name in `room` pixels: whole if it fits; else its leading word cut to its first letter
    ("l…3.17.conv2": the numbers that tell a ResNet's blocks apart stay), and that cut in the
    middle too if it is still too long."""
    if metrics.horizontalAdvance(name) <= room - FIT_SLACK_PX:
        return name  # (Qt paints it, and elides it if a fraction of a pixel too wide)
    word = _LEADING_WORD.match(name)
    if word is not None:
        name = name[0] + "…" + name[word.end() :]
    return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, room)


def text_room(table: QTableView, column: int) -> int:
    """The pixels a cell's text has in `column` of `table` at its width now."""
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return table.horizontalHeader().sectionSize(column) - 2 * margin


def shown_in(table: QTableView, index: Index) -> str:
    """What `table` shows in the cell at `index` (without an icon), at its column's width now."""
    metrics, room = table.fontMetrics(), text_room(table, index.column())
    if index.column() == NAME:
        return short_name(str(index.data()), metrics, room)
    return shown_text(index, metrics, room)


class CompactDelegate(QStyledItemDelegate):
    """Paints a cell whole, or its compact form when the column is too narrow for it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        room = option.rect.width() - 2 * _text_margin(option)
        shown = shown_text(index, option.fontMetrics, room)
        if shown == index.data():
            super().paint(painter, option, index)  # it fits: Qt paints it as it is
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.textElideMode = Qt.TextElideMode.ElideNone
        opt.text = shown
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


class NameDelegate(QStyledItemDelegate):
    """Paints a name too long for its column as `short_name` cuts it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        shown = short_name(opt.text, opt.fontMetrics, rect.width() - 2 * _text_margin(opt))
        if shown == opt.text:
            super().paint(painter, option, index)  # it fits: Qt paints it as it is
            return
        opt.textElideMode = Qt.TextElideMode.ElideNone
        opt.text = shown
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


class TypeDelegate(QStyledItemDelegate):
    """Cuts a type too long for its column at its end: its start tells the types apart."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


def _text_margin(option: QStyleOptionViewItem) -> int:
    style = option.widget.style() if option.widget is not None else None
    if style is None:
        return 3
    return style.pixelMetric(style.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1


class ColumnFitter(QObject):
    """Keeps `table`'s columns fitted to their contents and to the table's width."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self._delegate = CompactDelegate(table)
        for column in COMPACT:
            table.setItemDelegateForColumn(column, self._delegate)
        # Painting in Python costs: the name's and type's delegates are given their column
        # only while it is too narrow for its longest text (see `_cut_by_delegates`).
        self._cutters = {NAME: NameDelegate(table), TYPE: TypeDelegate(table)}
        self._cutting: dict[int, bool] = {NAME: False, TYPE: False}
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refit)
        # The width each cell of the measured columns needs, row by row, whole and compact: an
        # edit measures only the rows it changed (a whole ResNet-152 takes a few hundred ms).
        self._needs: dict[int, list[tuple[int, int]]] = {}
        self._changed: set[int] | None = None  # rows to measure again; None: all of them
        # The widths a cell's text needs, by column, text and font: an edit changes a few
        # numbers, and most cells of the rows it touches show the same text as before.
        self._need_of: dict[tuple[int, object, str | None], tuple[int, int]] = {}
        self._widths: dict[bool, dict[int, int]] = {False: {}, True: {}}  # by compactness
        self._applied: dict[int, int] = {}  # the widths last given (a width dragged stays)
        self._name_wanted = 0  # the width most names need (NAMES_WHOLE of them)
        self.compact: bool | None = None  # the columns are compact (None: not fitted yet)
        model = table.model()
        model.dataChanged.connect(self._on_data_changed)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            signal.connect(self._refit_all)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)

    def fit(self) -> None:
        """Measure every column again (after a new font or a new network)."""
        self._changed = None
        self._need_of.clear()
        self._refit()

    def _refit_all(self) -> None:
        self._changed = None
        self._timer.start()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        if self._changed is not None:
            self._changed.update(range(top.row(), bottom.row() + 1))
        self._timer.start()

    def _refit(self) -> None:
        self._timer.stop()
        table = self.table
        model = table.model()
        rows = model.rowCount()
        changed, self._changed = self._changed, set()
        full = changed is None or any(len(n) != rows for n in self._needs.values())
        if full:
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        if not full and not changed:
            return
        header = table.horizontalHeader()
        grid = 1 if table.showGrid() else 0  # as QTableView.sizeHintForColumn counts it
        for column in range(len(COLUMNS)):
            needs = self._needs.setdefault(column, [])
            if full:
                needs[:] = [self._need(row, column) for row in range(rows)]
            else:
                for row in changed or ():
                    if 0 <= row < rows:
                        needs[row] = self._need(row, column)
            least = header.sectionSizeHint(column)
            for compact in (False, True):
                most = max((n[compact] for n in needs), default=0)
                slack = 0 if compact else FIT_SLACK_PX
                self._widths[compact][column] = max(most + grid + slack, least)
        names = sorted(n[0] for n in self._needs.get(NAME, ()))
        typical = names[int(NAMES_WHOLE * (len(names) - 1))] if names else 0
        self._name_wanted = typical + grid + FIT_SLACK_PX
        self._applied.clear()
        self.fit_name()

    def _need(self, row: int, column: int) -> tuple[int, int]:
        """The width a cell needs whole, and in its compact form."""
        table = self.table
        index = table.model().index(row, column)
        text = index.data()
        font = index.data(Qt.ItemDataRole.FontRole)
        key = (column, text, font.key() if isinstance(font, QFont) else None)
        need = self._need_of.get(key)
        if need is None:
            if len(self._need_of) > NEEDS_KEPT:
                self._need_of.clear()
            need = self._need_of[key] = self._measure(index, text, font)
        return need

    def _measure(self, index: QModelIndex, text: object, font: object) -> tuple[int, int]:
        table = self.table
        whole = table.sizeHintForIndex(index).width()
        short = compact_text(index) if index.column() in COMPACT else None
        if short is None:
            return (whole, whole)
        metrics = QFontMetrics(font) if isinstance(font, QFont) else table.fontMetrics()
        margin = whole - metrics.horizontalAdvance(text if isinstance(text, str) else "")
        return (whole, min(whole, metrics.horizontalAdvance(short) + margin))

    def _least_name(self, text: str, icon: bool = True) -> int:
        table = self.table
        extra = max(table.iconSize().width(), 0) if icon else 0
        return table.fontMetrics().horizontalAdvance(text) + 8 + extra

    def fit_name(self) -> None:
        """Whole or compact columns, whichever leaves the name a short name's width; the type
        gives way to the name down to TIGHT_TYPE, and the name takes the width left."""
        table = self.table
        header = table.horizontalHeader()
        room = table.viewport().width()
        others = [c for c in range(len(COLUMNS)) if c != NAME]
        whole = sum(self._widths[False].get(c, 0) for c in others)
        self.compact = compact = whole + self._least_name(LEAST_NAME) > room
        widths = {c: self._widths[compact][c] for c in others if c in self._widths[compact]}
        least = self._least_name(TIGHT_NAME if compact else LEAST_NAME)
        if TYPE in widths:
            name_wanted = max(self._name_wanted, least)
            text_room = room - sum(widths[c] for c in COMPACT if c in widths)
            least_type = min(widths[TYPE], self._least_name(TIGHT_TYPE, icon=False))
            widths[TYPE] = max(least_type, min(widths[TYPE], text_room - name_wanted))
        for column, width in widths.items():
            if self._applied.get(column) != width:
                self._applied[column] = width
                header.resizeSection(column, width)
        taken = sum(header.sectionSize(c) for c in others)
        header.resizeSection(NAME, max(room - taken, least))
        self._cut_by_delegates(compact)

    def _cut_by_delegates(self, compact: bool) -> None:
        """The name's and type's delegates paint their columns while one is too narrow."""
        header = self.table.horizontalHeader()
        for column, delegate in self._cutters.items():
            cut = header.sectionSize(column) < self._widths[compact].get(column, 0)
            if cut != self._cutting[column]:
                self._cutting[column] = cut
                plain = self.table.itemDelegate()  # the table's own: Qt paints in C++
                self.table.setItemDelegateForColumn(column, delegate if cut else plain)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.fit_name()
        return False
