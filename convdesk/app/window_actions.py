"""The main window's actions and menus: what each command is called, its keys and its tip.

`install_actions(window)` makes the actions (as attributes of the window, which tests and the
other modules' hooks use), `install_menus(window)` lays them out in the menu bar.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolButton

from . import theme
from .add_menu import AddLayerMenu
from .focus import focus_form, focus_layers, focus_rename, focus_steps, focus_type
from .practice_menu import install_practice_menu

if TYPE_CHECKING:
    from .main_window import MainWindow


def _action(
    window: MainWindow,
    text: str,
    slot: object,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def install_actions(window: MainWindow) -> None:
    """The window's actions (File, Edit, View, Help) and the layer list's tool bar."""
    std = QKeySequence.StandardKey
    a = partial(_action, window)
    window.new_action = a("&New", window.files.new_network, std.New, "Start an empty network")
    window.open_action = a("&Open…", window.files.open_dialog, std.Open, "Open a network file")
    window.preset_action = a(
        "Open &Preset…", window.files.open_preset_dialog, "Ctrl+Shift+O", "Open a shipped network"
    )
    window.save_action = a("&Save", window.files.save, std.Save)
    window.save_as_action = a("Save &As…", window.files.save_as, std.SaveAs)
    window.csv_action = a("Export Table as &CSV…", partial(window.files.export_table, "csv"))
    window.md_action = a(
        "Export Table as &Markdown…", partial(window.files.export_table, "markdown")
    )
    window.picture_action = a(
        "&Export Picture…",
        lambda: window.pictures.export_dialog(),
        None,
        "Save the network figure or the selected layer as PNG or SVG, like `convdesk figure`",
    )
    window.quit_action = a("&Quit", window.close, std.Quit)
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    window.undo_action = window.undo.createUndoAction(window, "&Undo")
    window.undo_action.setShortcuts(std.Undo)
    window.redo_action = window.undo.createRedoAction(window, "&Redo")
    # The platform's redo keys (Ctrl+Y on some), and Ctrl+Shift+Z everywhere, as Help says.
    redo_keys = QKeySequence.keyBindings(std.Redo)
    if QKeySequence("Ctrl+Shift+Z") not in redo_keys:
        redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
    window.redo_action.setShortcuts(redo_keys)
    window.addActions([window.undo_action, window.redo_action])
    window.duplicate_action = a("D&uplicate Layer", window.session.duplicate, "Ctrl+D")
    window.delete_action = a("&Delete Layer", window.session.delete, std.Delete)
    # Delete only acts on the list, so the key still deletes text in the forms.
    window.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.removeAction(window.delete_action)
    window.table.addAction(window.delete_action)
    window.rename_action = a("Re&name Layer", partial(focus_rename, window), "F2")
    window.change_type_action = a(
        "Change &Type…",
        partial(focus_type, window),
        "Ctrl+T",
        "Give the selected layer another type, keeping the settings both types have",
    )
    window.up_action = a("Move Layer &Up", partial(window.session.move_selected, -1), "Alt+Up")
    window.down_action = a("Move Layer Do&wn", partial(window.session.move_selected, 1), "Alt+Down")
    window.properties_action = a(
        "Network &Properties…", window.edit_properties, None, "The network's name and notes"
    )
    window.copy_action = a(
        "&Copy Summary", window.files.copy_summary, "Ctrl+Shift+C", "Copy the layer table as text"
    )
    window.copy_picture_action = a(
        "Copy P&icture",
        lambda: window.pictures.copy(),
        "Ctrl+Shift+P",
        "Copy the canvas as an image, to paste into slides or notes",
    )

    view = window.view_settings
    window.zoom_in_action = a("Zoom &In", partial(view.step_zoom, 1), std.ZoomIn)
    window.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence(std.ZoomIn)])
    window.zoom_out_action = a("Zoom &Out", partial(view.step_zoom, -1), std.ZoomOut)
    window.zoom_reset_action = a("&Actual Size", view.reset_zoom, "Ctrl+0")
    window.reset_layout_action = a(
        "&Reset Layout",
        window.layout_keeper.reset,
        None,
        "Every panel back in its place, shown, at the usual sizes",
    )
    window.theme_group = QActionGroup(window)
    window.theme_actions = {}
    for name in theme.THEMES:
        action = QAction(f"{name.capitalize()}", window, checkable=True)
        action.triggered.connect(partial(view.set_theme, name))
        window.theme_group.addAction(action)
        window.theme_actions[name] = action
    window.focus_layers_action = a("Go to &Layers", partial(focus_layers, window), "Ctrl+1")
    window.focus_form_action = a("Go to Layer &Settings", partial(focus_form, window), "Ctrl+2")
    window.focus_steps_action = a("Go to &Worked Steps", partial(focus_steps, window), "Ctrl+3")
    window.help_action = a("convdesk &Help", window.show_help, std.HelpContents)
    window.about_action = a("&About convdesk", window.about)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    window.add_menu = AddLayerMenu(window.session.add, window)
    window.add_menu.aboutToShow.connect(window.arrange_add_menu)
    add_button = QToolButton()
    add_button.setText("Add ▾")
    add_button.setToolTip("Add a layer after the selected one")
    add_button.setMenu(window.add_menu)
    add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    window.list_tools.addWidget(add_button)
    for action, label in (
        (window.duplicate_action, "Duplicate"),
        (window.delete_action, "Delete"),
        (window.up_action, "Up"),
        (window.down_action, "Down"),
    ):
        action.setIconText(label)  # the tool bar's short label; menus keep the full text
        window.list_tools.addAction(action)


def install_menus(window: MainWindow) -> None:
    """The menu bar, from the actions install_actions made."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([window.new_action, window.open_action, window.preset_action])
    window.recent_menu = window.files.recent_menu
    file_menu.addMenu(window.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([window.save_action, window.save_as_action])
    file_menu.addSeparator()
    file_menu.addActions([window.csv_action, window.md_action, window.picture_action])
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    edit_menu.addMenu(window.add_menu)
    edit_menu.addAction(window.type_palette.action)
    edit_menu.addActions(
        [
            window.duplicate_action,
            window.delete_action,
            window.rename_action,
            window.change_type_action,
            window.up_action,
            window.down_action,
        ]
    )
    edit_menu.addSeparator()
    edit_menu.addActions([window.properties_action, window.copy_action, window.copy_picture_action])

    view_menu = bar.addMenu("&View")
    view_menu.addActions([window.zoom_in_action, window.zoom_out_action, window.zoom_reset_action])
    view_menu.addAction(window.reset_layout_action)
    view_menu.addAction(window.presenter.action)
    theme_menu = view_menu.addMenu("&Theme")
    theme_menu.addActions(list(window.theme_actions.values()))
    view_menu.addSeparator()
    for dock in (window.layers_dock, window.form_dock, window.steps_dock):
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    view_menu.addActions(
        [window.focus_layers_action, window.focus_form_action, window.focus_steps_action]
    )

    help_menu = bar.addMenu("&Help")
    help_menu.addActions([window.help_action, window.about_action])
    window.practice_menu = install_practice_menu(window)
