"""The window's panels at a projector's zoom: the canvas keeps at least half the width.

Side panels give way instead (their contents scroll), Ctrl+0 puts back the layout exactly as
it was before the zoom, and View → Reset Layout brings every panel back to its place.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QWidget

CANVAS_SHARE = 0.5  # the canvas never gets less than this share of the window's width
SIDE_SHARES = (0.58, 0.42)  # how the default layout splits the side room: layers, settings
LIST_LEAST_PX = 180  # the layer list narrows no further than this (times the zoom) for the form
_HANDLES_PX = 12  # the separators between the docks and the canvas


def scrolled(widget: QWidget) -> QScrollArea:
    """`widget` in a scroll area, so a narrow panel scrolls instead of pushing the canvas."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(widget)
    return scroll


class LayoutKeeper(QObject):
    """Watches the window's size and zoom and keeps the side panels within half its width.

    `window` has `layers_dock` (left), `form_dock` (right), `steps_dock` (bottom) and a
    `zoom` property.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.places: tuple[tuple[QDockWidget, Qt.DockWidgetArea], ...] = (
            (window.layers_dock, Qt.DockWidgetArea.LeftDockWidgetArea),
            (window.form_dock, Qt.DockWidgetArea.RightDockWidgetArea),
            (window.steps_dock, Qt.DockWidgetArea.BottomDockWidgetArea),
        )
        self._before_zoom: QByteArray | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.keep_canvas_half)
        window.installEventFilter(self)

    # -- the rule

    def side_room(self) -> int:
        """The most width the left and right panels may take together."""
        return max(int(self.window.width() * (1 - CANVAS_SHARE)) - _HANDLES_PX, 0)

    def _side(self, area: Qt.DockWidgetArea) -> list[QDockWidget]:
        win = self.window
        return [
            dock
            for dock, _ in self.places
            if dock.isVisible() and not dock.isFloating() and win.dockWidgetArea(dock) == area
        ]

    def allowed_width(self, dock: QDockWidget, wanted: int) -> int:
        """The width `dock` may have next to the other side's panels (for the form's fit)."""
        area = self.window.dockWidgetArea(dock)
        other = (
            Qt.DockWidgetArea.RightDockWidgetArea
            if area == Qt.DockWidgetArea.LeftDockWidgetArea
            else Qt.DockWidgetArea.LeftDockWidgetArea
        )
        others = self._side(other)
        least = round(LIST_LEAST_PX * self.window.zoom) if others else 0
        taken = max((d.width() for d in others), default=0)
        room = self.side_room() - min(taken, least) if others else self.side_room()
        return max(min(wanted, room), 0)

    def keep_canvas_half(self) -> None:
        """Narrow the side panels when they leave the canvas less than half the width."""
        self._timer.stop()
        left = self._side(Qt.DockWidgetArea.LeftDockWidgetArea)
        right = self._side(Qt.DockWidgetArea.RightDockWidgetArea)
        width = {id(d): d.width() for d in left + right}
        left_w = max((width[id(d)] for d in left), default=0)
        right_w = max((width[id(d)] for d in right), default=0)
        room = self.side_room()
        if left_w + right_w <= room:
            return
        if left and right:
            # The settings keep what they need as far as the list can narrow for them.
            least = min(round(LIST_LEAST_PX * self.window.zoom), room // 2)
            right_w = min(right_w, room - least)
            left_w = room - right_w
        elif left:
            left_w = room
        else:
            right_w = room
        docks = [d for d in left + right]
        sizes = [left_w if d in left else right_w for d in docks]
        self.window.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    # -- zoom and reset

    def before_zoom(self, old: float, new: float) -> None:
        """Remember the layout of 100 % when a zoom leaves it, and ask for the rule after."""
        if abs(old - 1.0) < 1e-6 and abs(new - 1.0) > 1e-6:
            self._before_zoom = self.window.saveState()
        self._timer.start()

    def restore(self) -> None:
        """Put back the layout remembered before the zoom (Ctrl+0)."""
        if self._before_zoom is not None:
            self.window.restoreState(self._before_zoom)
            self._before_zoom = None

    def reset(self) -> None:
        """Every panel back in its place, shown and docked, at the default sizes."""
        win = self.window
        for dock, area in self.places:
            dock.setFloating(False)
            win.addDockWidget(area, dock)
            dock.show()
        self.default_sizes()
        self._before_zoom = None

    def default_sizes(self) -> None:
        """The side panels share the room the canvas leaves; the steps get a third of the height."""
        win = self.window
        room = self.side_room()
        sides = [win.layers_dock, win.form_dock]
        win.resizeDocks(sides, [round(room * s) for s in SIDE_SHARES], Qt.Orientation.Horizontal)
        win.resizeDocks([win.steps_dock], [win.height() // 3], Qt.Orientation.Vertical)
