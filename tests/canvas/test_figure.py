"""The network figure on screen and as files: folded and collapsed blocks, the legend, and
`convdesk figure` writing SVG and PNG that agree."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from convdesk.canvas.figure import FigureOptions, write_figure
from convdesk.cli import main
from convdesk.engine import compute
from convdesk.engine.presets import load_preset


def show(canvas, key):
    net = load_preset(key)
    report = compute(net)
    canvas.set_report(net, report)
    canvas.flush()
    return report


def click_at(qtbot, canvas, point, double=False):
    stage = canvas.network_view.stage
    pos = stage.view_point(*point)
    if double:
        # As a mouse sends it: a click, then a press that Qt reports as a double-click, and its
        # release.
        port = stage.view.viewport()
        qtbot.mouseClick(port, Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(port, Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=pos)
    else:
        qtbot.mouseClick(stage.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_a_folded_block_selects_its_first_layer_and_names_its_members(qtbot, canvas):
    report = show(canvas, "alexnet-2012")
    block = canvas.network_view.layout_.block_of(report.by_name("relu6").index)
    assert block.title == "fc6 + ReLU + Dropout"
    with qtbot.waitSignal(canvas.layerClicked, timeout=2000) as blocker:
        click_at(qtbot, canvas, block.box.front_center())
    assert blocker.args == [report.by_name("fc6").index]
    lines = canvas.network_view.stage.caption.lines()
    assert any("fc6, relu6, drop6" in line for line in lines)
    # Selecting a member from the list outlines the same block.
    canvas.select_layer(report.by_name("drop6").index)
    assert canvas.network_view.layout_.block_of(canvas.selected) == block


def test_the_legend_names_the_colours_of_the_kinds_drawn(canvas):
    show(canvas, "resnet18-torchvision")
    legend = canvas.network_view.stage.caption.lines()[-1]
    for word in ("input", "convolution", "pooling", "fully connected", "add / concat"):
        assert word in legend
    assert "activation" not in legend  # folded into their blocks


def test_double_clicking_a_collapsed_unit_expands_it_and_again_folds_it(qtbot, canvas):
    report = show(canvas, "resnet152-torchvision")
    view = canvas.network_view
    group = next(g for g in view.layout_.groups if g.count == 35)
    before = len(view.layout_.blocks)
    centre = view.layout_.blocks[group.blocks[0]].box.front_center()
    click_at(qtbot, canvas, centre, double=True)
    assert len(view.layout_.blocks) == before + 34 * 4
    assert view.layout_.block_of(report.by_name("layer3.20.conv2").index).index == (
        report.by_name("layer3.20.conv2").index
    )
    group = next(g for g in view.layout_.groups if g.count == 35)
    centre = view.layout_.blocks[group.blocks[0]].box.front_center()
    click_at(qtbot, canvas, centre, double=True)
    assert len(view.layout_.blocks) == before


def test_every_layer_shows_one_block_per_layer(canvas):
    report = show(canvas, "alexnet-2012")
    canvas.all_layers.setChecked(True)
    assert len(canvas.network_view.layout_.blocks) == len(report.layers) + 1
    canvas.all_layers.setChecked(False)
    assert len(canvas.network_view.layout_.blocks) == 13


def test_a_selection_recomputes_no_network_geometry(canvas):
    report = show(canvas, "resnet50-torchvision")
    layout = canvas.network_view.layout_
    canvas.select_layer(report.by_name("layer2.0.conv2").index)
    canvas.select_layer(report.by_name("fc").index)
    assert canvas.network_view.layout_ is layout


def ink(image: QImage, step: int = 3) -> list[tuple[int, int]]:
    """Where the picture is not white, on a coarse grid."""
    dots = []
    white = QColor("white").rgb()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            if image.pixel(x, y) != white:
                dots.append((x, y))
    return dots


def render_svg(path, width, height) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    QSvgRenderer(str(path)).render(painter)
    painter.end()
    return image


@pytest.mark.parametrize("layer", [None, "conv1"])
def test_svg_and_png_of_a_figure_agree(qtbot, tmp_path, layer):
    report = compute(load_preset("alexnet-2012"))
    index = None if layer is None else report.by_name(layer).index
    png, svg = tmp_path / "f.png", tmp_path / "f.svg"
    assert write_figure(report, str(png), "png", 1200, FigureOptions(), layer=index)
    assert write_figure(report, str(svg), "svg", 1200, FigureOptions(), layer=index)
    image = QImage(str(png))
    assert image.width() == 1200
    text = svg.read_text(encoding="utf-8")
    assert ("conv1" in text and "55×55×96" in text) or "55" in text  # text stays text
    drawn = render_svg(svg, image.width(), image.height())
    a, b = set(ink(image)), set(ink(drawn))
    assert len(a) > 500
    # Same picture within a tolerance: nearly all ink of one is near ink of the other.
    near = {(x + dx, y + dy) for x, y in b for dx in (-3, 0, 3) for dy in (-3, 0, 3)}
    assert len(a & near) > 0.97 * len(a)
    near = {(x + dx, y + dy) for x, y in a for dx in (-3, 0, 3) for dy in (-3, 0, 3)}
    assert len(b & near) > 0.97 * len(b)


def test_the_figure_command_writes_the_size_asked_on_a_light_background(tmp_path, capsys):
    out = tmp_path / "u.png"
    assert main(["figure", "unet-2015", "-o", str(out), "--width", "900"]) == 0
    image = QImage(str(out))
    assert image.width() == 900
    assert QColor(image.pixel(2, image.height() - 2)) == QColor("white")
    dark = tmp_path / "d.png"
    assert main(["figure", "unet-2015", "-o", str(dark), "--theme", "dark", "--width", "600"]) == 0
    assert QColor(QImage(str(dark)).pixel(2, 2)).lightness() < 60


def test_the_figure_command_refuses_plainly(tmp_path, capsys):
    assert main(["figure", "alexnet-2012", "-o", str(tmp_path / "x.gif")]) == 2
    assert "must end in .svg or .png" in capsys.readouterr().err
    assert main(["figure", "alexnet-2012", "-o", str(tmp_path / "x.svg"), "--layer", "c9"]) == 2
    err = capsys.readouterr().err
    assert "no layer named 'c9'" in err and "conv1" in err
    assert main(["figure", "no-such-net", "-o", str(tmp_path / "x.svg")]) == 2


def test_the_figure_command_runs_as_its_own_process(tmp_path):
    out = tmp_path / "r.svg"
    done = subprocess.run(
        [sys.executable, "-m", "convdesk.cli", "figure", "resnet18-torchvision", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "<svg" in out.read_text(encoding="utf-8")


def test_the_hover_of_a_collapsed_unit_says_how_to_open_it(qtbot, canvas, monkeypatch):
    show(canvas, "resnet50-torchvision")
    view = canvas.network_view
    group = view.layout_.groups[0]
    shown = []
    monkeypatch.setattr(
        "convdesk.canvas.networkview.QToolTip.showText", lambda _p, text, _w: shown.append(text)
    )
    point = view.layout_.blocks[group.blocks[0]].box.front_center()
    view._on_hover(view.stage.box.mapViewToScene(QPointF(*point)))
    assert shown and "double-click" in shown[-1] and "holds" in shown[-1]


def test_true_scale_is_one_click_away_and_the_caption_says_so(qtbot, canvas):
    show(canvas, "alexnet-2012")
    caption = canvas.network_view.stage.caption
    assert any("square root" in line for line in caption.lines())
    qtbot.mouseClick(canvas.sizes.button(2), Qt.MouseButton.LeftButton)
    assert canvas.network_view.layout_.scale == "linear"
    assert any("linear (true scale)" in line for line in caption.lines())


def test_labels_on_screen_are_where_place_labels_puts_them(qtbot, canvas):
    from convdesk.canvas import geometry as geo

    show(canvas, "resnet50-torchvision")
    canvas.set_view_mode("network")
    qtbot.waitUntil(lambda: canvas.layer_view.isHidden())
    canvas.fit()
    stage = canvas.network_view.stage
    stage.view.viewport().repaint()
    drawn = sorted((text, r.left(), r.top()) for text, r in stage.labels.drawn)
    # The same call, made here from what the view shows: the model-to-pixel mapping, the
    # area the box covers, the caption to keep clear of and the blocks.
    labels = stage.labels.labels()
    sizes = stage.labels.measure(labels)
    a, b = stage.view_point(0.0, 0.0), stage.view_point(1000.0, 1000.0)
    sx, sy = (b.x() - a.x()) / 1000.0, (b.y() - a.y()) / 1000.0
    # In pixels, unrounded, as the labels item maps it when it paints.
    area = stage.view.viewportTransform().mapRect(stage.box.sceneBoundingRect())
    left, top = area.left(), area.top()
    caption = stage.caption.pixel_rect()
    placed = geo.place_labels(
        labels,
        sizes,
        (sx, sy, a.x() - left, a.y() - top),
        (0.0, 0.0, float(area.width()), float(area.height())),
        1.0,
        (caption.getCoords(),),
        [blk.box.bounds() for blk in canvas.network_view.layout_.blocks],
    )
    expected = sorted((labels[n].text, r[0], r[1]) for n, r in placed)
    assert [t for t, _x, _y in drawn] == [t for t, _x, _y in expected]
    for (_t, x0, y0), (_u, x1, y1) in zip(drawn, expected, strict=True):
        assert abs(x0 - x1) <= 2 and abs(y0 - y1) <= 2
    assert len(drawn) > 10


@pytest.mark.parametrize("key", ["resnet50-torchvision", "resnet152-torchvision"])
def test_no_block_name_stands_over_a_repeat_count_in_the_written_figure(
    qtbot, monkeypatch, tmp_path, key
):
    from convdesk.canvas import export

    seen = []
    save_png = export.save_png

    def keep(stages, *args, **kwargs):
        done = save_png(stages, *args, **kwargs)
        item = stages[0].labels
        seen.extend(zip(item.drawn_labels, (r for _t, r in item.drawn), strict=True))
        return done

    monkeypatch.setattr(export, "save_png", keep)
    assert write_figure(compute(load_preset(key)), str(tmp_path / "f.png"), "png")
    counts = [r for label, r in seen if label.text.startswith("× ")]
    names = [
        (label.text, r) for label, r in seen if label.role == "title" and label.key is not None
    ]
    assert counts and len(names) >= 5
    for text, r in names:
        # A block's name over a "× N" would read as the name of the repeated unit.
        for c in counts:
            assert not (r.left() < c.right() and c.left() < r.right() and r.bottom() <= c.top()), (
                text
            )


FIGURES = [
    "alexnet-2012",
    "resnet50-torchvision",
    "unet-2015",
    "mobilenet-v2-torchvision",
    "docs/figures/inception-module.convdesk",
]


@pytest.mark.parametrize("key", FIGURES)
def test_a_written_figure_is_as_tall_as_what_it_draws(qtbot, monkeypatch, tmp_path, key):
    # ResNet-50's figure used to fill a quarter of its height, the rest left empty.
    from convdesk.canvas import export
    from convdesk.canvas.figure import CROP_MARGIN_PX, content_rows
    from convdesk.canvas.items import CAPTION_SHARE
    from convdesk.cli import load_any

    seen = []
    save_png = export.save_png

    def keep(stages, *args, **kwargs):
        stage = stages[0]
        lay = stage.view.parentWidget().layout_
        rows = content_rows(stage, lay)
        seen.append((stage.caption, stage.view.viewport().height(), rows, len(stage.labels.drawn)))
        return save_png(stages, *args, **kwargs)

    monkeypatch.setattr(export, "save_png", keep)
    assert write_figure(compute(load_any(key)), str(tmp_path / "f.png"), "png", 1600)
    caption, height, (top, bottom), shown = seen[0]
    # The caption whole: its title, what the lines mean (where there are any) and the legend.
    assert {role for role, _text in caption._rows_kept} == {role for role, _t in caption._lines}
    assert shown >= 10
    # The drawing and its labels under the caption, inside the picture ...
    assert caption.pixel_height() <= top and bottom <= height
    # ... and filling it: no more room than the margins, unless the caption needs more.
    need = caption.pixel_height() + (bottom - top) + 2 * CROP_MARGIN_PX
    assert height <= max(need, caption.pixel_height() / CAPTION_SHARE + 1) + 1


def drawn_figure(monkeypatch, tmp_path, key):
    """Write `key`'s figure as a PNG; what its view drew: (label, rectangle) pairs in view
    pixels, the layout, and a function giving a model point's view pixel."""
    from convdesk.canvas import export
    from convdesk.cli import load_any

    seen = {}
    save_png = export.save_png

    def keep(stages, *args, **kwargs):
        stage = stages[0]
        stage.view.viewport().repaint()
        rects = [r for _t, r in stage.labels.drawn]
        seen["labels"] = list(zip(stage.labels.drawn_labels, rects, strict=True))
        seen["layout"] = stage.view.parentWidget().layout_

        def at(x, y):
            p = stage.view_point(x, y)
            return p.x(), p.y()

        seen["at"] = at
        return save_png(stages, *args, **kwargs)

    monkeypatch.setattr(export, "save_png", keep)
    assert write_figure(compute(load_any(key)), str(tmp_path / "f.png"), "png")
    return seen["labels"], seen["layout"], seen["at"]


def test_the_written_alexnet_figure_names_its_layers_in_two_even_rows(qtbot, monkeypatch, tmp_path):
    # Its names stood at four heights, pool1's and pool2's a line over their neighbours'.
    labels, lay, at = drawn_figure(monkeypatch, tmp_path, "alexnet-2012")
    assert lay.roomy
    names = {lb.text: r for lb, r in labels if lb.role == "title"}
    assert set(names) == {b.title for b in lay.blocks}
    maps = [b for b in lay.blocks if not b.vector]
    assert len({round(names[b.title].bottom()) for b in maps}) == 2
    # Their shapes in at most two even rows too.
    drawn = {id(lb): r for lb, r in labels}
    tops = {
        round(drawn[id(lb)].top())
        for b in maps
        for lb in lay.labels_of(b.index)
        if lb.role == "edge" and id(lb) in drawn
    }
    assert len(tops) == 2
    for b in maps:
        r = names[b.title]
        left, top, right, _bottom = b.box.bounds()
        # Centred over its own block.
        assert r.center().x() == pytest.approx(at((left + right) / 2, top)[0], abs=1), b.title
        assert r.bottom() <= at(left, top)[1], b.title


def test_the_written_unet_figure_says_each_shape_right_under_its_block(
    qtbot, monkeypatch, tmp_path
):
    # "512×512×64" and "32×32×512" hung a line below their blocks.
    labels, _lay, at = drawn_figure(monkeypatch, tmp_path, "unet-2015")
    shapes = [(lb, r) for lb, r in labels if lb.role == "edge" and lb.text]
    assert len(shapes) == 11
    for lb, r in shapes:
        x, y = at(lb.x, lb.y)
        # 4 px (at the figure's text size) under its block, centred under its front.
        assert 0 < r.top() - y <= 8, lb.text
        assert r.center().x() == pytest.approx(x, abs=1), lb.text


def test_a_figure_s_text_is_as_large_as_keeps_each_label_by_its_block():
    from convdesk.canvas.figure import FIGURE_TEXT_FLOOR, figure_text
    from convdesk.canvas.geometry import network_layout

    options = FigureOptions()
    alexnet = compute(load_preset("alexnet-2012"))
    text = figure_text(alexnet, options, 1.6)
    assert FIGURE_TEXT_FLOOR <= text < 1.6
    assert network_layout(alexnet, text=text).roomy
    assert not network_layout(alexnet, text=text + 0.1).roomy
    # A U keeps room at full size; a long network places its labels where they fit.
    assert figure_text(compute(load_preset("unet-2015")), options, 1.6) == 1.6
    assert figure_text(compute(load_preset("resnet152-torchvision")), options, 1.6) == 1.6
