"""Bring a model in: Keras (.keras, model.to_json()) and ONNX files become convdesk networks.

Plain Python, no Qt. `read_model(path)` picks the reader from the file itself; the ONNX reader
imports the optional `onnx` package only when an ONNX file is opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..engine import Network
from .report import ImportReport, ModelFileError, Unmapped

MODEL_SUFFIXES = (".keras", ".onnx")
"""Suffixes that are always models; a `.json` file is a model when it holds a Keras description."""

__all__ = [
    "MODEL_SUFFIXES",
    "ImportReport",
    "ModelFileError",
    "Unmapped",
    "is_model_file",
    "read_model",
]


def is_model_file(path: str | os.PathLike[str]) -> bool:
    """Whether the file should go to an importer rather than the network-file reader."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in MODEL_SUFFIXES:
        return True
    if suffix != ".json" or not _is_regular(p):
        return False
    try:
        with p.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b'"class_name"' in head and b'"convdesk-network"' not in head


def read_model(path: str | os.PathLike[str]) -> tuple[Network, ImportReport]:
    """The Network a model file describes and the report of what mapped. Raises ModelFileError."""
    p = Path(path)
    source = os.fspath(path)
    if not p.exists():
        raise ModelFileError("no such file", source=source)
    if p.is_dir():
        raise ModelFileError("this is a folder, not a model file", source=source)
    if not _is_regular(p):
        raise ModelFileError("this is not a regular file", source=source)
    if p.suffix.lower() == ".onnx":
        from .onnx_import import read_onnx

        return read_onnx(p)
    from .keras import read_keras

    return read_keras(p)


def _is_regular(path: Path) -> bool:
    """Whether the path is a regular file: opening a pipe would wait for a writer forever, and a
    device such as /dev/zero never ends, so neither is opened."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
