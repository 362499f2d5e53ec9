"""Tooltip texts of the layer view, read from a layer's window and channels."""

from convdesk.canvas.text import layer_tooltip

from .helpers import network


def test_the_kernel_tooltip_names_the_input_channels_and_groups():
    _, report = network(
        [6, 9, 9], {"type": "Conv2d", "out_channels": 6, "kernel_size": 3, "groups": 3}
    )
    text = layer_tooltip(report.layers[0], "kernel", (0, 0))
    assert text.splitlines()[0] == "kernel [3, 3] over 6 input channels in 3 groups"


def test_a_conv_in_error_still_tells_its_kernel_and_padding():
    _, report = network(
        [3, 5, 5], {"type": "Conv2d", "out_channels": 4, "kernel_size": 9, "padding": 1}
    )
    conv = report.layers[0]
    assert conv.status == "error"
    assert layer_tooltip(conv, "kernel", (0, 0)).startswith("kernel [9, 9] over 3 input channels")
    assert layer_tooltip(conv, "padding", (0, 0)).endswith("padding before [1, 1], after [1, 1]")


def test_a_layer_without_a_window_has_no_kernel_tooltip():
    _, report = network([3, 5, 5], {"type": "ReLU"})
    assert "padding" not in layer_tooltip(report.layers[0], "padding", (0, 0))
