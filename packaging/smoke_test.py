"""Smoke test of a frozen convdesk: run it as a user would, offscreen, and fail on anything missing.

    python packaging/smoke_test.py [PROGRAM] [--keep DIR]

PROGRAM is the frozen executable (default packaging/dist/convdesk/convdesk[.exe]) or an installed
`convdesk` command. The test runs it from an empty folder with a clean environment, so nothing
comes from the source tree, and checks that:
- every shared library of the build loads (Linux: ldd finds them all);
- the build holds every data file of the convdesk package (presets, help, icon) and the Qt plugins
  the window needs;
- `--version` prints the version in convdesk/__init__.py;
- `presets` lists every preset shipped in convdesk/presets/;
- `summary alexnet-2012 --format json` reports conv1 as the 2012 paper has it: 227×227×3 input,
  96 kernels 11×11×3 with stride 4 → 55×55×96, (11·11·3 + 1)·96 = 34,944 parameters;
- the window opens a preset, and a .convdesk file by path, and saves a screenshot that is not blank;
- no output mentions ModuleNotFoundError, "could not find or load", or a Python traceback.
Exits 0 when all pass, 1 otherwise, and prints one line per check.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from convdesk_version import read_version  # noqa: E402

FORBIDDEN = (
    "ModuleNotFoundError",
    "ImportError",
    "could not find or load",
    "Could not load the Qt platform plugin",
    "Could not find the Qt platform plugin",
    "no Qt platform plugin could be initialized",
    "Cannot load library",
    "Traceback (most recent call last)",
    "Failed to execute script",
)
TIMEOUT = 90  # seconds; a healthy run takes about one


def default_program() -> Path:
    name = "convdesk-cli.exe" if sys.platform == "win32" else "convdesk"
    return ROOT / "packaging" / "dist" / "convdesk" / name


def clean_env(home: Path) -> dict[str, str]:
    """The caller's environment without Python's search paths, with a throwaway home and config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


class Smoke:
    """Runs the checks against one program and counts what passes and what fails."""

    def __init__(self, program: Path, work: Path) -> None:
        self.program = program
        self.work = work
        self.env = clean_env(work)
        self.failures: list[str] = []
        self.passed = 0

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        print(f"ok   {name}" if ok else f"FAIL {name}: {detail}")
        if ok:
            self.passed += 1
        else:
            self.failures.append(name)
        return ok

    def run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.program), *args]
        try:
            result = subprocess.run(
                command,
                cwd=self.work,
                env=self.env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired as error:
            # A program stuck on a dialog or an event loop: a failure, with what it said so far.
            said = (error.stderr or b"").decode("utf-8", "replace")[-2000:]
            self.check(f"`{' '.join(args)}` ends within {TIMEOUT} s", False, said)
            return subprocess.CompletedProcess(command, -1, "", said)
        said = [word for word in FORBIDDEN if word in result.stdout + result.stderr]
        self.check(
            f"no missing module, library or traceback in `{' '.join(args)}`",
            not said,
            "; ".join(said) + ("\n" + result.stderr[-2000:] if said else ""),
        )
        return result

    def libraries(self) -> None:
        if not sys.platform.startswith("linux"):
            return
        import linked_libs

        folder = self.program.resolve().parent
        lost = linked_libs.unresolved(folder)
        self.check("every shared library resolves (ldd)", not lost, json.dumps(lost)[:2000])

    def contents(self) -> None:
        """The build holds every data file of the package and the Qt plugins the window needs."""
        internal = self.program.resolve().parent / "_internal"
        if not internal.is_dir():  # a macOS .app keeps them elsewhere; the runs below still check
            return
        source = ROOT / "convdesk"
        data = [
            path.relative_to(ROOT)
            for path in source.rglob("*")
            if path.is_file()
            and path.suffix not in {".py", ".pyc"}
            and "__pycache__" not in path.parts
        ]
        lost = [str(path) for path in data if not (internal / path).is_file()]
        self.check(f"the build holds the package's {len(data)} data files", not lost, str(lost))
        plugins = internal / "PySide6" / "Qt" / "plugins"
        if not plugins.is_dir():
            plugins = internal / "PySide6" / "plugins"  # the Windows wheel's layout
        wanted = ["platforms/*qoffscreen*", "iconengines/*qsvgicon*", "imageformats/*qsvg*"]
        if sys.platform.startswith("linux"):
            wanted += [
                "platforms/*qxcb*",
                "platforms/*qwayland*",
                "wayland-shell-integration/*xdg*",
            ]
        missing = [pattern for pattern in wanted if not list(plugins.glob(pattern))]
        self.check("the build holds the Qt plugins the window needs", not missing, str(missing))

    def version(self) -> None:
        result = self.run("--version")
        expected = f"convdesk {read_version()}"
        self.check("--version", result.stdout.strip() == expected, repr(result.stdout.strip()))

    def presets(self) -> None:
        result = self.run("presets")
        shipped = sorted(p.stem for p in (ROOT / "convdesk" / "presets").glob("*.convdesk"))
        listed = {line.split()[0] for line in result.stdout.splitlines() if line[:1].strip()}
        missing = [key for key in shipped if key not in listed]
        self.check(
            f"presets lists all {len(shipped)} shipped presets",
            result.returncode == 0 and bool(shipped) and not missing,
            f"exit {result.returncode}, missing {missing}",
        )

    def summary(self) -> None:
        result = self.run("summary", "alexnet-2012", "--format", "json")
        try:
            conv1 = json.loads(result.stdout)["layers"][0]
        except (ValueError, KeyError, IndexError) as error:
            self.check("summary alexnet-2012", False, f"{error}: {result.stderr[-500:]}")
            return
        self.check(
            "summary: AlexNet conv1 is 96×55×55 with 34,944 parameters (the 2012 paper)",
            result.returncode == 0
            and conv1["output_shape"] == [96, 55, 55]
            and conv1["params"] == 34944,
            f"exit {result.returncode}, {conv1.get('output_shape')}, {conv1.get('params')}",
        )

    def screenshot(self, target: str, label: str) -> float:
        """Open `target` in the window and save a screenshot; the seconds it took."""
        out = self.work / f"{label}.png"
        start = time.perf_counter()
        result = self.run(target, "--screenshot", str(out))
        seconds = time.perf_counter() - start
        ok = result.returncode == 0 and out.is_file()
        if self.check(f"window opens {label} and saves a screenshot", ok, result.stderr[-500:]):
            colours, share = picture_variety(out)
            self.check(
                f"screenshot of {label} is not blank",
                colours >= 16 and share < 0.95,
                f"{colours} colours, commonest covers {share:.0%}",
            )
        return seconds

    def open_file(self) -> None:
        """Open a network file by path, as a double-click does, from a folder with a space."""
        folder = self.work / "my networks"
        folder.mkdir()
        path = folder / "lenet copy.convdesk"
        shutil.copyfile(ROOT / "convdesk" / "presets" / "lenet-5.convdesk", path)
        self.screenshot(str(path), "a file by path")


def picture_variety(png: Path) -> tuple[int, float]:
    """How many colours a picture has (on a grid of samples), and the share of the commonest."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    if image.isNull():
        return 0, 1.0
    counts: dict[int, int] = {}
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    total = sum(counts.values())
    return len(counts), max(counts.values()) / total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke test of a frozen convdesk.")
    parser.add_argument("program", nargs="?", type=Path, default=default_program())
    parser.add_argument("--keep", type=Path, help="keep screenshots and files in this folder")
    args = parser.parse_args(argv)
    program = args.program if args.program.exists() else shutil.which(str(args.program))
    if program is None:
        print(f"FAIL no program at {args.program}: build it with packaging/build.sh")
        return 1
    with tempfile.TemporaryDirectory(prefix="convdesk-smoke-") as temp:
        work = args.keep or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        smoke = Smoke(Path(program).absolute(), work)
        smoke.libraries()
        smoke.contents()
        smoke.version()
        smoke.presets()
        smoke.summary()
        seconds = smoke.screenshot("alexnet-2012", "alexnet-2012")
        smoke.open_file()
        print(f"launch to saved screenshot: {seconds:.2f} s")
    if smoke.failures:
        print("failed: " + "; ".join(smoke.failures))
    # The closing line CI reads, as test runners print it.
    print(f"smoke: {smoke.passed} passed, {len(smoke.failures)} failed")
    return 1 if smoke.failures else 0


if __name__ == "__main__":
    sys.exit(main())
