"""Writes the preset network files: `python -m convdesk.presets._make [DIRECTORY]`.

Each network is built here from its architecture's own description (stage sizes, block counts,
channel widths) rather than typed out, so ResNet-152's 515 layers come from its four numbers of
blocks. Layer names follow the source (torchvision's module names where there is one) so a student
can find the same layer in the library's code. Run it after changing a network and commit the files;
tests/test_presets.py checks that the committed files are exactly what this writes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from convdesk.engine import INPUT, Layer, Network, dumps_network
from convdesk.presets import CATALOGUE, SUFFIX


class _Builder:
    """Collects the network's layers in file order."""

    def __init__(self) -> None:
        self.layers: list[Layer] = []

    @property
    def last(self) -> str:
        return self.layers[-1].name if self.layers else INPUT

    def add(
        self, name: str, layer_type: str, inputs: list[str] | None = None, **keys: object
    ) -> str:
        """Append a layer; `inputs` is kept only where it is not just the previous layer."""
        given = list(inputs) if inputs is not None and inputs != [self.last] else None
        self.layers.append(Layer(layer_type, name, dict(keys), given))
        return name

    def conv(
        self,
        name: str,
        cin: int,
        cout: int,
        kernel: int | list[int],
        *,
        stride: int | list[int] = 1,
        padding: int | list[int] = 0,
        groups: int = 1,
        bias: bool = True,
        dims: int = 2,
        inputs: list[str] | None = None,
    ) -> str:
        """A convolution written as its PyTorch constructor would be: defaults left out."""
        keys: dict[str, object] = {"in_channels": cin, "out_channels": cout, "kernel_size": kernel}
        if stride != 1:
            keys["stride"] = stride
        if padding != 0:
            keys["padding"] = padding
        if groups != 1:
            keys["groups"] = groups
        if not bias:
            keys["bias"] = False
        return self.add(name, f"Conv{dims}d", inputs, **keys)

    def linear(self, name: str, fin: int, fout: int) -> str:
        return self.add(name, "Linear", in_features=fin, out_features=fout)


# --- AlexNet -------------------------------------------------------------------------------------


def alexnet_2012() -> tuple[str, str, list[int], _Builder]:
    b = _Builder()
    b.conv("conv1", 3, 96, 11, stride=4)
    b.add("relu1", "ReLU")
    b.add("pool1", "MaxPool2d", kernel_size=3, stride=2)
    # The paper split conv2, conv4 and conv5 between two GPUs: each half sees only the half of
    # the previous layer's maps on its own GPU, which is exactly groups=2.
    b.conv("conv2", 96, 256, 5, padding=2, groups=2)
    b.add("relu2", "ReLU")
    b.add("pool2", "MaxPool2d", kernel_size=3, stride=2)
    b.conv("conv3", 256, 384, 3, padding=1)  # conv3 reads both GPUs' maps: not grouped
    b.add("relu3", "ReLU")
    b.conv("conv4", 384, 384, 3, padding=1, groups=2)
    b.add("relu4", "ReLU")
    b.conv("conv5", 384, 256, 3, padding=1, groups=2)
    b.add("relu5", "ReLU")
    b.add("pool5", "MaxPool2d", kernel_size=3, stride=2)
    b.add("flatten", "Flatten")
    b.linear("fc6", 256 * 6 * 6, 4096)
    b.add("relu6", "ReLU")
    b.add("drop6", "Dropout", p=0.5)
    b.linear("fc7", 4096, 4096)
    b.add("relu7", "ReLU")
    b.add("drop7", "Dropout", p=0.5)
    b.linear("fc8", 4096, 1000)
    b.add("softmax", "Softmax")
    description = (
        "The network of the seed article: AlexNet as the 2012 paper describes it, on a "
        "227×227×3 image (the paper writes 224, but only 227 makes conv1's 11×11 stride-4 "
        "windows fit exactly, giving 55×55×96). conv2, conv4 and conv5 have groups=2 because the "
        "paper trained them split across two GPUs, each half seeing only its own GPU's maps; conv3 "
        "and the fully connected layers see everything. The pools overlap (3×3, stride 2). The "
        "paper's local response normalization after relu1 and relu2 is left out: convdesk has no "
        "LRN layer type, and LRN has no trainable parameters and keeps the shape, so no count "
        "changes. Dropout follows fc6 and fc7, and fc8's 1000 scores go through a softmax. "
        "The paper speaks of 60 million parameters. Source: " + _source("alexnet-2012") + "."
    )
    return "AlexNet (2012 paper)", description, [3, 227, 227], b


def alexnet_torchvision() -> tuple[str, str, list[int], _Builder]:
    b = _Builder()
    b.conv("conv1", 3, 64, 11, stride=4, padding=2)
    b.add("relu1", "ReLU")
    b.add("pool1", "MaxPool2d", kernel_size=3, stride=2)
    b.conv("conv2", 64, 192, 5, padding=2)
    b.add("relu2", "ReLU")
    b.add("pool2", "MaxPool2d", kernel_size=3, stride=2)
    b.conv("conv3", 192, 384, 3, padding=1)
    b.add("relu3", "ReLU")
    b.conv("conv4", 384, 256, 3, padding=1)
    b.add("relu4", "ReLU")
    b.conv("conv5", 256, 256, 3, padding=1)
    b.add("relu5", "ReLU")
    b.add("pool5", "MaxPool2d", kernel_size=3, stride=2)
    b.add("avgpool", "AdaptiveAvgPool2d", output_size=6)
    b.add("flatten", "Flatten")
    b.add("drop6", "Dropout", p=0.5)
    b.linear("fc6", 256 * 6 * 6, 4096)
    b.add("relu6", "ReLU")
    b.add("drop7", "Dropout", p=0.5)
    b.linear("fc7", 4096, 4096)
    b.add("relu7", "ReLU")
    b.linear("fc8", 4096, 1000)
    description = (
        "AlexNet as PyTorch's torchvision builds it: one GPU, so no grouped layers, 64-192-384-"
        "256-256 kernels, padding 2 in conv1, and an adaptive average pool that makes any input "
        "large enough end as 6×6 before the classifier. Dropout comes before fc6 and fc7, as in "
        "torchvision's classifier. torchvision lists 61,100,840 parameters for it on a 3×224×224 "
        "image. Source: " + _source("alexnet-torchvision") + "."
    )
    return "AlexNet (torchvision)", description, [3, 224, 224], b


# --- LeNet-5 -------------------------------------------------------------------------------------


def lenet5() -> tuple[str, str, list[int], _Builder]:
    b = _Builder()
    b.conv("C1", 1, 6, 5)
    b.add("tanh1", "Tanh")
    b.add("S2", "AvgPool2d", kernel_size=2)
    b.conv("C3", 6, 16, 5)
    b.add("tanh3", "Tanh")
    b.add("S4", "AvgPool2d", kernel_size=2)
    b.conv("C5", 16, 120, 5)
    b.add("tanh5", "Tanh")
    b.add("flatten", "Flatten")
    b.linear("F6", 120, 84)
    b.add("tanh6", "Tanh")
    b.linear("output", 84, 10)
    description = (
        "LeNet-5, the digit reader of LeCun et al. (1998), on a 32×32 grey image, in the form "
        "most courses teach: C3 connects every one of its 16 maps to all 6 maps of S2 (the paper "
        "wired each C3 map to only some of them, 1,516 parameters instead of 2,416), S2 and S4 "
        "are plain 2×2 average pools (the paper gave each pooled map a trainable weight and "
        "bias), the activation is tanh, and the output is an ordinary 84→10 linear layer (the "
        "paper used radial basis units). That gives 61,706 trainable parameters; the paper's own "
        "version has about 60,000. C1 (156), C5 (48,120) and F6 (10,164) match the paper's "
        "counts. Source: " + _source("lenet-5") + "."
    )
    return "LeNet-5 (dense C3)", description, [1, 32, 32], b


# --- VGG-16 --------------------------------------------------------------------------------------

_VGG16_STAGES = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))  # torchvision's cfg "D"


def vgg16_torchvision() -> tuple[str, str, list[int], _Builder]:
    b = _Builder()
    cin = 3
    for stage, (width, convs) in enumerate(_VGG16_STAGES, start=1):
        for i in range(1, convs + 1):
            b.conv(f"conv{stage}_{i}", cin, width, 3, padding=1)
            b.add(f"relu{stage}_{i}", "ReLU")
            cin = width
        b.add(f"pool{stage}", "MaxPool2d", kernel_size=2, stride=2)
    b.add("avgpool", "AdaptiveAvgPool2d", output_size=7)
    b.add("flatten", "Flatten")
    b.linear("fc6", 512 * 7 * 7, 4096)
    b.add("relu6", "ReLU")
    b.add("drop6", "Dropout", p=0.5)
    b.linear("fc7", 4096, 4096)
    b.add("relu7", "ReLU")
    b.add("drop7", "Dropout", p=0.5)
    b.linear("fc8", 4096, 1000)
    description = (
        "VGG-16 (configuration D of Simonyan and Zisserman) as torchvision builds it: thirteen "
        "3×3 convolutions with padding 1 in five stages of 64, 128, 256, 512 and 512 kernels, "
        "each stage closed by a 2×2 max pool, then an adaptive average pool to 7×7 and three "
        "fully connected layers. Most of its parameters sit in fc6 (25,088 inputs × 4,096). "
        "torchvision lists 138,357,544 parameters. Source: " + _source("vgg16-torchvision") + "."
    )
    return "VGG-16 (torchvision)", description, [3, 224, 224], b


# --- ResNet --------------------------------------------------------------------------------------


def _resnet_stem(b: _Builder) -> None:
    b.conv("conv1", 3, 64, 7, stride=2, padding=3, bias=False)
    b.add("bn1", "BatchNorm2d")
    b.add("relu", "ReLU")
    b.add("maxpool", "MaxPool2d", kernel_size=3, stride=2, padding=1)


def _downsample(b: _Builder, p: str, block_input: str, cin: int, cout: int, stride: int) -> str:
    """The shortcut's 1×1 convolution and batch norm, taken when the shape changes."""
    b.conv(f"{p}.downsample.0", cin, cout, 1, stride=stride, bias=False, inputs=[block_input])
    return b.add(f"{p}.downsample.1", "BatchNorm2d")


def _basic_block(b: _Builder, p: str, cin: int, planes: int, stride: int) -> int:
    x = b.last
    b.conv(f"{p}.conv1", cin, planes, 3, stride=stride, padding=1, bias=False)
    b.add(f"{p}.bn1", "BatchNorm2d")
    b.add(f"{p}.relu1", "ReLU")
    b.conv(f"{p}.conv2", planes, planes, 3, padding=1, bias=False)
    main = b.add(f"{p}.bn2", "BatchNorm2d")
    shortcut = x
    if stride != 1 or cin != planes:
        shortcut = _downsample(b, p, x, cin, planes, stride)
    b.add(f"{p}.add", "Add", inputs=[main, shortcut])
    b.add(f"{p}.relu2", "ReLU")
    return planes


def _bottleneck(b: _Builder, p: str, cin: int, planes: int, stride: int) -> int:
    # torchvision's "ResNet v1.5": the stride sits on the 3×3 convolution, not the first 1×1.
    x = b.last
    cout = planes * 4
    b.conv(f"{p}.conv1", cin, planes, 1, bias=False)
    b.add(f"{p}.bn1", "BatchNorm2d")
    b.add(f"{p}.relu1", "ReLU")
    b.conv(f"{p}.conv2", planes, planes, 3, stride=stride, padding=1, bias=False)
    b.add(f"{p}.bn2", "BatchNorm2d")
    b.add(f"{p}.relu2", "ReLU")
    b.conv(f"{p}.conv3", planes, cout, 1, bias=False)
    main = b.add(f"{p}.bn3", "BatchNorm2d")
    shortcut = x
    if stride != 1 or cin != cout:
        shortcut = _downsample(b, p, x, cin, cout, stride)
    b.add(f"{p}.add", "Add", inputs=[main, shortcut])
    b.add(f"{p}.relu3", "ReLU")
    return cout


def _resnet(blocks: tuple[int, int, int, int], bottleneck: bool) -> _Builder:
    b = _Builder()
    _resnet_stem(b)
    make = _bottleneck if bottleneck else _basic_block
    cin = 64
    for stage, (count, planes) in enumerate(zip(blocks, (64, 128, 256, 512), strict=True), 1):
        for i in range(count):
            stride = 2 if stage > 1 and i == 0 else 1
            cin = make(b, f"layer{stage}.{i}", cin, planes, stride)
    b.add("avgpool", "AdaptiveAvgPool2d", output_size=1)
    b.add("flatten", "Flatten")
    b.linear("fc", cin, 1000)
    return b


def _resnet_description(depth: int, blocks: tuple[int, ...], bottleneck: bool, total: str) -> str:
    block = (
        "bottleneck blocks (1×1 down to the stage width, 3×3 carrying the stride, 1×1 up to 4× "
        "the width)"
        if bottleneck
        else "basic blocks (two 3×3 convolutions)"
    )
    return (
        f"ResNet-{depth} as torchvision builds it, every operation written as its own layer: a "
        f"7×7 stride-2 stem and a max pool, then four stages of {'+'.join(map(str, blocks))} "
        f"{block}. Each block ends in an Add of its main path and its shortcut; where the shape "
        "changes the shortcut is a 1×1 convolution with batch norm ('downsample'), otherwise the "
        "block's input itself. Convolutions have no bias because a batch norm follows; each batch "
        "norm trains 2C numbers and keeps 2C running statistics that are not trained. An "
        "adaptive average pool to 1×1, a flatten and a 1000-way linear layer finish it. "
        f"torchvision lists {total} parameters. Source: "
        + _source(f"resnet{depth}-torchvision")
        + "."
    )


def resnet18_torchvision() -> tuple[str, str, list[int], _Builder]:
    blocks = (2, 2, 2, 2)
    text = _resnet_description(18, blocks, False, "11,689,512")
    return "ResNet-18 (torchvision)", text, [3, 224, 224], _resnet(blocks, False)


def resnet50_torchvision() -> tuple[str, str, list[int], _Builder]:
    blocks = (3, 4, 6, 3)
    text = _resnet_description(50, blocks, True, "25,557,032")
    return "ResNet-50 (torchvision)", text, [3, 224, 224], _resnet(blocks, True)


def resnet152_torchvision() -> tuple[str, str, list[int], _Builder]:
    blocks = (3, 8, 36, 3)
    text = _resnet_description(152, blocks, True, "60,192,808")
    return "ResNet-152 (torchvision)", text, [3, 224, 224], _resnet(blocks, True)


# --- MobileNetV2 ---------------------------------------------------------------------------------

# (expansion t, output channels c, repeats n, first stride s): Table 2 of Sandler et al., which
# torchvision's mobilenet_v2 uses unchanged at width 1.0.
_MOBILENET_V2_SETTINGS = (
    (1, 16, 1, 1),
    (6, 24, 2, 2),
    (6, 32, 3, 2),
    (6, 64, 4, 2),
    (6, 96, 3, 1),
    (6, 160, 3, 2),
    (6, 320, 1, 1),
)


def _conv_bn_relu6(
    b: _Builder,
    p: str,
    cin: int,
    cout: int,
    kernel: int,
    stride: int = 1,
    padding: int = 0,
    groups: int = 1,
) -> None:
    b.conv(p, cin, cout, kernel, stride=stride, padding=padding, groups=groups, bias=False)
    b.add(f"{p}_bn", "BatchNorm2d")
    b.add(f"{p}_relu6", "ReLU6")


def mobilenet_v2_torchvision() -> tuple[str, str, list[int], _Builder]:
    b = _Builder()
    _conv_bn_relu6(b, "features.0", 3, 32, 3, stride=2, padding=1)
    cin, index = 32, 1
    for t, c, n, s in _MOBILENET_V2_SETTINGS:
        for i in range(n):
            stride = s if i == 0 else 1
            p, x, hidden = f"features.{index}", b.last, cin * t
            if t != 1:
                _conv_bn_relu6(b, f"{p}.expand", cin, hidden, 1)
            # Depthwise: groups = channels, so each 3×3 kernel reads a single map.
            _conv_bn_relu6(
                b, f"{p}.depthwise", hidden, hidden, 3, stride=stride, padding=1, groups=hidden
            )
            b.conv(f"{p}.project", hidden, c, 1, bias=False)
            main = b.add(f"{p}.project_bn", "BatchNorm2d")  # linear bottleneck: no activation
            if stride == 1 and cin == c:
                b.add(f"{p}.add", "Add", inputs=[main, x])
            cin, index = c, index + 1
    _conv_bn_relu6(b, f"features.{index}", cin, 1280, 1)
    b.add("avgpool", "AdaptiveAvgPool2d", output_size=1)
    b.add("flatten", "Flatten")
    b.add("dropout", "Dropout", p=0.2)
    b.linear("classifier", 1280, 1000)
    description = (
        "MobileNetV2 as torchvision builds it (width 1.0). After a 3×3 stride-2 stem, seventeen "
        "inverted residual blocks each widen the maps six times with a 1×1 convolution "
        "('expand', skipped in the first block), filter them with a depthwise 3×3 convolution "
        "(groups = channels, one kernel per map, far fewer parameters and MACs than a full "
        "convolution), and narrow them again with a 1×1 'project' convolution that has no "
        "activation. Where a block keeps both stride 1 and its channel count, an Add joins its "
        "input to its output. Activations are ReLU6. A 1×1 convolution to 1280 channels, global "
        "average pooling, dropout 0.2 and a 1000-way linear layer end it. torchvision lists "
        "3,504,872 parameters. Source: " + _source("mobilenet-v2-torchvision") + "."
    )
    return "MobileNetV2 (torchvision)", description, [3, 224, 224], b


# --- ShuffleNetV2 ---------------------------------------------------------------------------------

# torchvision's shufflenet_v2_x1_0: blocks per stage and the output channels of conv1, the three
# stages and conv5 (Ma et al. 2018, Table 5, width 1×).
_SHUFFLENET_V2_REPEATS = (4, 8, 4)
_SHUFFLENET_V2_WIDTHS = (24, 116, 232, 464, 1024)


def _conv_bn(
    b: _Builder,
    p: str,
    index: int,
    cin: int,
    cout: int,
    kernel: int,
    *,
    stride: int = 1,
    padding: int = 0,
    groups: int = 1,
    inputs: list[str] | None = None,
) -> str:
    """A convolution without bias and its BatchNorm, torchvision's `p.index` and `p.index+1`."""
    b.conv(
        f"{p}.{index}",
        cin,
        cout,
        kernel,
        stride=stride,
        padding=padding,
        groups=groups,
        bias=False,
        inputs=inputs,
    )
    return b.add(f"{p}.{index + 1}", "BatchNorm2d")


def _shuffle_unit(b: _Builder, p: str, cin: int, cout: int, stride: int) -> None:
    """torchvision's InvertedResidual: two branches of cout / 2 channels, joined, shuffled."""
    half, x = cout // 2, b.last
    if stride == 1:
        # x.chunk(2, dim=1): the first half passes untouched, the second goes through branch2.
        left = b.add(f"{p}.x1", "Narrow", [x], start=0, length=half)
        b.add(f"{p}.x2", "Narrow", [x], start=half, length=half)
        cin = half
    else:
        _conv_bn(
            b, f"{p}.branch1", 0, cin, cin, 3, stride=stride, padding=1, groups=cin, inputs=[x]
        )
        _conv_bn(b, f"{p}.branch1", 2, cin, half, 1)
        left = b.add(f"{p}.branch1.4", "ReLU")
    _conv_bn(b, f"{p}.branch2", 0, cin, half, 1, inputs=[b.last if stride == 1 else x])
    b.add(f"{p}.branch2.2", "ReLU")
    _conv_bn(b, f"{p}.branch2", 3, half, half, 3, stride=stride, padding=1, groups=half)
    _conv_bn(b, f"{p}.branch2", 5, half, half, 1)
    right = b.add(f"{p}.branch2.7", "ReLU")
    b.add(f"{p}.cat", "Concat", [left, right])
    b.add(f"{p}.shuffle", "ChannelShuffle", groups=2)


def shufflenet_v2_torchvision() -> tuple[str, str, list[int], _Builder]:
    b = _Builder()
    _conv_bn(b, "conv1", 0, 3, _SHUFFLENET_V2_WIDTHS[0], 3, stride=2, padding=1)
    b.add("conv1.2", "ReLU")
    b.add("maxpool", "MaxPool2d", kernel_size=3, stride=2, padding=1)
    cin = _SHUFFLENET_V2_WIDTHS[0]
    for stage, (repeats, cout) in enumerate(
        zip(_SHUFFLENET_V2_REPEATS, _SHUFFLENET_V2_WIDTHS[1:4], strict=True), start=2
    ):
        for i in range(repeats):
            _shuffle_unit(b, f"stage{stage}.{i}", cin, cout, 2 if i == 0 else 1)
            cin = cout
    _conv_bn(b, "conv5", 0, cin, _SHUFFLENET_V2_WIDTHS[4], 1)
    b.add("conv5.2", "ReLU")
    b.add("mean", "AdaptiveAvgPool2d", output_size=1)  # x.mean([2, 3]) in torchvision
    b.add("flatten", "Flatten")
    b.linear("fc", _SHUFFLENET_V2_WIDTHS[4], 1000)
    description = (
        "ShuffleNetV2 ×1.0 as torchvision builds it. Each unit splits its channels into two "
        "halves. In the first unit of a stage (stride 2) both halves see the whole input: one "
        "through a depthwise 3×3 and a 1×1 convolution, the other through 1×1, depthwise 3×3 "
        "and 1×1. In the other units two Narrow layers split the channels (torchvision's "
        "chunk): the first half passes untouched and only the second is convolved. A Concat "
        "joins the halves and a ChannelShuffle with 2 groups interleaves them, so that the next "
        "unit's halves each hold channels from both. The stages have 116, 232 and 464 channels; "
        "a 1×1 convolution to 1024, global average pooling (torchvision's x.mean([2, 3])) and a "
        "1000-way linear layer end it. torchvision lists 2,278,604 parameters and 0.14 GFLOPS. "
        "Source: " + _source("shufflenet-v2-torchvision") + "."
    )
    return "ShuffleNetV2 ×1.0 (torchvision)", description, [3, 224, 224], b


# --- ConvNeXt -------------------------------------------------------------------------------------

# torchvision's convnext_tiny: (channels, blocks) per stage (Liu et al. 2022, Table 9, ConvNeXt-T).
_CONVNEXT_TINY = ((96, 3), (192, 3), (384, 9), (768, 3))


def _layer_norm_2d(b: _Builder, p: str, channels: int) -> str:
    """torchvision's LayerNorm2d: channels last, LayerNorm over the channels, channels first."""
    b.add(f"{p}.to_last", "Permute", dims=[1, 2, 0])
    b.add(p, "LayerNorm", normalized_shape=channels, eps=1e-6)
    return b.add(f"{p}.to_first", "Permute", dims=[2, 0, 1])


def _convnext_block(b: _Builder, p: str, dim: int) -> None:
    """torchvision's CNBlock: depthwise 7×7, channels last, LayerNorm, an MLP, layer scale, add."""
    x = b.last
    b.conv(f"{p}.block.0", dim, dim, 7, padding=3, groups=dim)
    b.add(f"{p}.block.1", "Permute", dims=[1, 2, 0])
    b.add(f"{p}.block.2", "LayerNorm", normalized_shape=dim, eps=1e-6)
    b.linear(f"{p}.block.3", dim, 4 * dim)
    b.add(f"{p}.block.4", "GELU")
    b.linear(f"{p}.block.5", 4 * dim, dim)
    b.add(f"{p}.block.6", "Permute", dims=[2, 0, 1])
    scaled = b.add(f"{p}.layer_scale", "LayerScale")
    b.add(f"{p}.add", "Add", inputs=[scaled, x])


def convnext_tiny_torchvision() -> tuple[str, str, list[int], _Builder]:
    b = _Builder()
    first = _CONVNEXT_TINY[0][0]
    b.conv("features.0.0", 3, first, 4, stride=4)
    _layer_norm_2d(b, "features.0.1", first)
    index = 1
    for stage, (dim, blocks) in enumerate(_CONVNEXT_TINY):
        for i in range(blocks):
            _convnext_block(b, f"features.{index}.{i}", dim)
        index += 1
        if stage + 1 < len(_CONVNEXT_TINY):
            _layer_norm_2d(b, f"features.{index}.0", dim)
            b.conv(f"features.{index}.1", dim, 2 * dim, 2, stride=2)
            index += 1
    last = _CONVNEXT_TINY[-1][0]
    b.add("avgpool", "AdaptiveAvgPool2d", output_size=1)
    _layer_norm_2d(b, "classifier.0", last)
    b.add("classifier.1", "Flatten")
    b.linear("classifier.2", last, 1000)
    description = (
        "ConvNeXt-Tiny as torchvision builds it: a ResNet modernized step by step towards a "
        "vision transformer. A 4×4 stride-4 'patchify' convolution starts it; four stages of "
        "3, 3, 9 and 3 blocks work on 96, 192, 384 and 768 channels, with a LayerNorm and a 2×2 "
        "stride-2 convolution between stages. Each block filters with a depthwise 7×7 "
        "convolution, permutes to channels last so that LayerNorm and two Linear layers (96 → "
        "384 → 96 in the first stage, with GELU between) act on the channels of each pixel, "
        "permutes back, multiplies by a learned per-channel layer scale and adds its input. "
        "torchvision's LayerNorm2d is written as Permute, LayerNorm, Permute; its stochastic "
        "depth, which only acts in training, is left out. torchvision lists 28,589,128 "
        "parameters and 4.46 GFLOPS. Source: " + _source("convnext-tiny-torchvision") + "."
    )
    return "ConvNeXt-Tiny (torchvision)", description, [3, 224, 224], b


# --- U-Net ---------------------------------------------------------------------------------------

_UNET_WIDTHS = (64, 128, 256, 512, 1024)


def _double_conv(b: _Builder, p: str, cin: int, cout: int) -> str:
    b.conv(f"{p}.conv1", cin, cout, 3, padding=1)
    b.add(f"{p}.relu1", "ReLU")
    b.conv(f"{p}.conv2", cout, cout, 3, padding=1)
    return b.add(f"{p}.relu2", "ReLU")


def unet_2015() -> tuple[str, str, list[int], _Builder]:
    b = _Builder()
    skips: list[str] = []
    cin = 1
    for level, width in enumerate(_UNET_WIDTHS[:-1], start=1):
        skips.append(_double_conv(b, f"down{level}", cin, width))
        b.add(f"pool{level}", "MaxPool2d", kernel_size=2, stride=2)
        cin = width
    _double_conv(b, "bottom", cin, _UNET_WIDTHS[-1])
    cin = _UNET_WIDTHS[-1]
    for level in range(len(_UNET_WIDTHS) - 1, 0, -1):
        width = _UNET_WIDTHS[level - 1]
        # The up-convolution halves the channels; the skip brings the other half back.
        up = b.add(
            f"up{level}.upconv",
            "ConvTranspose2d",
            in_channels=cin,
            out_channels=width,
            kernel_size=2,
            stride=2,
        )
        b.add(f"up{level}.concat", "Concat", inputs=[skips[level - 1], up])
        _double_conv(b, f"up{level}", 2 * width, width)
        cin = width
    b.conv("out", cin, 2, 1)
    description = (
        "U-Net (Ronneberger et al. 2015), which labels every pixel of an image. Going down, each "
        "level has two 3×3 convolutions with ReLU and a 2×2 max pool, with 64 up to 1024 "
        "kernels; going up, a 2×2 stride-2 up-convolution halves the channels and a Concat joins "
        "the skip map from the same level; a last 1×1 convolution gives 2 classes per pixel. "
        "That is the paper's 23 convolutions, with no batch norm. One change, which most PyTorch "
        "implementations make: the 3×3 convolutions have padding 1, so each skip map is exactly "
        "as large as the map it joins. The paper's are unpadded (572×572 in, 388×388 out) and it "
        "crops each skip map before joining, which needs a crop layer convdesk does not have. "
        "The input, 1×512×512, is a multiple of 16 so the four halvings divide evenly, and the "
        "output is a 2-class map of the same size. Source: " + _source("unet-2015") + "."
    )
    return "U-Net (2015, padded)", description, [1, 512, 512], b


# --- M5 (1-D, raw audio) -------------------------------------------------------------------------


def m5_audio() -> tuple[str, str, list[int], _Builder]:
    b = _Builder()
    convs = ((1, 32, 80, 16), (32, 32, 3, 1), (32, 64, 3, 1), (64, 64, 3, 1))
    for i, (cin, cout, kernel, stride) in enumerate(convs, start=1):
        b.conv(f"conv{i}", cin, cout, kernel, stride=stride, dims=1)
        b.add(f"bn{i}", "BatchNorm1d")
        b.add(f"relu{i}", "ReLU")
        b.add(f"pool{i}", "MaxPool1d", kernel_size=4)
    b.add("avgpool", "AdaptiveAvgPool1d", output_size=1)
    b.add("flatten", "Flatten")
    b.linear("fc1", 64, 35)
    description = (
        "M5, a 1-D network that reads raw sound: one second of audio at 8 kHz (8,000 samples, "
        "one channel). The first convolution's 80-sample kernel with stride 16 acts like a bank "
        "of learned filters; three 3-tap convolutions and four 4× max pools follow, each "
        "convolution with batch norm and ReLU, then global average pooling and a linear layer "
        "for the 35 words of the Speech Commands data set. This is the small version in "
        "PyTorch's speech command tutorial (32 and 64 kernels, stride 16); the paper's M5 has "
        "128 to 512 kernels and stride 4 on 32,000 samples. The tutorial prints 26,915 "
        "parameters; its final log-softmax is left out (it has no parameters and keeps the "
        "shape). Source: " + _source("m5-audio") + "."
    )
    return "M5 (1-D, raw audio)", description, [1, 8000], b


# --- C3D (3-D, video) ----------------------------------------------------------------------------

_C3D_STAGES = (("1", (64,)), ("2", (128,)), ("3", (256, 256)), ("4", (512, 512)), ("5", (512, 512)))


def c3d_video() -> tuple[str, str, list[int], _Builder]:
    b = _Builder()
    cin = 3
    for stage, widths in _C3D_STAGES:
        for letter, width in zip("ab", widths, strict=False):
            b.conv(f"conv{stage}{letter}", cin, width, 3, padding=1, dims=3)
            b.add(f"relu{stage}{letter}", "ReLU")
            cin = width
        if stage == "1":
            # pool1 keeps all 16 frames so that time is not merged too early (the paper's choice).
            b.add("pool1", "MaxPool3d", kernel_size=[1, 2, 2], stride=[1, 2, 2])
        elif stage == "5":
            # 7×7 maps: the one-pixel padding gives 4×4 as Caffe's rounding up did (8,192 to fc6).
            b.add("pool5", "MaxPool3d", kernel_size=2, stride=2, padding=[0, 1, 1])
        else:
            b.add(f"pool{stage}", "MaxPool3d", kernel_size=2, stride=2)
    b.add("flatten", "Flatten")
    b.linear("fc6", 512 * 1 * 4 * 4, 4096)
    b.add("relu6", "ReLU")
    b.add("drop6", "Dropout", p=0.5)
    b.linear("fc7", 4096, 4096)
    b.add("relu7", "ReLU")
    b.add("drop7", "Dropout", p=0.5)
    b.linear("fc8", 4096, 487)
    b.add("softmax", "Softmax")
    description = (
        "C3D, a 3-D network for video clips: 16 RGB frames of 112×112 (input 3×16×112×112, "
        "channels, time, height, width). Every convolution is 3×3×3 with padding 1, so kernels "
        "slide through time as well as space; eight of them (64, 128, 256, 256, 512, 512, 512, "
        "512 kernels) in five stages, with 2×2×2 max pools except pool1, which is 1×2×2 and "
        "keeps all 16 frames. pool5 pads height and width by one, as the common PyTorch port "
        "does, to give the 512×1×4×4 = 8,192 inputs of fc6 that the original Caffe model had. "
        "Two 4096-unit layers with dropout and a 487-way output for Sports-1M follow. "
        "Source: " + _source("c3d-video") + "."
    )
    return "C3D (3-D, video)", description, [3, 16, 112, 112], b


# --- writing -------------------------------------------------------------------------------------

BUILDERS: dict[str, Callable[[], tuple[str, str, list[int], _Builder]]] = {
    "alexnet-2012": alexnet_2012,
    "lenet-5": lenet5,
    "alexnet-torchvision": alexnet_torchvision,
    "vgg16-torchvision": vgg16_torchvision,
    "resnet18-torchvision": resnet18_torchvision,
    "resnet50-torchvision": resnet50_torchvision,
    "resnet152-torchvision": resnet152_torchvision,
    "mobilenet-v2-torchvision": mobilenet_v2_torchvision,
    "shufflenet-v2-torchvision": shufflenet_v2_torchvision,
    "convnext-tiny-torchvision": convnext_tiny_torchvision,
    "unet-2015": unet_2015,
    "m5-audio": m5_audio,
    "c3d-video": c3d_video,
}


def _source(key: str) -> str:
    return dict(CATALOGUE)[key]


def render_all() -> dict[str, str]:
    """Every preset's file name and text, in catalogue order."""
    files = {}
    for key, _source_text in CATALOGUE:
        name, description, input_shape, builder = BUILDERS[key]()
        network = Network(input_shape, builder.layers, name, description)
        files[key + SUFFIX] = dumps_network(network)
    return files


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else Path(__file__).resolve().parent
    directory.mkdir(parents=True, exist_ok=True)
    for filename, text in render_all().items():
        (directory / filename).write_text(text, encoding="utf-8")
        print(f"wrote {directory / filename}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
