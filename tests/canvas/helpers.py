"""Networks for the canvas tests, written in the network format."""

from __future__ import annotations

import json

from convdesk.engine import compute, loads_network


def network(input_shape: list[int], *layers: dict, name: str = "test"):
    """A Network from layer dicts, and its Report."""
    text = json.dumps(
        {
            "format": "convdesk-network",
            "version": 1,
            "name": name,
            "input": input_shape,
            "layers": list(layers),
        }
    )
    net = loads_network(text)
    return net, compute(net)


def alexnet_conv1():
    """The seed article's layer: 227×227×3 input, 96 kernels of 11×11×3, stride 4."""
    return network(
        [3, 227, 227],
        {"name": "conv1", "type": "Conv2d", "out_channels": 96, "kernel_size": 11, "stride": 4},
        name="AlexNet conv1",
    )
