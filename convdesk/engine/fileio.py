"""Reading and writing network files (the spec's `convdesk-network` JSON format).

Every way a file can be wrong becomes a NetworkFileError whose message gives the JSON location, the
key and what was expected; a file is read whole or not at all. Saving is atomic.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from .layertypes import LAYER_TYPES
from .network import INPUT, Layer, Network
from .values import has_surrogate, name_problem, text_problem, too_big

FORMAT = "convdesk-network"
VERSION = 1
TOP_KEYS = ("format", "version", "name", "description", "input", "layers", "ui")
LAYER_KEYS = ("type", "name", "inputs")


class NetworkFileError(Exception):
    """A network file that cannot be read; str(error) is the message to show a person."""

    def __init__(self, message: str, location: str = "", source: str = ""):
        self.message = message
        self.location = location
        self.source = source
        where = ", ".join(part for part in (source, f"at {location}" if location else "") if part)
        super().__init__(f"{where}: {message}" if where else message)


def _nearest(word: str, options: tuple[str, ...] | list[str]) -> str:
    import difflib  # only for a misspelt word: not loaded with every start of the window

    # Compare without case, so that "Relu" finds "ReLU".
    lowered = {option.lower(): option for option in options}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f"; did you mean {lowered[match[0]]!r}?" if match else ""


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest network file convdesk opens (a 200,000-layer network is about 20 MB)."""
MAX_LAYERS = 200_000
"""The most layers a network file may hold."""
MAX_DEPTH = 64
"""The deepest nesting of lists and objects a file may hold (real files nest 4 levels)."""


class _Refused:
    """A value the JSON parser met but convdesk refuses; reported with its location afterwards."""

    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message


_Chain: TypeAlias = tuple["_Chain | None", str | int]  # where a value sits: (parent, key)
_Fail = Callable[..., "NetworkFileError"]  # makes the error naming the file, and a place in it


class _Duplicated(dict[str, object]):
    """A JSON object in which a key appears twice (JSON keeps the last one silently)."""

    key = ""


def _int(digits: str) -> int | _Refused:
    # Our own int parser: Python's own refuses more than 4,300 digits with a bare ValueError.
    if len(digits) <= 20 and not too_big(int(digits)):
        return int(digits)
    shown = digits if len(digits) <= 24 else f"{digits[:12]}…({len(digits)} digits)"
    return _Refused(f"the number {shown} is {too_big(2**64)}")


def _float(text: str) -> float | _Refused:
    value = float(text)
    if math.isfinite(value):
        return value
    shown = text if len(text) <= 24 else text[:21] + "..."
    return _Refused(f"the number {shown} is too large: it overflows to infinity")


def _constant(name: str) -> _Refused:
    return _Refused(f"{name} is not a number convdesk accepts (use a finite number)")


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    data = dict(pairs)
    if len(data) == len(pairs):
        return data
    seen: set[str] = set()
    odd = _Duplicated(data)
    odd.key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return odd


def _key_text(key: str) -> str:
    """A key as a location shows it: as written, or quoted with escapes if it has odd characters."""
    return key if key.isprintable() and key.strip() == key and key else repr(key)


def _where(chain: _Chain | None) -> str:
    parts: list[str] = []
    while chain is not None:
        chain, key = chain
        parts.append(f"[{key}]" if isinstance(key, int) else f".{_key_text(key)}")
    return "".join(reversed(parts)).lstrip(".")


def _check_values(data: object) -> tuple[str, str] | None:
    """The first value the file may not hold, as (message, location); None if there is none.

    One pass over everything parsed, without recursion: refused numbers, duplicate keys, text that
    could not be saved again (lone surrogates) and nesting deeper than MAX_DEPTH.
    """
    stack: list[tuple[object, _Chain | None, int]] = [(data, None, 0)]
    while stack:
        value, chain, depth = stack.pop()
        if isinstance(value, _Refused):
            return value.message, _where(chain)
        if isinstance(value, str):
            if has_surrogate(value):
                return "this text holds an unpaired surrogate (half of a character)", _where(chain)
            continue
        if not isinstance(value, dict | list):
            continue
        if depth >= MAX_DEPTH:
            return f"nested more than {MAX_DEPTH} levels deep", _where(chain)
        if isinstance(value, _Duplicated):
            return (
                f"the key {value.key!r} appears twice in this object; a reader would silently "
                "keep only the last one, so remove one of them",
                _where((chain, value.key)),
            )
        if isinstance(value, list):
            items = [(v, (chain, i), depth + 1) for i, v in enumerate(value)]
        else:
            for key in value:
                if has_surrogate(key):
                    return "this key holds an unpaired surrogate (half of a character)", _where(
                        chain
                    )
            items = [(v, (chain, k), depth + 1) for k, v in value.items()]
        stack.extend(reversed(items))
    return None


def parse_json(text: str, kind: str, fail: Callable[[str, str], Exception]) -> object:
    """Parse JSON text strictly, as every convdesk file is read: no NaN or Infinity, no number
    beyond what convdesk supports, no duplicate key, no lone surrogate, no deep nesting.

    Problems are raised as `fail(message, location)`, never as anything else.
    """
    if len(text) > MAX_FILE_BYTES:
        raise fail(_too_large(len(text), kind), "")
    try:
        data = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise fail(f"not valid JSON: {exc.msg} ({where})", "") from None
    except RecursionError:
        raise fail("not valid JSON: nested too deeply", "") from None
    problem = _check_values(data)
    if problem:
        raise fail(*problem)
    return data


def loads_network(text: str, source: str = "") -> Network:
    """Parse the text of a network file. Raises NetworkFileError, never anything else."""
    data = parse_json(
        text, "network file", lambda message, where: NetworkFileError(message, where, source)
    )
    return network_from_dict(data, source)


def _too_large(size: int, kind: str) -> str:
    return (
        f"the file is {size / 2**20:.1f} MB; convdesk opens {kind}s of up to "
        f"{MAX_FILE_BYTES // 2**20} MB"
    )


def read_text(path: str | os.PathLike[str], kind: str, fail: Callable[[str], Exception]) -> str:
    """The UTF-8 text of a file of at most MAX_FILE_BYTES; `kind` names it in messages
    ("network file"). Problems are raised as `fail(message)`, never as anything else."""
    try:
        # Checked before opening: opening a pipe would wait for a writer, /dev/zero never ends.
        if not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            raise fail("this is not a regular file")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                raise fail(_too_large(os.fstat(handle.fileno()).st_size, kind))
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail(f"this is a folder, not a {kind}") from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text (byte {exc.start}): is this a {kind}?") from None


def load_network(path: str | os.PathLike[str]) -> Network:
    """Read a network file from disk."""
    source = os.fspath(path)
    text = read_text(path, "network file", lambda message: NetworkFileError(message, source=source))
    return loads_network(text, source)


def network_from_dict(data: object, source: str = "") -> Network:
    """Check a decoded JSON value against the format and build a Network."""

    def fail(message: str, location: str = "") -> NetworkFileError:
        return NetworkFileError(message, location, source)

    if not isinstance(data, dict):
        raise fail(f"the file must hold a JSON object, but holds {_kind(data)}")
    if data.get("format") != FORMAT:
        if "format" not in data:
            raise fail(f'the key "format" is missing; a network file says "format": "{FORMAT}"')
        raise fail(f'expected "{FORMAT}", found {data["format"]!r}', "format")
    version = data.get("version")
    if "version" not in data:
        raise fail('the key "version" is missing')
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail(f"expected a whole number of at least 1, found {version!r}", "version")
    if version > VERSION:
        raise fail(
            f"this file is version {version}, written by a newer convdesk; this convdesk reads "
            f"version {VERSION} files. Please update convdesk to open it.",
            "version",
        )
    for key in data:
        if key not in TOP_KEYS:
            raise fail(f"unknown key {key!r}{_nearest(key, TOP_KEYS)}", key)
    name = data.get("name", "Untitled network")
    if not isinstance(name, str):
        raise fail(f"expected text, found {_kind(name)}", "name")
    problem = name_problem(name)
    if problem:
        raise fail(f"this name cannot be used: {problem}", "name")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise fail(f"expected text, found {_kind(description)}", "description")
    problem = text_problem(description, allow_lines=True)
    if problem:
        raise fail(f"this text cannot be used: {problem}", "description")
    ui = data.get("ui", {})
    if not isinstance(ui, dict):
        raise fail(f"expected an object, found {_kind(ui)}", "ui")
    shape = _read_input(data, fail)
    if "layers" not in data:
        raise fail('the key "layers" is missing (a list of layers, which may be empty)')
    raw_layers = data["layers"]
    if not isinstance(raw_layers, list):
        raise fail(f"expected a list of layers, found {_kind(raw_layers)}", "layers")
    if len(raw_layers) > MAX_LAYERS:
        raise fail(
            f"the file has {len(raw_layers):,} layers; convdesk opens networks of up to "
            f"{MAX_LAYERS:,} layers",
            "layers",
        )
    layers = _read_layers(raw_layers, fail)
    return Network(shape, layers, name, description, ui)


def _read_input(data: dict[str, object], fail: _Fail) -> list[int]:
    if "input" not in data:
        raise fail('the key "input" is missing; it is the shape of one sample, e.g. [3, 227, 227]')
    shape = data["input"]
    if not isinstance(shape, list) or not 1 <= len(shape) <= 4:
        raise fail(
            "expected a list of 1 to 4 whole numbers: [N], [C, L], [C, H, W] or [C, D, H, W]",
            "input",
        )
    for i, value in enumerate(shape):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise fail(f"expected a whole number of at least 1, found {value!r}", f"input[{i}]")
    return list(shape)


def _read_layers(raw_layers: list[object], fail: _Fail) -> list[Layer]:
    explicit = {
        item["name"]
        for item in raw_layers
        if isinstance(item, dict) and isinstance(item.get("name"), str)
    }
    seen: set[str] = set()
    next_number: dict[str, int] = {}  # per type: every generated name below it is taken
    layers = []
    for i, item in enumerate(raw_layers):
        where = f"layers[{i}]"
        if not isinstance(item, dict):
            raise fail(f"expected a layer object, found {_kind(item)}", where)
        type_name = item.get("type")
        if not isinstance(type_name, str):
            raise fail('the key "type" is missing or not text', where)
        ltype = LAYER_TYPES.get(type_name)
        if ltype is None:
            raise fail(
                f"unknown layer type {type_name!r}{_nearest(type_name, list(LAYER_TYPES))}",
                f"{where}.type",
            )
        if "name" in item:
            name = item["name"]
            if not isinstance(name, str) or not name.strip():
                raise fail(f"expected a non-empty text, found {name!r}", f"{where}.name")
            problem = name_problem(name)
            if problem:
                raise fail(f"this name cannot be used: {problem}", f"{where}.name")
            if name == INPUT:
                raise fail(f"{INPUT!r} is reserved for the network's input", f"{where}.name")
            if name in seen:
                raise fail(
                    f"the name {name!r} is used twice; names must be unique", f"{where}.name"
                )
        else:
            base = type_name.lower()
            number = next_number.get(base, 1)
            while f"{base}_{number}" in explicit or f"{base}_{number}" in seen:
                number += 1
            next_number[base] = number + 1
            name = f"{base}_{number}"
        seen.add(name)
        where = f"{where} ({name})"
        inputs = item.get("inputs")
        if inputs is not None and (
            not isinstance(inputs, list)
            or not inputs
            or not all(isinstance(v, str) for v in inputs)
        ):
            raise fail(
                'expected a list of earlier layer names (or "input"), found ' + repr(inputs),
                f"{where}.inputs",
            )
        config = {}
        for key, value in item.items():
            if key in LAYER_KEYS:
                continue
            if ltype.key(key) is None:
                known = ltype.key_names + LAYER_KEYS
                hint = _nearest(key, known) or (
                    f"; {type_name} takes " + ", ".join(ltype.key_names)
                    if ltype.keys
                    else f"; {type_name} takes no keys of its own"
                )
                raise fail(f"{type_name} has no key {key!r}{hint}", f"{where}.{_key_text(key)}")
            config[key] = value
        for spec in ltype.keys:
            if spec.required and spec.name not in config:
                raise fail(f"{type_name} needs the key {spec.name!r} ({spec.help})", where)
        layers.append(Layer(type_name, name, config, list(inputs) if inputs is not None else None))
    return layers


def network_to_dict(network: Network) -> dict[str, object]:
    """The JSON object of a network file, keys in the spec's order."""
    data: dict[str, object] = {"format": FORMAT, "version": VERSION, "name": network.name}
    if network.description:
        data["description"] = network.description
    data["input"] = list(network.input)
    layers: list[dict[str, object]] = []
    for layer in network.layers:
        item: dict[str, object] = {"name": layer.name, "type": layer.type}
        if layer.inputs is not None:
            item["inputs"] = list(layer.inputs)
        item.update(layer.config)
        layers.append(item)
    data["layers"] = layers
    if network.ui:
        data["ui"] = network.ui
    return data


def dumps_network(network: Network) -> str:
    """The text of a network file: one layer a line, so that files read well and diff well."""
    data = network_to_dict(network)
    layers = data.pop("layers")
    assert isinstance(layers, list)
    ui = data.pop("ui", None)
    lines = ["{"]
    for key, value in data.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    if layers:
        lines.append('  "layers": [')
        body = [f"    {json.dumps(item, ensure_ascii=False)}" for item in layers]
        lines.append(",\n".join(body))
        lines.append("  ]" + ("," if ui is not None else ""))
    else:
        lines.append('  "layers": []' + ("," if ui is not None else ""))
    if ui is not None:
        lines.append(f'  "ui": {json.dumps(ui, ensure_ascii=False)}')
    lines.append("}")
    return "\n".join(lines) + "\n"


class ReadOnlyFileError(NetworkFileError):
    """The file to save over is read-only; save again with replace_read_only=True to replace it."""


_TEMP_SUFFIX = ".convdesk-save"
_TEMP_NAME = re.compile(r"^\..*\.(\d+)\.[^.]+" + re.escape(_TEMP_SUFFIX) + "$")
# What killed saves of earlier convdesk versions left: no process id, so only after an hour.
_OLD_TEMP_NAME = re.compile(r"^\..+\.(convdesk|json)\.[a-z0-9_]{8}\.tmp$")


def save_network(
    network: Network, path: str | os.PathLike[str], replace_read_only: bool = False
) -> None:
    """Write a network file atomically: a complete temporary file beside it, then a rename.

    A crash or a full disk part-way leaves the old file as it was. Through a symbolic link the
    link's target is written and the link kept. A file with other hard links is rewritten in place
    (after the complete temporary copy proved that the text can be written), so that every link
    sees the new text; if that fails, the rename is used instead. A read-only file is replaced only
    with replace_read_only, else ReadOnlyFileError. The file keeps its permissions; a new one gets
    rw-r--r--. Temporary files that a killed save left in the folder are removed. Raises
    NetworkFileError.
    """
    target = Path(os.path.realpath(path))
    try:
        data = dumps_network(network).encode("utf-8")
    except UnicodeEncodeError:
        raise NetworkFileError(
            "cannot save: a name or text holds an unpaired surrogate", source=str(path)
        ) from None
    try:
        old = target.stat()
    except OSError:
        old = None
    if old is not None and not replace_read_only and _read_only(target, old.st_mode):
        raise ReadOnlyFileError("this file is read-only", source=str(path))
    _remove_leftovers(target.parent)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name[:120]}.{os.getpid()}.", suffix=_TEMP_SUFFIX, dir=target.parent
        )
    except OSError as exc:
        raise NetworkFileError(f"cannot save here: {exc.strerror}", source=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if old is not None and old.st_nlink > 1 and _write_in_place(target, data):
            os.unlink(tmp)
            return
        os.chmod(tmp, old.st_mode & 0o777 if old is not None else 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise NetworkFileError(f"cannot save: {exc.strerror}", source=str(path)) from None


def _read_only(target: Path, mode: int) -> bool:
    return not mode & 0o222 or not os.access(target, os.W_OK)


def _write_in_place(target: Path, data: bytes) -> bool:
    """Overwrite a hard-linked file's contents, keeping its inode; False if that cannot be done."""
    try:
        with open(target, "r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        return False
    return True


def _remove_leftovers(folder: Path) -> None:
    """Delete temporary files of saves whose process is gone (killed part-way through a save)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if (match and not _running(int(match.group(1)), entry)) or (
            _OLD_TEMP_NAME.match(entry.name) and _age(entry) > 3600
        ):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _age(entry: os.DirEntry[str]) -> float:
    """Seconds since the file was last written (0 if that cannot be known)."""
    try:
        return time.time() - entry.stat().st_mtime
    except OSError:
        return 0.0


def _running(pid: int, entry: os.DirEntry[str]) -> bool:
    if pid == os.getpid():
        return False  # our own saves remove their temporary files before returning
    if os.name != "posix":  # no cheap liveness test: trust a file younger than a minute
        return _age(entry) < 60
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, but another user's
        return True
    return True
