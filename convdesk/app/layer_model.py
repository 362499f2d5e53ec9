"""The layer list's Qt model: one row per layer of the Document, columns from its Report."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from convdesk.engine import LAYER_TYPES, LayerResult, numbers
from convdesk.plaintext import plain_tip

from .document import Document

COLUMNS = ("Name", "Type", "Output", "Params", "MACs")
COLUMN_TIPS = (
    "The layer's unique name",
    "The PyTorch layer type",
    "Output shape: the shape of one output sample, channels first (PyTorch's order)",
    "Trainable parameters, as PyTorch's parameters() counts them",
    "Multiply-accumulates of one sample (FLOPs are twice this)",
)
NAME, TYPE, SHAPE, PARAMS, MACS = range(len(COLUMNS))
ROW_MIME = "application/x-convdesk-layer-row"

_ERROR_BG = QColor(220, 50, 47, 70)  # translucent, so it reads on light and dark themes
_ERROR_FG = QColor(200, 40, 40)

Index = QModelIndex | QPersistentModelIndex


# The roles `data` answers; Qt asks for others too.
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.UserRole,
    )
)


def _row_view(r: LayerResult) -> tuple:
    """All that a row shows of its layer (text, tooltip, colour, icon)."""
    return (
        r.name,
        r.type,
        r.output_shape,
        r.params,
        r.non_trainable_params,
        r.macs,
        r.status,
        r.error,
        r.blocked_by,
    )


class LayerTableModel(QAbstractTableModel):
    """Shows the Document's layers; edits are requested through signals, never made here."""

    moveRequested = Signal(int, int)  # (source row, target row) from drag and drop

    def __init__(self, doc: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._rows = len(doc.network.layers)
        # What each row shows, as last told to the views: an edit refreshes only rows that differ.
        self._shown: list[tuple | None] = [_row_view(r) for r in doc.report.layers]
        self._error_icon: QIcon | None = None
        # Made once: the list asks for them for every cell of every row in error.
        self._italic: QFont | None = None
        self._error_brushes: tuple[QBrush, QBrush] | None = None
        self._unknown_icon: QIcon | None = None
        self._flags: dict[bool, Qt.ItemFlag] = {}
        doc.changed.connect(self._on_changed)
        # Views are told which rows come, go or move (selection and scrolling survive an edit);
        # a new network resets the model.
        doc.inserting.connect(self._on_inserting)
        doc.inserted.connect(self._on_inserted)
        doc.removing.connect(self._on_removing)
        doc.removed.connect(self._on_removed)
        doc.moving.connect(self._on_moving)
        doc.moved.connect(self._on_moved)
        doc.resetting.connect(self.beginResetModel)
        doc.reset.connect(self._on_reset)

    # -- keeping up with the document ---------------------------------------------------------

    def _on_inserting(self, index: int) -> None:
        self.beginInsertRows(QModelIndex(), index, index)

    def _on_removing(self, index: int) -> None:
        self.beginRemoveRows(QModelIndex(), index, index)

    def _on_inserted(self, index: int) -> None:
        self._rows += 1
        self._shown.insert(index, None)
        self.endInsertRows()

    def _on_removed(self, index: int) -> None:
        self._rows -= 1
        del self._shown[index]
        self.endRemoveRows()

    def _on_moving(self, source: int, target: int) -> None:
        # Qt names the row the moved one goes before, counted before the move.
        before = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), before)

    def _on_moved(self, source: int, target: int) -> None:
        self._shown.insert(target, self._shown.pop(source))
        self.endMoveRows()

    def _on_reset(self) -> None:
        self._rows = len(self._doc.network.layers)
        self._shown = [_row_view(r) for r in self._doc.report.layers]
        self.endResetModel()

    def _on_changed(self, _focus: int) -> None:
        # A change can alter any later row (shapes flow down); the views are told of the rows
        # whose text, colour or tooltip differ, one run of neighbouring rows at a time.
        now: list[tuple | None] = [_row_view(r) for r in self._doc.report.layers]
        before, self._shown = self._shown, now
        changed = [i for i, (a, b) in enumerate(zip(now, before, strict=True)) if a != b]
        last = len(COLUMNS) - 1
        start = 0
        for k, row in enumerate(changed):
            if k + 1 == len(changed) or changed[k + 1] != row + 1:
                self.dataChanged.emit(self.index(changed[start], 0), self.index(row, last))
                start = k + 1

    def result(self, row: int) -> LayerResult | None:
        layers = self._doc.report.layers
        return layers[row] if 0 <= row < len(layers) else None

    # -- the table ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.ToolTipRole and horizontal and 0 <= section < len(COLUMNS):
            return COLUMN_TIPS[section]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Painting a row asks for a dozen roles per cell, most of them unused here: answered
        # first and cheaply, as an edit repaints its rows.
        if role not in _ROLES or not index.isValid():
            return None
        r = self.result(index.row())
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._tooltip(r, col)
            return None if text is None else plain_tip(text)
        if role == Qt.ItemDataRole.DecorationRole and col == NAME:
            return self._icon(r)
        if role == Qt.ItemDataRole.BackgroundRole and r.status == "error":
            return self._brushes()[0]
        if role == Qt.ItemDataRole.ForegroundRole and r.status == "error" and col == SHAPE:
            return self._brushes()[1]
        if role == Qt.ItemDataRole.FontRole and r.status == "unknown":
            if self._italic is None:
                self._italic = QFont()
                self._italic.setItalic(True)
            return self._italic
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (PARAMS, MACS):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _brushes(self) -> tuple[QBrush, QBrush]:
        if self._error_brushes is None:
            self._error_brushes = (QBrush(_ERROR_BG), QBrush(_ERROR_FG))
        return self._error_brushes

    def _display(self, r: LayerResult, col: int) -> str:
        if col == NAME:
            return r.name
        if col == TYPE:
            return r.type
        if col == SHAPE:
            if r.status == "error":
                return "error"
            if r.status == "unknown":
                return "unknown"
            return numbers.shape_by(r.output_shape)
        if col == PARAMS:
            return numbers.count(r.params)
        if col == MACS:
            return numbers.short(r.macs)
        return ""

    def _tooltip(self, r: LayerResult, col: int) -> str | None:
        if r.status == "error":
            return r.error
        if r.status == "unknown":
            blocker = r.blocked_by or "an earlier layer"
            return f"Shape unknown: {blocker} is in error."
        if col == NAME:
            return r.name  # whole: a long name is cut in the middle when the list is narrow
        if col == TYPE:
            kind = LAYER_TYPES.get(r.type)
            return r.type if kind is None else f"{r.type}: {kind.summary}"
        if col == MACS and r.macs is not None:
            return f"{r.macs:,} multiply-accumulates ({2 * r.macs:,} FLOPs)"
        if col == PARAMS and r.non_trainable_params:
            return f"{r.params:,} trainable, {r.non_trainable_params:,} non-trainable"
        if col == PARAMS and r.params is not None:
            return f"{r.params:,} trainable parameters"
        return None

    def _icon(self, r: LayerResult) -> object:
        if r.status == "ok":
            return None
        style = QApplication.style()
        if r.status == "error":
            if self._error_icon is None:
                self._error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
            return self._error_icon
        if self._unknown_icon is None:
            self._unknown_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion)
        return self._unknown_icon

    # -- drag and drop of rows ----------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        # The same for every row (asked for each cell painted): made once.
        valid = index.isValid()
        flags = self._flags.get(valid)
        if flags is None:
            extra = Qt.ItemFlag.ItemIsDragEnabled if valid else Qt.ItemFlag.ItemIsDropEnabled
            flags = self._flags[valid] = super().flags(index) | extra
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(ROW_MIME, QByteArray(str(rows[0]).encode()))
        return mime

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        return data.hasFormat(ROW_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            source = int(bytes(data.data(ROW_MIME).data()).decode())
        except ValueError:
            return False
        # Dropped on a row: go before it; between rows: `row`; below the last row: the end.
        if row < 0:
            row = parent.row() if parent.isValid() else self._rows
        target = row - 1 if row > source else row
        target = max(0, min(target, self._rows - 1))
        if 0 <= source < self._rows and target != source:
            self.moveRequested.emit(source, target)
        # The move is made by an undo command through the Document; the view removes nothing.
        return False
