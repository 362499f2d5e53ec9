"""`convdesk exercises`: print a seeded exercise set as JSON or as a Markdown worksheet.

Imports only the engine (no Qt), like `convdesk summary`.
"""

from __future__ import annotations

import argparse
import json
import sys

from .engine.exercise_sets import ExerciseSet, SetFileError, drawn_set, save_set
from .engine.exercises import LEVELS, Exercise, ExerciseError, format_answer, parse_level
from .engine.fileio import network_to_dict


def _parser() -> argparse.ArgumentParser:
    levels = "; ".join(f"{lv.number} {lv.key}" for lv in LEVELS.values())
    parser = argparse.ArgumentParser(
        prog="convdesk exercises",
        description="Print practice exercises drawn from a seed: the same seed, levels and count "
        "give the same exercises on every machine.",
        epilog=f"Levels: {levels}.",
    )
    parser.add_argument(
        "--level",
        default="1",
        metavar="L",
        help="a level number or key, a list (1,3,same) or a range (1-16); default: 1",
    )
    parser.add_argument("--count", type=int, default=10, metavar="N", help="default: 10")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="default: 1")
    parser.add_argument("--format", choices=("json", "markdown"), default="json")
    parser.add_argument("--title", help="the set's title (default: 'Set S, level L')")
    parser.add_argument(
        "--save", metavar="FILE.convdesk-set", help="also save the set for the practice window"
    )
    return parser


def parse_levels(text: str) -> list[int]:
    """'3', 'padding', '1,3,same' or '1-16' as level numbers. Raises ExerciseError."""
    levels: list[int] = []
    for part in text.split(","):
        low, dash, high = part.strip().partition("-")
        if dash and low.strip().isdigit() and high.strip().isdigit():
            first, last = parse_level(low), parse_level(high)
            if first > last:
                raise ExerciseError(f"the range {part.strip()!r} runs backwards")
            levels += range(first, last + 1)
        else:
            levels.append(parse_level(part))
    return levels


def exercise_to_dict(number: int, ex: Exercise) -> dict:
    return {
        "number": number,
        "level": ex.level,
        "question": ex.prompt,
        "network": network_to_dict(ex.network),
        "asks": [
            {
                "layer": a.layer,
                "quantity": a.quantity,
                "label": a.label(ex.network),
                "answer": list(a.answer) if isinstance(a.answer, tuple) else a.answer,
            }
            for a in ex.asks
        ],
    }


def to_json(exercise_set: ExerciseSet) -> str:
    data = {
        "format": "convdesk-exercises",
        "version": 1,
        "title": exercise_set.title,
        "made_from": exercise_set.made_from,
        "exercises": [exercise_to_dict(i, ex) for i, ex in enumerate(exercise_set.exercises, 1)],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_markdown(exercise_set: ExerciseSet) -> str:
    """A printable worksheet: the questions with space to answer, then the answer key."""
    made = exercise_set.made_from
    lines = [f"# {exercise_set.title}", ""]
    if made:
        count = len(exercise_set.exercises)
        lines += [
            f"Seed {made.get('seed')}, {count} exercise{'s' if count != 1 else ''}. Shapes are "
            "written channels first, as PyTorch does: [C, H, W].",
            "",
        ]
    for i, ex in enumerate(exercise_set.exercises, 1):
        title = LEVELS[ex.level].title if ex.level in LEVELS else "Picked layer"
        lines += [f"## {i}. {title}", ""]
        lines += [f"{line}  " for line in ex.prompt.splitlines()]
        lines.append("")
        lines += [f"- {a.label(ex.network)}: ____________" for a in ex.asks]
        lines.append("")
    lines += ["---", "", "## Answer key", ""]
    for i, ex in enumerate(exercise_set.exercises, 1):
        answers = "; ".join(f"{a.label(ex.network)} = {format_answer(a)}" for a in ex.asks)
        lines.append(f"{i}. {answers}")
    return "\n".join(lines) + "\n"


def exercises(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not 1 <= args.count <= 10_000:
        parser.error(f"--count must be from 1 to 10000, not {args.count}")
    try:
        levels = parse_levels(args.level)
    except ExerciseError as exc:
        parser.error(str(exc))
    exercise_set = drawn_set(levels, args.count, args.seed, args.title or "")
    if args.save:
        try:
            save_set(exercise_set, args.save)
        except SetFileError as exc:
            print(f"convdesk exercises: {exc}", file=sys.stderr)
            return 2
    sys.stdout.write(to_json(exercise_set) if args.format == "json" else to_markdown(exercise_set))
    sys.stdout.flush()
    return 0
