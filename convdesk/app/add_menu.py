"""Edit → Add Layer: the layer types by group, the ones that fit first.

A type made for a given number of spatial dimensions (Conv3d, MaxPool1d, ...) only works on a
layer output with that many. Each time the menu opens, the types that fit the output the new
layer would read come first; the others stay available (a student may change the input next)
under a heading that says what they need, with a tooltip saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from convdesk.engine import GROUPS, LayerType, numbers, types_in_group

_LAYOUTS = {1: "[C, L]", 2: "[C, H, W]", 3: "[C, D, H, W]"}


def fits(layer_type: LayerType, shape: Sequence[int] | None) -> bool:
    """True when `layer_type` can read an output of `shape` (unknown shapes fit everything)."""
    if layer_type.dims is None or shape is None:
        return True
    return len(shape) - 1 == layer_type.dims


def misfit_reason(layer_type: LayerType, shape: Sequence[int]) -> str:
    """Why `layer_type` cannot read an output of `shape`, in a student's words."""
    want = layer_type.dims or 0  # only types of a fixed rank can misfit
    have = len(shape) - 1
    return (
        f"{layer_type.name} works on {want}-D maps {_LAYOUTS.get(want, '')}, but the output it "
        f"would read is {max(have, 0)}-D ({numbers.shape_by(shape)}), so it would be in error"
    )


def with_mnemonic(name: str, taken: set[str]) -> str:
    """`name` with '&' before a character no earlier entry of its menu uses: a digit first
    (Conv&2d, so Alt+2 picks it), else the first free letter. `taken` is updated."""
    order = sorted(range(len(name)), key=lambda i: (not name[i].isdigit(), i))
    for i in order:
        ch = name[i].lower()
        if ch.isalnum() and ch not in taken:
            taken.add(ch)
            return name[:i] + "&" + name[i:]
    return name


class AddLayerMenu(QMenu):
    """One submenu per group; `arrange(shape)` orders each for the output a new layer reads.

    The types' entries are made when the menu first opens (or `type_actions` is asked), not
    with the window.
    """

    def __init__(self, on_add: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__("&Add Layer", parent)
        self.setToolTipsVisible(True)
        self._on_add = on_add
        self._groups: list[tuple[QMenu, list[tuple[LayerType, QAction]]]] = []
        for group in GROUPS:
            sub = self.addMenu(f"&{group}")
            sub.setToolTipsVisible(True)
            self._groups.append((sub, []))
        self.aboutToShow.connect(self._fill)

    def _fill(self) -> None:
        """Make each group's type entries, once."""
        for group, (sub, entries) in zip(GROUPS, self._groups, strict=True):
            if entries:
                continue
            taken: set[str] = set()
            for layer_type in types_in_group(group):
                action = QAction(with_mnemonic(layer_type.name, taken), self)
                action.setStatusTip(layer_type.summary)
                action.setToolTip(layer_type.summary)
                action.triggered.connect(partial(self._on_add, layer_type.name))
                sub.addAction(action)
                entries.append((layer_type, action))

    def arrange(self, shape: Sequence[int] | None) -> None:
        """List the types that can read `shape` first in each group, then the others."""
        self._fill()
        for sub, entries in self._groups:
            good = [(t, a) for t, a in entries if fits(t, shape)]
            bad = [(t, a) for t, a in entries if not fits(t, shape)]
            sub.clear()  # removes the actions and deletes the old section headings, not ours
            for layer_type, action in good:
                action.setToolTip(layer_type.summary)
                action.setStatusTip(layer_type.summary)
                sub.addAction(action)
            if not bad or shape is None:  # an unknown shape fits every type
                continue
            sub.addSection(f"not for a {max(len(shape) - 1, 0)}-D output")
            for layer_type, action in bad:
                reason = misfit_reason(layer_type, shape)
                action.setToolTip(reason)
                action.setStatusTip(reason)
                sub.addAction(action)

    def type_actions(self, group: str) -> list[QAction]:
        """The type actions of one group's submenu, top to bottom (headings left out)."""
        self._fill()
        sub = self._groups[GROUPS.index(group)][0]
        return [a for a in sub.actions() if not a.isSeparator()]
