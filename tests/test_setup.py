"""Setting up a bare machine: the README's two commands, the one list of system packages, the
check made before Qt loads, and the Windows version resource made from the one version."""

import os
import shutil
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import PySide6
import pytest
import windows_version  # packaging/, on the tests' path (pyproject.toml)

import convdesk
from convdesk import startup

ROOT = Path(__file__).resolve().parent.parent
QT_DIR = Path(PySide6.__file__).parent / "Qt"

# A list like system-deps.txt in which one library can never be found.
FAKE_DEPS = """\
[window]
libc6                libc.so.6
libconvdesk-gone0    libconvdesk-gone.so.0 libc.so.6
[tests]
coreutils            true
convdesk-tools       convdesk-no-such-command
"""


@pytest.fixture
def fake_deps(tmp_path, monkeypatch):
    path = tmp_path / "system-deps.txt"
    path.write_text(FAKE_DEPS, encoding="utf-8")
    monkeypatch.setattr(startup, "SYSTEM_DEPS", path)
    return path


def readme_command(number: int) -> str:
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "readme-command.sh"), str(number)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


# --- the README's two commands --------------------------------------------------------------------


def test_readme_start_has_exactly_two_one_line_commands_that_set_up_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.split("## Start", 1)[1].split("\n## ", 1)[0]
    assert start.count("```sh") == 2
    first, second = readme_command(1), readme_command(2)
    assert first == "bash scripts/setup.sh && .venv/bin/convdesk"
    assert second.startswith("bash scripts/setup.sh test && ")
    assert second.endswith(".venv/bin/python -m pytest")
    assert f"```sh\n{first}\n```" in start and f"```sh\n{second}\n```" in start
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "readme-command.sh"), "3"], capture_output=True, text=True
    )
    assert result.returncode == 1 and "no one-line command 3" in result.stderr


def test_ci_and_the_fresh_machine_check_run_what_the_readme_says():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'test_command=$(bash scripts/readme-command.sh 2)\necho "+ $test_command"\n' in ci
    assert 'bash -c "$test_command"' in ci
    check = (ROOT / "scripts" / "fresh-machine-check.sh").read_text(encoding="utf-8")
    assert 'first=$(bash "$here/scripts/readme-command.sh" 1)' in check
    assert 'second=$(bash "$here/scripts/readme-command.sh" 2)' in check
    assert 'as_learner "$first"' in check and 'as_learner "$second"' in check


@pytest.mark.skipif(shutil.which("bash") is None, reason="not installed: bash")
def test_setup_script_is_valid_bash_and_reads_the_one_list():
    for script in ("setup.sh", "readme-command.sh", "fresh-machine-check.sh"):
        subprocess.run(["bash", "-n", str(ROOT / "scripts" / script)], check=True)
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert '-m convdesk.startup missing "$section"' in setup
    # The editable install is compiled, so no launch compiles convdesk (benchmarks/bench_window).
    assert "-m compileall -q convdesk" in setup


# --- the one list --------------------------------------------------------------------------------


def test_the_list_has_the_libraries_the_issue_found_missing_and_no_duplicates():
    window = startup.requirements("window")
    packages = [req.package for req in window]
    assert len(packages) == len(set(packages))
    sonames = {item for req in window for item in req.provides}
    for soname in (
        "libglib-2.0.so.0",
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
        "libxcb-shape.so.0",
    ):
        assert soname in sonames
    tools = {item for req in startup.requirements("tests") for item in req.provides}
    assert {"objdump", "dpkg-deb", "desktop-file-validate", "update-mime-database"} <= tools


def _needed(path: Path) -> set[str]:
    dump = subprocess.run(
        ["objdump", "-p", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's Linux libraries")
@pytest.mark.skipif(
    shutil.which("objdump") is None,
    reason="not installed: objdump (package binutils); `bash scripts/setup.sh test` installs it",
)
def test_the_window_list_covers_every_system_library_qt_s_libraries_and_plugins_link():
    libs = ("Core", "Gui", "Widgets", "DBus", "OpenGL", "OpenGLWidgets", "Svg", "XcbQpa")
    files = [QT_DIR / "lib" / f"libQt6{name}.so.6" for name in (*libs, "WaylandClient")]
    # The platform plugins and those the frozen build keeps with them (packaging/freeze_rules.py).
    plugins = QT_DIR / "plugins"
    files += [plugins / "platforms" / f"libq{name}.so" for name in ("xcb", "offscreen", "wayland")]
    files += sorted((plugins / "xcbglintegrations").glob("*.so"))
    files += [
        plugins / "wayland-graphics-integration-client" / "libqt-plugin-wayland-egl.so",
        plugins / "wayland-shell-integration" / "libxdg-shell.so",
    ]
    files += sorted((plugins / "wayland-decoration-client").glob("*.so"))
    needed = set().union(*(_needed(path) for path in files))
    bundled = {path.name for path in (QT_DIR / "lib").iterdir()}
    # Every Debian system has these: glibc, the C++ runtime and the compression apt itself needs.
    base = {"libc.so.6", "libm.so.6", "ld-linux-x86-64.so.2", "libstdc++.so.6", "libgcc_s.so.1"}
    base |= {"libz.so.1", "libzstd.so.1", "libdl.so.2", "libpthread.so.0", "librt.so.1"}
    listed = {item for req in startup.requirements("window") for item in req.provides}
    assert needed - bundled - base - listed == set()
    assert "libxcb-cursor.so.0" in needed  # the files above are the real plugins


# --- the check before Qt loads -------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux loads Qt's libraries")
def test_missing_names_the_library_its_package_and_the_install_command(fake_deps):
    lacking = startup.missing("window")
    assert [(req.package, items) for req, items in lacking] == [
        ("libconvdesk-gone0", ["libconvdesk-gone.so.0"])
    ]
    message = startup.qt_problem()
    assert message.startswith("convdesk cannot start: Qt needs system libraries")
    assert "  libconvdesk-gone.so.0 (package libconvdesk-gone0)" in message
    if shutil.which("apt-get"):
        assert message.splitlines()[-1].endswith("apt-get install libconvdesk-gone0")
    assert [req.package for req, _ in startup.missing("tests")] == ["convdesk-tools"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux loads Qt's libraries")
def test_missing_command_prints_the_packages_setup_installs(fake_deps, capsys):
    assert startup.main(["missing", "window"]) == 0
    assert capsys.readouterr().out == "libconvdesk-gone0\n"
    assert startup.main(["missing", "everything"]) == 2


def test_the_real_list_reads_and_this_machine_has_every_library():
    # The test suite got here, so the conftest check passed: nothing is missing.
    assert startup.requirements("window")
    assert startup.qt_problem() is None


def test_an_unknown_section_is_an_error(fake_deps):
    with pytest.raises(ValueError, match=r"\[fonts\]"):
        startup.requirements("fonts")


def test_an_import_error_for_a_listed_library_names_its_package():
    error = ImportError("libxcb-cursor.so.0: cannot open shared object file: No such file")
    message = startup.import_error_message(error)
    assert "libxcb-cursor.so.0 (package libxcb-cursor0)" in message
    other = startup.import_error_message(ImportError("libfoo.so.3: cannot open shared object"))
    assert other.startswith("convdesk cannot load Qt: libfoo.so.3")


def _run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux loads Qt's libraries")
def test_the_window_command_stops_before_qt_with_the_install_command(fake_deps, tmp_path):
    result = _run_python(
        f"""
        import sys
        from pathlib import Path
        from convdesk import cli, startup
        startup.SYSTEM_DEPS = Path({str(fake_deps)!r})
        status = cli.main(["alexnet-2012", "--screenshot", "out.png"])
        print("PySide6 loaded" if "PySide6" in sys.modules else "Qt not loaded")
        sys.exit(status)
        """,
        tmp_path,
    )
    assert result.returncode == 1
    assert result.stdout.strip() == "Qt not loaded"
    assert "libconvdesk-gone.so.0 (package libconvdesk-gone0)" in result.stderr
    assert "unexpected error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.png").exists()


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Windows and macOS have a screen")
def test_without_a_display_the_message_comes_before_qt_loads(tmp_path):
    code = """
        import os, sys
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            os.environ.pop(name, None)
        from convdesk import cli
        status = cli.main([])
        print("PySide6 loaded" if "PySide6" in sys.modules else "Qt not loaded")
        sys.exit(status)
        """
    result = _run_python(code, tmp_path)
    assert result.returncode == 1
    assert result.stdout.strip() == "Qt not loaded"
    assert result.stderr.strip() == startup.NO_DISPLAY


def test_a_qt_that_fails_to_import_gets_a_message_not_unexpected_error(tmp_path):
    result = _run_python(
        """
        import sys
        from convdesk import cli
        sys.modules["convdesk.app.launch"] = None  # importing it now raises ImportError
        sys.exit(cli.main(["alexnet-2012", "--screenshot", "out.png"]))
        """,
        tmp_path,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("convdesk cannot load Qt: ")
    assert "unexpected error" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux loads Qt's libraries")
def test_the_test_suite_stops_with_the_same_message_instead_of_an_internal_error(
    fake_deps, tmp_path
):
    # A plugin loaded before the conftest points the check at the list with a missing library.
    (tmp_path / "fake_deps_plugin.py").write_text(
        "from pathlib import Path\nfrom convdesk import startup\n"
        f"startup.SYSTEM_DEPS = Path({str(fake_deps)!r})\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "fake_deps_plugin", "-q", "tests/test_presets.py"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "the test suite cannot start: Qt needs system libraries" in output
    assert "libconvdesk-gone.so.0 (package libconvdesk-gone0)" in output
    assert "INTERNALERROR" not in output and "passed" not in output


# --- the Windows version resource ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("2.10", (2, 10, 0, 0)),
        ("1.2.3rc1", (1, 2, 3, 0)),
        ("4.5.6.7.8", (4, 5, 6, 7)),
        ("1.0+local", (1, 0, 0, 0)),
    ],
)
def test_windows_version_numbers(version, numbers):
    assert windows_version.version_tuple(version) == numbers


@pytest.mark.parametrize("version", ["dev", "", "70000.1"])
def test_windows_version_refuses_what_windows_cannot_hold(version):
    with pytest.raises(ValueError):
        windows_version.version_tuple(version)


def test_windows_version_file_is_read_by_pyinstaller_with_the_package_version(
    tmp_path, monkeypatch
):
    pytest.importorskip("PyInstaller")
    # Reading the text works anywhere; only writing into an .exe needs pefile and win32api.
    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    import PyInstaller.compat

    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    from PyInstaller.utils.win32 import versioninfo

    path = windows_version.write_version_file(tmp_path / "v.txt", "convdesk-cli")
    info = versioninfo.load_version_info_from_text_file(str(path))
    major, minor, patch, build = windows_version.version_tuple(convdesk.__version__)
    assert info.ffi.fileVersionMS == info.ffi.productVersionMS == (major << 16) | minor
    assert info.ffi.fileVersionLS == info.ffi.productVersionLS == (patch << 16) | build
    (table,) = info.kids[0].kids
    strings = {item.name: item.val for item in table.kids}
    assert strings["ProductVersion"] == strings["FileVersion"] == convdesk.__version__
    assert strings["OriginalFilename"] == "convdesk-cli.exe"
    spec = (ROOT / "packaging" / "convdesk.spec").read_text(encoding="utf-8")
    assert 'version=str(write_version_file(Path(workpath) / f"{name}-version.txt", name))' in spec
