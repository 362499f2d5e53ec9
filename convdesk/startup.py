"""What the window needs before Qt loads: a desktop session and the system libraries Qt links.

Standard library only, so it runs where Qt cannot load, and from a source folder with the system's
python3 before any venv exists: `python3 -m convdesk.startup missing window|tests` prints the
Debian packages this machine lacks (scripts/setup.sh installs them). The packages and what they
provide are listed once, in convdesk/resources/system-deps.txt.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from dataclasses import dataclass

from .resources import SYSTEM_DEPS

NO_DISPLAY = (
    "convdesk needs a desktop session to show its window, and none was found "
    "(neither DISPLAY nor WAYLAND_DISPLAY is set for the platform Qt would use).\n"
    "Run it from a graphical desktop, or use `convdesk summary FILE` for a text report, or "
    "`convdesk FILE --screenshot OUT.png` to save a picture of the window without a screen."
)


@dataclass(frozen=True)
class Requirement:
    """A Debian package and what it provides: sonames (window) or commands (tests)."""

    package: str
    provides: tuple[str, ...]

    def missing(self) -> list[str]:
        """What this package provides that cannot be found on this machine."""
        return [item for item in self.provides if not _found(item)]


def _found(item: str) -> bool:
    if ".so" not in item:
        return shutil.which(item) is not None
    try:
        ctypes.CDLL(item)
    except OSError:
        return False
    return True


def requirements(section: str) -> list[Requirement]:
    """The packages of one section ("window" or "tests") of system-deps.txt."""
    found, current = [], None
    for raw in SYSTEM_DEPS.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("["):
            current = line.strip("[]")
        elif line and current == section:
            package, *provides = line.split()
            found.append(Requirement(package, tuple(provides)))
    if current is None or not found:
        raise ValueError(f"{SYSTEM_DEPS} has no [{section}] packages")
    return found


def missing(section: str) -> list[tuple[Requirement, list[str]]]:
    """The packages whose libraries or commands are not on this machine, with what is lacking.

    Only Linux loads Qt's libraries from the system; elsewhere nothing is missing.
    """
    if not sys.platform.startswith("linux"):
        return []
    found = []
    for requirement in requirements(section):
        lacking = requirement.missing()
        if lacking:
            found.append((requirement, lacking))
    return found


def install_command(packages: list[str]) -> str:
    """The one command that installs `packages` (apt; sudo unless this is root)."""
    sudo = "" if os.geteuid() == 0 else "sudo "
    return f"{sudo}apt-get install {' '.join(packages)}"


def missing_message(lacking: list[tuple[Requirement, list[str]]], what: str) -> str:
    """Which libraries are missing, from which packages, and the command that installs them."""
    lines = [f"{what} cannot start: Qt needs system libraries that are not installed:"]
    lines += [f"  {', '.join(items)} (package {req.package})" for req, items in lacking]
    packages = [req.package for req, _ in lacking]
    if shutil.which("apt-get"):
        lines += ["Install them with:", f"  {install_command(packages)}"]
    else:
        lines.append("Install your system's packages that provide these libraries.")
    return "\n".join(lines)


def qt_problem(what: str = "convdesk") -> str | None:
    """The message to print instead of loading Qt, or None when Qt's libraries are all here."""
    lacking = missing("window")
    return missing_message(lacking, what) if lacking else None


def import_error_message(error: ImportError) -> str:
    """Qt failed to load for a reason the check above did not foresee: say what, and what to do."""
    text = str(error)
    soname = text.split(":", 1)[0].strip()
    for requirement in requirements("window"):
        if soname in requirement.provides:
            return missing_message([(requirement, [soname])], "convdesk")
    return (
        f"convdesk cannot load Qt: {text}\n"
        "A system library Qt needs is probably missing; install the package that provides it."
    )


def has_display() -> bool:
    """False only where Qt would abort for want of a screen: Linux/BSD without X11 or Wayland,
    or a QT_QPA_PLATFORM that names only such platforms."""
    if sys.platform.startswith(("win", "darwin", "cygwin")):
        return True
    x11 = bool(os.environ.get("DISPLAY"))
    wayland = bool(os.environ.get("WAYLAND_DISPLAY"))
    wanted = os.environ.get("QT_QPA_PLATFORM", "")
    if not wanted:
        return x11 or wayland
    # A list such as "wayland;xcb" is tried in order; any one that can start will do.
    for entry in wanted.split(";"):
        name = entry.split(":")[0].strip()
        if name == "xcb" and not x11:
            continue
        if name.startswith("wayland") and not wayland:
            continue
        if name:
            return True
    return False


def window_problem(screenshot: bool) -> str | None:
    """Why the window cannot start here (no desktop session, missing libraries), or None."""
    if not screenshot and not has_display():
        return NO_DISPLAY
    return qt_problem()


def main(argv: list[str]) -> int:
    """`missing SECTION`: print the packages this machine lacks, one per line."""
    if len(argv) != 2 or argv[0] != "missing" or argv[1] not in ("window", "tests"):
        print("usage: python3 -m convdesk.startup missing window|tests", file=sys.stderr)
        return 2
    for requirement, _ in missing(argv[1]):
        print(requirement.package)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
