"""Render resources/convdesk.svg to the icon files each platform needs.

Writes PNGs for the Linux icon theme, a Windows .ico and a macOS .icns (both hold PNG images,
which every supported Windows and macOS reads), and copies the SVG to convdesk/resources/ where the
running program loads it. Run it after editing the SVG and commit what it writes:

    python packaging/render_icons.py
"""

import shutil
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE_SVG = ROOT / "resources" / "convdesk.svg"
PNG_DIR = ROOT / "resources" / "icons"
ICO_FILE = ROOT / "resources" / "convdesk.ico"
ICNS_FILE = ROOT / "resources" / "convdesk.icns"
RUNTIME_SVG = ROOT / "convdesk" / "resources" / "convdesk.svg"

# Sizes the Linux icon theme (hicolor) gets; the .ico and .icns take subsets of these.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types that hold PNG data, with their pixel size (the @2x types count real pixels).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)


def png_path(size: int) -> Path:
    """Where the rendered PNG of one size lives."""
    return PNG_DIR / f"convdesk-{size}.png"


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn on a transparent square of `size` pixels, encoded as PNG."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon file whose images are PNGs (ICONDIR, one ICONDIRENTRY each, then the data)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = [], []
    for size, png in sorted(pngs.items()):
        # A width or height of 256 is written as 0: the field is one byte.
        side = 0 if size >= 256 else size
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon file: the 'icns' header, then one (type, length, PNG) element per slot."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    """Render every icon file from the SVG; print what was written."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE_SVG))
    if not renderer.isValid():
        print(f"cannot read {SOURCE_SVG}", file=sys.stderr)
        return 1
    pngs = {size: render_png(renderer, size) for size in PNG_SIZES}
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for size, png in pngs.items():
        png_path(size).write_bytes(png)
    ICO_FILE.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    ICNS_FILE.write_bytes(icns_bytes(pngs))
    shutil.copyfile(SOURCE_SVG, RUNTIME_SVG)
    for path in [*map(png_path, PNG_SIZES), ICO_FILE, ICNS_FILE, RUNTIME_SVG]:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
