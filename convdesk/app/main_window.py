"""The main window: layer list, input and layer forms, worked steps, canvas, totals, menus.

The window holds widgets, actions and their wiring. What is edited, undone, saved and selected
lives in the EditSession (`self.session`); widgets show its Document and follow its selection.
The rest sits in small modules beside it: the selection shown (`selection_view`), the canvas fed
once a turn (`canvas_feed`), zoom and theme (`view_settings`), the form dock's width (`form_fit`),
the focus keys (`focus`), dropped files (`file_drops`) and what is kept between runs
(`window_settings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from convdesk import APP_NAME
from convdesk.canvas import CanvasWidget
from convdesk.resources import ICON_SVG

from .add_menu import AddLayerMenu
from .autosave import Autosaver
from .canvas_feed import CanvasFeed
from .canvas_views import install_canvas_views
from .file_drops import FileDrops
from .files import FileHandler
from .form_fit import FormDockFitter
from .input_form import InputForm
from .layer_form import LayerForm
from .layer_model import LayerTableModel
from .layout_keeper import LayoutKeeper, scrolled
from .list_columns import ColumnFitter
from .model_io import install_model_io
from .notifier import Notifier
from .presentation import Presenter
from .selection_view import SelectionView
from .session import EditSession
from .steps_panel import StepsPanel
from .totals import show_totals
from .type_palette import TypePaletteOpener
from .view_settings import ViewSettings, base_font
from .window_actions import install_actions, install_menus
from .window_settings import restore_window_settings, save_window_settings

if TYPE_CHECKING:
    from .dialogs import HelpWindow
    from .picture_export import PictureExporter


class MainWindow(QMainWindow):
    """convdesk's one window. `settings` defaults to the user's QSettings."""

    # Made by window_actions.install_actions / install_menus.
    about_action: QAction
    change_type_action: QAction
    copy_action: QAction
    copy_picture_action: QAction
    csv_action: QAction
    delete_action: QAction
    down_action: QAction
    duplicate_action: QAction
    focus_form_action: QAction
    focus_layers_action: QAction
    focus_steps_action: QAction
    help_action: QAction
    md_action: QAction
    new_action: QAction
    open_action: QAction
    picture_action: QAction
    preset_action: QAction
    properties_action: QAction
    quit_action: QAction
    redo_action: QAction
    rename_action: QAction
    reset_layout_action: QAction
    save_action: QAction
    save_as_action: QAction
    undo_action: QAction
    up_action: QAction
    zoom_in_action: QAction
    zoom_out_action: QAction
    zoom_reset_action: QAction
    theme_group: QActionGroup
    theme_actions: dict[str, QAction]
    add_menu: AddLayerMenu
    recent_menu: QMenu
    practice_menu: QMenu

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings(APP_NAME, APP_NAME)
        self.session = EditSession(self)
        self.doc = self.session.doc
        self.undo = self.session.undo
        self.autosave = Autosaver(self)
        self._help: HelpWindow | None = None
        self._pictures: PictureExporter | None = None
        self.setDockNestingEnabled(True)
        if ICON_SVG.exists():
            self.setWindowIcon(QIcon(str(ICON_SVG)))

        self.notifier = Notifier(self)
        self.files = FileHandler(self.session, self.notifier, self.settings)
        self.file_drops = FileDrops(self, self.files.open_path)
        self.model = LayerTableModel(self.doc, self)
        self._build_widgets()
        self.canvas_feed = CanvasFeed(self.session, self.canvas, self)
        self.form_fit = FormDockFitter(self)
        self.view_settings = ViewSettings(self)
        self.presenter = Presenter(self, base_font)
        self.type_palette = TypePaletteOpener(self)
        install_actions(self)
        install_menus(self)
        self.model_io = install_model_io(self, self.session, self.notifier)
        install_canvas_views(self)

        self.doc.changed.connect(self._on_doc_changed)
        self.doc.replaced.connect(self._on_replaced)
        self.selection_view = SelectionView(self)
        self.session.titleChanged.connect(self.update_title)
        self.session.refused.connect(self._on_refused)
        self.model.moveRequested.connect(self.session.move)

        restore_window_settings(self)
        self._on_replaced()
        self.selection_view.show(self.session.selected)
        self.update_title()
        show_totals(self.doc.report, self.totals, self.error_label)
        self.canvas_feed.schedule()

    # -- construction -------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.canvas = CanvasWidget(self)
        self.canvas.setMinimumSize(200, 160)
        self.setCentralWidget(self.canvas)
        self.canvas.layerClicked.connect(self.session.select)
        self.canvas.windowEdited.connect(self.session.set_value)

        # Layers: the input shape above the table, a small tool bar of edits.
        self.input_form = InputForm()
        self.input_form.shapeEdited.connect(self.session.set_input_shape)
        self.table = QTableView()
        self.table.setObjectName("layerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns = ColumnFitter(self.table)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.list_tools = QToolBar("Layer tools")
        self.list_tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layers_box = QWidget()
        column = QVBoxLayout(layers_box)
        column.setContentsMargins(2, 4, 2, 4)
        column.addWidget(self.input_form)
        column.addWidget(self.list_tools)
        column.addWidget(self.table, 1)
        self.layers_dock = self._dock("Layers", "layersDock", scrolled(layers_box))
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.layers_dock)

        self.form = LayerForm(self.doc)
        self.form.valueEdited.connect(self.session.set_value)
        self.form.renameRequested.connect(self.session.rename)
        self.form.inputsEdited.connect(self.session.set_inputs)
        self.form.typeChangeRequested.connect(self.session.retype)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setWidget(self.form)
        self.form_dock = self._dock("Layer settings", "formDock", self.form_scroll)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.form_dock)

        self.steps = StepsPanel(self.doc)
        self.steps_dock = self._dock("Worked steps", "stepsDock", self.steps)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.steps_dock)

        self.totals = QLabel()
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #d33; font-weight: bold;")
        self.statusBar().addPermanentWidget(self.error_label)
        self.statusBar().addPermanentWidget(self.totals)
        self.resize(1440, 900)
        self.layout_keeper = LayoutKeeper(self)
        self.layout_keeper.default_sizes()

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() needs the names
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        return dock

    # -- reacting to the session --------------------------------------------------------------

    def _on_replaced(self) -> None:
        self.input_form.set_shape(self.doc.network.input)
        self.columns.fit()

    def _on_doc_changed(self, _focus: int) -> None:
        """After an edit (the session has already moved the selection if it had to)."""
        self.input_form.set_shape(self.doc.network.input)
        show_totals(self.doc.report, self.totals, self.error_label)
        self.canvas_feed.schedule()
        if not self.selection_view.shown():
            self.selection_view.show(self.session.selected)
        else:
            self.form.refresh()
            self.steps.refresh()

    def _on_refused(self, message: str) -> None:
        """An edit the session did not make: say why, and show the values as they are."""
        self.statusBar().showMessage(message, 6000)
        self.form.refresh()
        selected = self.session.selected
        if self.form.name_edit is not None and selected is not None:
            self.form.name_edit.setText(self.doc.layer(selected).name)

    def update_title(self) -> None:
        self.setWindowTitle(f"{self.session.title()}[*] — {APP_NAME}")
        self.setWindowModified(not self.session.is_clean())

    # -- what the actions open ----------------------------------------------------------------

    def arrange_add_menu(self) -> None:
        """Order the Add menu for the output the new layer would read (the engine's shape)."""
        at = self.session.add_position()
        report = self.doc.report
        shape = report.input if at == 0 else report.layers[at - 1].output_shape
        self.add_menu.arrange(shape)

    def edit_properties(self) -> None:
        from .dialogs import NetworkPropertiesDialog  # the dialogs load when first opened

        network = self.doc.network
        dialog = NetworkPropertiesDialog(network.name, network.description, self)
        if dialog.exec():
            self.session.set_meta(*dialog.values())

    @property
    def pictures(self) -> PictureExporter:
        """Export Picture and Copy Picture, loaded when first used."""
        if self._pictures is None:
            from .picture_export import PictureExporter

            self._pictures = PictureExporter(
                self.session, self.canvas, self.canvas_feed.flush, self.notifier, self.settings
            )
        return self._pictures

    @property
    def help_window(self) -> HelpWindow | None:
        return self._help

    def show_help(self) -> None:
        if self._help is None:
            from .dialogs import HelpWindow

            self._help = HelpWindow(self)
        self._help.show()
        self._help.raise_()

    def about(self) -> None:
        from .dialogs import show_about

        show_about(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        save_window_settings(self)
        if self._help is not None:
            self._help.close()
        self.autosave.stop()
        event.accept()
