"""`convdesk summary` as a whole process: formats, exit statuses, no Qt on its path."""

import csv
import io
import json
import subprocess
import sys

import pytest

from convdesk.engine import compute
from convdesk.engine.formats import format_report
from convdesk.engine.presets import load_preset


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "convdesk", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "broken.convdesk"
    path.write_text(
        json.dumps(
            {
                "format": "convdesk-network",
                "version": 1,
                "name": "broken",
                "input": [3, 8, 8],
                "layers": [
                    {"name": "big", "type": "Conv2d", "out_channels": 4, "kernel_size": 11},
                    {"name": "after", "type": "ReLU"},
                ],
            }
        )
    )
    return path


def test_table_is_aligned_with_separators_and_totals():
    out = run("summary", "alexnet-torchvision")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "61,100,840" in text  # torchvision's published AlexNet parameter count
    header = next(line for line in text.splitlines() if line.startswith("Layer"))
    rows = [line for line in text.splitlines() if line.split()[:1] in (["features.0"], ["conv1"])]
    assert rows, text
    # the Params column is right-aligned under its heading
    end = header.index("Params") + len("Params")
    assert all(row[end - 1].isdigit() for row in rows)
    assert "Total params" in text and "FLOPs" in text


def test_json_report_follows_the_spec():
    out = run("summary", "resnet18-torchvision", "--format", "json")
    assert out.returncode == 0
    report = json.loads(out.stdout)
    assert report["format"] == "convdesk-report" and report["version"] == 1
    assert report["trainable_params"] == 11_689_512  # torchvision resnet18
    assert report["total_params"] == report["trainable_params"] + report["non_trainable_params"]
    assert report["flops"] == 2 * report["macs"]
    keys = [
        "name",
        "type",
        "inputs",
        "input_shapes",
        "output_shape",
        "params",
        "non_trainable_params",
        "macs",
        "flops",
        "activation_bytes",
        "receptive_field",
        "error",
    ]
    assert all(list(layer) == keys for layer in report["layers"])
    assert report["errors"] == []


def test_csv_and_markdown():
    report = compute(load_preset("lenet-5"))
    rows = list(csv.DictReader(io.StringIO(format_report(report, "csv"))))
    assert len(rows) == len(report.layers) + 1
    assert rows[-1]["name"] == "total"
    assert int(rows[-1]["params"]) == 61_706  # LeNet-5's published total
    md = format_report(report, "markdown").splitlines()
    table = [line for line in md if line.startswith("|")]
    assert len(table) == len(report.layers) + 2
    assert all(line.count("|") == table[0].count("|") for line in table)


def test_layers_in_error_exit_1_and_go_to_stderr(broken):
    out = run("summary", str(broken))
    assert out.returncode == 1
    assert "big:" in out.stderr and "kernel 11" in out.stderr
    assert "ERROR" in out.stdout and "unknown" in out.stdout  # the report is still printed
    report = json.loads(run("summary", str(broken), "--format", "json").stdout)
    assert report["layers"][1]["output_shape"] is None
    assert report["errors"] == [report["layers"][0]["error"]]


@pytest.mark.parametrize(
    "content",
    ["not json", '{"format": "convdesk-network", "version": 9, "input": [1], "layers": []}'],
)
def test_unreadable_file_exits_2_with_one_line(tmp_path, content):
    path = tmp_path / "bad.convdesk"
    path.write_text(content)
    out = run("summary", str(path))
    assert out.returncode == 2
    assert out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


def test_missing_file_or_preset_exits_2():
    out = run("summary", "no-such-thing")
    assert out.returncode == 2 and "presets:" in out.stderr and "Traceback" not in out.stderr


def test_presets_command_lists_them():
    out = run("presets")
    assert out.returncode == 0
    assert "alexnet-2012" in out.stdout and "resnet152-torchvision" in out.stdout


def test_summary_imports_no_qt_and_no_numpy():
    code = (
        "import sys; from convdesk.cli import main; main(['summary', 'resnet50-torchvision']);"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'numpy', 'pyqtgraph')];"
        "print('IMPORTED', bad, file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "IMPORTED []" in out.stderr


def test_engine_imports_no_qt():
    code = (
        "import sys, convdesk.engine, convdesk.engine.presets, convdesk.engine.formats;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_installation_without_its_presets_gives_one_line(monkeypatch, capsys):
    from convdesk import cli
    from convdesk.engine import NetworkFileError, presets

    def lost():
        raise NetworkFileError("the preset files are missing from this installation")

    monkeypatch.setattr(presets, "list_presets", lost)
    assert cli.main(["presets"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("convdesk: ") and "missing" in err and "Traceback" not in err


def test_an_unexpected_error_gives_one_line(monkeypatch, capsys):
    from convdesk import cli

    def broken(argv):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "summary", broken)
    monkeypatch.delenv("CONVDESK_DEBUG", raising=False)
    assert cli.main(["summary", "x"]) == 2
    err = capsys.readouterr().err
    assert "unexpected error: ZeroDivisionError" in err and len(err.strip().splitlines()) == 1
