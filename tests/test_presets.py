"""The shipped presets: each loads cleanly and its totals match the figure its source publishes.

Where a source publishes no total, the expected number is worked out here by explicit arithmetic
from the paper's architecture table, never taken from convdesk's own output.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from itertools import pairwise

import pytest

from convdesk.engine import (
    Layer,
    Network,
    NetworkFileError,
    compute,
    dumps_network,
    loads_network,
)
from convdesk.engine.presets import (
    PresetInfo,
    list_presets,
    load_preset,
    preset_keys,
    preset_text,
)
from convdesk.presets import CATALOGUE, SUFFIX
from convdesk.presets._make import render_all

KEYS = [key for key, _ in CATALOGUE]


def conv_params(cin: int, cout: int, kernel: int, dims: int = 2, groups: int = 1, bias=True):
    """PyTorch's count for a Conv{dims}d, written out independently of the engine."""
    return cout * (cin // groups) * kernel**dims + (cout if bias else 0)


def linear_params(fin: int, fout: int) -> int:
    return fin * fout + fout


# --- the catalogue and the files ---------------------------------------------------------------


def test_the_seed_articles_alexnet_comes_first_and_every_preset_is_listed():
    infos = list_presets()
    assert [info.key for info in infos] == KEYS == preset_keys()
    assert infos[0].key == "alexnet-2012"
    assert len(KEYS) == 13
    assert all(isinstance(info, PresetInfo) for info in infos)


def test_the_package_ships_exactly_the_catalogued_files():
    shipped = {
        entry.name
        for entry in resources.files("convdesk.presets").iterdir()
        if entry.name.endswith(SUFFIX)
    }
    assert shipped == {key + SUFFIX for key in KEYS}


def test_the_committed_files_are_what_the_generator_writes():
    generated = render_all()
    assert list(generated) == [key + SUFFIX for key in KEYS]
    for filename, text in generated.items():
        assert preset_text(filename.removesuffix(SUFFIX)) == text, (
            f"{filename} differs from _make.py's output: run python -m convdesk.presets._make"
        )


def test_the_generator_writes_into_a_given_directory(tmp_path):
    from convdesk.presets import _make

    assert _make.main([str(tmp_path)]) == 0
    for key in KEYS:
        assert (tmp_path / (key + SUFFIX)).read_text(encoding="utf-8") == preset_text(key)


@pytest.mark.parametrize("key", KEYS)
def test_every_preset_loads_and_computes_without_an_error(key):
    report = compute(load_preset(key))
    assert report.errors == []
    assert all(layer.output_shape is not None for layer in report.layers)


@pytest.mark.parametrize("info", list_presets(), ids=lambda info: info.key)
def test_every_description_names_its_source(info):
    assert info.source == dict(CATALOGUE)[info.key]
    assert len(info.source) > 10
    assert f"Source: {info.source}." in info.description


def test_preset_info_matches_the_file():
    for info in list_presets():
        network = loads_network(preset_text(info.key))
        assert info.name == network.name
        assert info.layers == len(network.layers)
        assert info.input == tuple(network.input)


def test_an_unknown_key_is_a_key_error_that_lists_the_presets():
    with pytest.raises(KeyError) as caught:
        load_preset("alexnet")
    message = str(caught.value)
    assert "alexnet" in message
    for key in KEYS:
        assert key in message
    with pytest.raises(KeyError):
        preset_text("../pyproject")


def test_a_missing_preset_file_is_a_network_file_error_not_a_crash(monkeypatch, tmp_path):
    import convdesk.engine.presets as presets_module

    # An installation that lost its data files: the package directory is empty.
    monkeypatch.setattr(presets_module.resources, "files", lambda _package: tmp_path)
    with pytest.raises(NetworkFileError, match=r"preset lenet-5.*missing"):
        load_preset("lenet-5")


def test_each_load_is_a_fresh_network_the_caller_may_edit():
    first = load_preset("alexnet-2012")
    first.layers.clear()
    first.input[0] = 99
    again = load_preset("alexnet-2012")
    assert again.input == [3, 227, 227]
    assert len(again.layers) == 22


@pytest.mark.parametrize("key", KEYS)
def test_a_preset_survives_saving_and_reopening(key):
    network = load_preset(key)
    again = loads_network(dumps_network(network))
    before, after = compute(network), compute(again)
    assert [r.output_shape for r in after.layers] == [r.output_shape for r in before.layers]
    assert after.trainable_params == before.trainable_params


def test_the_preset_api_imports_no_qt():
    code = (
        "import sys, convdesk.engine.presets as p; p.list_presets(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- 1. AlexNet, the 2012 paper ------------------------------------------------------------------


def test_alexnet_2012_conv1_is_the_articles_55x55x96_and_34944_params():
    report = compute(load_preset("alexnet-2012"))
    conv1 = report.by_name("conv1")
    assert report.input == (3, 227, 227)
    assert conv1.output_shape == (96, 55, 55)  # the article: 55×55×96
    assert conv1.params == (11 * 11 * 3 + 1) * 96 == 34_944  # the article's (m·l·d+1)·k


def test_alexnet_2012_layer_sizes_are_the_papers():
    # Krizhevsky et al. 2012, section 3.5: "the number of neurons in the network's remaining
    # layers is given by 253,440–186,624–64,896–64,896–43,264–4096–4096–1000". (The first figure
    # does not fit any whole-number conv1 output; the article's 55×55×96 is checked above.)
    report = compute(load_preset("alexnet-2012"))
    sizes = {r.name: r.output_shape for r in report.layers}
    neurons = {name: _count(sizes[name]) for name in ("conv2", "conv3", "conv4", "conv5")}
    assert neurons == {"conv2": 186_624, "conv3": 64_896, "conv4": 64_896, "conv5": 43_264}
    assert [sizes["fc6"], sizes["fc7"], sizes["fc8"]] == [(4096,), (4096,), (1000,)]


def test_alexnet_2012_splits_conv2_4_5_across_two_gpus_and_has_no_lrn():
    network = load_preset("alexnet-2012")
    groups = {layer.name: layer.get("groups") for layer in network.layers if layer.type == "Conv2d"}
    assert groups == {"conv1": 1, "conv2": 2, "conv3": 1, "conv4": 2, "conv5": 2}
    pools = [layer for layer in network.layers if layer.type == "MaxPool2d"]
    assert [(p.get("kernel_size"), p.get("stride")) for p in pools] == [(3, 2)] * 3
    assert "LRN" in network.description or "response normalization" in network.description


def test_alexnet_2012_total_from_the_papers_layer_table():
    # The paper gives "60 million parameters" only; this is the exact sum of its layers, with the
    # two-GPU halves as groups=2 (the paper's Figure 2: conv2/4/5 see only their own GPU's maps).
    expected = (
        conv_params(3, 96, 11)
        + conv_params(96, 256, 5, groups=2)
        + conv_params(256, 384, 3)
        + conv_params(384, 384, 3, groups=2)
        + conv_params(384, 256, 3, groups=2)
        + linear_params(6 * 6 * 256, 4096)
        + linear_params(4096, 4096)
        + linear_params(4096, 1000)
    )
    report = compute(load_preset("alexnet-2012"))
    assert report.trainable_params == expected == 60_965_224
    assert report.non_trainable_params == 0


def receptive_field(kernels_and_strides: list[tuple[int, int]]) -> tuple[int, int]:
    """Size and jump of a plain chain, by the textbook recurrence, independent of the engine."""
    size, jump = 1, 1
    for kernel, stride in kernels_and_strides:
        size, jump = size + (kernel - 1) * jump, jump * stride
    return size, jump


def test_receptive_fields_at_pool5_match_the_published_figures():
    # Araujo, Norris and Sim, "Computing Receptive Fields of Convolutional Neural Networks",
    # Distill 2019, list 195 for AlexNet and 212 for VGG-16 at their last pooling layer.
    alexnet = [(11, 4), (3, 2), (5, 1), (3, 2), (3, 1), (3, 1), (3, 1), (3, 2)]
    vgg16 = [(3, 1)] * 2 + [(2, 2)] + [(3, 1)] * 2 + [(2, 2)]
    vgg16 += ([(3, 1)] * 3 + [(2, 2)]) * 3
    assert receptive_field(alexnet) == (195, 32)
    assert receptive_field(vgg16) == (212, 32)
    for key, expected in (("alexnet-2012", 195), ("vgg16-torchvision", 212)):
        rf = compute(load_preset(key)).by_name("pool5").receptive_field
        assert rf is not None
        assert (rf.size, rf.jump) == ((expected, expected), (32, 32)), key


# --- torchvision classifiers: totals and MACs published with the weights ------------------------

# torchvision/models/*.py, `num_params` and `_ops` (GFLOPS, counted as multiply-adds of conv and
# linear layers) in the IMAGENET1K_V1 weights' meta; also the table at
# pytorch.org/vision/stable/models.html.
TORCHVISION = {
    "alexnet-torchvision": (61_100_840, 0.714),
    "vgg16-torchvision": (138_357_544, 15.47),
    "resnet18-torchvision": (11_689_512, 1.814),
    "resnet50-torchvision": (25_557_032, 4.089),
    "resnet152-torchvision": (60_192_808, 11.514),
    "mobilenet-v2-torchvision": (3_504_872, 0.301),
    "shufflenet-v2-torchvision": (2_278_604, 0.145),
    "convnext-tiny-torchvision": (28_589_128, 4.456),
}


@pytest.mark.parametrize("key", list(TORCHVISION))
def test_torchvision_presets_match_torchvisions_published_params_and_ops(key):
    params, gmacs = TORCHVISION[key]
    report = compute(load_preset(key))
    assert report.input == (3, 224, 224)
    assert report.output_shape == (1000,)
    assert report.trainable_params == params
    assert round(report.macs / 1e9, 3) == gmacs


def test_alexnet_torchvision_keeps_its_adaptive_pool_and_dropouts():
    types = [layer.type for layer in load_preset("alexnet-torchvision").layers]
    assert types.count("AdaptiveAvgPool2d") == 1
    assert types.count("Dropout") == 2
    assert "groups" not in preset_text("alexnet-torchvision")


# --- LeNet-5 -----------------------------------------------------------------------------------


def test_lenet5_dense_variant_total_by_hand():
    # LeCun et al. 1998, section II.B, give C1 156, C5 48,120 and F6 10,164 trainable
    # parameters. The dense C3 (every map to all 6 of S2) and a plain 84→10 output are the
    # common variant's changes; S2/S4 are average pools with nothing to train.
    c1, c5, f6 = 156, 48_120, 10_164
    assert c1 == conv_params(1, 6, 5)
    assert c5 == conv_params(16, 120, 5)
    assert f6 == linear_params(120, 84)
    c3 = 16 * (6 * 5 * 5 + 1)  # 2,416
    output = 84 * 10 + 10  # 850
    report = compute(load_preset("lenet-5"))
    assert report.trainable_params == c1 + c3 + c5 + f6 + output == 61_706


def test_lenet5_maps_and_connections_are_the_papers():
    report = compute(load_preset("lenet-5"))
    shape = {r.name: r.output_shape for r in report.layers}
    # The paper's Figure 2: C1 6@28×28, S2 6@14×14, C3 16@10×10, S4 16@5×5, C5 120, F6 84.
    assert shape["C1"] == (6, 28, 28)
    assert shape["S2"] == (6, 14, 14)
    assert shape["C3"] == (16, 10, 10)
    assert shape["S4"] == (16, 5, 5)
    assert shape["C5"] == (120, 1, 1)
    assert shape["F6"] == (84,)
    assert shape["output"] == (10,)
    # The paper counts "connections": one per multiply-add plus one bias input per output unit.
    # C1 has 122,304, C5 48,120 and F6 10,164 of them.
    for name, connections in (("C1", 122_304), ("C5", 48_120), ("F6", 10_164)):
        r = report.by_name(name)
        assert r.macs + _count(r.output_shape) == connections, name


# --- ResNets -----------------------------------------------------------------------------------


def test_resnet_stage_sizes_are_table_1_of_the_paper():
    # He et al. 2015, Table 1: conv1 112×112, conv2_x 56×56, conv3_x 28×28, conv4_x 14×14,
    # conv5_x 7×7, for 18, 50 and 152 layers alike.
    for key, width in (("resnet18-torchvision", 1), ("resnet152-torchvision", 4)):
        report = compute(load_preset(key))
        shape = {r.name: r.output_shape for r in report.layers}
        assert shape["conv1"] == (64, 112, 112)
        assert shape["layer1.0.add"] == (64 * width, 56, 56)
        assert shape["layer2.0.add"] == (128 * width, 28, 28)
        assert shape["layer3.0.add"] == (256 * width, 14, 14)
        assert shape["layer4.0.add"] == (512 * width, 7, 7)
        assert shape["fc"] == (1000,)


def test_resnet152_layer_count():
    # Stem: conv, bn, relu, maxpool. Each of the 3+8+36+3 = 50 bottlenecks: three conv+bn pairs,
    # two ReLUs inside, the Add and the ReLU after it. The first block of each stage also has a
    # downsample conv+bn. Head: avgpool, flatten, fc.
    expected = 4 + (3 + 8 + 36 + 3) * 10 + 4 * 2 + 3
    assert expected == 515
    assert len(load_preset("resnet152-torchvision").layers) == expected
    assert list_presets()[KEYS.index("resnet152-torchvision")].layers == 515


def test_resnet_skips_are_adds_of_the_main_path_and_the_shortcut():
    network = load_preset("resnet18-torchvision")
    adds = [layer for layer in network.layers if layer.type == "Add"]
    assert len(adds) == 8
    assert adds[0].inputs == ["layer1.0.bn2", "maxpool"]  # identity shortcut
    assert adds[2].inputs == ["layer2.0.bn2", "layer2.0.downsample.1"]
    downsample = network.layers[network.index_of("layer2.0.downsample.0")]
    assert downsample.inputs == ["layer1.1.relu2"]
    assert (downsample.get("kernel_size"), downsample.get("stride")) == (1, 2)


def test_resnet18_batch_norm_statistics_are_not_trained():
    # Batch norm channels of ResNet-18: stem 64; per stage two per block (2 blocks) plus one in
    # the downsample of stages 2-4. Each has 2C running statistics besides its 2C parameters.
    channels = 64 + 4 * 64 + (4 * 128 + 128) + (4 * 256 + 256) + (4 * 512 + 512)
    report = compute(load_preset("resnet18-torchvision"))
    assert report.non_trainable_params == 2 * channels == 9_600


# --- MobileNetV2 ---------------------------------------------------------------------------------


def test_mobilenet_v2_depthwise_layers_have_one_group_per_channel():
    network = load_preset("mobilenet-v2-torchvision")
    depthwise = [layer for layer in network.layers if layer.name.endswith(".depthwise")]
    assert len(depthwise) == 17  # Table 2 of Sandler et al.: 1+2+3+4+3+3+1 blocks
    for layer in depthwise:
        assert layer.get("groups") == layer.get("in_channels") == layer.get("out_channels")
    types = {layer.type for layer in network.layers}
    assert {"ReLU6", "Add", "Dropout", "Linear"} <= types
    assert "ReLU" not in types
    # A residual Add wherever a block keeps stride 1 and its width: (n-1) per row of Table 2.
    assert sum(layer.type == "Add" for layer in network.layers) == 0 + 1 + 2 + 3 + 2 + 2 + 0


# --- ShuffleNetV2 ---------------------------------------------------------------------------------


def test_shufflenet_v2_units_split_join_and_shuffle_their_channels():
    # Ma et al. 2018, Table 5 (1×): stages of 4, 8 and 4 units with 116, 232 and 464 channels,
    # each at 28×28, 14×14 and 7×7; every unit ends in a Concat and a shuffle of 2 groups.
    network = load_preset("shufflenet-v2-torchvision")
    report = compute(network)
    shape = {r.name: r.output_shape for r in report.layers}
    shuffles = [layer for layer in network.layers if layer.type == "ChannelShuffle"]
    assert len(shuffles) == 4 + 8 + 4
    assert all(layer.get("groups") == 2 for layer in shuffles)
    assert shape["stage2.3.shuffle"] == (116, 28, 28)
    assert shape["stage3.7.shuffle"] == (232, 14, 14)
    assert shape["stage4.3.shuffle"] == (464, 7, 7)
    # The units after the first of a stage split x with two Narrows, as torch.chunk(2, dim=1).
    narrows = [layer for layer in network.layers if layer.type == "Narrow"]
    assert len(narrows) == 2 * (3 + 7 + 3)
    x1, x2 = (network.layers[network.index_of(f"stage3.1.{n}")] for n in ("x1", "x2"))
    assert (x1.get("start"), x1.get("length"), x2.get("start"), x2.get("length")) == (
        0,
        116,
        116,
        116,
    )
    assert network.layers[network.index_of("stage3.1.cat")].inputs == [
        "stage3.1.x1",
        "stage3.1.branch2.7",
    ]


def test_shufflenet_v2_total_by_hand():
    # torchvision's InvertedResidual, counted from its constructor (bias-free convs, BN 2C each).
    def unit(cin: int, cout: int, stride: int) -> int:
        half = cout // 2
        branch2_in = cin if stride > 1 else half
        total = conv_params(branch2_in, half, 1, bias=False) + 2 * half
        total += conv_params(half, half, 3, groups=half, bias=False) + 2 * half
        total += conv_params(half, half, 1, bias=False) + 2 * half
        if stride > 1:
            total += conv_params(cin, cin, 3, groups=cin, bias=False) + 2 * cin
            total += conv_params(cin, half, 1, bias=False) + 2 * half
        return total

    expected = conv_params(3, 24, 3, bias=False) + 2 * 24
    cin = 24
    for repeats, cout in ((4, 116), (8, 232), (4, 464)):
        expected += unit(cin, cout, 2) + (repeats - 1) * unit(cout, cout, 1)
        cin = cout
    expected += conv_params(464, 1024, 1, bias=False) + 2 * 1024 + linear_params(1024, 1000)
    assert expected == 2_278_604  # torchvision's figure
    assert compute(load_preset("shufflenet-v2-torchvision")).trainable_params == expected


# --- ConvNeXt ------------------------------------------------------------------------------------


def test_convnext_tiny_total_by_hand_and_stage_sizes():
    # torchvision's CNBlock: depthwise 7×7 with bias, LayerNorm 2·dim, Linear dim→4dim→dim, and a
    # layer scale of dim; between stages a LayerNorm2d and a 2×2 stride-2 convolution.
    def block(dim: int) -> int:
        return (
            conv_params(dim, dim, 7, groups=dim)
            + 2 * dim
            + linear_params(dim, 4 * dim)
            + linear_params(4 * dim, dim)
            + dim
        )

    stages = ((96, 3), (192, 3), (384, 9), (768, 3))
    expected = conv_params(3, 96, 4) + 2 * 96
    for i, (dim, blocks) in enumerate(stages):
        expected += blocks * block(dim)
        if i < 3:
            expected += 2 * dim + conv_params(dim, 2 * dim, 2)
    expected += 2 * 768 + linear_params(768, 1000)
    assert expected == 28_589_128  # torchvision's figure
    report = compute(load_preset("convnext-tiny-torchvision"))
    assert report.trainable_params == expected
    assert report.non_trainable_params == 0  # LayerNorm keeps no running statistics
    shape = {r.name: r.output_shape for r in report.layers}
    # Liu et al. 2022, Table 9: 56², 28², 14², 7² after the stem's 4×4 stride-4 "patchify".
    assert shape["features.1.2.add"] == (96, 56, 56)
    assert shape["features.3.2.add"] == (192, 28, 28)
    assert shape["features.5.8.add"] == (384, 14, 14)
    assert shape["features.7.2.add"] == (768, 7, 7)
    # Each block's MLP works channels last, between two permutes.
    assert shape["features.1.0.block.3"] == (56, 56, 384)
    assert report.by_name("features.1.0.layer_scale").params == 96


# --- DenseNet, with one-input concatenations -----------------------------------------------------


def test_densenet121_written_as_torchvision_writes_it_computes():
    # torchvision's _DenseLayer starts with torch.cat(prev_features, 1); for the first layer of a
    # block that is one tensor. torchvision: densenet121 has 7,978,856 parameters, 2.834 GFLOPS.
    net = Network([3, 224, 224])

    def add(name: str, layer_type: str, inputs: list[str] | None = None, **keys: object) -> str:
        net.layers.append(Layer(layer_type, name, dict(keys), inputs))
        return name

    add("conv0", "Conv2d", out_channels=64, kernel_size=7, stride=2, padding=3, bias=False)
    add("norm0", "BatchNorm2d")
    add("relu0", "ReLU")
    x = add("pool0", "MaxPool2d", kernel_size=3, stride=2, padding=1)
    channels = 64
    for b, layers in enumerate((6, 12, 24, 16), start=1):
        features = [x]
        for i in range(1, layers + 1):
            p = f"denseblock{b}.denselayer{i}"
            add(f"{p}.cat", "Concat", list(features))
            add(f"{p}.norm1", "BatchNorm2d")
            add(f"{p}.relu1", "ReLU")
            add(f"{p}.conv1", "Conv2d", out_channels=128, kernel_size=1, bias=False)
            add(f"{p}.norm2", "BatchNorm2d")
            add(f"{p}.relu2", "ReLU")
            features.append(
                add(f"{p}.conv2", "Conv2d", out_channels=32, kernel_size=3, padding=1, bias=False)
            )
        x = add(f"denseblock{b}.cat", "Concat", features)
        channels += 32 * layers
        if b < 4:
            add(f"transition{b}.norm", "BatchNorm2d")
            add(f"transition{b}.relu", "ReLU")
            channels //= 2
            add(f"transition{b}.conv", "Conv2d", out_channels=channels, kernel_size=1, bias=False)
            x = add(f"transition{b}.pool", "AvgPool2d", kernel_size=2, stride=2)
    add("norm5", "BatchNorm2d")
    add("relu", "ReLU")
    add("avgpool", "AdaptiveAvgPool2d", output_size=1)
    add("flatten", "Flatten")
    add("classifier", "Linear", out_features=1000)
    report = compute(net)
    assert report.errors == []
    first = report.by_name("denseblock1.denselayer1.cat")
    assert first.inputs == ["pool0"] and first.output_shape == (64, 56, 56)
    assert report.by_name("denseblock4.cat").output_shape == (1024, 7, 7)
    assert report.trainable_params == 7_978_856
    assert round(report.macs / 1e9, 3) == 2.834


# --- U-Net -------------------------------------------------------------------------------------


def test_unet_total_by_hand_from_the_papers_figure():
    # Ronneberger et al. 2015, Figure 1, with padded 3×3 convolutions (no change in parameters):
    # two 3×3 convs per level, 2×2 up-convs halving channels, a 1×1 conv to 2 classes.
    widths = [64, 128, 256, 512, 1024]
    down = conv_params(1, 64, 3) + conv_params(64, 64, 3)
    for a, b in pairwise(widths):
        down += conv_params(a, b, 3) + conv_params(b, b, 3)
    up = 0
    for a, b in pairwise(reversed(widths)):
        upconv = a * b * 2 * 2 + b  # ConvTranspose2d(a, b, 2): in × out × 2 × 2 + bias
        up += upconv + conv_params(2 * b, b, 3) + conv_params(b, b, 3)
    head = conv_params(64, 2, 1)
    report = compute(load_preset("unet-2015"))
    assert report.trainable_params == down + up + head
    assert report.input == (1, 512, 512)
    assert report.output_shape == (2, 512, 512)


def test_unet_has_the_papers_23_convolutions_and_four_concat_skips():
    # The paper: "In total the network has 23 convolutional layers."
    network = load_preset("unet-2015")
    types = [layer.type for layer in network.layers]
    assert types.count("Conv2d") + types.count("ConvTranspose2d") == 23
    concats = [layer for layer in network.layers if layer.type == "Concat"]
    assert [c.inputs for c in concats] == [
        ["down4.relu2", "up4.upconv"],
        ["down3.relu2", "up3.upconv"],
        ["down2.relu2", "up2.upconv"],
        ["down1.relu2", "up1.upconv"],
    ]


# --- M5, 1-D -----------------------------------------------------------------------------------


def test_m5_matches_pytorchs_speech_command_tutorial():
    # PyTorch tutorial "Speech Command Classification with torchaudio": M5(n_input=1,
    # n_output=35) on 8 kHz audio prints "Number of parameters: 26915".
    report = compute(load_preset("m5-audio"))
    assert report.input == (1, 8000)
    assert report.output_shape == (35,)
    assert report.trainable_params == 26_915
    assert report.non_trainable_params == 2 * (32 + 32 + 64 + 64)  # BatchNorm1d running stats


# --- C3D, 3-D ----------------------------------------------------------------------------------


def test_c3d_total_by_hand_from_the_papers_architecture():
    # Tran et al. 2015, Figure 3: eight 3×3×3 convolutions (64, 128, 256, 256, 512, 512, 512, 512)
    # and fc6/fc7 of 4096; 487 Sports-1M classes. The paper prints no total, so it is summed here.
    widths = [3, 64, 128, 256, 256, 512, 512, 512, 512]
    convs = sum(conv_params(a, b, 3, dims=3) for a, b in pairwise(widths))
    fcs = linear_params(512 * 1 * 4 * 4, 4096) + linear_params(4096, 4096)
    fcs += linear_params(4096, 487)
    report = compute(load_preset("c3d-video"))
    assert report.input == (3, 16, 112, 112)
    assert report.trainable_params == convs + fcs
    shape = {r.name: r.output_shape for r in report.layers}
    assert shape["pool1"] == (64, 16, 56, 56)  # pool1 keeps all 16 frames
    assert shape["pool5"] == (512, 1, 4, 4)
    assert shape["fc8"] == (487,)


def _count(shape: tuple[int, ...]) -> int:
    n = 1
    for dim in shape:
        n *= dim
    return n
