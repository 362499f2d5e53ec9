"""Any sequence of edits, undone to the end, gives back the network as it was opened; redone, the
network as it was edited. Checked on the saved text, so nothing the file holds can drift."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convdesk.engine import LAYER_TYPES, dumps_network

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(sorted(LAYER_TYPES))),
        st.tuples(st.just("delete"), st.integers(0, 30)),
        st.tuples(st.just("duplicate"), st.integers(0, 30)),
        st.tuples(st.just("move"), st.integers(0, 30), st.sampled_from([-1, 1])),
        st.tuples(st.just("rename"), st.integers(0, 30), st.sampled_from(["a", "b", "c1"])),
        st.tuples(st.just("value"), st.integers(0, 30), st.integers(1, 9)),
        st.tuples(st.just("input"), st.integers(1, 64)),
    ),
    min_size=1,
    max_size=12,
)


def _apply(window, op) -> None:
    layers = window.session.network.layers
    kind = op[0]
    if kind == "add":
        window.session.add(op[1])
        return
    if kind == "input":
        window.input_form.boxes[1].setValue(op[1])
        return
    if not layers:
        return
    window.session.select(op[1] % len(layers))
    if kind == "delete":
        window.session.delete()
    elif kind == "duplicate":
        window.session.duplicate()
    elif kind == "move":
        window.session.move_selected(op[2])
    elif kind == "rename":
        window.session.rename(window.session.selected, op[2])
    elif kind == "value":
        # The first key that takes a whole number, set through its field as a user would.
        form = window.form
        for spec in LAYER_TYPES[layers[window.session.selected].type].keys:
            if spec.kind in ("int", "spatial") and spec.minimum is not None:
                field = form.field(spec.name)
                box = getattr(field, "box", None) or field.single
                box.setValue(op[2])
                field.editFinished.emit()  # as if the user pressed Enter: one undo step
                break


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_undo_all_and_redo_all_round_trip(window, ops):
    window.files.open_preset("lenet-5", ask=False)
    opened = dumps_network(window.session.network)
    for op in ops:
        _apply(window, op)
    edited = dumps_network(window.session.network)
    while window.undo.canUndo():
        window.undo_action.trigger()
    assert dumps_network(window.session.network) == opened
    assert not window.isWindowModified()
    while window.undo.canRedo():
        window.redo_action.trigger()
    assert dumps_network(window.session.network) == edited
    # The list always shows one row per layer of the network.
    assert window.model.rowCount() == len(window.session.network.layers)
