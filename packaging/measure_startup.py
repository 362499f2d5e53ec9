"""Time from launch to a saved screenshot: the frozen build against the source install.

    python packaging/measure_startup.py [--runs 5] [--frozen PROGRAM] [--source PROGRAM]

Runs `PROGRAM alexnet-2012 --screenshot OUT.png` offscreen, alternating the two programs after one
warm-up run each, and prints the median and spread of each, their ratio (target: frozen at most
1.1 × source), and the size of the one-folder build and of the .deb.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from smoke_test import clean_env, default_program  # noqa: E402


def one_run(program: list[str], work: Path, env: dict[str, str]) -> float:
    out = work / "shot.png"
    out.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run(
        [*program, "alexnet-2012", "--screenshot", str(out)],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - start
    if not out.is_file():
        raise SystemExit(f"{program} saved no screenshot")
    return seconds


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frozen", type=Path, default=default_program())
    parser.add_argument(
        "--source",
        default=str(Path(sys.executable).with_name("convdesk")),
        help="the source install's console script (default: beside this Python)",
    )
    args = parser.parse_args(argv)
    programs = {"frozen": [str(args.frozen)], "source": [args.source]}
    times: dict[str, list[float]] = {name: [] for name in programs}
    with tempfile.TemporaryDirectory(prefix="convdesk-startup-") as temp:
        work = Path(temp)
        # The same clean environment for both: the console script's shebang names its venv.
        env = clean_env(work)
        for program in programs.values():
            one_run(program, work, env)  # warm the disk cache
        for _ in range(args.runs):
            for name, program in programs.items():
                times[name].append(one_run(program, work, env))
    for name, values in times.items():
        print(
            f"{name}: median {statistics.median(values):.3f} s "
            f"(min {min(values):.3f}, max {max(values):.3f}, {len(values)} runs)"
        )
    ratio = statistics.median(times["frozen"]) / statistics.median(times["source"])
    print(f"frozen / source: {ratio:.2f} (target ≤ 1.10)")
    folder = args.frozen.resolve().parent
    print(f"one-folder build: {folder_size(folder) / 2**20:.1f} MiB in {folder}")
    for deb in sorted((ROOT / "packaging" / "dist").glob("convdesk_*.deb")):
        print(f".deb: {deb.stat().st_size / 2**20:.1f} MiB ({deb.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
