"""The seed article's example, end to end: AlexNet conv1, 227×227×3 → 55×55×96, 34,944 params."""

import json
import subprocess
import sys

from convdesk.engine import compute, explain, loads_network

ARTICLE = """{"format": "convdesk-network", "version": 1, "name": "article",
  "input": [3, 227, 227],
  "layers": [{"name": "conv1", "type": "Conv2d", "out_channels": 96, "kernel_size": 11,
              "stride": 4}]}"""


def test_conv1_numbers():
    net = loads_network(ARTICLE)
    result = compute(net).layers[0]
    assert result.output_shape == (96, 55, 55)
    assert result.params == 34_944  # (11·11·3 + 1)·96 in the article
    # Every output value is one 11×11×3 dot product: 55·55·96 outputs × 363 weights.
    assert result.macs == 55 * 55 * 96 * 363
    assert result.flops == 2 * result.macs
    assert result.activation_bytes == 55 * 55 * 96 * 4
    assert result.receptive_field.size == (11, 11)
    assert result.receptive_field.jump == (4, 4)


def test_steps_show_the_article_method():
    net = loads_network(ARTICLE)
    text = "\n".join(
        line for step in explain(net, compute(net), 0) for line in [step.title, *step.lines]
    )
    assert "227 − 11 + 1" in text  # the article's w − m + 1 with the numbers put in
    assert "217 / 4" in text
    assert "55 × 55 × 96" in text
    assert "(11 × 11 × 3 + 1) × 96" in text
    assert "34,944" in text
    assert "round up" in text  # the article's brackets only hold when they round up
    # and what rounding down would wrongly give, with the start of the kernel it would lose
    assert "Rounding down would give 54, yet a kernel still fits at start 216 (≤ 227 − 11)" in text


def test_summary_command_prints_the_article_numbers(tmp_path):
    path = tmp_path / "article.convdesk"
    path.write_text(ARTICLE)
    out = subprocess.run(
        [sys.executable, "-m", "convdesk", "summary", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    layer = json.loads(out.stdout)["layers"][0]
    assert layer["output_shape"] == [96, 55, 55]
    assert layer["params"] == 34944
    assert layer["macs"] == 105415200  # the spec's example report
    assert layer["flops"] == 210830400
    assert layer["activation_bytes"] == 1161600
