"""Keyboard ways into the window's panels: Go to Layers / Layer Settings / Worked Steps (Ctrl+1,
2, 3), Rename (F2) and Change Type (Ctrl+T)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .main_window import MainWindow


def focus_layers(window: MainWindow) -> None:
    window.layers_dock.show()
    window.table.setFocus()


def focus_form(window: MainWindow) -> None:
    """The layer's name box, or the input shape when no layer is selected."""
    window.form_dock.show()
    if window.form.name_edit is not None:
        window.form.name_edit.setFocus()
    else:
        window.input_form.rank.setFocus()


def focus_steps(window: MainWindow) -> None:
    window.steps_dock.show()
    window.steps.setFocus()


def focus_rename(window: MainWindow) -> None:
    """Edit → Rename Layer: the name box, its text selected to type over."""
    name_edit = window.form.name_edit
    if name_edit is not None:
        window.form_dock.show()
        window.form_dock.raise_()
        name_edit.setFocus()
        name_edit.selectAll()


def focus_type(window: MainWindow) -> None:
    """Edit → Change Type…: open the type list in the layer's form."""
    if window.session.selected is None:
        return
    window.form_dock.show()
    window.form.type_combo.setFocus()
    window.form.type_combo.showPopup()
