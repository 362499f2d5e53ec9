"""Wrap the one-folder build (packaging/dist/convdesk/) in a Debian package with dpkg-deb.

The package installs the program under /usr/lib/convdesk, a `convdesk` command in /usr/bin, a
desktop entry with the icon, and the application/x-convdesk MIME type for .convdesk files. It has no
maintainer scripts: Debian's shared-mime-info, desktop-file-utils and hicolor-icon-theme update
their caches through dpkg triggers on the folders it fills. Usage:

    python packaging/build_deb.py [--dist packaging/dist/convdesk] [--out packaging/dist]
"""

import argparse
import email.utils
import gzip
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import linked_libs
from convdesk_version import read_version

from convdesk.startup import requirements

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
INSTALL_DIR = "usr/lib/convdesk"
# The changelog's date: the reproducible-builds timestamp when set, else now.
SOURCE_DATE = float(os.environ.get("SOURCE_DATE_EPOCH", time.time()))

# The system libraries the frozen app leaves to the OS (freeze_rules.is_system_library), by Debian
# package: the runtimes Python's standard library links, and Qt's libraries from the one list in
# convdesk/resources/system-deps.txt, which the README's set-up command installs too. Names as in
# Debian 12 and Ubuntu 22.04; libc6's lowest version is read off the build. The build fails if the
# app needs a library whose package is not here.
PYTHON_RUNTIME = (
    # C and C++ runtimes, compression and crypto used by Python's standard library
    "libgcc-s1",
    "libstdc++6",
    "zlib1g",
    "libzstd1",
    "libbz2-1.0",
    "liblzma5",
    "libffi8",
    "libssl3",
    "libreadline8",
    "libuuid1",  # the uuid module's _uuid
)
DEPENDS = PYTHON_RUNTIME + tuple(req.package for req in requirements("window"))

DESCRIPTION = """\
Description: convolution layer and network calculator for the classroom
 convdesk computes what a convolution layer, and a whole network, does to a
 tensor: output sizes, trainable parameters, MACs and FLOPs, activation memory
 and receptive fields, and shows the work step by step with the input, kernel
 and output drawn to scale. It runs offline and opens .convdesk network files.
"""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: convdesk

Files: *
Copyright: {year} convdesk developers
License: MIT

Files: usr/lib/convdesk/_internal/*
Copyright: the Python Software Foundation; The Qt Company Ltd. and other contributors;
 NumPy Developers; OpenBLAS contributors; pyqtgraph developers
License: PSF-2.0 and LGPL-3 and BSD-3-Clause and MIT
 The program carries its own copies of Python (PSF-2.0), Qt 6, PySide6 and shiboken6
 (used under LGPL-3), numpy with OpenBLAS (BSD-3-Clause) and pyqtgraph (MIT). Qt and PySide6
 are loaded as shared libraries and can be replaced by other builds of the same version.
 On Debian systems the full text of the LGPL-3 is in /usr/share/common-licenses/LGPL-3.
"""


def missing_depends(dist: Path) -> tuple[list[str], list[str]]:
    """Packages the build needs that DEPENDS lacks, and sonames no installed package provides."""
    lacking, unknown = set(), set()
    for soname in sorted(linked_libs.system_sonames(dist)):
        package = linked_libs.debian_package(soname)
        if package is None:
            unknown.add(soname)
        elif package not in DEPENDS and package != "libc6":
            lacking.add(f"{package} (for {soname})")
    return sorted(lacking), sorted(unknown)


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def stage(dist: Path, staging: Path, version: str, arch: str) -> None:
    """Lay out the package's files under `staging`, as they land under /."""
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(dist, staging / INSTALL_DIR, symlinks=True)
    bin_dir = staging / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    # PyInstaller's bootloader finds its _internal folder through /proc/self/exe, so a link works;
    # relative, as Debian's policy asks for links within /usr.
    (bin_dir / "convdesk").symlink_to("../lib/convdesk/convdesk")
    share = staging / "usr" / "share"
    _copy(RESOURCES / "convdesk.desktop", share / "applications" / "convdesk.desktop")
    _copy(RESOURCES / "convdesk-mime.xml", share / "mime" / "packages" / "convdesk.xml")
    icons = share / "icons" / "hicolor"
    for size in ICON_SIZES:
        _copy(
            RESOURCES / "icons" / f"convdesk-{size}.png",
            icons / f"{size}x{size}" / "apps" / "convdesk.png",
        )
    _copy(RESOURCES / "convdesk.svg", icons / "scalable" / "apps" / "convdesk.svg")
    doc = share / "doc" / "convdesk"
    doc.mkdir(parents=True)
    year = time.gmtime(SOURCE_DATE).tm_year
    (doc / "copyright").write_text(COPYRIGHT.format(year=year), encoding="utf-8")
    (doc / "changelog.gz").write_bytes(changelog(version))

    glibc = ".".join(map(str, linked_libs.glibc_needed(dist)))
    installed_kib = (
        sum(path.lstat().st_size for path in staging.rglob("*") if not path.is_dir()) // 1024
    )
    control = staging / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: convdesk\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: convdesk developers <maintainers@convdesk.invalid>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join([f'libc6 (>= {glibc})', *DEPENDS])}\n"
        f"Section: science\n"
        f"Priority: optional\n"
        f"{DESCRIPTION}",
        encoding="utf-8",
    )
    for path in [staging, *staging.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        elif ".so" in path.name:
            path.chmod(0o644)  # shared libraries are mapped, not run


def changelog(version: str) -> bytes:
    """The gzipped changelog a native Debian package carries, with one entry for this version."""
    date = email.utils.formatdate(SOURCE_DATE, usegmt=False)
    text = (
        f"convdesk ({version}) unstable; urgency=medium\n\n"
        f"  * convdesk {version}; see the project's history for the changes.\n\n"
        f" -- convdesk developers <maintainers@convdesk.invalid>  {date}\n"
    )
    return gzip.compress(text.encode(), mtime=0)


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(0o644)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "packaging" / "dist" / "convdesk")
    parser.add_argument("--out", type=Path, default=ROOT / "packaging" / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "packaging" / "build" / "deb")
    args = parser.parse_args(argv)
    if not (args.dist / "convdesk").is_file():
        print(f"no frozen build at {args.dist}: run pyinstaller first", file=sys.stderr)
        return 2
    lacking, unknown = missing_depends(args.dist)
    if lacking:
        print("DEPENDS in packaging/build_deb.py lacks: " + ", ".join(lacking), file=sys.stderr)
        return 1
    if unknown:
        # A library no installed package provides cannot be checked here; the smoke test fails on
        # it if the app cannot load it.
        print("not installed on this machine, not checked: " + ", ".join(unknown), file=sys.stderr)
    version, arch = read_version(), architecture()
    staging = args.work / f"convdesk_{version}_{arch}"
    stage(args.dist, staging, version, arch)
    args.out.mkdir(parents=True, exist_ok=True)
    deb = args.out / f"convdesk_{version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
