"""Reading answers, and each named mistake found for a wrong answer of its kind (hypothesis).

The wrong answers here are made up with each mistake's formula written out by hand, apart from
the engine's own recomputation, so a diagnosis that drifts from what students do fails.
"""

from __future__ import annotations

from math import ceil

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from convdesk.engine import Layer, Network
from convdesk.engine.diagnosis import (
    MISTAKES,
    AnswerError,
    check_answer,
    parse_answer,
)
from convdesk.engine.exercises import make_exercise

ALEXNET = make_exercise(
    Network(
        [3, 227, 227],
        [Layer("Conv2d", "conv1", {"out_channels": 96, "kernel_size": 11, "stride": 4})],
    ),
    [("conv1", "shape"), ("conv1", "params")],
)


@pytest.mark.parametrize(
    "text",
    [
        "55x55x96",
        "55×55×96",
        "55 X 55 X 96",
        "[96, 55, 55]",
        "(96,55,55)",
        "96 55 55",
        "torch.Size([96, 55, 55])",
        "[96, 55, 55].",
    ],
)
def test_the_article_shape_written_every_usual_way(text):
    verdict = check_answer(ALEXNET, 0, text)
    assert verdict.right, verdict.message


@pytest.mark.parametrize("text", ["34,944", "34944", "34 944", "34_944", "34\u202f944"])
def test_counts_with_thousands_separators(text):
    assert check_answer(ALEXNET, 1, text).right


@pytest.mark.parametrize(
    ("text", "quantity", "message"),
    [
        ("fifty", "params", "not a number"),
        ("fifty-five by fifty-five", "shape", "not a number"),
        ("", "params", "type an answer"),
        ("   ", "shape", "type an answer"),
        ("55x55", "params", "not a shape"),
        ("34,94", "params", "groups of three"),
        ("1e5", "params", "not a number"),
        ("[]", "shape", "type the shape"),
        ("[96; 55]", "shape", "not a number"),
    ],
)
def test_unreadable_answers_get_a_message(text, quantity, message):
    with pytest.raises(AnswerError, match=message):
        parse_answer(text, quantity)


def test_a_shape_with_the_wrong_rank_is_told_so():
    verdict = check_answer(ALEXNET, 0, "55x55")
    assert verdict.status == "wrong"
    assert "3 dimensions" in verdict.message and "2" in verdict.message
    assert "no batch" in check_answer(ALEXNET, 0, "[1, 96, 55, 55]").message


def test_a_wrong_answer_with_no_known_mistake_gets_a_plain_no():
    verdict = check_answer(ALEXNET, 0, "[96, 50, 50]")
    assert verdict.status == "wrong" and not verdict.mistakes
    assert "channels is right" in verdict.message
    assert check_answer(ALEXNET, 0, "[90, 55, 55]").message.startswith("Not right. The sizes")


def test_every_mistake_has_words():
    for mistake in MISTAKES.values():
        assert mistake.did and mistake.instead.endswith(".")


# --- hypothesis: each diagnosis fires for a wrong answer of its kind -----------------------------


def _verdict_keys(exercise, index, text):
    verdict = check_answer(exercise, index, text)
    assert verdict.status != "unreadable", (text, verdict.message)
    return verdict


@st.composite
def conv_layers(draw):
    groups = draw(st.sampled_from((1, 1, 2, 4)))
    c_in = groups * draw(st.integers(1, 6))
    out = groups * draw(st.integers(1, 8))
    k = draw(st.integers(1, 7))
    s = draw(st.integers(1, 4))
    p = draw(st.integers(0, 3))
    d = draw(st.integers(1, 3))
    bias = draw(st.booleans())
    n = draw(st.integers(d * (k - 1) + 1, 60))
    config = {
        "out_channels": out,
        "kernel_size": k,
        "stride": s,
        "padding": p,
        "dilation": d,
        "groups": groups,
        "bias": bias,
    }
    net = Network([c_in, n, n], [Layer("Conv2d", "conv1", config)])
    return net, (c_in, out, n, k, s, p, d, groups, bias)


def _fires(exercise, index, wrong, right, key):
    """The mistake is named for the wrong answer (unless it happens to be right)."""
    if wrong == right:
        return
    verdict = _verdict_keys(exercise, index, wrong)
    assert key in verdict.mistakes, (key, wrong, right, verdict.message)


def _shape(c, o):
    return f"[{c}, {o}, {o}]"


@settings(max_examples=150, deadline=None)
@given(conv_layers())
def test_conv_shape_and_parameter_mistakes(case):
    net, (c_in, out, n, k, s, p, d, groups, bias) = case
    ex = make_exercise(net, [("conv1", "shape"), ("conv1", "params")])
    e = d * (k - 1) + 1
    o = (n + 2 * p - e) // s + 1
    right_shape, right_params = _shape(out, o), str(ex.asks[1].answer)
    verdict = check_answer(ex, 0, right_shape)
    assert verdict.right and not verdict.mistakes
    assert check_answer(ex, 1, right_params).right
    assert not check_answer(ex, 0, _shape(out, 10_007 * o)).mistakes

    _fires(ex, 0, _shape(out, (n + 2 * p - e) // s), right_shape, "forgot_plus_one")
    _fires(ex, 0, _shape(out, ceil((n + 2 * p - e) / s) + 1), right_shape, "wrong_rounding")
    if (n + 2 * p - e) % s:
        exact = (n + 2 * p - e) / s + 1
        _fires(ex, 0, f"[{out}, {exact:.3f}, {exact:.3f}]", right_shape, "no_rounding")
    if p:
        _fires(ex, 0, _shape(out, (n + p - e) // s + 1), right_shape, "one_side_padding")
        _fires(ex, 0, _shape(out, (n - e) // s + 1), right_shape, "ignored_padding")
    if s > 1:
        _fires(ex, 0, _shape(out, n + 2 * p - e + 1), right_shape, "ignored_stride")
    if d > 1:
        _fires(ex, 0, _shape(out, (n + 2 * p - k) // s + 1), right_shape, "ignored_dilation")
    if out != o:
        _fires(ex, 0, f"[{o}, {o}, {out}]", right_shape, "channels_order")
        _fires(ex, 0, f"{out}x{o}x{o}", right_shape, "channels_order")

    weights = out * (c_in // groups) * k * k
    if bias:
        _fires(ex, 1, str(weights), right_params, "forgot_bias")
    else:
        _fires(ex, 1, str(weights + out), right_params, "added_bias")
    b = out if bias else 0
    if c_in // groups > 1:
        _fires(ex, 1, f"{out * k * k + b:,}", right_params, "left_out_depth")
    if groups > 1:
        _fires(ex, 1, str(out * c_in * k * k + b), right_params, "ignored_groups")


@settings(max_examples=100, deadline=None)
@given(
    n=st.integers(1, 30),
    k=st.integers(1, 6),
    s=st.integers(1, 4),
    p=st.integers(0, 2),
    d=st.integers(1, 2),
    op=st.integers(0, 3),
    c_in=st.integers(1, 8),
    out=st.integers(1, 8),
)
def test_transposed_mistakes(n, k, s, p, d, op, c_in, out):
    assume(op < max(s, d))
    right = (n - 1) * s - 2 * p + d * (k - 1) + op + 1
    assume(right >= 1)
    config = {
        "out_channels": out,
        "kernel_size": k,
        "stride": s,
        "padding": p,
        "dilation": d,
        "output_padding": op,
    }
    ex = make_exercise(
        Network([c_in, n, n], [Layer("ConvTranspose2d", "up", config)]), [("up", "shape")]
    )
    right_text = _shape(out, right)
    assert check_answer(ex, 0, right_text).right
    conv_rule = (n + 2 * p - d * (k - 1) - 1) // s + 1
    _fires(ex, 0, _shape(out, conv_rule), right_text, "conv_formula_for_transposed")
    _fires(ex, 0, _shape(out, right - 1), right_text, "forgot_plus_one")
    if op:
        _fires(ex, 0, _shape(out, right - op), right_text, "ignored_output_padding")
    if p:
        _fires(ex, 0, _shape(out, right + p), right_text, "one_side_padding")


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 40), k=st.integers(1, 4), s=st.integers(1, 4), c=st.integers(1, 64))
def test_ceil_mode_pool_rounding(n, k, s, c):
    assume(n >= k)
    config = {"kernel_size": k, "stride": s, "ceil_mode": True}
    ex = make_exercise(
        Network([c, n, n], [Layer("MaxPool2d", "pool", config)]), [("pool", "shape")]
    )
    right = ex.asks[0].answer
    assert check_answer(ex, 0, f"{right[1]}x{right[2]}x{c}").right
    _fires(ex, 0, _shape(c, (n - k) // s + 1), _shape(c, right[1]), "wrong_rounding")


@settings(max_examples=60, deadline=None)
@given(c=st.integers(1, 512), affine=st.booleans(), track=st.booleans())
def test_batch_norm_running_statistics(c, affine, track):
    config = {"affine": affine, "track_running_stats": track}
    ex = make_exercise(
        Network([c, 8, 8], [Layer("BatchNorm2d", "bn", config)]),
        [("bn", "params"), ("bn", "non_trainable")],
    )
    trainable, kept = (2 * c if affine else 0), (2 * c if track else 0)
    assert check_answer(ex, 0, str(trainable)).right and check_answer(ex, 1, str(kept)).right
    if affine and track:
        _fires(ex, 0, str(4 * c), str(trainable), "bn_running_trainable")
    if track:
        _fires(ex, 1, "0", str(kept), "bn_running_trainable")


@settings(max_examples=60, deadline=None)
@given(conv_layers())
def test_mac_mistakes(case):
    net, (c_in, out, n, k, s, p, d, groups, _bias) = case
    ex = make_exercise(net, [("conv1", "macs")])
    macs = ex.asks[0].answer
    o = (n + 2 * p - d * (k - 1) - 1) // s + 1
    assert macs == out * o * o * (c_in // groups) * k * k
    assert check_answer(ex, 0, f"{macs:,}").right
    _fires(ex, 0, str(2 * macs), str(macs), "flops_not_macs")
    if c_in // groups > 1:
        _fires(ex, 0, str(out * o * o * k * k), str(macs), "left_out_depth")
    if groups > 1:
        _fires(ex, 0, str(out * o * o * c_in * k * k), str(macs), "ignored_groups")


@settings(max_examples=40, deadline=None)
@given(c=st.integers(1, 64), h=st.integers(1, 9), out=st.integers(1, 100))
def test_flatten_without_channels(c, h, out):
    net = Network(
        [c, h, h], [Layer("Flatten", "flat", {}), Layer("Linear", "fc", {"out_features": out})]
    )
    ex = make_exercise(net, [("flat", "length"), ("fc", "params")])
    assert check_answer(ex, 0, str(c * h * h)).right
    _fires(ex, 0, str(h * h), str(c * h * h), "flatten_without_channels")
    _fires(ex, 1, str(c * h * h * out), str(c * h * h * out + out), "forgot_bias")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(2, 5), st.integers(1, 3), st.integers(1, 2)), min_size=2, max_size=3
    )
)
def test_receptive_field_mistakes(specs):
    layers = [
        Layer("Conv2d", f"c{i}", {"out_channels": 4, "kernel_size": k, "stride": s, "dilation": d})
        for i, (k, s, d) in enumerate(specs)
    ]
    net = Network([1, 200, 200], layers)
    ex = make_exercise(net, [(layers[-1].name, "receptive_field")])
    size, jump = 1, 1
    for k, s, d in specs:
        size, jump = size + (k - 1) * d * jump, jump * s
    assert ex.asks[0].answer == size
    assert check_answer(ex, 0, str(size)).right
    _fires(ex, 0, str(1 + sum((k - 1) * d for k, _, d in specs)), str(size), "ignored_jump")
    no_dilation, jump = 1, 1
    for k, s, _ in specs:
        no_dilation, jump = no_dilation + (k - 1) * jump, jump * s
    _fires(ex, 0, str(no_dilation), str(size), "ignored_dilation")


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 12), k=st.integers(1, 12), d=st.integers(1, 3))
def test_padding_fix_mistakes(n, k, d):
    net = Network(
        [3, n, n], [Layer("Conv2d", "c", {"out_channels": 2, "kernel_size": k, "dilation": d})]
    )
    ex = make_exercise(net, [("c", "padding_fix")])
    e = d * (k - 1) + 1
    right = max(0, ceil((e - n) / 2))
    assert ex.asks[0].answer == right
    assert check_answer(ex, 0, str(right)).right
    _fires(ex, 0, str(max(0, e - n)), str(right), "one_side_padding")
    _fires(ex, 0, str(max(0, ceil((k - n) / 2))), str(right), "ignored_dilation")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["shape", "params", "macs", "padding_fix"]))
def test_any_text_is_read_or_refused_with_a_message(text, quantity):
    try:
        reading = parse_answer(text, quantity)
    except AnswerError as exc:
        assert str(exc)
    else:
        assert reading.values and all(isinstance(v, int | float) for v in reading.values)
    verdict = check_answer(ALEXNET, 0 if quantity == "shape" else 1, text)
    assert verdict.status in ("right", "wrong", "unreadable") and verdict.message
