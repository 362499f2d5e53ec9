"""The main window: layer list, input and layer forms, worked steps, canvas, totals, menus.

The window holds widgets, actions and their wiring. What is edited, undone, saved and selected
lives in the EditSession (`self.session`); widgets show its Document and follow its selection.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QIcon,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
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
from convdesk.engine import Network
from convdesk.plaintext import plain_tip
from convdesk.resources import ICON_SVG

from . import theme
from .add_menu import AddLayerMenu
from .autosave import Autosaver
from .canvas_views import install_canvas_views
from .dialogs import HelpWindow, NetworkPropertiesDialog, show_about
from .files import FileHandler
from .input_form import InputForm
from .layer_form import LayerForm
from .layer_model import LayerTableModel
from .layout_keeper import LayoutKeeper, scrolled
from .list_columns import ColumnFitter
from .model_io import install_model_io
from .notifier import Notifier
from .picture_export import PictureExporter
from .presentation import Presenter
from .session import EditSession
from .steps_panel import StepsPanel
from .totals import totals_text
from .type_palette import TypePaletteOpener
from .window_actions import install_actions, install_menus

_BASE_FONT: QFont | None = None  # the application's font before any zoom


def _base_font() -> QFont:
    global _BASE_FONT
    if _BASE_FONT is None:
        _BASE_FONT = QFont(QApplication.font())
    return _BASE_FONT


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
        self._zoom = 1.0
        self._theme = "system"
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self._set_icon()

        self.notifier = Notifier(self)
        self.files = FileHandler(self.session, self.notifier, self.settings)
        self.model = LayerTableModel(self.doc, self)
        self._canvas_timer = QTimer(self)
        self._canvas_timer.setSingleShot(True)
        self._canvas_timer.setInterval(0)
        self._canvas_timer.timeout.connect(self._update_canvas)
        # The form's rows know their new width only once the new font or rows are laid out.
        self._form_fit_timer = QTimer(self)
        self._form_fit_timer.setSingleShot(True)
        self._form_fit_timer.setInterval(0)
        self._form_fit_timer.timeout.connect(self._fit_form_dock)
        self._build_widgets()
        self.pictures = PictureExporter(
            self.session, self.canvas, self.flush_canvas, self.notifier, self.settings
        )
        self.presenter = Presenter(self, _base_font)
        self.type_palette = TypePaletteOpener(self)
        install_actions(self)
        install_menus(self)
        self.model_io = install_model_io(self, self.session, self.notifier)
        install_canvas_views(self)

        self.doc.changed.connect(self._on_doc_changed)
        self.doc.replaced.connect(self._on_replaced)
        self.session.selectionChanged.connect(self._show_selection)
        self.session.titleChanged.connect(self.update_title)
        self.session.refused.connect(self._on_refused)
        self.model.moveRequested.connect(self.session.move)
        QApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

        self._restore_settings()
        self._on_replaced()
        self._show_selection(self.session.selected)
        self.update_title()
        self._show_totals()
        self._schedule_canvas()

    # -- construction -------------------------------------------------------------------------

    def _set_icon(self) -> None:
        if ICON_SVG.exists():
            self.setWindowIcon(QIcon(str(ICON_SVG)))

    def _build_widgets(self) -> None:
        self.canvas = CanvasWidget(self)
        self.canvas.setMinimumSize(200, 160)
        self.setCentralWidget(self.canvas)
        self.canvas.layerClicked.connect(self.select_layer)
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
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
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
        self.form.installEventFilter(self)
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

    # -- settings -----------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)
        try:
            zoom = float(str(s.value("view/zoom", 1.0)))
        except (TypeError, ValueError):
            zoom = 1.0
        name = str(s.value("view/theme", "system"))
        self.set_theme(name if name in theme.THEMES else "system")
        self.set_zoom(zoom, announce=False)

    def _save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("view/zoom", self._zoom)
        s.setValue("view/theme", self._theme)
        s.sync()

    # -- reacting to the document -------------------------------------------------------------

    def _on_replaced(self) -> None:
        self.input_form.set_shape(self.doc.network.input)
        self.columns.fit()

    def _on_doc_changed(self, _focus: int) -> None:
        """After an edit (the session has already moved the selection if it had to)."""
        self.input_form.set_shape(self.doc.network.input)
        self._show_totals()
        self._schedule_canvas()
        selected = self.session.selected
        if self.table.currentIndex().row() != (-1 if selected is None else selected):
            self._show_selection(selected)
        else:
            self.form.refresh()
            self.steps.refresh()

    def _schedule_canvas(self) -> None:
        """Draw the new report on the canvas on the next turn of the event loop.

        The list, form, steps and totals are updated at once; the canvas, the costliest view of
        a deep network, follows, and a run of quick edits (a held arrow key) is drawn once.
        """
        self._canvas_timer.start()

    def _update_canvas(self) -> None:
        self.canvas.set_report(self.doc.network, self.doc.report)
        self.canvas.select_layer(self.session.selected)

    def flush_canvas(self) -> None:
        """Bring the canvas up to date now (screenshots and benchmarks wait for it)."""
        if self._canvas_timer.isActive():
            self._canvas_timer.stop()
            self._update_canvas()

    def _show_totals(self) -> None:
        report = self.doc.report
        text, tip = totals_text(report)
        self.totals.setText(text)
        self.totals.setToolTip(plain_tip(tip))
        errors = report.errors
        if errors:
            self.error_label.setText(
                f"{len(errors)} layer{'s' if len(errors) > 1 else ''} in error"
            )
            self.error_label.setToolTip(plain_tip("\n".join(errors)))
        else:
            self.error_label.clear()
            self.error_label.setToolTip("")

    def update_title(self) -> None:
        self.setWindowTitle(f"{self.session.title()}[*] — {APP_NAME}")
        self.setWindowModified(not self.session.is_clean())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and isinstance(watched, LayerForm):
            # New rows or a new font: the width they need is known once this is handled.
            self._form_fit_timer.start()
        return super().eventFilter(watched, event)

    # -- selection ----------------------------------------------------------------------------

    @property
    def selected_layer(self) -> int | None:
        return self.session.selected

    def select_layer(self, index: int | None) -> None:
        """Select a layer (None: none); the list, form, steps and canvas follow."""
        self.session.select(index)

    def _show_selection(self, index: int | None) -> None:
        """Show the session's selection in the list, the form, the steps and the canvas."""
        n = len(self.doc.network.layers)
        if index is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        elif self.table.currentIndex().row() != index:
            self.table.selectRow(index)
            self.table.scrollTo(self.model.index(index, 0))
        self.form.show_layer(index)
        self._form_fit_timer.start()
        self.steps.show_layer(index)
        # While a new report waits for the canvas, it shows this selection along with it.
        if not self._canvas_timer.isActive():
            self.canvas.select_layer(index)
        has = index is not None
        actions = (self.duplicate_action, self.delete_action, self.rename_action)
        for action in (*actions, self.change_type_action):
            action.setEnabled(has)
        self.up_action.setEnabled(index is not None and index > 0)
        self.down_action.setEnabled(index is not None and index < n - 1)

    def select_layer_named(self, name: str) -> bool:
        try:
            index = self.doc.network.index_of(name)
        except KeyError:
            return False
        self.select_layer(index)
        return True

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.session.select(current.row() if current.isValid() else None)

    # -- edits --------------------------------------------------------------------------------

    def arrange_add_menu(self) -> None:
        """Order the Add menu for the output the new layer would read (the engine's shape)."""
        at = self.session.add_position()
        report = self.doc.report
        shape = report.input if at == 0 else report.layers[at - 1].output_shape
        self.add_menu.arrange(shape)

    # The session's edits under the names the window has always offered them (hooks, tests).

    def add_layer(self, layer_type: str) -> None:
        self.session.add(layer_type)

    def duplicate_layer(self) -> None:
        self.session.duplicate()

    def delete_layer(self) -> None:
        self.session.delete()

    def move_layer(self, source: int, target: int) -> None:
        self.session.move(source, target)

    def move_selected(self, step: int) -> None:
        self.session.move_selected(step)

    def rename_layer(self, index: int, new_name: str) -> bool:
        return self.session.rename(index, new_name)

    def change_type(self, index: int, new_type: str, session: int = 0) -> None:
        self.session.retype(index, new_type, session)

    def _on_refused(self, message: str) -> None:
        """An edit the session did not make: say why, and show the values as they are."""
        self.statusBar().showMessage(message, 6000)
        self.form.refresh()
        selected = self.session.selected
        if self.form.name_edit is not None and selected is not None:
            self.form.name_edit.setText(self.doc.layer(selected).name)

    def focus_type(self) -> None:
        """Edit → Change Type…: open the type list in the layer's form."""
        if self.session.selected is None:
            return
        self.form_dock.show()
        self.form.type_combo.setFocus()
        self.form.type_combo.showPopup()

    def edit_properties(self) -> None:
        network = self.doc.network
        dialog = NetworkPropertiesDialog(network.name, network.description, self)
        if dialog.exec():
            self.session.set_meta(*dialog.values())

    def focus_rename(self) -> None:
        if self.form.name_edit is not None:
            self.form_dock.show()
            self.form_dock.raise_()
            self.form.name_edit.setFocus()
            self.form.name_edit.selectAll()

    # -- drops and closing --------------------------------------------------------------------

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> str | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if isinstance(url, QUrl) and url.isLocalFile():
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path:
            event.acceptProposedAction()
            self.files.open_path(path)
        else:
            super().dropEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self._save_settings()
        if self._help is not None:
            self._help.close()
        self.autosave.stop()
        event.accept()

    # -- view ---------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float, announce: bool = True) -> None:
        """Scale every text of the application (menus and dialogs too) for a projector."""
        factor = min(max(factor, theme.ZOOM_STEPS[0]), theme.ZOOM_STEPS[-1])
        self.layout_keeper.before_zoom(self._zoom, factor)
        self._zoom = factor
        font = theme.zoomed_font(_base_font(), factor)
        # The application font reaches menus, dialogs and tooltips; the window's own font
        # takes effect at once, even before the event loop runs (--screenshot, tests).
        QApplication.setFont(font)
        self.setFont(font)
        self.canvas.set_zoom(factor)
        self.columns.fit()
        self._form_fit_timer.start()
        if announce:
            self.statusBar().showMessage(f"Zoom {round(factor * 100)} %", 2000)

    def _fit_form_dock(self) -> None:
        """Widen the layer settings when their rows no longer fit (a projector's zoom, a type
        with per-dimension boxes), so they never need scrolling sideways; the canvas gives way."""
        dock = self.form_dock
        if dock.isFloating() or not dock.isVisible():
            return
        need = self.form.minimumSizeHint().width() - self.form_scroll.viewport().width()
        if need > 0:
            self.layout_keeper.widen(dock, dock.width() + need)

    def step_zoom(self, direction: int) -> None:
        self.set_zoom(theme.next_zoom(self._zoom, direction))

    def reset_zoom(self) -> None:
        """Ctrl+0: text at its usual size and the panels as they were before the zoom."""
        self.set_zoom(1.0)
        self.layout_keeper.restore()

    @property
    def theme_name(self) -> str:
        return self._theme

    def set_theme(self, name: str) -> None:
        self._theme = name
        self.theme_actions[name].setChecked(True)
        app = QApplication.instance()
        dark = theme.apply_theme(app, name) if isinstance(app, QApplication) else False
        self.canvas.set_dark(dark)
        self.form.set_dark(dark)

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self._theme == "system":
            self.set_theme("system")

    def focus_layers(self) -> None:
        self.layers_dock.show()
        self.table.setFocus()

    def focus_form(self) -> None:
        self.form_dock.show()
        if self.form.name_edit is not None:
            self.form.name_edit.setFocus()
        else:
            self.input_form.rank.setFocus()

    def focus_steps(self) -> None:
        self.steps_dock.show()
        self.steps.setFocus()

    @property
    def help_window(self) -> HelpWindow | None:
        return self._help

    def show_help(self) -> None:
        if self._help is None:
            self._help = HelpWindow(self)
        self._help.show()
        self._help.raise_()

    def about(self) -> None:
        show_about(self)

    @property
    def network(self) -> Network:
        return self.doc.network
