"""Pictures of the canvas: PNG at a chosen resolution, SVG, and the clipboard."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter, QPicture
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from .stage import Stage


def _sizes(stages: Sequence[Stage]) -> list[QSize]:
    return [s.view.viewport().size() for s in stages]


def picture_size(stages: Sequence[Stage]) -> QSize:
    """The picture's size at scale 1: the stages stacked, as wide as the widest."""
    sizes = _sizes(stages)
    return QSize(max(s.width() for s in sizes), sum(s.height() for s in sizes))


def render_image(stages: Sequence[Stage], scale: float, background: QColor) -> QImage:
    """The stages stacked top to bottom, each `scale` times its on-screen size."""
    sizes = _sizes(stages)
    whole = picture_size(stages)
    width, height = whole.width(), whole.height()
    image = QImage(
        max(1, round(width * scale)), max(1, round(height * scale)), QImage.Format.Format_ARGB32
    )
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    y = 0.0
    for stage, size in zip(stages, sizes, strict=True):
        target = QRectF(0, y, size.width() * scale, size.height() * scale)
        stage.render(painter, target, scale)
        y += size.height() * scale
    painter.end()
    return image


def save_png(stages: Sequence[Stage], path: str, scale: float, background: QColor) -> bool:
    """Write a PNG; False if the file could not be written."""
    return QImageWriter(path, QByteArray(b"PNG")).write(render_image(stages, scale, background))


def save_svg(
    stages: Sequence[Stage],
    path: str,
    title: str,
    scale: float = 1.0,
    background: QColor | None = None,
) -> bool:
    """Write an SVG of the stages stacked, `scale` times their on-screen size, drawn exactly as
    the PNG is; its text stays text, so the labels can be edited."""
    sizes = _sizes(stages)
    whole = picture_size(stages)
    width, height = round(whole.width() * scale), round(whole.height() * scale)
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    # Shapes are recorded in QPictures, which a device of another resolution replays scaled:
    # the SVG gets the pictures' own, so shapes stand where the labels and the PNG put them.
    generator.setResolution(QPicture().logicalDpiX())
    generator.setTitle(title)
    generator.setDescription("Drawn by convdesk")
    painter = QPainter()
    if not painter.begin(generator):
        return False
    if background is not None:
        painter.fillRect(QRectF(0, 0, width, height), background)
    y = 0.0
    for stage, size in zip(stages, sizes, strict=True):
        target = QRectF(0, y, size.width() * scale, size.height() * scale)
        stage.render(painter, target, scale)
        y += size.height() * scale
    return painter.end()


def copy_image(stages: Sequence[Stage], background: QColor) -> QImage:
    """Put the picture on the clipboard at twice screen resolution (sharp when pasted)."""
    image = render_image(stages, 2.0, background)
    QApplication.clipboard().setImage(image)
    return image
