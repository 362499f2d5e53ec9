"""The worked steps of the newer layer types: the numbers put into each formula."""

from convdesk.engine import Layer, Network, compute, explain


def _text(input_shape, *layers, index=-1) -> str:
    net = Network(list(input_shape))
    for i, (layer_type, config, *inputs) in enumerate(layers):
        net.layers.append(Layer(layer_type, f"l{i}", dict(config), inputs[0] if inputs else None))
    report = compute(net)
    at = index % len(layers)
    assert report.layers[at].error is None, report.layers[at].error
    return "\n".join(
        line for step in explain(net, report, at) for line in [step.title, *step.lines]
    )


def test_layer_norm_puts_the_numbers_into_two_times_prod_normalized_shape():
    # ConvNeXt-Tiny's first stage: channels last, then LayerNorm(96).
    text = _text(
        [96, 56, 56], ("Permute", {"dims": [1, 2, 0]}), ("LayerNorm", {"normalized_shape": 96})
    )
    assert "2 × prod(normalized_shape) = 2 × 96 = 192" in text
    assert "for each of the 56 × 56 = 3,136 positions" in text
    assert "the mean and variance of its 96 values" in text
    text = _text([4, 8, 8], ("LayerNorm", {"normalized_shape": [4, 8, 8], "bias": False}))
    assert "all 4 × 8 × 8 = 256 values of the sample" in text
    assert "(bias is off): 4 × 8 × 8 = 256" in text


def test_group_norm_shows_groups_and_channels_per_group():
    text = _text([96, 56, 56], ("GroupNorm", {"num_groups": 8}))
    assert "96 channels in 8 groups (num_groups 8) of 96 / 8 = 12 channels" in text
    assert "12 × 56 × 56 = 37,632 values" in text
    assert "2 × 96 = 192" in text


def test_channel_shuffle_shows_the_new_channel_order():
    text = _text([6, 4, 4], ("ChannelShuffle", {"groups": 2}))
    assert "input channels 0, 3, 1, 4, 2, 5" in text
    text = _text([12, 4, 4], ("ChannelShuffle", {"groups": 3}))
    # torch: view(3, 4) → transpose → the first channel of each group, then the second, ...
    assert "input channels 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11" in text
    assert "nothing moves" in _text([12, 4], ("ChannelShuffle", {"groups": 1}))


def test_permute_says_where_each_dimension_goes():
    text = _text([96, 56, 7], ("Permute", {"dims": [1, 2, 0]}))
    assert "output dimension 2 is input dimension 0 (size 96)" in text
    assert "channels first → channels last" in text
    assert "[96, 56, 7] → [56, 7, 96]" in text
    assert "channels last → channels first" in _text([56, 7, 96], ("Permute", {"dims": [2, 0, 1]}))


def test_narrow_shows_the_index_range_it_keeps():
    text = _text([116, 28, 28], ("Narrow", {"start": 58, "length": 58}))
    assert "along dimension 0 (size 116) keeps indices 58 … 115: 58 of 116, 58 left out" in text


def test_layer_scale_and_one_input_concat():
    assert "each of the 768 indices along dimension 0" in _text([768, 7, 7], ("LayerScale", {}))
    assert "a copy of it" in _text([4, 3, 3], ("Concat", {}, ["input"]))
