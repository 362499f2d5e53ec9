"""Showing user-given text (names from files, paths, error messages) as plain text in Qt.

Qt guesses (`Qt.mightBeRichText`) whether a label, tooltip or message box holds HTML, so a
layer named `<img src="/dev/zero">` would be loaded as a picture. Tooltips have no plain-text
setting: a text that Qt would take for HTML is turned into HTML that shows it literally.
"""

from __future__ import annotations

from PySide6.QtGui import Qt


def plain_tip(text: str) -> str:
    """A tooltip that shows `text` exactly as written (normal texts come back unchanged)."""
    if not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def menu_text(text: str) -> str:
    """Text for a menu entry or button: a `&` shows as itself instead of marking a shortcut."""
    return text.replace("&", "&&")
