"""Putting a value or a range in a spin box only when it differs from what the box shows.

Qt's spin boxes repaint on every setValue, and lay their row out again on every setRange, even
when nothing changed: the form, the input's shape and the layer view's boxes are refreshed at
every edit, and most of their values stay as they were.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox


def shows(box: QSpinBox | QDoubleSpinBox, value: float) -> bool:
    """Whether `box` holds `value` and its text says so, as setValue(value) would write it
    (not when the user's refused text stands in it)."""
    if box.value() != value:
        return False
    special = box.specialValueText()
    if special and value == box.minimum():
        text = special
    else:
        text = box.prefix() + box.textFromValue(value) + box.suffix()  # type: ignore[arg-type]
    return box.lineEdit().text() == text


def set_value(box: QSpinBox | QDoubleSpinBox, value: float) -> None:
    """box.setValue(value), unless the box shows that value already."""
    if not shows(box, value):
        box.setValue(value)  # type: ignore[arg-type]


def set_range(box: QSpinBox | QDoubleSpinBox, low: float, high: float) -> None:
    """box.setRange(low, high), unless that is its range already."""
    if box.minimum() != low or box.maximum() != high:
        box.setRange(low, high)  # type: ignore[arg-type]
