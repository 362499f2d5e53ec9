"""Light and dark palettes, following the system unless the user picks one, and text zoom.

The Fusion style is used on every platform so both palettes look the same in a classroom as on
the teacher's laptop (native styles ignore parts of a custom palette).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
ZOOM_STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5, 3.0)


def system_is_dark() -> bool:
    """True when the desktop asks for a dark colour scheme."""
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def is_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return system_is_dark()


def _dark_palette() -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    window, base, text = QColor(37, 39, 43), QColor(28, 30, 33), QColor(230, 230, 230)
    p.setColor(role.Window, window)
    p.setColor(role.WindowText, text)
    p.setColor(role.Base, base)
    p.setColor(role.AlternateBase, QColor(45, 47, 52))
    p.setColor(role.ToolTipBase, QColor(55, 57, 62))
    p.setColor(role.ToolTipText, text)
    p.setColor(role.Text, text)
    p.setColor(role.Button, QColor(50, 52, 57))
    p.setColor(role.ButtonText, text)
    p.setColor(role.BrightText, QColor(255, 90, 90))
    p.setColor(role.Highlight, QColor(60, 120, 200))
    p.setColor(role.HighlightedText, QColor(255, 255, 255))
    p.setColor(role.Link, QColor(110, 170, 255))
    p.setColor(role.PlaceholderText, QColor(150, 150, 150))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(disabled, r, QColor(120, 120, 120))
    return p


def apply_theme(app: QApplication, theme: str) -> bool:
    """Set the palette for `theme` ('system', 'light', 'dark'); returns whether it is dark."""
    if app.style().name().lower() != "fusion":  # setting it again costs a tenth of a second
        app.setStyle("Fusion")
    dark = is_dark(theme)
    app.setPalette(_dark_palette() if dark else app.style().standardPalette())
    return dark


def zoomed_font(base: QFont, factor: float) -> QFont:
    """`base` scaled for a projector; point sizes keep it independent of screen density."""
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * factor)
    return font


def next_zoom(factor: float, direction: int) -> float:
    """The next step of ZOOM_STEPS above (direction 1) or below (-1) `factor`."""
    if direction > 0:
        return next((z for z in ZOOM_STEPS if z > factor + 1e-6), ZOOM_STEPS[-1])
    return next((z for z in reversed(ZOOM_STEPS) if z < factor - 1e-6), ZOOM_STEPS[0])
