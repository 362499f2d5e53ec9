"""Reading and writing network files (the spec's `convdesk-network` JSON format).

Every way a file can be wrong becomes a NetworkFileError whose message gives the JSON location, the
key and what was expected; a file is read whole or not at all. Saving is atomic.
"""

from __future__ import annotations

import difflib
import json
import os
import tempfile
from pathlib import Path

from .layertypes import LAYER_TYPES
from .network import INPUT, Layer, Network

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


def loads_network(text: str, source: str = "") -> Network:
    """Parse the text of a network file. Raises NetworkFileError, never anything else."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NetworkFileError(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", source=source
        ) from None
    except RecursionError:
        raise NetworkFileError("not valid JSON: nested too deeply", source=source) from None
    return network_from_dict(data, source)


def load_network(path: str | os.PathLike[str]) -> Network:
    """Read a network file from disk."""
    source = os.fspath(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise NetworkFileError("no such file", source=source) from None
    except IsADirectoryError:
        raise NetworkFileError("this is a folder, not a network file", source=source) from None
    except OSError as exc:
        raise NetworkFileError(f"cannot be read: {exc.strerror}", source=source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NetworkFileError(
            f"not UTF-8 text (byte {exc.start}): is this a network file?", source=source
        ) from None
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
    description = data.get("description", "")
    if not isinstance(description, str):
        raise fail(f"expected text, found {_kind(description)}", "description")
    ui = data.get("ui", {})
    if not isinstance(ui, dict):
        raise fail(f"expected an object, found {_kind(ui)}", "ui")
    shape = _read_input(data, fail)
    if "layers" not in data:
        raise fail('the key "layers" is missing (a list of layers, which may be empty)')
    raw_layers = data["layers"]
    if not isinstance(raw_layers, list):
        raise fail(f"expected a list of layers, found {_kind(raw_layers)}", "layers")
    layers = _read_layers(raw_layers, fail)
    return Network(shape, layers, name, description, ui)


def _read_input(data: dict, fail) -> list[int]:
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


def _read_layers(raw_layers: list, fail) -> list[Layer]:
    explicit = {
        item["name"]
        for item in raw_layers
        if isinstance(item, dict) and isinstance(item.get("name"), str)
    }
    seen: set[str] = set()
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
            if name == INPUT:
                raise fail(f"{INPUT!r} is reserved for the network's input", f"{where}.name")
            if name in seen:
                raise fail(
                    f"the name {name!r} is used twice; names must be unique", f"{where}.name"
                )
        else:
            name = Network([1]).unique_name(type_name, explicit | seen)
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
                raise fail(f"{type_name} has no key {key!r}{hint}", f"{where}.{key}")
            config[key] = value
        for spec in ltype.keys:
            if spec.required and spec.name not in config:
                raise fail(f"{type_name} needs the key {spec.name!r} ({spec.help})", where)
        layers.append(Layer(type_name, name, config, list(inputs) if inputs is not None else None))
    return layers


def network_to_dict(network: Network) -> dict:
    """The JSON object of a network file, keys in the spec's order."""
    data: dict = {"format": FORMAT, "version": VERSION, "name": network.name}
    if network.description:
        data["description"] = network.description
    data["input"] = list(network.input)
    data["layers"] = []
    for layer in network.layers:
        item: dict = {"name": layer.name, "type": layer.type}
        if layer.inputs is not None:
            item["inputs"] = list(layer.inputs)
        item.update(layer.config)
        data["layers"].append(item)
    if network.ui:
        data["ui"] = network.ui
    return data


def dumps_network(network: Network) -> str:
    """The text of a network file: one layer a line, so that files read well and diff well."""
    data = network_to_dict(network)
    layers = data.pop("layers")
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


def save_network(network: Network, path: str | os.PathLike[str]) -> None:
    """Write a network file atomically: a temporary file beside it, then a rename.

    A crash or a full disk part-way leaves the old file as it was. Raises NetworkFileError.
    """
    target = Path(path)
    text = dumps_network(network)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise NetworkFileError(f"cannot save here: {exc.strerror}", source=str(target)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise NetworkFileError(f"cannot save: {exc.strerror}", source=str(target)) from None
