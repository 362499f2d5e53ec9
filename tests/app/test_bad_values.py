"""Whatever a hand-written file puts in a layer's keys, the form and the list show it calmly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convdesk.app.document import Document
from convdesk.app.layer_form import LayerForm
from convdesk.app.layer_model import COLUMNS, LayerTableModel
from convdesk.engine import LAYER_TYPES, Layer, Network

SCALARS = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=6),
    st.none(),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=5))
SHAPES = st.lists(st.integers(min_value=-5, max_value=10**12), min_size=0, max_size=5)


@st.composite
def layers(draw):
    layer_type = draw(st.sampled_from(sorted(LAYER_TYPES)))
    keys = [k.name for k in LAYER_TYPES[layer_type].keys]
    config = {}
    for key in keys:
        if draw(st.booleans()):
            config[key] = draw(VALUES)
    return Layer(layer_type, "x", config)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(layer=layers(), shape=SHAPES)
def test_any_value_is_shown_without_an_exception(qtbot, layer, shape):
    doc = Document(Network(shape or [3, 8, 8], [layer]))
    form = LayerForm(doc)
    qtbot.add_widget(form)
    model = LayerTableModel(doc, parent=doc)
    form.show_layer(0)
    for column in range(len(COLUMNS)):
        assert model.index(0, column).data() is not None
    for key in layer.config:
        form.field(key)  # every key of the type has its field
