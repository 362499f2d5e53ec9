"""What a one-folder Linux build asks of the system: shared libraries and the glibc version.

Used by build_deb.py (to check that Depends names every library the build leaves to the OS, and to
set the lowest libc6 the build runs on) and by smoke_test.py (to fail on a library that cannot be
found). Reads ELF files with binutils' objdump and the system's ldd.
"""

import os
import re
import subprocess
from functools import cache
from pathlib import Path

_GLIBC = re.compile(rb"GLIBC_(\d+)\.(\d+)")


def elf_files(folder: Path) -> list[Path]:
    """Every regular file under `folder` that is an ELF executable or shared library."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _objdump(flag: str, path: Path) -> bytes:
    return subprocess.run(
        ["objdump", flag, str(path)], capture_output=True, check=True, env=_c_locale()
    ).stdout


def _c_locale() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C"}


def needed(path: Path) -> list[str]:
    """The sonames `path` names as NEEDED in its dynamic section."""
    return [
        line.split()[1].decode()
        for line in _objdump("-p", path).splitlines()
        if line.strip().startswith(b"NEEDED")
    ]


def system_sonames(folder: Path) -> set[str]:
    """Sonames that files in the build need and the build itself does not hold."""
    bundled = {path.name for path in folder.rglob("*")}
    return {name for path in elf_files(folder) for name in needed(path)} - bundled


def glibc_needed(folder: Path) -> tuple[int, int]:
    """The highest GLIBC_x.y symbol version any file in the build refers to."""
    versions = {
        (int(major), int(minor))
        for path in elf_files(folder)
        for major, minor in _GLIBC.findall(_objdump("-T", path))
    }
    return max(versions, default=(2, 17))


def unresolved(folder: Path) -> dict[str, list[str]]:
    """For each file of the build, the libraries the dynamic loader cannot find ("not found")."""
    internal = folder / "_internal"
    env = {**_c_locale(), "LD_LIBRARY_PATH": str(internal if internal.is_dir() else folder)}
    missing = {}
    for path in elf_files(folder):
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        lost = [line.split()[0] for line in result.stdout.splitlines() if "not found" in line]
        if lost:
            missing[str(path.relative_to(folder))] = lost
    return missing


@cache
def debian_package(soname: str) -> str | None:
    """The installed Debian package that ships `soname`, or None when none does."""
    result = subprocess.run(
        ["dpkg-query", "-S", f"*/{soname}"], capture_output=True, text=True, env=_c_locale()
    )
    for line in result.stdout.splitlines():
        package, _, path = line.partition(": ")
        if path.endswith("/" + soname) and "diversion" not in package:
            return package.split(":")[0]
    return None
