"""`convdesk summary` and `convdesk import` on model files, as whole processes."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest

from convdesk.engine import compute, load_network
from convdesk.importers import ModelFileError, is_model_file, read_model

from .helpers import EXPECTED, FIXTURES, keras_text


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "convdesk", *args], capture_output=True, text=True, timeout=120
    )


def test_summary_reads_keras_json_directly(tmp_path):
    path = tmp_path / "resnet50.json"
    path.write_text(keras_text("resnet50"))
    out = run("summary", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["trainable_params"] == EXPECTED["resnet50"]["trainable_params"]
    assert report["non_trainable_params"] == EXPECTED["resnet50"]["non_trainable_params"]
    assert "Imported from Keras: 176 of 176 layers mapped" in out.stderr


def test_import_writes_a_network_file_and_prints_the_report(tmp_path):
    source = tmp_path / "effnet.json"
    source.write_text(keras_text("efficientnetb0"))
    target = tmp_path / "effnet.convdesk"
    out = run("import", str(source), str(target))
    assert out.returncode == 0, out.stderr
    assert "normalization (Normalization)" in out.stdout
    assert f"Wrote {target}" in out.stdout
    result = compute(load_network(target))
    assert result.trainable_params == EXPECTED["efficientnetb0"]["trainable_params"]


def test_a_broken_model_gives_one_line_and_status_2(tmp_path):
    path = tmp_path / "model.keras"
    path.write_bytes(b"PK\x03\x04 cut short")
    for args in (("summary", str(path)), ("import", str(path), str(tmp_path / "o.convdesk"))):
        out = run(*args)
        assert out.returncode == 2
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
        assert str(path) in out.stderr
    assert not (tmp_path / "o.convdesk").exists()


def test_summary_reads_onnx_directly(tmp_path):
    pytest.importorskip("onnx", reason="the onnx extra is not installed")
    path = tmp_path / "resnet18.onnx"
    path.write_bytes(gzip.decompress((FIXTURES / "onnx" / "resnet18.onnx.gz").read_bytes()))
    out = run("summary", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["trainable_params"] == 11_689_512  # torchvision's figure
    assert "Imported from ONNX: 69 of 69 nodes mapped" in out.stderr


@pytest.mark.parametrize("name", ["model.keras", "model.onnx", "model.json"])
def test_a_pipe_named_as_a_model_is_refused_without_opening_it(tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    assert is_model_file(fifo) == (name != "model.json")
    with pytest.raises(ModelFileError, match="not a regular file"):
        read_model(fifo)
    out = run("summary", str(fifo))  # the whole command too: a message and exit 2, not a hang
    assert out.returncode == 2
    assert "not a regular file" in out.stderr
