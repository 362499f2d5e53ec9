"""`.convdesk-set` files: round trip, located refusals, newer versions, and the results CSV."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from convdesk.engine import fileio
from convdesk.engine.exercise_sets import (
    RESULT_COLUMNS,
    ExerciseSet,
    ResultRow,
    SetFileError,
    drawn_set,
    dumps_set,
    load_set,
    loads_set,
    results_csv,
    save_results,
    save_set,
)
from convdesk.engine.exercises import exercise_from_layer
from convdesk.engine.presets import load_preset


def _set_dict() -> dict:
    return json.loads(dumps_set(drawn_set([1, 8, 12], 6, 21)))


def test_a_saved_set_opens_with_the_same_exercises(tmp_path):
    made = drawn_set([1, 8, 12, 16], 8, 4711)
    path = tmp_path / "week3.convdesk-set"
    save_set(made, path)
    opened = load_set(path)
    assert opened.title == "Set 4711, levels 1, 8, 12, 16"
    assert opened.made_from == {"levels": [1, 8, 12, 16], "count": 8, "seed": 4711}
    assert opened.exercises == made.exercises
    assert "answer" not in path.read_text(encoding="utf-8")  # answers are worked out on opening


def test_a_teachers_picked_layers_round_trip(tmp_path):
    net = load_preset("alexnet-2012")
    picked = ExerciseSet(
        "AlexNet", [exercise_from_layer(net, n) for n in ("conv1", "pool1", "conv2")]
    )
    save_set(picked, tmp_path / "a.convdesk-set")
    opened = load_set(tmp_path / "a.convdesk-set")
    assert [ex.asks for ex in opened.exercises] == [ex.asks for ex in picked.exercises]


def _refused(data, match: str, location: str | None = None) -> SetFileError:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(SetFileError, match=match) as info:
        loads_set(text, "class.convdesk-set")
    if location is not None:
        assert info.value.location == location
        assert not location or f"at {location}" in str(info.value)
    return info.value


def test_a_newer_version_is_refused():
    data = _set_dict()
    data["version"] = 2
    error = _refused(data, "newer convdesk", "version")
    assert "version 1" in str(error)


@pytest.mark.parametrize(
    ("change", "match", "location"),
    [
        (lambda d: d.pop("format"), '"format" is missing', ""),
        (lambda d: d.update(format="convdesk-network"), "network file", "format"),
        (lambda d: d.update(version="1"), "whole number", "version"),
        (lambda d: d.update(extra=1), "unknown key 'extra'", "extra"),
        (lambda d: d.update(exercises=[]), "at least one exercise", "exercises"),
        (lambda d: d.update(title=3), "expected text", "title"),
        (lambda d: d["exercises"][1].update(level=99), "level from 1", "exercises[1].level"),
        (lambda d: d["exercises"][2].pop("network"), '"network" is missing', "exercises[2]"),
        (
            lambda d: d["exercises"][1]["network"]["layers"][0].update(kernal_size=3),
            "did you mean 'kernel_size'",
            "exercises[1].network.layers[0] (up1).kernal_size",
        ),
        (
            lambda d: d["exercises"][0]["network"].update(version=9),
            "newer convdesk",
            "exercises[0].network.version",
        ),
        (
            lambda d: d["exercises"][0]["ask"][0].update(layer="conv9"),
            "conv1",
            "exercises[0].ask[0].layer",
        ),
        (
            lambda d: d["exercises"][0]["ask"][1].update(quantity="weights"),
            "expected one of shape",
            "exercises[0].ask[1].quantity",
        ),
        (lambda d: d["exercises"][0].update(ask=[]), "at least one question", "exercises[0].ask"),
        (
            lambda d: d["exercises"][0]["network"]["layers"][0].update(kernel_size=500),
            "exceeds the padded input",
            "exercises[0].ask",
        ),
    ],
)
def test_a_bad_set_is_refused_with_its_location(change, match, location):
    data = _set_dict()
    change(data)
    _refused(data, match, location)


@pytest.mark.parametrize(
    ("text", "match"),
    [("{", "not valid JSON"), ("[1]", "JSON object"), ("[" * 100_000, "not valid JSON")],
)
def test_text_that_is_no_set(text, match):
    _refused(text, match)


def test_unreadable_files(tmp_path):
    with pytest.raises(SetFileError, match="no such file"):
        load_set(tmp_path / "missing.convdesk-set")
    with pytest.raises(SetFileError, match="folder"):
        load_set(tmp_path)
    (tmp_path / "bin.convdesk-set").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(SetFileError, match="UTF-8"):
        load_set(tmp_path / "bin.convdesk-set")
    with pytest.raises(SetFileError, match="cannot save"):
        save_set(drawn_set([1], 1, 1), tmp_path / "nowhere" / "x.convdesk-set")


def test_results_csv(tmp_path):
    rows = [
        ResultRow(1, 3, "conv1: output shape [C, H, W]", "55×55×96", "right", 0, 12.34),
        ResultRow(1, 3, "conv1: trainable parameters", "=HYPERLINK(1)", "wrong", 2, 40.0),
        ResultRow(2, 3, "conv1: output shape [C, H, W]", "", "shown", 4, 3.0),
    ]
    path = tmp_path / "results.csv"
    save_results(rows, path)
    read = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert tuple(read[0]) == RESULT_COLUMNS
    assert read[1] == ["1", "3", "conv1: output shape [C, H, W]", "55×55×96", "right", "0", "12.3"]
    assert read[2][3] == "'=HYPERLINK(1)"  # a typed formula stays text in a spreadsheet
    assert read[3][4:6] == ["shown", "4"]
    assert results_csv([]).strip() == ",".join(RESULT_COLUMNS)


# Set files are passed around like network files, so they are read as strictly (issue 12).


def test_a_set_with_a_duplicate_key_is_refused_with_its_place():
    text = dumps_set(drawn_set([1], 1, 5)).replace('"title":', '"title": "x", "title":', 1)
    _refused(text, "appears twice", "title")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "1e999"])
def test_a_set_with_a_number_that_is_not_finite_is_refused(constant):
    data = _set_dict()
    text = json.dumps(data).replace('"seed": 21', f'"seed": {constant}', 1)
    assert constant in text
    _refused(text, "number", "made_from.seed")


def test_a_pipe_is_refused_before_it_is_opened(tmp_path):
    fifo = tmp_path / "class.convdesk-set"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    with pytest.raises(SetFileError, match="not a regular file"):
        load_set(fifo)


def test_a_set_file_past_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(fileio, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.convdesk-set"
    save_set(drawn_set([1], 1, 5), path)
    with pytest.raises(SetFileError, match="convdesk opens set files of up to 0 MB"):
        load_set(path)
