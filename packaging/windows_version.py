"""The version resource of the Windows executables, made from convdesk.__version__ (its one home).

The spec writes one PyInstaller version file per executable into its work folder and passes it as
EXE(version=...), so Explorer's Properties → Details and the installer show the program's version.
Usage: python packaging/windows_version.py OUT.txt [NAME]   (NAME: convdesk or convdesk-cli)
"""

import re
import sys
from pathlib import Path

from convdesk_version import read_version

DESCRIPTIONS = {
    "convdesk": "convdesk: convolution layer and network calculator",
    "convdesk-cli": "convdesk on the command line (summary, presets)",
}


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Windows' four version numbers: "0.1.0" → (0, 1, 0, 0); "1.2rc1" → (1, 2, 0, 0)."""
    match = re.match(r"\d+(\.\d+){0,3}", version)
    if match is None:
        raise ValueError(f"not a version: {version!r}")
    numbers = [int(part) for part in match.group().split(".")]
    numbers += [0] * (4 - len(numbers))
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"a Windows version number is at most 65535: {version!r}")
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_file_text(name: str, version: str) -> str:
    """PyInstaller's text form of a VSVersionInfo for the executable `name`.exe."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": "convdesk developers",
        "FileDescription": DESCRIPTIONS[name],
        "FileVersion": version,
        "InternalName": name,
        "LegalCopyright": "MIT License, convdesk developers",
        "OriginalFilename": f"{name}.exe",
        "ProductName": "convdesk",
        "ProductVersion": version,
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return (
        "# UTF-8\n"
        "# Written by packaging/windows_version.py from convdesk/__init__.py; do not edit.\n"
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3F, flags=0x0,\n"
        "    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([\n"
        "      StringTable('040904B0', [\n"  # U.S. English, Unicode
        f"{table}])]),\n"
        "    VarFileInfo([VarStruct('Translation', [1033, 1200])]),\n"
        "  ],\n"
        ")\n"
    )


def write_version_file(path: Path, name: str, version: str | None = None) -> Path:
    """Write the version file of `name`.exe to `path`; the version defaults to the package's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_file_text(name, version or read_version()), encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[-1])
    print(write_version_file(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) == 3 else "convdesk"))
