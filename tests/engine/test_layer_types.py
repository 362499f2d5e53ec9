"""Every layer type against numbers worked out by hand from PyTorch's documented formulas."""

import pytest

from convdesk.engine import LAYER_TYPES, Drawing, Family, Layer, Network, compute, drawing_of

from .helpers import chain, one_layer


def test_conv1d_m5_first_layer():
    # M5 (Dai et al. 2017): 128 kernels of 80 with stride 16 on 8,000 samples.
    r = one_layer([1, 8000], "Conv1d", out_channels=128, kernel_size=80, stride=16)
    assert r.output_shape == (128, (8000 - 80) // 16 + 1)  # 496
    assert r.params == 128 * 80 + 128
    assert r.macs == 128 * 496 * 80
    assert r.receptive_field.size == (80,) and r.receptive_field.jump == (16,)


def test_conv3d_c3d_first_layer():
    # C3D conv1a: 64 kernels 3×3×3, padding 1 on a 16-frame 112×112 clip.
    r = one_layer([3, 16, 112, 112], "Conv3d", out_channels=64, kernel_size=3, padding=1)
    assert r.output_shape == (64, 16, 112, 112)
    assert r.params == 64 * 3 * 27 + 64  # 5,248
    assert r.macs == 64 * 16 * 112 * 112 * 81


def test_conv2d_dilation_and_asymmetric_values():
    # floor((20 + 2·1 − 2·(3 − 1) − 1) / 2) + 1 = 9 ; floor((30 + 0 − (5 − 1) − 1) / 3) + 1 = 9
    r = one_layer(
        [4, 20, 30],
        "Conv2d",
        out_channels=6,
        kernel_size=[3, 5],
        stride=[2, 3],
        padding=[1, 0],
        dilation=[2, 1],
    )
    assert r.output_shape == (6, 9, 9)
    assert r.receptive_field.size == (5, 5)


def test_depthwise_conv():
    r = one_layer(
        [32, 112, 112], "Conv2d", out_channels=32, kernel_size=3, padding=1, groups=32, bias=False
    )
    assert r.params == 32 * 1 * 9  # MobileNetV2's first depthwise conv: 288
    assert r.macs == 32 * 112 * 112 * 9


def test_same_padding_uneven_split_goes_after():
    # TensorFlow: n = 7, s = 2, k = 4 → out 4, total padding (4−1)·2 + 4 − 7 = 3 → 1 before, 2 after
    r = one_layer([1, 7, 7], "Conv2d", out_channels=1, kernel_size=4, stride=2, padding="same")
    assert r.output_shape == (1, 4, 4)
    assert r.window.pad_before == (1, 1) and r.window.pad_after == (2, 2)


def test_valid_padding_is_zero():
    r = one_layer([1, 7], "Conv1d", out_channels=1, kernel_size=3, padding="valid")
    assert r.output_shape == (1, 5)


def test_conv_transpose2d_unet_up_convolution():
    # U-Net up-conv: 2×2, stride 2, 512 → 256 channels doubles 28 to 56.
    r = one_layer([512, 28, 28], "ConvTranspose2d", out_channels=256, kernel_size=2, stride=2)
    assert r.output_shape == (256, 56, 56)
    assert r.params == 512 * 256 * 4 + 256
    assert r.macs == 28 * 28 * 512 * 256 * 4
    assert r.receptive_field is None


def test_conv_transpose1d_output_padding():
    # (10 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 20
    r = one_layer(
        [4, 10],
        "ConvTranspose1d",
        out_channels=2,
        kernel_size=3,
        stride=2,
        padding=1,
        output_padding=1,
    )
    assert r.output_shape == (2, 20)


def test_conv_transpose_output_padding_must_be_below_stride_or_dilation():
    r = one_layer(
        [4, 10], "ConvTranspose1d", out_channels=2, kernel_size=3, stride=2, output_padding=2
    )
    assert "output_padding 2" in r.error and "≤ 1 would fit" in r.error


def test_max_pool_ceil_mode_drops_a_window_starting_in_padding():
    # PyTorch: n=5, k=2, s=2, p=1, ceil → ceil(5/2)+1 = 4, but window 3 would start at 6 ≥ 5+1.
    r = one_layer([1, 5, 5], "MaxPool2d", kernel_size=2, stride=2, padding=1, ceil_mode=True)
    assert r.output_shape == (1, 3, 3)
    r = one_layer([1, 5, 5], "MaxPool2d", kernel_size=2, stride=2, ceil_mode=True)
    assert r.output_shape == (1, 3, 3)
    r = one_layer([1, 5, 5], "MaxPool2d", kernel_size=2, stride=2)
    assert r.output_shape == (1, 2, 2)


def test_pool_stride_defaults_to_kernel_and_dilation():
    assert one_layer([2, 10], "AvgPool1d", kernel_size=3).output_shape == (2, 3)
    # dilated max pool: floor((10 − 2·2 − 1)/1) + 1 = 6
    r = one_layer([2, 10], "MaxPool1d", kernel_size=3, stride=1, dilation=2)
    assert r.output_shape == (2, 6) and r.receptive_field.size == (5,)


def test_pool_padding_over_half_kernel():
    r = one_layer([1, 8, 8], "MaxPool2d", kernel_size=2, padding=2)
    assert r.error.startswith("layer:") and "padding 2" in r.error


def test_adaptive_pools():
    assert one_layer([256, 13, 13], "AdaptiveAvgPool2d", output_size=6).output_shape == (256, 6, 6)
    assert one_layer([8, 40], "AdaptiveMaxPool1d", output_size=5).output_shape == (8, 5)
    r = one_layer([2, 4, 5, 6], "AdaptiveAvgPool3d", output_size=[1, None, 3])
    assert r.output_shape == (2, 1, 5, 3)
    assert r.receptive_field is None


def test_linear_acts_on_last_dimension():
    r = one_layer([3, 5, 7], "Linear", out_features=4)
    assert r.output_shape == (3, 5, 4)
    assert r.params == 7 * 4 + 4
    assert r.macs == 3 * 5 * 7 * 4
    assert one_layer([9216], "Linear", out_features=4096).params == 37_752_832  # AlexNet fc6
    r = one_layer([10], "Linear", out_features=2, in_features=12)
    assert "in_features is 12" in r.error and "10" in r.error


def test_flatten():
    assert one_layer([256, 6, 6], "Flatten").output_shape == (9216,)


def test_batch_norm_counts():
    r = one_layer([64, 56, 56], "BatchNorm2d")
    assert (r.params, r.non_trainable_params) == (128, 128)
    r = one_layer([64, 56, 56], "BatchNorm2d", affine=False, track_running_stats=False)
    assert (r.params, r.non_trainable_params) == (0, 0)
    assert one_layer([100], "BatchNorm1d").params == 200
    assert one_layer([3, 4, 5], "BatchNorm1d").error is not None
    assert one_layer([8, 2, 3, 4], "BatchNorm3d").output_shape == (8, 2, 3, 4)
    assert "num_features is 3" in one_layer([8, 5, 5], "BatchNorm2d", num_features=3).error


def test_zero_pad():
    # [left, right, top, bottom] as in torch.nn.ZeroPad2d
    r = one_layer([3, 10, 10], "ZeroPad2d", padding=[1, 2, 3, 4])
    assert r.output_shape == (3, 17, 13)
    assert one_layer([3, 10, 10], "ZeroPad2d", padding=2).output_shape == (3, 14, 14)


def test_upsample():
    assert one_layer([3, 5, 7], "Upsample", scale_factor=2).output_shape == (3, 10, 14)
    assert one_layer([3, 5, 7], "Upsample", size=[8, 9]).output_shape == (3, 8, 9)
    assert one_layer([3, 5], "Upsample", scale_factor=1.5).output_shape == (3, 7)
    assert "exactly one" in one_layer([3, 5, 7], "Upsample", size=2, scale_factor=2).error
    assert "exactly one" in one_layer([3, 5, 7], "Upsample").error
    assert one_layer([3, 5], "Upsample", scale_factor=2, mode="bilinear").error is not None


@pytest.mark.parametrize(
    "layer_type",
    [t for t, spec in LAYER_TYPES.items() if spec.family == "elementwise"] + ["Softmax"],
)
def test_shape_keeping_layers(layer_type):
    r = one_layer([16, 9, 9], layer_type)
    assert r.output_shape == (16, 9, 9)
    assert r.params == 0 and r.macs == 0


def test_prelu_and_softmax():
    assert one_layer([64, 8, 8], "PReLU", num_parameters=64).params == 64
    assert one_layer([64, 8, 8], "PReLU").params == 1
    assert "num_parameters 3" in one_layer([64, 8, 8], "PReLU", num_parameters=3).error
    assert one_layer([10], "Softmax", dim=-1).output_shape == (10,)
    assert "dim 3" in one_layer([10], "Softmax", dim=3).error
    assert "p must be at most 1" in one_layer([10], "Dropout", p=1.5).error


def test_add_broadcast_and_concat():
    report = chain(
        [8, 4, 4],
        ("Conv2d", {"out_channels": 8, "kernel_size": 1}),
        ("AdaptiveAvgPool2d", {"output_size": 1}),
        ("Mul", {}, ["l0", "l1"]),  # squeeze-and-excitation style: [8,4,4] × [8,1,1]
        ("Concat", {}, ["l2", "input"]),
        ("Add", {}, ["l3", "l3"]),
    )
    assert report.layers[2].output_shape == (8, 4, 4)
    assert report.layers[3].output_shape == (16, 4, 4)
    assert report.layers[4].output_shape == (16, 4, 4)


def test_merge_errors_name_the_shapes():
    report = chain(
        [8, 4, 4],
        ("Conv2d", {"out_channels": 4, "kernel_size": 1}),
        ("Add", {}, ["l0", "input"]),
        ("Concat", {"dim": 1}, ["l0", "input"]),
        ("Add", {}, ["l0"]),
    )
    assert "l0 [4, 4, 4]" in report.layers[1].error and "input [8, 4, 4]" in report.layers[1].error
    assert "dimension 0 differs" in report.layers[2].error
    assert "two or more inputs" in report.layers[3].error


def test_inputs_must_name_earlier_layers_and_errors_block_later_layers():
    report = chain(
        [3, 8, 8],
        ("Conv2d", {"out_channels": 4, "kernel_size": 11}),  # 11 > 8: error
        ("ReLU", {}),
        ("Add", {}, ["l1", "l3"]),  # l3 comes later
        ("ReLU", {}, ["input"]),  # does not depend on the error
    )
    first = report.layers[0].error
    assert first.startswith("l0:") and "kernel 11" in first and "padded input 8" in first
    assert "padding ≥ 2" in first and "kernel ≤ 8" in first
    assert report.layers[1].error is None and report.layers[1].output_shape is None
    assert report.layers[1].blocked_by == "l0"
    assert "'l3'" in report.layers[2].error
    assert report.layers[3].output_shape == (3, 8, 8)
    assert report.errors == [first, report.layers[2].error]


def test_wrong_types_and_signs_are_layer_errors():
    assert (
        "stride must be at least 1"
        in one_layer([3, 8, 8], "Conv2d", out_channels=4, kernel_size=3, stride=0).error
    )
    assert "whole number" in one_layer([3, 8, 8], "Conv2d", out_channels=4.5, kernel_size=3).error
    assert (
        "has 3 numbers"
        in one_layer([3, 8, 8], "Conv2d", out_channels=4, kernel_size=[3, 3, 3]).error
    )
    assert (
        "true or false"
        in one_layer([3, 8, 8], "Conv2d", out_channels=4, kernel_size=3, bias="yes").error
    )
    assert (
        "needs a [C, H, W] input"
        in one_layer([3, 8], "Conv2d", out_channels=4, kernel_size=3).error
    )


def test_groups_must_divide_channels_and_nearest_groups_fit():
    r = one_layer([6, 8, 8], "Conv2d", out_channels=12, kernel_size=3, groups=4)
    assert "in_channels 6 is not divisible by groups 4" in r.error
    assert "groups 2 or 3 would fit" in r.error  # divisors of gcd(6, 12) nearest 4
    assert (
        "in_channels is 4"
        in one_layer([3, 8, 8], "Conv2d", out_channels=4, kernel_size=3, in_channels=4).error
    )


def test_receptive_field_of_alexnet_features():
    # Published (Araujo, Norris & Sim, "Computing Receptive Fields of CNNs", Distill 2019):
    # AlexNet's conv5 sees 163×163 and pool5 195×195 pixels.
    report = chain(
        [3, 227, 227],
        ("Conv2d", {"out_channels": 96, "kernel_size": 11, "stride": 4}),
        ("MaxPool2d", {"kernel_size": 3, "stride": 2}),
        ("Conv2d", {"out_channels": 256, "kernel_size": 5, "padding": 2}),
        ("MaxPool2d", {"kernel_size": 3, "stride": 2}),
        ("Conv2d", {"out_channels": 384, "kernel_size": 3, "padding": 1}),
        ("Conv2d", {"out_channels": 384, "kernel_size": 3, "padding": 1}),
        ("Conv2d", {"out_channels": 256, "kernel_size": 3, "padding": 1}),
        ("MaxPool2d", {"kernel_size": 3, "stride": 2}),
        ("Flatten", {}),
    )
    assert report.layers[6].receptive_field.size == (163, 163)
    assert report.layers[7].receptive_field.size == (195, 195)
    assert report.layers[7].receptive_field.jump == (32, 32)
    assert report.layers[8].receptive_field is None


def test_totals():
    report = chain(
        [3, 32, 32],
        ("Conv2d", {"out_channels": 8, "kernel_size": 3}),
        ("BatchNorm2d", {}),
        ("Flatten", {}),
        ("Linear", {"out_features": 10}),
    )
    assert report.trainable_params == (3 * 9 * 8 + 8) + 16 + (8 * 30 * 30 * 10 + 10)
    assert report.non_trainable_params == 16
    assert report.total_params == report.trainable_params + 16
    assert report.macs == 8 * 30 * 30 * 27 + 8 * 30 * 30 * 10


def test_a_kernel_too_big_keeps_its_window_for_drawing():
    r = one_layer([3, 8, 8], "Conv2d", out_channels=4, kernel_size=11)
    assert r.error is not None and r.output_shape is None
    assert r.window.kernel == (11, 11) and r.in_channels == 3 and r.out_channels == 4


@pytest.mark.parametrize(
    ("type_name", "drawing"),
    [
        ("Conv2d", Drawing.WINDOW),
        ("MaxPool3d", Drawing.WINDOW),
        ("AvgPool1d", Drawing.WINDOW),
        ("ConvTranspose2d", Drawing.TRANSPOSED_WINDOW),
        ("Linear", Drawing.DENSE),
        ("Flatten", Drawing.FLATTEN),
        ("ReLU", Drawing.FLOW),
        ("Add", Drawing.FLOW),
        ("LayerNorm", Drawing.FLOW),
    ],
)
def test_each_type_names_what_the_canvas_draws(type_name, drawing):
    assert drawing_of(type_name) == drawing
    assert isinstance(LAYER_TYPES[type_name].family, Family)


def test_an_upsample_of_a_4d_map_names_its_size_list_without_failing():
    # Found by test_bad_values' hypothesis run: a 4-D map has no axis names to list.
    net = Network([1, 1, 1, 1, 1], [Layer("Upsample", "up", {"size": []})])
    error = compute(net).layers[0].error
    assert error is not None and "size has 0 numbers" in error and "4 spatial dimensions" in error
