"""Property-based tests of the formulas (hypothesis)."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from convdesk.engine.rules.window import article_size, general_size

from .helpers import one_layer

sizes = st.integers(1, 600)
kernels = st.integers(1, 15)
strides = st.integers(1, 8)


@given(n=sizes, k=kernels, s=strides)
def test_article_form_rounded_up_equals_general_formula(n, k, s):
    if k > n:
        return
    up, down = article_size(n, k, s)
    assert up == general_size(n, k, s)
    # Rounding down is only right when (n − k + 1) is a multiple of s.
    assert (down == up) == ((n - k + 1) % s == 0)


@given(n=sizes, k=kernels, s=strides, p=st.integers(0, 5), d=st.integers(1, 4))
def test_engine_agrees_with_the_general_formula(n, k, s, p, d):
    r = one_layer([2, n], "Conv1d", out_channels=3, kernel_size=k, stride=s, padding=p, dilation=d)
    expected = math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1
    if expected >= 1:
        assert r.output_shape == (3, expected)
    else:
        assert r.error is not None and r.output_shape is None


@settings(max_examples=200)
@given(n=st.integers(1, 200), k=kernels, s=strides, p=st.integers(0, 5), d=st.integers(1, 3))
def test_transposed_convolution_inverts_the_convolution_shape(n, k, s, p, d):
    conv = one_layer(
        [4, n], "Conv1d", out_channels=6, kernel_size=k, stride=s, padding=p, dilation=d
    )
    if conv.output_shape is None:
        return
    out = conv.output_shape[1]
    # the rows the convolution's floor dropped come back as output_padding
    extra = (n + 2 * p - d * (k - 1) - 1) % s
    back = one_layer(
        [6, out],
        "ConvTranspose1d",
        out_channels=4,
        kernel_size=k,
        stride=s,
        padding=p,
        dilation=d,
        output_padding=extra,
    )
    if extra >= s and extra >= d:
        return
    if back.output_shape is not None:
        assert back.output_shape == (4, n)
    # the transposed layer's parameters mirror the convolution's weights
    assert back.params - 4 == conv.params - 6


@given(h=sizes, w=sizes, k=kernels, s=strides, d=st.integers(1, 3))
def test_same_padding_keeps_ceil_n_over_s(h, w, k, s, d):
    r = one_layer(
        [3, h, w], "Conv2d", out_channels=5, kernel_size=k, stride=s, dilation=d, padding="same"
    )
    assert r.output_shape == (5, -(-h // s), -(-w // s))
    total = tuple(b + a for b, a in zip(r.window.pad_before, r.window.pad_after, strict=True))
    for size, t in zip((h, w), total, strict=True):
        assert t == max((-(-size // s) - 1) * s + d * (k - 1) + 1 - size, 0)
    assert all(
        a - b in (0, 1) for b, a in zip(r.window.pad_before, r.window.pad_after, strict=True)
    )


@given(
    n=st.integers(1, 300), k=st.integers(1, 9), s=strides, ceil=st.booleans(), p=st.integers(0, 4)
)
def test_pool_output_matches_pytorch_rule(n, k, s, ceil, p):
    r = one_layer([1, n], "MaxPool1d", kernel_size=k, stride=s, padding=p, ceil_mode=ceil)
    if 2 * p > k:
        assert r.error is not None
        return
    span = n + 2 * p - (k - 1) - 1
    out = (math.ceil(span / s) if ceil else math.floor(span / s)) + 1
    if ceil and (out - 1) * s >= n + p:
        out -= 1
    if out >= 1:
        assert r.output_shape == (1, out)
    else:
        assert r.error is not None


@given(
    c=st.integers(1, 64), o=st.integers(1, 64), k=kernels, g=st.integers(1, 8), bias=st.booleans()
)
def test_conv_params_formula(c, o, k, g, bias):
    r = one_layer(
        [c, 20, 20], "Conv2d", out_channels=o, kernel_size=min(k, 20), groups=g, bias=bias
    )
    if c % g or o % g:
        assert "not divisible by groups" in r.error
    else:
        assert r.params == o * (c // g) * min(k, 20) ** 2 + (o if bias else 0)
