"""Numbers a file may hold that once froze the window: each layer opens and animates at once."""

from __future__ import annotations

import json
import time

from PySide6.QtWidgets import QApplication

LAYERS = [
    {"name": "wide", "type": "Conv2d", "out_channels": 1000000000000, "kernel_size": 3},
    {
        "name": "grouped",
        "type": "Conv2d",
        "out_channels": 10**12,
        "kernel_size": 1,
        "groups": 2,
        "inputs": ["input"],
    },
    {
        "name": "huge kernel",
        "type": "ConvTranspose2d",
        "out_channels": 1,
        "kernel_size": 10**9,
        "inputs": ["input"],
    },
    {"name": "pool", "type": "MaxPool2d", "kernel_size": 99999, "stride": 1, "inputs": ["input"]},
    {"name": "shuffle", "type": "ChannelShuffle", "groups": 1000000000000, "inputs": ["wide"]},
    {"name": "flat", "type": "Flatten", "inputs": ["wide"]},
    {"name": "fc", "type": "Linear", "out_features": 9223372036854775807},
]


def test_every_layer_of_a_network_of_huge_numbers_opens_and_steps_within_a_second(window, tmp_path):
    path = tmp_path / "huge.convdesk"
    data = {"format": "convdesk-network", "version": 1, "input": [3, 100000, 100000]}
    path.write_text(json.dumps({**data, "layers": LAYERS}), encoding="utf-8")
    assert window.files.open_path(str(path), ask=False)
    controls = window.canvas.layer_view.controls
    for index, layer in enumerate(LAYERS):
        start = time.process_time()
        window.session.select(index)
        window.canvas_feed.flush()
        QApplication.processEvents()
        if controls.forward.isEnabled():
            controls.advance()
            QApplication.processEvents()
        seconds = time.process_time() - start
        assert seconds < 1, f"{layer['name']}: {seconds:.2f} s"
    report = window.doc.report
    assert report.layers[0].output_shape == (10**12, 99998, 99998)
    assert "groups 1 would fit" in report.layers[1].error
    assert report.layers[2].output_shape == (1, 10**9 + 99999, 10**9 + 99999)
