"""The newer layer types against the spec's rules: counts, receptive fields and what would fit.

Shapes and parameters are checked against torch in test_modern_cases; this file checks what the
reference cases cannot: non-trainable counts, MACs, receptive fields, the values an error offers,
and (with hypothesis) that those offered values really work.
"""

from itertools import permutations

from hypothesis import given
from hypothesis import strategies as st

from convdesk.engine import LAYER_TYPES, Layer, Network, compute
from convdesk.engine.rules.base import divisors_near

from .helpers import chain, one_layer


def test_the_type_table_lists_them_in_the_spec_groups_with_the_spec_defaults():
    norm = {"LayerNorm", "GroupNorm", "LayerScale"}
    shape = {"Permute", "ChannelShuffle", "Narrow"}
    assert {t for t in norm | shape if LAYER_TYPES[t].group == "Normalization"} == norm
    assert {t for t in norm | shape if LAYER_TYPES[t].group == "Shape"} == shape
    ln = LAYER_TYPES["LayerNorm"]
    assert [(k.name, k.default) for k in ln.keys] == [
        ("normalized_shape", 1),
        ("elementwise_affine", True),
        ("bias", True),
        ("eps", 1e-5),
    ]
    assert ln.key("normalized_shape").required
    gn = LAYER_TYPES["GroupNorm"]
    assert gn.key("num_groups").required and gn.key("num_channels").default is None
    assert LAYER_TYPES["LayerScale"].key("dim").default == 0
    assert LAYER_TYPES["Permute"].key("dims").required
    assert LAYER_TYPES["ChannelShuffle"].key("groups").required
    narrow = LAYER_TYPES["Narrow"]
    assert narrow.key("dim").default == 0
    assert narrow.key("start").required and narrow.key("length").required


def test_norms_count_no_running_statistics_and_no_macs():
    # torch: LayerNorm and GroupNorm register no buffers, unlike BatchNorm's running mean/var.
    for layer_type, keys in (
        ("LayerNorm", {"normalized_shape": [8, 8]}),
        ("GroupNorm", {"num_groups": 4}),
        ("LayerScale", {}),
    ):
        r = one_layer([32, 8, 8], layer_type, **keys)
        assert r.error is None
        assert (r.non_trainable_params, r.macs, r.flops) == (0, 0, 0)
    assert one_layer([32, 8, 8], "LayerNorm", normalized_shape=[8, 8]).params == 2 * 64
    assert one_layer([32, 8, 8], "GroupNorm", num_groups=4, affine=False).params == 0


def test_receptive_fields_follow_the_spec():
    conv = ("Conv2d", {"out_channels": 8, "kernel_size": 3})
    kept = {
        "ChannelShuffle": {"groups": 2},
        "LayerScale": {},
        "Narrow": {"dim": 0, "start": 2, "length": 4},
        "Concat": {},  # one input
    }
    for layer_type, keys in kept.items():
        report = chain([3, 16, 16], conv, (layer_type, keys))
        rf = report.layers[1].receptive_field
        assert rf is not None and rf.size == (3, 3) and rf.jump == (1, 1), layer_type
    gone = {
        "Permute": {"dims": [1, 2, 0]},
        "LayerNorm": {"normalized_shape": 14},
        "GroupNorm": {"num_groups": 2},
        "Narrow": {"dim": 1, "start": 0, "length": 7},
    }
    for layer_type, keys in gone.items():
        report = chain([3, 16, 16], conv, (layer_type, keys))
        assert report.layers[1].error is None, report.layers[1].error
        assert report.layers[1].receptive_field is None, layer_type


def test_concat_of_one_input_is_a_copy_but_add_and_mul_still_need_two():
    report = chain(
        [4, 5, 5],
        ("Concat", {}, ["input"]),
        ("Concat", {"dim": 2}),  # no inputs: the previous layer alone
        ("Add", {}, ["l1"]),
        ("Mul", {}, ["l1"]),
    )
    assert report.layers[0].output_shape == report.layers[1].output_shape == (4, 5, 5)
    assert "two or more inputs" in report.layers[2].error
    assert "two or more inputs" in report.layers[3].error


def test_layer_norm_offers_the_inputs_last_dimensions():
    error = one_layer([96, 56, 56], "LayerNorm", normalized_shape=[96]).error
    assert error.startswith("layer: normalized_shape [96] must equal the last dimensions")
    assert "56, [56, 56] or [96, 56, 56] would fit" in error
    assert "whole number" in one_layer([4, 4], "LayerNorm", normalized_shape=[]).error
    assert "at least 1" in one_layer([4, 4], "LayerNorm", normalized_shape=[0]).error
    assert "true or false" in one_layer([4], "LayerNorm", normalized_shape=4, bias=1).error


def test_group_norm_offers_the_divisors_near_the_one_asked():
    error = one_layer([24, 8, 8], "GroupNorm", num_groups=5).error
    assert error == (
        "layer: num_groups 5 does not divide the 24 channels into equal groups "
        "(24 / 5 is not a whole number); num_groups 4 or 6 would fit"
    )
    assert "num_channels 24 (or leaving it out) would fit" in (
        one_layer([24, 8, 8], "GroupNorm", num_groups=4, num_channels=32).error
    )


def test_divisors_near():
    assert divisors_near(24, 5) == [4, 6]
    assert divisors_near(24, 22) == [12, 24]
    assert divisors_near(12, 25) == [6, 12]
    assert divisors_near(7, 3) == [1, 7]
    assert divisors_near(1, 2) == [1]


def test_permute_names_what_is_wrong_and_offers_a_permutation():
    assert "names dimension 2 twice and leaves out 0" in (
        one_layer([24, 10, 4], "Permute", dims=[2, 2, 1]).error
    )
    assert "[2, 0, 1] would fit" in one_layer([24, 10, 4], "Permute", dims=[2, 2, 1]).error
    assert "has 3; a reordering of 0, 1, 2, such as [1, 0, 2], would fit" in (
        one_layer([24, 11, 7], "Permute", dims=[1, 0, 2, 3]).error
    )
    assert "list of dimension numbers" in one_layer([4, 4], "Permute", dims=1).error
    # Negative numbers count from the end, as in torch.permute.
    assert one_layer([24, 10, 4], "Permute", dims=[-2, -1, 0]).output_shape == (10, 4, 24)


def test_channel_shuffle_needs_more_than_the_channels():
    assert "at least one more dimension" in one_layer([12], "ChannelShuffle", groups=2).error
    assert "groups 6 or 12 would fit" in one_layer([12, 3], "ChannelShuffle", groups=13).error


def test_narrow_offers_the_largest_length_that_fits():
    error = one_layer([12, 11, 6], "Narrow", dim=1, start=1, length=12).error
    assert error == (
        "layer: the slice 1 … 12 (start 1 + length 12 = 13) passes the end of dimension 1 of "
        "the input [12, 11, 6], size 11; length ≤ 10 would fit"
    )
    assert "start ≤ 51 would fit" in one_layer([52], "Narrow", start=54, length=1).error
    assert "which has only index 0" in one_layer([1, 36], "Narrow", start=3, length=1).error
    assert "start must be at least 0" in one_layer([8], "Narrow", start=-1, length=1).error
    assert "length must be at least 1" in one_layer([8], "Narrow", start=0, length=0).error
    assert one_layer([8, 4, 4], "Narrow", dim=-1, start=1, length=2).output_shape == (8, 4, 2)


def test_two_narrows_split_a_tensor_like_torch_chunk():
    net = Network(
        [116, 28, 28],
        [
            Layer("Narrow", "x1", {"start": 0, "length": 58}, ["input"]),
            Layer("Narrow", "x2", {"start": 58, "length": 58}, ["input"]),
            Layer("Concat", "cat", {}, ["x1", "x2"]),
        ],
    )
    report = compute(net)
    assert [r.output_shape for r in report.layers] == [(58, 28, 28)] * 2 + [(116, 28, 28)]


@given(
    shape=st.lists(st.integers(1, 9), min_size=1, max_size=4),
    dim=st.integers(0, 3),
    start=st.integers(0, 12),
    length=st.integers(1, 12),
)
def test_a_narrows_offered_length_works(shape, dim, start, length):
    dim %= len(shape)
    r = one_layer(shape, "Narrow", dim=dim, start=start, length=length)
    if start + length <= shape[dim]:
        assert r.error is None and r.output_shape[dim] == length
        return
    assert r.error is not None and "would fit" in r.error
    offered = int(r.error.rsplit("≤ ", 1)[1].split(" ")[0])
    key = "length" if "length ≤" in r.error else "start"
    fixed = {"start": start, "length": length, key: offered}
    if "start 0 with length" in r.error:
        fixed = {"start": 0, "length": offered}
    assert one_layer(shape, "Narrow", dim=dim, **fixed).error is None
    if key == "length" and offered < shape[dim]:
        too_long = one_layer(shape, "Narrow", dim=dim, start=start, length=offered + 1)
        assert too_long.error is not None  # the largest length that fits


@given(channels=st.integers(1, 200), groups=st.integers(1, 250))
def test_offered_group_counts_divide_the_channels(channels, groups):
    r = one_layer([channels, 3], "GroupNorm", num_groups=groups)
    shuffle = one_layer([channels, 3], "ChannelShuffle", groups=groups)
    if channels % groups == 0:
        assert r.error is None and r.params == 2 * channels
        assert shuffle.error is None
        return
    for error in (r.error, shuffle.error):
        offered = error.rsplit(" would fit", 1)[0].split("groups ")[-1]
        values = [int(v) for v in offered.replace(" or ", ", ").split(", ")]
        assert values and all(channels % v == 0 for v in values)
        # no divisor lies closer to the one asked than the nearest offered
        nearest = min(abs(v - groups) for v in values)
        assert all(abs(d - groups) >= nearest for d in range(1, channels + 1) if channels % d == 0)


@given(shape=st.lists(st.integers(1, 6), min_size=1, max_size=4), data=st.data())
def test_permute_reorders_and_refuses_everything_else(shape, data):
    rank = len(shape)
    dims = data.draw(st.lists(st.integers(-rank - 1, rank), min_size=0, max_size=5))
    r = one_layer(shape, "Permute", dims=dims)
    normal = [d % rank for d in dims if -rank <= d < rank]
    if len(dims) == rank and len(normal) == rank and sorted(normal) == list(range(rank)):
        assert r.error is None
        assert r.output_shape == tuple(shape[d] for d in normal)
        return
    assert r.error is not None and r.output_shape is None
    offered = r.error.rsplit("[", 1)[1].split("]")[0]
    fix = [int(v) for v in offered.split(", ")]
    assert tuple(fix) in set(permutations(range(rank)))
    assert one_layer(shape, "Permute", dims=fix).error is None
