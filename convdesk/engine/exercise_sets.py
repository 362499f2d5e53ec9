"""Exercise sets (`.convdesk-set` files) and a student's results (CSV).

A set file holds each exercise's network in the network format and what is asked about it, never
the answers: they are worked out again by `compute()` when the set is opened, so a set cannot
carry a wrong key. Files are read whole or refused with the JSON location of the first problem,
like network files; a newer version is refused, never half-read. Saving is atomic.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .exercises import LEVELS, QUANTITIES, Exercise, ExerciseError, generate, make_exercise
from .fileio import NetworkFileError, network_from_dict, network_to_dict, parse_json, read_text

FORMAT = "convdesk-set"
VERSION = 1
SUFFIX = ".convdesk-set"
TOP_KEYS = ("format", "version", "title", "made_from", "exercises")
EXERCISE_KEYS = ("level", "network", "ask")
ASK_KEYS = ("layer", "quantity")


class SetFileError(Exception):
    """A set file that cannot be read or written; str(error) is the message for a person."""

    def __init__(self, message: str, location: str = "", source: str = ""):
        self.message, self.location, self.source = message, location, source
        where = ", ".join(part for part in (source, f"at {location}" if location else "") if part)
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(slots=True)
class ExerciseSet:
    """A titled list of exercises; `made_from` records the levels, count and seed, if drawn."""

    title: str
    exercises: list[Exercise]
    made_from: dict[str, object] = field(default_factory=dict)


def drawn_set(levels: Sequence[int], count: int, seed: int, title: str = "") -> ExerciseSet:
    """A set drawn from levels, count and seed: what `convdesk exercises` prints."""
    exercises = generate(levels, count, seed)
    made = {"levels": list(levels), "count": count, "seed": seed}
    names = ", ".join(str(level) for level in levels)
    return ExerciseSet(
        title or f"Set {seed}, level{'s' if len(levels) > 1 else ''} {names}", exercises, made
    )


# --- writing -----------------------------------------------------------------------------------


def set_to_dict(exercise_set: ExerciseSet) -> dict[str, object]:
    data: dict[str, object] = {"format": FORMAT, "version": VERSION, "title": exercise_set.title}
    if exercise_set.made_from:
        data["made_from"] = dict(exercise_set.made_from)
    data["exercises"] = [
        {
            "level": ex.level,
            "network": network_to_dict(ex.network),
            "ask": [{"layer": a.layer, "quantity": a.quantity} for a in ex.asks],
        }
        for ex in exercise_set.exercises
    ]
    return data


def dumps_set(exercise_set: ExerciseSet) -> str:
    return json.dumps(set_to_dict(exercise_set), ensure_ascii=False, indent=1) + "\n"


def save_set(exercise_set: ExerciseSet, path: str | os.PathLike[str]) -> None:
    """Write a set file atomically. Raises SetFileError."""
    _write_atomic(Path(path), dumps_set(exercise_set))


# --- reading -----------------------------------------------------------------------------------


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def load_set(path: str | os.PathLike[str]) -> ExerciseSet:
    """Read a set file from disk. Raises SetFileError, never anything else."""
    source = os.fspath(path)
    text = read_text(path, "set file", lambda message: SetFileError(message, source=source))
    return loads_set(text, source)


def loads_set(text: str, source: str = "") -> ExerciseSet:
    """Parse the text of a set file, as strictly as a network file. Raises SetFileError,
    never anything else."""
    data = parse_json(text, "set file", lambda message, where: SetFileError(message, where, source))
    return set_from_dict(data, source)


def set_from_dict(data: object, source: str = "") -> ExerciseSet:
    """Check a decoded JSON value against the set format and build the set."""

    def fail(message: str, location: str = "") -> SetFileError:
        return SetFileError(message, location, source)

    if not isinstance(data, dict):
        raise fail(f"the file must hold a JSON object, but holds {_kind(data)}")
    if "format" not in data:
        raise fail(f'the key "format" is missing; a set file says "format": "{FORMAT}"')
    if data["format"] != FORMAT:
        hint = (
            " (this is a network file: open it with File → Open)"
            if data["format"] == ("convdesk-network")
            else ""
        )
        raise fail(f'expected "{FORMAT}", found {data["format"]!r}{hint}', "format")
    version = data.get("version")
    if "version" not in data:
        raise fail('the key "version" is missing')
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail(f"expected a whole number of at least 1, found {version!r}", "version")
    if version > VERSION:
        raise fail(
            f"this set is version {version}, written by a newer convdesk; this convdesk reads "
            f"version {VERSION} sets. Please update convdesk to open it.",
            "version",
        )
    for key in data:
        if key not in TOP_KEYS:
            raise fail(f"unknown key {key!r}; a set file has " + ", ".join(TOP_KEYS), key)
    title = data.get("title", "Exercises")
    if not isinstance(title, str):
        raise fail(f"expected text, found {_kind(title)}", "title")
    made = data.get("made_from", {})
    if not isinstance(made, dict):
        raise fail(f"expected an object, found {_kind(made)}", "made_from")
    raw = data.get("exercises")
    if not isinstance(raw, list) or not raw:
        raise fail(f"expected a list of at least one exercise, found {_kind(raw)}", "exercises")
    return ExerciseSet(title, [_read_exercise(item, i, fail) for i, item in enumerate(raw)], made)


def _read_exercise(item: object, i: int, fail: Callable[..., SetFileError]) -> Exercise:
    where = f"exercises[{i}]"
    if not isinstance(item, dict):
        raise fail(f"expected an exercise object, found {_kind(item)}", where)
    for key in item:
        if key not in EXERCISE_KEYS:
            raise fail(
                f"unknown key {key!r}; an exercise has level, network and ask", f"{where}.{key}"
            )
    level = item.get("level", 0)
    if not isinstance(level, int) or isinstance(level, bool) or not (level == 0 or level in LEVELS):
        raise fail(
            f"expected a level from 1 to {len(LEVELS)} (or 0), found {level!r}", f"{where}.level"
        )
    if "network" not in item:
        raise fail('the key "network" is missing', where)
    try:
        network = network_from_dict(item["network"])
    except NetworkFileError as exc:
        inner = f".{exc.location}" if exc.location else ""
        raise fail(exc.message, f"{where}.network{inner}") from None
    asks = item.get("ask")
    if not isinstance(asks, list) or not asks:
        raise fail(f"expected a list of at least one question, found {_kind(asks)}", f"{where}.ask")
    pairs = []
    for j, ask in enumerate(asks):
        at = f"{where}.ask[{j}]"
        if not isinstance(ask, dict):
            raise fail(f"expected an object with layer and quantity, found {_kind(ask)}", at)
        for key in ask:
            if key not in ASK_KEYS:
                raise fail(f"unknown key {key!r}; a question has layer and quantity", f"{at}.{key}")
        layer, quantity = ask.get("layer"), ask.get("quantity")
        if not isinstance(layer, str) or layer not in network.names():
            names = ", ".join(sorted(network.names()))
            raise fail(
                f"expected the name of one of the network's layers ({names}), found {layer!r}",
                f"{at}.layer",
            )
        if quantity not in QUANTITIES:
            raise fail(
                f"expected one of {', '.join(QUANTITIES)}, found {quantity!r}", f"{at}.quantity"
            )
        pairs.append((layer, quantity))
    try:
        return make_exercise(network, pairs, level)
    except ExerciseError as exc:
        raise fail(str(exc), f"{where}.ask") from None


# --- results -----------------------------------------------------------------------------------

RESULT_COLUMNS = (
    "exercise",
    "level",
    "question",
    "answer_given",
    "result",
    "hints_used",
    "seconds",
)


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One answer box of one exercise, as the student left it."""

    exercise: int  # 1-based
    level: int
    question: str
    answer_given: str
    result: str  # "right", "wrong", "shown" (the answer was revealed) or "unanswered"
    hints_used: int
    seconds: float


def _cell(text: str) -> str:
    # A typed answer must not become a formula when the CSV is opened in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") else text


def results_csv(rows: Sequence[ResultRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RESULT_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.exercise,
                r.level,
                _cell(r.question),
                _cell(r.answer_given),
                r.result,
                r.hints_used,
                f"{r.seconds:.1f}",
            ]
        )
    return out.getvalue()


def save_results(rows: Sequence[ResultRow], path: str | os.PathLike[str]) -> None:
    """Write the results CSV atomically. Raises SetFileError."""
    _write_atomic(Path(path), results_csv(rows))


def _write_atomic(target: Path, text: str) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise SetFileError(f"cannot save here: {exc.strerror}", source=str(target)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise SetFileError(f"cannot save: {exc.strerror}", source=str(target)) from None
