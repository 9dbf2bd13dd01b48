"""Render resources/icons/pipeline-desktop.svg to the PNG sizes desktops ask for, plus a Windows
.ico, with Qt's own SVG renderer (no other tool needed). Run after editing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent / "icons"
SOURCE = ICONS / "pipeline-desktop.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZE = 256  # Qt writes one image per .ico; Windows scales it down well from 256


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    for size in SIZES:
        target = ICONS / f"pipeline-desktop-{size}.png"
        if not render(renderer, size).save(str(target)):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
    render(renderer, ICO_SIZE).save(str(ICONS / "pipeline-desktop.ico"))
    print(f"wrote {len(SIZES)} PNG sizes and an .ico to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
