"""`convdesk exercises`: JSON and Markdown sets, level lists, bad arguments, no Qt."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from convdesk.cli import main
from convdesk.engine import compute, loads_network
from convdesk.engine.exercise_sets import load_set
from convdesk.engine.exercises import generate
from convdesk.exercises_cli import parse_levels


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["exercises", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_holds_networks_questions_and_answers(capsys):
    code, out, _ = _run(capsys, "--level", "3", "--count", "4", "--seed", "4711")
    assert code == 0
    data = json.loads(out)
    assert data["made_from"] == {"levels": [3], "count": 4, "seed": 4711}
    assert len(data["exercises"]) == 4
    first = data["exercises"][0]
    assert first["asks"][0]["answer"] == [128, 17, 17]
    for item in data["exercises"]:
        network = loads_network(json.dumps(item["network"]))  # the network format, as written
        for ask in item["asks"]:
            result = compute(network).by_name(ask["layer"])
            assert ask["answer"] == list(result.output_shape)
        assert item["question"].startswith("Input [")


def test_the_same_command_prints_the_same_set(capsys):
    args = ("--level", "1-16", "--count", "20", "--seed", "77")
    assert _run(capsys, *args)[1] == _run(capsys, *args)[1]


def test_markdown_is_a_worksheet_with_the_key_at_the_end(capsys):
    code, out, _ = _run(capsys, "--level", "padding,same", "--count", "3", "--format", "markdown")
    assert code == 0
    questions, key = out.split("## Answer key")
    assert questions.startswith("# Set 1, levels 3, 4")
    assert questions.count(": ____________\n") == 3
    assert "## 2. 'same' padding" in questions
    answers = [ex.asks[0] for ex in generate([3, 4], 3, 1)]
    for i, ask in enumerate(answers, 1):
        assert f"{i}. conv1: output shape [C, H, W] = [{', '.join(map(str, ask.answer))}]" in key
    assert "[" not in questions.split("____")[-1]  # no answer before the key


def test_save_writes_a_set_the_window_opens(capsys, tmp_path):
    path = tmp_path / "week.convdesk-set"
    code, _, _ = _run(capsys, "--level", "12", "--count", "2", "--seed", "5", "--save", str(path))
    assert code == 0
    assert load_set(path).exercises == generate(12, 2, 5)
    code, _, err = _run(capsys, "--save", str(tmp_path / "no" / "dir.convdesk-set"))
    assert code == 2 and "cannot save" in err


def test_levels_as_numbers_keys_lists_and_ranges():
    assert parse_levels("3") == [3]
    assert parse_levels("same, 1-2,table") == [4, 1, 2, 16]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--level", "17"), "unknown level '17'"),
        (("--level", "fifty"), "unknown level 'fifty'"),
        (("--level", "5-2"), "runs backwards"),
        (("--count", "0"), "--count must be"),
        (("--seed", "x"), "invalid int value"),
        (("--format", "pdf"), "invalid choice"),
    ],
)
def test_bad_arguments_get_one_message(capsys, args, message):
    with pytest.raises(SystemExit) as info:
        main(["exercises", *args])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_exercises_imports_no_qt():
    code = (
        "import sys; from convdesk.cli import main; main(['exercises', '--level', '1-16']);"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'numpy', 'pyqtgraph')];"
        "print('IMPORTED', bad, file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "IMPORTED []" in out.stderr
