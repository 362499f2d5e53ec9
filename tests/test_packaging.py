"""The frozen build's recipe, the installer's files and the icon.

Fast tests check the spec, the trimming rules on the names of the installed Qt wheel, the desktop
entry and MIME type (with the freedesktop tools where they are installed), the icon files (read back
by Qt's own ICO/ICNS readers) and the .deb layout. The tests marked `frozen` run the smoke test on
packaging/dist/convdesk when a build is there (packaging/build.sh makes it).
"""

# build_deb, convdesk_version, freeze_rules, linked_libs, render_icons and smoke_test are the
# scripts beside the spec, not a package ("packaging" is a PyPI package's name): pytest puts
# packaging/ on the path (`pythonpath` in pyproject.toml).
import ast
import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import build_deb
import convdesk_version
import freeze_rules
import linked_libs
import PySide6
import pytest
import render_icons
import smoke_test
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage, QImageReader
from PySide6.QtSvg import QSvgRenderer

import convdesk
from convdesk.resources import ICON_SVG
from convdesk.startup import requirements

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"

QT_DIR = Path(PySide6.__file__).parent / "Qt"
MIME_TYPE = "application/x-convdesk"
FROZEN_PROGRAM = smoke_test.default_program()
LINUX = sys.platform.startswith("linux")


def needs(*commands: str) -> pytest.MarkDecorator:
    """Skip unless every command is on PATH; the reason names what is missing and its package."""
    packages = {item: req.package for req in requirements("tests") for item in req.provides}
    missing = [c for c in commands if shutil.which(c) is None]
    named = ", ".join(f"{c} (package {packages[c]})" for c in missing)
    return pytest.mark.skipif(
        bool(missing), reason=f"not installed: {named}; `bash scripts/setup.sh test` installs it"
    )


# --- the spec and its rules -----------------------------------------------------------------------


def test_spec_parses_and_names_existing_files():
    tree = ast.parse((PACKAGING / "convdesk.spec").read_text(encoding="utf-8"))
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)}
    assert "convdesk_entry.py" in strings
    assert (PACKAGING / "convdesk_entry.py").is_file()
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= calls
    for name in ("convdesk.ico", "convdesk.icns"):
        assert name in strings and (RESOURCES / name).is_file()


def test_entry_script_calls_the_console_script_target():
    entry = (PACKAGING / "convdesk_entry.py").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'convdesk = "convdesk.cli:main"' in pyproject
    assert "from convdesk.cli import main" in entry


def test_version_comes_from_the_package():
    assert convdesk_version.read_version() == convdesk.__version__


@pytest.mark.skipif(not (QT_DIR / "plugins").is_dir(), reason="a PySide6 wheel without plugins/")
def test_the_plugins_the_program_needs_exist_in_the_wheel_and_are_kept():
    needed = {"qoffscreen", "qminimal", "qsvgicon", "qsvg"}
    if LINUX:
        needed |= {"qxcb", "qxcb-glx-integration", "qwayland", "xdg-shell", "qt-plugin-wayland-egl"}
    dests = {
        f"PySide6/Qt/plugins/{path.parent.name}/{path.name}": path
        for path in (QT_DIR / "plugins").glob("*/*")
    }
    found = {freeze_rules.plugin_stem(dest): dest for dest in dests}
    assert needed <= found.keys(), f"renamed in this Qt: {needed - found.keys()}"
    for stem in needed:
        assert freeze_rules.keep_entry(found[stem], str(dests[found[stem]]), "BINARY", LINUX)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libwl-shell-plugin.so",
        "PySide6/Qt/lib/libQt6WaylandCompositor.so.6",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/plugins/sqldrivers/qsqlite.dll",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6QmlModels.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt6Quick.dll",
        "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/qml/QtQuick/Controls/qmldir",
    ],
)
def test_unused_qt_parts_are_dropped(dest):
    assert not freeze_rules.keep_entry(dest, "/site-packages/" + dest, "BINARY", linux=True)


@pytest.mark.parametrize(
    "module",
    [
        "Core",
        "Gui",
        "Widgets",
        "Svg",
        "OpenGL",
        "OpenGLWidgets",
        "Test",
        "DBus",
        "XcbQpa",
        "WaylandClient",
    ],
)
def test_qt_libraries_pyqtgraph_and_the_window_load_are_kept(module):
    # pyqtgraph imports QtOpenGL, QtOpenGLWidgets, QtSvg and QtTest at run time (packaging notes).
    for dest in (f"PySide6/Qt/lib/libQt6{module}.so.6", f"PySide6/Qt6{module}.dll"):
        assert freeze_rules.qt_module(dest) == module
        assert freeze_rules.keep_entry(dest, "/site-packages/" + dest, "BINARY", linux=True)


def test_desktop_libraries_are_left_to_the_os_on_linux_only():
    stdcxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6"
    xcb = "/lib/x86_64-linux-gnu/libxcb.so.1"
    for src in (stdcxx, xcb):
        assert not freeze_rules.keep_entry(Path(src).name, src, "BINARY", linux=True)
        assert freeze_rules.keep_entry(Path(src).name, src, "BINARY", linux=False)
    # Python itself stays, even when it is the system's own.
    libpython = "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0"
    assert freeze_rules.keep_entry("libpython3.11.so.1.0", libpython, "BINARY", linux=True)
    extension = "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so"
    assert freeze_rules.keep_entry("python3.11/lib-dynload/_ssl.so", extension, "EXTENSION", True)


def test_trim_drops_links_whose_target_was_dropped():
    site = "/venv/site-packages/PySide6/Qt/lib/"
    binaries = [
        ("PySide6/Qt/lib/libQt6Core.so.6", site + "libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", site + "libQt6Network.so.6", "BINARY"),
    ]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("convdesk/presets/lenet-5.convdesk", "/src/convdesk/presets/lenet-5.convdesk", "DATA"),
    ]
    kept_binaries, kept_datas = freeze_rules.trim(binaries, datas, linux=True)
    assert [dest for dest, _, _ in kept_binaries] == ["PySide6/Qt/lib/libQt6Core.so.6"]
    assert [dest for dest, _, _ in kept_datas] == [
        "libQt6Core.so.6",
        "convdesk/presets/lenet-5.convdesk",
    ]


def test_only_python_s_own_libraries_lose_their_debug_info():
    assert freeze_rules.strip_debug_info("/py/lib/libpython3.11.so.1.0")
    assert freeze_rules.strip_debug_info("/py/lib/python3.11/lib-dynload/_ctypes.cpython-311.so")
    assert not freeze_rules.strip_debug_info("/venv/numpy.libs/libscipy_openblas64_.so")
    assert not freeze_rules.strip_debug_info(str(QT_DIR / "lib" / "libQt6Core.so.6"))


# --- desktop entry and MIME type ------------------------------------------------------------------


def read_desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(RESOURCES / "convdesk.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_launches_convdesk_with_the_file_and_the_icon():
    entry = read_desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "convdesk"
    assert entry["Exec"].split()[1] in {"%f", "%F", "%u", "%U"}
    assert entry["Icon"] == "convdesk"
    assert entry["Terminal"] == "false"
    assert MIME_TYPE in entry["MimeType"].split(";")


@needs("desktop-file-validate")
def test_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run(
        ["desktop-file-validate", str(RESOURCES / "convdesk.desktop")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_mime_xml_declares_the_convdesk_glob_and_icon():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(RESOURCES / "convdesk-mime.xml").getroot()
    types = root.findall("m:mime-type", ns)
    assert [t.get("type") for t in types] == [MIME_TYPE]
    assert [g.get("pattern") for g in types[0].findall("m:glob", ns)] == ["*.convdesk"]
    assert types[0].find("m:icon", ns).get("name") == read_desktop_entry()["Icon"]


@needs("update-mime-database")
def test_shared_mime_info_maps_convdesk_files_to_the_type(tmp_path):
    packages = tmp_path / "packages"
    packages.mkdir()
    shutil.copyfile(RESOURCES / "convdesk-mime.xml", packages / "convdesk.xml")
    subprocess.run(["update-mime-database", str(tmp_path)], check=True, capture_output=True)
    globs = (tmp_path / "globs2").read_text(encoding="utf-8").splitlines()
    assert any(line.endswith(f":{MIME_TYPE}:*.convdesk") for line in globs), globs


# --- the icon -------------------------------------------------------------------------------------


def test_runtime_icon_is_the_source_svg():
    assert ICON_SVG.read_bytes() == (RESOURCES / "convdesk.svg").read_bytes()


def test_icon_renders_opaque_inside_and_transparent_at_the_corners(qapp):
    renderer = QSvgRenderer(str(ICON_SVG))
    assert renderer.isValid()
    image = QImage()
    image.loadFromData(render_icons.render_png(renderer, 64), "PNG")
    assert image.width() == 64
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corner
    assert image.pixelColor(32, 60).alpha() == 255
    colours = {image.pixel(x, y) for x in range(0, 64, 2) for y in range(0, 64, 2)}
    assert len(colours) >= 8


def test_qt_loads_the_runtime_icon_through_its_svg_icon_engine(qapp):
    pixmap = QIcon(str(ICON_SVG)).pixmap(QSize(32, 32))
    assert not pixmap.isNull() and pixmap.width() == 32


def test_rendered_pngs_match_the_svg(qapp):
    renderer = QSvgRenderer(str(RESOURCES / "convdesk.svg"))
    for size in render_icons.PNG_SIZES:
        stored = QImage(str(render_icons.png_path(size)))
        assert (stored.width(), stored.height()) == (size, size)
    fresh = QImage()
    fresh.loadFromData(render_icons.render_png(renderer, 48), "PNG")
    stored = QImage(str(render_icons.png_path(48)))
    worst = max(
        abs(fresh.pixelColor(x, y).red() - stored.pixelColor(x, y).red())
        for x in range(48)
        for y in range(48)
    )
    assert worst <= 8, "resources/icons is stale: run python packaging/render_icons.py"


@pytest.mark.parametrize(
    ("path", "sizes"),
    [
        (RESOURCES / "convdesk.ico", sorted(render_icons.ICO_SIZES)),
        (RESOURCES / "convdesk.icns", sorted(size for _, size in render_icons.ICNS_TYPES)),
    ],
)
def test_qt_reads_every_image_of_the_ico_and_icns(qapp, path, sizes):
    reader = QImageReader(str(path))
    assert reader.canRead(), reader.errorString()
    found = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert image.width() == image.height()
        found.append(image.width())
    assert sorted(found) == sizes


# --- the .deb -------------------------------------------------------------------------------------


@pytest.fixture
def fake_build(tmp_path):
    """A one-folder build with a real ELF program in it, enough for the .deb's layout."""
    dist = tmp_path / "dist" / "convdesk"
    (dist / "_internal").mkdir(parents=True)
    shutil.copy2(shutil.which("true"), dist / "convdesk")
    return dist


@needs("objdump")
def test_deb_layout_and_control(fake_build, tmp_path):
    staging = tmp_path / "staging"
    build_deb.stage(fake_build, staging, "9.8.7", "amd64")
    assert (staging / "usr/lib/convdesk/convdesk").is_file()
    assert (staging / "usr/bin/convdesk").readlink() == Path("../lib/convdesk/convdesk")
    share = staging / "usr/share"
    desktop = (share / "applications/convdesk.desktop").read_bytes()
    assert desktop == (RESOURCES / "convdesk.desktop").read_bytes()
    assert (share / "mime/packages/convdesk.xml").is_file()
    for size in build_deb.ICON_SIZES:
        icon = QImage(str(share / f"icons/hicolor/{size}x{size}/apps/convdesk.png"))
        assert icon.width() == size
    control = (staging / "DEBIAN/control").read_text(encoding="utf-8")
    fields = dict(line.split(": ", 1) for line in control.splitlines() if ": " in line)
    assert fields["Package"] == "convdesk" and fields["Version"] == "9.8.7"
    depends = [item.strip() for item in fields["Depends"].split(",")]
    assert depends[0].startswith("libc6 (>= 2.")
    assert {"libxcb-cursor0", "libfontconfig1", "libstdc++6", "libegl1"} <= set(depends)


@pytest.mark.skipif(not LINUX, reason="Qt's Linux plugins")
@needs("dpkg-query", "objdump")
def test_depends_covers_every_library_qt_s_window_plugins_link(tmp_path):
    # Built here from the installed wheel's X11 and Wayland plugins and the Qt libraries they load.
    dist = tmp_path / "convdesk"
    dist.mkdir()
    for plugin in (
        "platforms/libqxcb.so",
        "xcbglintegrations/libqxcb-glx-integration.so",
        "platforms/libqwayland.so",
        "wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
    ):
        shutil.copy2(QT_DIR / "plugins" / plugin, dist)
    for library in (
        "libQt6Gui.so.6",
        "libQt6Core.so.6",
        "libQt6XcbQpa.so.6",
        "libQt6WaylandClient.so.6",
    ):
        shutil.copy2(QT_DIR / "lib" / library, dist)
    lacking, _ = build_deb.missing_depends(dist)
    assert lacking == []
    assert "libxcb-cursor.so.0" in linked_libs.system_sonames(dist)


@needs("dpkg-deb", "objdump")  # build_deb reads the build's libraries with objdump
def test_deb_builds_and_dpkg_reads_it(fake_build, tmp_path):
    status = build_deb.main(
        ["--dist", str(fake_build), "--out", str(tmp_path / "out"), "--work", str(tmp_path / "w")]
    )
    assert status == 0
    (deb,) = (tmp_path / "out").glob("convdesk_*.deb")
    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "./usr/bin/convdesk -> ../lib/convdesk/convdesk" in contents
    assert "./usr/share/icons/hicolor/scalable/apps/convdesk.svg" in contents
    version = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert version == convdesk.__version__


# --- Windows and macOS recipes (run on their own CI runners) -------------------------------------


def test_inno_setup_script_wraps_the_one_folder_build_and_associates_convdesk_files():
    script = PACKAGING / "windows" / "convdesk.iss"
    text = script.read_text(encoding="utf-8")
    settings = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and line[:1] not in ";#"
    )
    icon = script.parent / settings["SetupIconFile"].replace("\\", "/")
    assert icon.resolve() == (RESOURCES / "convdesk.ico").resolve()
    assert 'Source: "..\\dist\\convdesk\\*"' in text  # the spec's COLLECT folder
    assert '#define AppExe "convdesk.exe"' in text
    assert 'Subkey: "Software\\Classes\\.convdesk"' in text
    assert '""{app}\\{#AppExe}"" ""%1""' in text
    assert settings["ChangesAssociations"] == "yes"


def test_release_workflow_runs_the_committed_scripts():
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    for script in (
        "packaging/build.sh",
        "packaging/smoke_test.py",
        "packaging/convdesk.spec",
        "packaging/windows/convdesk.iss",
        "packaging/macos/make_dmg.sh",
        "packaging/convdesk_version.py",
    ):
        assert script in workflow
        assert (ROOT / script).is_file()
    for runner in ("ubuntu-22.04", "windows-2022"):
        assert f"runs-on: {runner}" in workflow


def test_release_workflow_is_valid_yaml_with_one_job_per_platform():
    yaml = pytest.importorskip("yaml")
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    jobs = yaml.safe_load(workflow)["jobs"]
    assert set(jobs) == {"linux", "windows", "macos", "publish"}


def test_release_workflow_builds_macos_for_both_processors():
    yaml = pytest.importorskip("yaml")
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    macos = yaml.safe_load(workflow)["jobs"]["macos"]
    builds = macos["strategy"]["matrix"]["include"]
    assert {(b["runner"], b["arch"]) for b in builds} == {
        ("macos-14", "arm64"),
        ("macos-15-intel", "x86_64"),
    }
    assert macos["runs-on"] == "${{ matrix.runner }}"
    steps = " ".join(str(step) for step in macos["steps"])
    assert "lipo -archs" in steps and "macos-${{ matrix.arch }}.dmg" in steps


def test_release_workflow_installs_checks_and_uninstalls_the_windows_setup():
    yaml = pytest.importorskip("yaml")
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    steps = yaml.safe_load(workflow)["jobs"]["windows"]["steps"]
    names = [step.get("name", step.get("uses", "")) for step in steps]
    build = names.index("Installer (Inno Setup)")
    check = next(i for i, name in enumerate(names) if name.startswith("Install the setup"))
    assert build < check
    script = steps[check]["run"]
    assert steps[check]["shell"] == "pwsh"
    for part in (
        '"/VERYSILENT"',
        "VersionInfo",
        "packaging/smoke_test.py",
        'Join-Path $dir "unins000.exe"',
        "files left in $dir",
    ):
        assert part in script


# --- the smoke test itself, on stand-in programs -----------------------------------------------


def stand_in(tmp_path: Path, body: str) -> Path:
    program = tmp_path / "bin" / "convdesk"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    program.chmod(0o755)
    return program


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for the program")
def test_smoke_test_fails_on_a_missing_module(tmp_path, capsys):
    program = stand_in(
        tmp_path, "echo \"ModuleNotFoundError: No module named 'numpy'\" >&2; exit 1"
    )
    assert smoke_test.main([str(program)]) == 1
    out = capsys.readouterr().out
    assert "FAIL no missing module, library or traceback in `presets`" in out
    assert out.splitlines()[-1].startswith("smoke: ")


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for the program")
def test_smoke_test_fails_on_a_program_that_does_not_end(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(smoke_test, "TIMEOUT", 0.3)
    program = stand_in(tmp_path, "exec sleep 5")
    assert smoke_test.main([str(program)]) == 1
    assert "FAIL `--version` ends within 0.3 s" in capsys.readouterr().out


# --- the frozen build -----------------------------------------------------------------------------

needs_build = pytest.mark.skipif(
    not FROZEN_PROGRAM.is_file(), reason="no frozen build: run packaging/build.sh"
)


@pytest.mark.frozen
@needs_build
def test_frozen_build_passes_the_smoke_test(capsys):
    status = smoke_test.main([str(FROZEN_PROGRAM)])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "FAIL" not in out


@pytest.mark.frozen
@needs_build
@pytest.mark.skipif(not LINUX, reason="the Linux plugin layout")
def test_smoke_test_fails_on_a_build_without_its_platform_plugin(tmp_path, capsys):
    broken = tmp_path / "convdesk"
    try:  # hard links: a copy of the build in a moment, where the file systems allow it
        shutil.copytree(FROZEN_PROGRAM.parent, broken, symlinks=True, copy_function=os.link)
    except OSError:
        shutil.rmtree(broken, ignore_errors=True)
        shutil.copytree(FROZEN_PROGRAM.parent, broken, symlinks=True)
    (broken / "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so").unlink()
    status = smoke_test.main([str(broken / "convdesk")])
    out = capsys.readouterr().out
    assert status == 1
    assert "FAIL window opens alexnet-2012" in out
