"""What the frozen build keeps of PyInstaller's analysis, as plain functions the spec applies.

PyInstaller collects every Qt plugin, library and translation a Qt module might need, and every
shared library anything links to. convdesk needs a small part of that: the rules below name it, so
the one-folder build stays small and leaves the desktop stack (libstdc++, X11/xcb, glib,
fontconfig, GL...) to the operating system, where it matches the machine's graphics drivers. The
.deb declares those system libraries in its Depends. Kept in a module of its own so tests can check
the rules on real names.
"""

import re
from pathlib import PurePosixPath

# Qt plugins the program uses, by file stem without "lib" and extension. Everything else under
# plugins/ goes: network, SQL, printing, QML, Wayland compositor, evdev, eglfs, virtual keyboard...
QT_PLUGINS_KEPT = frozenset(
    {
        # Windowing: X11 and Wayland on Linux, the native ones on Windows and macOS, offscreen and
        # minimal for screenshots and tests without a screen.
        "qxcb",
        "qwayland",
        "qwindows",
        "qcocoa",
        "qoffscreen",
        "qminimal",
        # OpenGL on X11 and Wayland, which pyqtgraph's GL widgets use.
        "qxcb-glx-integration",
        "qxcb-egl-integration",
        "qt-plugin-wayland-egl",
        # Wayland windows: the standard shell protocol, and title bars drawn by the program where
        # the compositor draws none (GNOME): GNOME-like, and Qt's plain fallback.
        "xdg-shell",
        "adwaita",
        "bradient",
        # The SVG icon and image formats a user may save or the window loads.
        "qsvgicon",
        "qsvg",
        "qico",
        "qjpeg",
        "qgif",
        # Typing accented and non-Latin characters in layer names.
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
        # Native file dialogs inside sandboxed desktops.
        "qxdgdesktopportal",
        # The native widget styles on Windows and macOS.
        "qmodernwindowsstyle",
        "qwindowsvistastyle",
        "qmacstyle",
    }
)

# Qt libraries convdesk never loads; PyInstaller pulls some in through the plugins dropped above.
QT_LIBRARIES_DROPPED = (
    "Quick",
    "Qml",
    "WaylandCompositor",
    "WaylandEglCompositor",
    "WlShell",
    "EglFS",
    "EglFs",
    "Pdf",
    "VirtualKeyboard",
    "Network",
    "Designer",
    "Help",
    "Sql",
    "Lottie",
    "Labs",
    "PrintSupport",
    "UiTools",
    "Concurrent",
)

# Where Linux keeps the operating system's own shared libraries.
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")

_QT_LIBRARY = re.compile(
    r"^(?:lib)?Qt6?(?P<module>[A-Z][A-Za-z0-9]*?)(?:\.so.*|\.dll|\.dylib|\.framework)?$"
)
_PLUGIN_SUFFIX = re.compile(r"\.(so|dll|dylib)$")


def _posix(dest: str) -> PurePosixPath:
    """A destination path with "/" separators, as PyInstaller writes them on Windows too."""
    return PurePosixPath(dest.replace("\\", "/"))


def _parts(dest: str) -> tuple[str, ...]:
    return _posix(dest).parts


def plugin_stem(dest: str) -> str | None:
    """The plugin's stem ("qxcb") if `dest` is a file under Qt's plugins folder, else None."""
    parts = _parts(dest)
    if "plugins" not in parts[:-1] or not parts[0].startswith("PySide6"):
        return None
    name = _PLUGIN_SUFFIX.sub("", parts[-1])
    return name.removeprefix("lib")


def qt_module(dest: str) -> str | None:
    """The Qt module ("Quick") a library file belongs to, or None when it is not a Qt library."""
    for part in _parts(dest):
        match = _QT_LIBRARY.match(part)
        if match:
            return match["module"]
    return None


def is_system_library(src: str, typecode: str) -> bool:
    """True for a shared library that comes from the OS's library folders (left to the OS).

    Python itself (libpython, its extension modules) stays in the build even when the Python
    that builds it is the system's own.
    """
    if typecode != "BINARY":
        return False
    name = PurePosixPath(src).name
    if name.startswith("libpython"):
        return False
    return src.startswith(SYSTEM_LIBRARY_DIRS)


def keep_entry(dest: str, src: str, typecode: str, linux: bool) -> bool:
    """Whether one entry of the analysis (a binary, a data file or a link) goes into the build."""
    parts = _parts(dest)
    if parts[0].startswith("PySide6") and ("translations" in parts or "qml" in parts):
        return False
    stem = plugin_stem(dest)
    if stem is not None:
        return stem in QT_PLUGINS_KEPT
    if "pyside6qml" in parts[-1]:
        return False
    module = qt_module(dest)
    if module is not None and module.startswith(QT_LIBRARIES_DROPPED):
        return False
    return not (linux and is_system_library(src, typecode))


def trim(
    binaries: list[tuple[str, str, str]], datas: list[tuple[str, str, str]], linux: bool
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """The analysis's binaries and datas that `keep_entry` keeps, less the links whose target went.

    PyInstaller lists links to libraries (e.g. _internal/libQt6Core.so.6) among the datas, so both
    lists are trimmed together.
    """
    binaries = [entry for entry in binaries if keep_entry(*entry, linux=linux)]
    datas = [entry for entry in datas if keep_entry(*entry, linux=linux)]
    dests = {_posix(dest) for dest, _, _ in binaries + datas}

    def resolves(entry: tuple[str, str, str]) -> bool:
        dest, src, kind = entry
        return kind != "SYMLINK" or _link_target(dest, src) in dests

    return list(filter(resolves, binaries)), list(filter(resolves, datas))


def _link_target(dest: str, link: str) -> PurePosixPath:
    """Where a link at `dest` pointing to the relative path `link` lands, inside the build."""
    parts: list[str] = []
    for part in (_posix(dest).parent / _posix(link)).parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts)


def strip_debug_info(src: str) -> bool:
    """Whether to strip debug symbols from this file: libpython and the standard library's
    extension modules only, because stripping numpy's or Qt's libraries breaks them."""
    path = PurePosixPath(src)
    return path.name.startswith("libpython") or "lib-dynload" in path.parts
