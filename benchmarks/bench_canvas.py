"""How fast the canvas draws: prints figures, asserts nothing.

Run: .venv/bin/python benchmarks/bench_canvas.py   (offscreen unless QT_QPA_PLATFORM is set)

Targets from the canvas issue: layer-view redraw after a change < 16 ms; kernel animation >= 30
frames per second. From the network-figure issue: ResNet-152's network view <= 50 ms to draw; a
2,000-layer network <= 150 ms, pan and zoom <= 16 ms a frame; selecting a layer in ResNet-152
<= 33 ms (no network geometry recomputed); an edit in ResNet-152, canvas included, <= 50 ms.
Each figure times the work and a synchronous repaint of the view (what the user waits for),
median of several runs.

With every layer its own block (the "Every layer" button), measured at 5491fbc beside 60626fd,
three runs each in turns (load 5-7), median of the runs' medians (least in brackets), before →
after, wall clock: 2,000-layer network draw 1,351 (1,030) → 378 (299) ms, pan 432 (279) → 4.0
(2.7) ms, zoom 268 (229) → 92 (72) ms; ResNet-152 draw 247 (170) → 77 (20) ms, pan 50 (40) → 4.1
(1.7) ms, zoom 77 (56) → 30 (7) ms. In CPU time (load 4.5-6): 2,000 layers draw 368 (295) → 100
(95) ms, pan 98 (91) → 1.7 (1.4) ms, zoom 123 (85) → 24 (24) ms; ResNet-152 draw 72 (54) → 17 (17)
ms, pan 25 (17) → 2.4 (2.1) ms, zoom 20 (20) → 11 (8) ms. The pan is within 16 ms; the 2,000
layers' draw is within 150 ms of CPU, not of wall time on the loaded machine; their zoom is not
(each zoom places the labels for the new scale and draws the blocks again).
"""

from __future__ import annotations

import json
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

APP = QApplication.instance() or QApplication([])

from timing import median_ms  # noqa: E402  (benchmarks/timing.py, beside this script)

from convdesk.canvas import CanvasWidget  # noqa: E402
from convdesk.engine import compute, loads_network  # noqa: E402
from convdesk.engine.presets import load_preset  # noqa: E402


def make(input_shape, *layers):
    text = json.dumps(
        {"format": "convdesk-network", "version": 1, "input": input_shape, "layers": list(layers)}
    )
    net = loads_network(text)
    return net, compute(net)


def pan_and_zoom(net_view, box, width):
    """One pan step (1 % of the view) and one zoom step (2 %), each repainted."""

    def pan():
        box.translateBy(x=width * 0.01)
        net_view.stage.view.viewport().repaint()

    def zoom():
        box.scaleBy((0.98, 0.98))
        net_view.stage.view.viewport().repaint()

    return pan, zoom


def main() -> None:
    canvas = CanvasWidget()
    canvas.resize(1400, 900)
    canvas.show()
    APP.processEvents()
    layer_view = canvas.layer_view
    net_view = canvas.network_view

    print("layer view: redraw after a change (show_layer + repaint), target < 16 ms")
    cases = {
        "AlexNet conv1 (article)": make(
            [3, 227, 227], {"type": "Conv2d", "out_channels": 96, "kernel_size": 11, "stride": 4}
        ),
        "1x1 kernel on 4,096 channels": make(
            [4096, 7, 7], {"type": "Conv2d", "out_channels": 512, "kernel_size": 1}
        ),
        "3x3x3 kernel on a 3-D input": make(
            [3, 16, 112, 112], {"type": "Conv3d", "out_channels": 64, "kernel_size": 3}
        ),
        "1-D input of 16,000 samples": make(
            [1, 16000], {"type": "Conv1d", "out_channels": 32, "kernel_size": 80, "stride": 16}
        ),
        "10,000 x 10,000 input": make(
            [3, 10000, 10000], {"type": "Conv2d", "out_channels": 8, "kernel_size": 3}
        ),
        "5x5 input (grid drawn)": make(
            [1, 5, 5], {"type": "Conv2d", "out_channels": 1, "kernel_size": 3}
        ),
    }
    for name, (net, report) in cases.items():
        canvas.set_report(net, report)
        canvas.select_layer(0)
        result = report.layers[0]

        def redraw(result=result):
            layer_view.show_layer(result, "linear", keep_step=True)
            layer_view.stage.view.viewport().repaint()

        print(f"  {name:32s} {median_ms(redraw):7.2f} ms")

    print("kernel animation: one frame (move kernel + repaint), target <= 33 ms (30 fps)")
    for name, (net, report) in cases.items():
        canvas.set_report(net, report)
        canvas.select_layer(0)
        count = layer_view.controls.slider.maximum() + 1
        state = {"i": 0}

        def frame(count=count, state=state):
            state["i"] = (state["i"] + 1) % count
            layer_view.show_step(state["i"])
            layer_view.stage.view.viewport().repaint()

        ms = median_ms(frame, 60)
        print(f"  {name:32s} {ms:7.2f} ms per frame = {1000 / ms:6.0f} fps possible")

    net, report = cases["AlexNet conv1 (article)"]
    canvas.set_report(net, report)
    canvas.select_layer(0)
    controls = layer_view.controls
    controls.set_step(0)
    controls.play.setChecked(True)
    t = time.perf_counter()
    while time.perf_counter() - t < 2.0:
        APP.processEvents()
    controls.play.setChecked(False)
    elapsed = time.perf_counter() - t
    print(
        f"  playing AlexNet conv1 for {elapsed:.1f} s: {controls.step / elapsed:.1f} fps achieved"
    )

    print("network view: build + draw (show_report + repaint), target <= 50 ms for ResNet-152")
    nets = {key: load_preset(key) for key in ("resnet18-torchvision", "resnet152-torchvision")}
    layers = [{"type": "Conv2d", "out_channels": 16, "kernel_size": 3, "padding": 1}] * 2000
    deep_net, deep_report = make([16, 32, 32], *layers)
    reports = {key: (n, compute(n)) for key, n in nets.items()}
    reports["2,000-layer network"] = (deep_net, deep_report)
    for key, (n, rep) in reports.items():
        canvas.set_report(n, rep)

        def draw(rep=rep):
            net_view.show_report(rep)
            net_view.stage.view.viewport().repaint()

        print(f"  {key:32s} {median_ms(draw, 10):7.2f} ms  ({len(rep.layers)} layers)")

    print("network view: one pan step and one zoom step (+ repaint), smooth below 16 ms")
    for key, (n, rep) in reports.items():
        canvas.set_report(n, rep)
        canvas.fit()
        box = net_view.stage.box
        width = box.viewRect().width()

        pan, zoom = pan_and_zoom(net_view, box, width)

        print(f"  {key:32s} pan {median_ms(pan):6.2f} ms   zoom {median_ms(zoom):6.2f} ms")

    print("network view around a selected layer (a dozen blocks, labels readable)")
    for key, (n, rep) in reports.items():
        canvas.set_report(n, rep)
        middle = len(rep.layers) // 2
        canvas.select_layer(middle)
        box = net_view.stage.box
        width = box.viewRect().width()

        def select(rep=rep, middle=middle):
            # Another layer selected, its neighbourhood framed and drawn.
            canvas.select_layer(middle + 1 if canvas.selected == middle else middle)
            net_view.stage.view.viewport().repaint()

        pan, zoom = pan_and_zoom(net_view, box, width)

        print(
            f"  {key:32s} select {median_ms(select, 10):6.2f} ms   pan {median_ms(pan):6.2f} ms"
            f"   zoom {median_ms(zoom):6.2f} ms"
        )

    print("every layer its own block (the 'Every layer' button): draw, pan, zoom")
    canvas.all_layers.setChecked(True)
    for key, (n, rep) in reports.items():
        canvas.set_report(n, rep)
        canvas.fit()

        def draw_all(rep=rep):
            net_view.show_report(rep)
            net_view.stage.view.viewport().repaint()

        box = net_view.stage.box
        pan, zoom = pan_and_zoom(net_view, box, box.viewRect().width())
        print(
            f"  {key:32s} draw {median_ms(draw_all, 5):7.2f} ms   pan {median_ms(pan):6.2f} ms"
            f"   zoom {median_ms(zoom):6.2f} ms"
        )
    canvas.all_layers.setChecked(False)

    print("an edit in the window: set_report + select_layer + repaint (the layer drawn once)")
    drawn = {"n": 0}
    real_show_layer = layer_view.show_layer

    def counting_show_layer(*args, **kwargs):
        drawn["n"] += 1
        real_show_layer(*args, **kwargs)

    layer_view.show_layer = counting_show_layer
    for key, (n, rep) in reports.items():
        canvas.set_report(n, rep)
        canvas.select_layer(1)
        state = {"i": 1}

        def edit(n=n, rep=rep, state=state):
            # As after inserting a layer above the selection: a new report, the selection moves.
            state["i"] = 2 if state["i"] == 1 else 1
            canvas.set_report(n, rep)
            canvas.select_layer(state["i"])
            canvas.repaint()

        drawn["n"] = 0
        ms = median_ms(edit, 10)
        print(f"  {key:32s} {ms:7.2f} ms   layer view drawn {drawn['n'] / 11:.1f} times per edit")
    layer_view.show_layer = real_show_layer


if __name__ == "__main__":
    main()
