"""The window's panels at a projector's zoom: the canvas keeps at least half the width.

Side panels give way instead (their contents scroll), Ctrl+0 puts back the layout exactly as
it was before the zoom, and View → Reset Layout brings every panel back to its place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QScrollArea, QWidget

if TYPE_CHECKING:
    from .main_window import MainWindow

CANVAS_SHARE = 0.5  # the canvas never gets less than this share of the window's width
# Zoomed in to 200 % and beyond it gets this share: the drawing's labels are twice as wide, and
# the side panels show only the start of their rows whatever their width (they scroll). Up to
# 150 % the panels still fit their rows in the other half; in between the share grows.
CANVAS_SHARE_ZOOMED = 0.6
ZOOMS_GROWING = (1.5, 2.0)
SIDE_SHARES = (0.58, 0.42)  # how the default layout splits the side room: layers, settings
STEPS_SHARE_ZOOMED = 0.25  # zoomed in, the worked steps' panel takes at most this of the height
LIST_LEAST_PX = 150  # the layer list narrows no further than this (times the zoom) for the form
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

    `window` has `layers_dock` (left), `form_dock` (right), `steps_dock` (bottom) and
    `view_settings.zoom`.
    """

    def __init__(self, window: MainWindow) -> None:
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

    def _zoom(self) -> float:
        # The window makes its zoom after its panels (whose first sizes are those of 100 %).
        settings = getattr(self.window, "view_settings", None)
        return 1.0 if settings is None else settings.zoom

    def canvas_share(self) -> float:
        """The least share of the width the canvas keeps: a half up to 150 %, more beyond."""
        low, high = ZOOMS_GROWING
        growth = min(max((self._zoom() - low) / (high - low), 0.0), 1.0)
        return CANVAS_SHARE + (CANVAS_SHARE_ZOOMED - CANVAS_SHARE) * growth

    def side_room(self) -> int:
        """The most width the left and right panels may take together."""
        return max(int(self.window.width() * (1 - self.canvas_share())) - _HANDLES_PX, 0)

    def _side(self, area: Qt.DockWidgetArea) -> list[QDockWidget]:
        win = self.window
        return [
            dock
            for dock, _ in self.places
            if dock.isVisible() and not dock.isFloating() and win.dockWidgetArea(dock) == area
        ]

    def widen(self, dock: QDockWidget, width: int) -> None:
        """Give `dock` the width its rows need, as far as the half-width rule allows (the panel
        on the other side narrows for it first)."""
        self.keep_canvas_half(dock, width)

    def keep_canvas_half(self, wanting: QDockWidget | None = None, wanted: int = 0) -> None:
        """Narrow the side panels when they would leave the canvas less than half the width.

        `wanting` asks for `wanted` pixels; it gets them as far as the other side can narrow
        (to LIST_LEAST_PX at zoom 1). Without it the right side (the settings) is kept first.
        """
        self._timer.stop()
        self._keep_drawing_tall()
        areas = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        sides = [self._side(area) for area in areas]
        widths = [max((d.width() for d in side), default=0) for side in sides]
        first = 1  # the side served first
        if wanting is not None:
            first = next((i for i, side in enumerate(sides) if wanting in side), 1)
            widths[first] = wanted
        room = self.side_room()
        if widths[0] + widths[1] > room:
            other = 1 - first
            if sides[other]:
                least = min(round(LIST_LEAST_PX * self._zoom()), room // 2)
                widths[first] = min(widths[first], room - least)
                widths[other] = room - widths[first]
            else:
                widths[first] = room
        elif wanting is None:
            return
        docks = [d for side in sides for d in side]
        sizes = [widths[i] for i, side in enumerate(sides) for _ in side]
        if docks:
            self.window.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)

    def _keep_drawing_tall(self) -> None:
        """Zoomed in, the worked steps take at most a quarter of the height (they scroll)."""
        if self._zoom() <= 1.0:
            return
        bottom = self._side(Qt.DockWidgetArea.BottomDockWidgetArea)
        most = round(self.window.height() * STEPS_SHARE_ZOOMED)
        if bottom and max(d.height() for d in bottom) > most:
            self.window.resizeDocks(bottom, [most] * len(bottom), Qt.Orientation.Vertical)

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
        """Put back the layout remembered before the zoom (Ctrl+0), in the view shown now: the
        panels keep their current showing or folding (the network alone folds them), only their
        places and sizes go back."""
        if self._before_zoom is None:
            return
        shown = [(dock, not dock.isHidden()) for dock, _ in self.places]
        self.window.restoreState(self._before_zoom)
        self._before_zoom = None
        for dock, visible in shown:
            dock.setVisible(visible)

    def reset(self) -> None:
        """Every panel back in its place, shown and docked, at the default sizes; the network
        shown alone (which folds the panels) gives way to both views."""
        win = self.window
        if win.canvas.view_mode == "network":
            win.canvas.set_view_mode("both")
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
