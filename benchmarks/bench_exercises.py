"""Practice speed: drawing exercises, and checking one typed answer with its diagnosis.

Targets (issue 11): 1,000 exercises ≤ 1 s; checking an answer, diagnosis included, ≤ 16 ms.
Run: .venv/bin/python benchmarks/bench_exercises.py
"""

from __future__ import annotations

from timing import median_ms

from convdesk.engine.diagnosis import check_answer
from convdesk.engine.exercises import LEVELS, generate


def main() -> None:
    levels = sorted(LEVELS)
    ms = median_ms(lambda: generate(levels, 1000, 4711), runs=7)
    print(f"generate 1,000 exercises (all 16 levels): median {ms:.0f} ms (target ≤ 1000 ms)")
    table = generate(16, 1, 4711)[0]  # the biggest exercise: five boxes, four layers
    for label, text in (
        ("a right answer", f"{list(table.asks[0].answer)}"),
        ("a wrong answer with a diagnosis", "[8, 27, 27]"),
        ("a wrong answer with none", "[8, 1, 2]"),
        ("an unreadable answer", "fifty"),
    ):
        ms = median_ms(lambda text=text: check_answer(table, 0, text), runs=200)
        print(f"check {label}: median {ms:.3f} ms (target ≤ 16 ms)")
    hints = median_ms(lambda: table.hints(), runs=100)
    print(f"worked steps of the 4-layer exercise (all hints): median {hints:.3f} ms")


if __name__ == "__main__":
    main()
