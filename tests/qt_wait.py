"""Waiting for Qt widgets to settle, counted in turns of the event loop rather than in
milliseconds, so that a test waits as long as a loaded machine needs and no longer."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QHeaderView, QWidget


def placed(top: QWidget) -> tuple:
    """Where `top`'s widgets are, which are shown, and the widths of its tables' columns."""
    widgets = top.findChildren(QWidget)
    return (
        top.geometry().getRect(),
        tuple((w.isVisible(), w.geometry().getRect()) for w in widgets),
        tuple(
            tuple(w.sectionSize(i) for i in range(w.count()))
            for w in widgets
            if isinstance(w, QHeaderView)
        ),
    )


def settle(top: QWidget, turns: int = 5, timeout_s: float = 10.0) -> None:
    """Run the event loop until `top`'s widgets keep their places `turns` turns in a row.

    A new size, font, network or selection reaches the panels over a few turns (timers of 0 ms,
    layout requests); counting turns, not milliseconds, waits as long as a loaded machine needs.
    """
    deadline = time.monotonic() + timeout_s
    last = None
    still = 0
    while still < turns:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the widgets kept moving for {timeout_s} s")
        QApplication.processEvents()
        now = placed(top)
        still = still + 1 if now == last else 0
        last = now
