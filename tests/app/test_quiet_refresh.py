"""An edit refreshes the form, the input's shape and the layer view's boxes; the boxes whose
value stays are left alone (not repainted, their row not laid out again), and the ones that
change, or hold a refused text, are written as before."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QHBoxLayout, QSpinBox, QWidget

from convdesk.widget_values import set_range, set_value, shows


class _Seen(QObject):
    """Counts the events of some types that reach the watched objects."""

    def __init__(self, *types: QEvent.Type) -> None:
        super().__init__()
        self.types = types
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in self.types:
            self.count += 1
        return False


def _box(qtbot) -> tuple[QWidget, QSpinBox]:
    row = QWidget()
    QHBoxLayout(row).addWidget(box := QSpinBox(row))
    qtbot.addWidget(row)
    box.setRange(1, 500)
    box.setValue(96)
    row.show()
    qtbot.waitExposed(row)
    QApplication.processEvents()
    return row, box


def test_the_same_value_is_not_written_again(qtbot):
    _row, box = _box(qtbot)
    paints = _Seen(QEvent.Type.Paint)
    box.installEventFilter(paints)
    set_value(box, 96)
    QApplication.processEvents()
    assert paints.count == 0 and box.text() == "96"
    set_value(box, 7)
    QApplication.processEvents()
    assert paints.count > 0 and box.value() == 7 and box.text() == "7"


def test_a_text_typed_over_the_value_is_replaced(qtbot):
    _row, box = _box(qtbot)
    box.setKeyboardTracking(False)
    box.lineEdit().setText("9")  # typed, not taken yet
    assert box.value() == 96 and not shows(box, 96)
    set_value(box, 96)
    assert box.text() == "96"
    box.setPrefix("k = ")
    box.setSpecialValueText("none")
    assert shows(box, 96) and box.text() == "k = 96"
    set_value(box, 1)
    assert box.text() == "none" and shows(box, 1)


def test_the_same_range_lays_nothing_out_again(qtbot):
    row, box = _box(qtbot)
    layouts = _Seen(QEvent.Type.LayoutRequest)
    row.installEventFilter(layouts)
    set_range(box, 1, 500)
    QApplication.processEvents()
    assert layouts.count == 0
    set_range(box, 1, 100_000)
    QApplication.processEvents()
    assert (box.minimum(), box.maximum()) == (1, 100_000) and layouts.count > 0


def test_an_edit_repaints_only_the_edited_box_of_the_form(qtbot, window):
    window.resize(1440, 900)
    window.files.open_preset("alexnet-2012", ask=False)
    window.session.select_named("conv1")
    edited = window.form.field("out_channels").box
    for value in (98, 99):  # the first edits settle the layout
        edited.setValue(value)
        window.canvas_feed.flush()
        qtbot.wait(10)
    # Boxes away from the edited one (a neighbour may be painted with it, over their edges).
    far = [window.form.field(k).focus_widget() for k in ("padding", "dilation", "groups")]
    others = far + window.input_form.boxes[:3]
    paints = _Seen(QEvent.Type.Paint)
    for box in others:
        box.installEventFilter(paints)
    edited.setValue(100)
    window.canvas_feed.flush()
    QApplication.processEvents()
    assert window.doc.report.layers[0].output_shape[0] == 100
    assert paints.count == 0
    # The step sizes of the layer view's animation stay offered as they were, the choice kept.
    steps = window.canvas.layer_view.controls.step_size
    steps.setCurrentIndex(steps.count() - 1)
    chosen = steps.currentData()
    removed = []
    steps.model().rowsRemoved.connect(lambda *_: removed.append(1))
    edited.setValue(101)
    window.canvas_feed.flush()
    QApplication.processEvents()
    assert removed == [] and steps.currentData() == chosen
