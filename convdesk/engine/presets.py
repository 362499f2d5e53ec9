"""The networks shipped with convdesk: list them, read one, or get its file's text.

The files live in the `convdesk.presets` package and are read with importlib.resources, so they are
found the same way from a source checkout, an installed wheel and a frozen app. They are parsed by
the same reader as any user's file, so a preset is never treated differently from a saved network.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from convdesk.presets import CATALOGUE, SUFFIX

from .fileio import NetworkFileError, loads_network
from .network import Network


@dataclass(frozen=True, slots=True)
class PresetInfo:
    """What a preset menu shows about one preset, without opening it in the editor."""

    key: str  # the file's stem, e.g. "alexnet-2012"; what load_preset takes
    name: str
    description: str  # names the source too
    source: str  # the paper or library the network follows
    layers: int
    input: tuple[int, ...]


def preset_keys() -> list[str]:
    """Every preset's key, in teaching order."""
    return [key for key, _ in CATALOGUE]


def preset_text(key: str) -> str:
    """The preset's file as shipped (UTF-8 JSON in the network format).

    KeyError for a key that is not a preset; NetworkFileError if the installation lost the file.
    """
    if key not in dict(CATALOGUE):
        known = ", ".join(preset_keys())
        raise KeyError(f"no preset called {key!r}; the presets are: {known}")
    resource = resources.files("convdesk.presets").joinpath(key + SUFFIX)
    try:
        return resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        # Only a damaged installation gets here; say so in the words the window already shows.
        raise NetworkFileError(
            f"the preset file is missing or unreadable in this installation ({exc})",
            source=f"preset {key}",
        ) from None


def load_preset(key: str) -> Network:
    """A fresh Network of the preset, safe to edit (each call parses the file again)."""
    return loads_network(preset_text(key), source=f"preset {key}")


def list_presets() -> list[PresetInfo]:
    """Every preset, in teaching order: the seed article's AlexNet first."""
    return list(_infos())


@cache
def _infos() -> tuple[PresetInfo, ...]:
    # Parsing all the files takes a few milliseconds; the menu may ask often, so keep them.
    infos = []
    for key, source in CATALOGUE:
        network = load_preset(key)
        infos.append(
            PresetInfo(
                key,
                network.name,
                network.description,
                source,
                len(network.layers),
                tuple(network.input),
            )
        )
    return tuple(infos)
