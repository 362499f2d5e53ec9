"""The edit session without a window: edits, refusals, undo, clean state, path and selection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convdesk.app.layer_model import LayerTableModel
from convdesk.app.session import EditSession
from convdesk.engine import INPUT, LAYER_TYPES, Network, dumps_network
from convdesk.engine.presets import load_preset


@pytest.fixture
def session(qapp) -> EditSession:
    session = EditSession()
    session.load(load_preset("alexnet-2012"), None)
    return session


def names(session: EditSession) -> list[str]:
    return [layer.name for layer in session.network.layers]


def test_a_loaded_network_starts_clean_with_its_first_layer_selected(session):
    assert session.is_clean()
    assert session.selected == 0
    assert session.undo.count() == 0
    assert session.title() == session.network.name


def test_add_goes_after_the_selection_and_undo_takes_it_back(session):
    before = names(session)
    session.select(1)
    session.add("ReLU")
    assert names(session)[2] not in before
    assert session.network.layers[2].type == "ReLU"
    assert session.selected == 2
    assert not session.is_clean()
    session.undo.undo()
    assert names(session) == before
    assert session.is_clean()


def test_a_new_merge_reads_the_two_outputs_before_it(session):
    session.load(Network([3, 32, 32], [], "empty"), None)
    session.add("Add")
    assert session.network.layers[0].inputs == [INPUT]
    session.add("Conv2d")
    session.add("Add")
    assert session.network.layers[2].inputs == names(session)[:2]


@pytest.mark.parametrize("name", ["", "   ", INPUT, "conv2"])
def test_a_rename_to_a_taken_or_reserved_name_is_refused_with_a_message(session, qtbot, name):
    with qtbot.waitSignal(session.refused) as refusal:
        assert not session.rename(0, name)
    assert "names must be unique and not 'input'" in refusal.args[0]
    assert "conv1" in refusal.args[0]
    assert names(session)[0] == "conv1"
    assert session.undo.count() == 0


def test_a_rename_is_one_undo_step_and_spaces_around_it_are_dropped(session):
    assert session.rename(0, "  first  ")
    assert names(session)[0] == "first"
    assert session.undo.count() == 1
    assert session.rename(0, "first")  # the same name: nothing to do
    assert session.undo.count() == 1


def test_setting_a_value_it_already_has_makes_no_undo_step(session):
    stride = session.layer(0).config["stride"]
    session.set_value(0, "stride", stride)
    assert session.undo.count() == 0
    session.set_value(0, "stride", 2)
    assert session.undo.count() == 1


def test_moves_off_either_end_do_nothing(session):
    before = names(session)
    session.select(0)
    session.move_selected(-1)
    session.move(len(before) - 1, len(before))
    assert names(session) == before
    assert session.undo.count() == 0
    session.move_selected(1)
    assert names(session)[:2] == [before[1], before[0]]
    assert session.selected == 1


def test_deleting_the_last_layer_selects_the_one_before(session):
    last = len(session.network.layers) - 1
    session.select(last)
    session.delete()
    assert session.selected == last - 1


def test_selection_is_announced_once_per_change(session, qtbot):
    seen: list[object] = []
    session.selectionChanged.connect(seen.append)
    session.select(3)
    session.select(3)
    session.select(99)  # out of range: nothing selected
    assert seen == [3, None]


def test_a_layer_is_selected_by_its_name_and_an_unknown_name_changes_nothing(session):
    assert session.select_named("conv2")
    assert session.selected == session.network.index_of("conv2") == 3
    assert not session.select_named("no-such-layer")
    assert not session.select_named("input")  # the network's input is no layer to select
    assert session.selected == 3


def test_saving_marks_the_session_clean_and_names_it_by_its_file(session, tmp_path, qtbot):
    session.add("ReLU")
    assert not session.is_clean()
    with qtbot.waitSignal(session.titleChanged):
        session.saved(str(tmp_path / "mine.convdesk"))
    assert session.is_clean()
    assert session.path == str(tmp_path / "mine.convdesk")
    assert session.title() == "mine.convdesk"


def test_the_type_run_of_one_edit_session_is_one_undo_step(session):
    session.retype(0, "MaxPool2d", session=7)
    session.retype(0, "AvgPool2d", session=7)
    session.retype(0, "Conv2d", session=7)
    assert session.undo.count() == 1
    assert session.layer(0).config["out_channels"] == 96  # nothing lost on the way


def test_the_model_is_told_which_rows_changed(session, qtmodeltester):
    model = LayerTableModel(session.doc)
    events: list[str] = []
    model.rowsInserted.connect(lambda *_: events.append("inserted"))
    model.rowsRemoved.connect(lambda *_: events.append("removed"))
    model.rowsMoved.connect(lambda *_: events.append("moved"))
    model.modelReset.connect(lambda: events.append("reset"))
    session.select(0)
    session.add("ReLU")
    session.move(1, 3)
    session.move(3, 0)
    session.delete()
    session.undo.undo()
    assert events == ["inserted", "moved", "moved", "removed", "inserted"]
    qtmodeltester.check(model, force_py=True)
    session.load(load_preset("lenet-5"), None)
    assert events[-1] == "reset"
    assert model.rowCount() == len(session.network.layers)
    qtmodeltester.check(model, force_py=True)


SESSION_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(sorted(LAYER_TYPES))),
        st.tuples(st.just("delete"), st.integers(0, 30)),
        st.tuples(st.just("duplicate"), st.integers(0, 30)),
        st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 30)),
        st.tuples(st.just("rename"), st.integers(0, 30), st.sampled_from(["a", "b", "input", ""])),
        st.tuples(st.just("retype"), st.integers(0, 30), st.sampled_from(sorted(LAYER_TYPES))),
        st.tuples(st.just("value"), st.integers(0, 30), st.integers(1, 9)),
        st.tuples(st.just("shape"), st.integers(1, 64)),
    ),
    min_size=1,
    max_size=15,
)


@settings(max_examples=60, deadline=None)
@given(ops=SESSION_OPS)
def test_any_edits_undo_to_the_opened_network_and_redo_to_the_edited_one(qapp, ops):
    session = EditSession()
    session.load(load_preset("lenet-5"), None)
    opened = dumps_network(session.network)
    for op in ops:
        n = len(session.network.layers)
        index = op[1] % n if n and len(op) > 1 and isinstance(op[1], int) else None
        if op[0] == "add":
            session.add(op[1])
        elif op[0] == "shape":
            session.set_input_shape([1, op[1], op[1]])
        elif index is None:
            continue
        elif op[0] == "delete":
            session.select(index)
            session.delete()
        elif op[0] == "duplicate":
            session.select(index)
            session.duplicate()
        elif op[0] == "move":
            session.move(index, op[2] % n)
        elif op[0] == "rename":
            session.rename(index, op[2])
        elif op[0] == "retype":
            session.retype(index, op[2])
        elif op[0] == "value":
            session.set_value(index, "out_channels", op[2])
        selected = session.selected
        assert selected is None or 0 <= selected < len(session.network.layers)
    edited = dumps_network(session.network)
    while session.undo.canUndo():
        session.undo.undo()
    assert dumps_network(session.network) == opened
    assert session.is_clean()
    while session.undo.canRedo():
        session.undo.redo()
    assert dumps_network(session.network) == edited
