"""What an import did: which source layers became which convdesk layers, and which did not map.

Plain data, no Qt. The CLI prints `text()`; the window shows the same lines in a dialog.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine import NetworkFileError


class ModelFileError(NetworkFileError):
    """A model file that cannot be imported; str(error) names the file, the place and why."""


@dataclass(slots=True)
class Unmapped:
    """A source layer or node with no convdesk meaning, and what became of it."""

    name: str
    kind: str  # the source's class or op type, e.g. "Rescaling", "Lambda", "Einsum"
    outcome: str  # what convdesk did: kept as Identity, left out, ...
    uncounted_trainable: int = 0  # its own weights that convdesk's totals do not include
    uncounted_non_trainable: int = 0


@dataclass(slots=True)
class ImportReport:
    """The record of one import: the source, the counts and every layer that did not map."""

    source: str
    framework: str  # "Keras" or "ONNX"
    mapped: int = 0  # source layers (or nodes) that became convdesk layers
    unmapped: list[Unmapped] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)  # assumption -> layers it concerns
    overcounted: int = 0  # trainable parameters convdesk counts that the source does not

    def note(self, text: str, layer: str = "") -> None:
        """Record an assumption or approximation, once, with the layers it concerns."""
        names = self.notes.setdefault(text, [])
        if layer:
            names.append(layer)

    @property
    def uncounted(self) -> tuple[int, int]:
        """Weights of unmapped layers that the totals leave out: (trainable, non-trainable)."""
        return (
            sum(u.uncounted_trainable for u in self.unmapped),
            sum(u.uncounted_non_trainable for u in self.unmapped),
        )

    def lines(self) -> list[str]:
        """The report as lines of plain text, first a one-line summary."""
        total = self.mapped + len(self.unmapped)
        unit = "nodes" if self.framework == "ONNX" else "layers"
        head = f"Imported from {self.framework}: {self.mapped} of {total} {unit} mapped"
        if not self.unmapped:
            head += "; every one has a convdesk meaning."
        else:
            head += f"; {len(self.unmapped)} not mapped:"
        out = [head]
        groups: dict[tuple[str, str], list[Unmapped]] = {}
        for u in self.unmapped:
            groups.setdefault((u.kind, u.outcome), []).append(u)
        for (kind, outcome), items in groups.items():
            extra = ""
            trainable = sum(u.uncounted_trainable for u in items)
            fixed = sum(u.uncounted_non_trainable for u in items)
            if trainable or fixed:
                extra = f" Weights not in the totals: {trainable:,} trainable, {fixed:,} not."
            listed = ", ".join(u.name for u in items)
            out.append(f"  - {listed} ({kind}): {outcome}.{extra}")
        if self.notes:
            out.append("Notes:")
            for text, layers in self.notes.items():
                where = f" ({_listed(layers)})" if layers else ""
                out.append(f"  - {text}{where}")
        return out

    def text(self) -> str:
        return "\n".join(self.lines()) + "\n"


def _listed(names: list[str], most: int = 8) -> str:
    """Names joined by commas, the tail counted rather than listed when there are many."""
    if len(names) <= most:
        return ", ".join(names)
    return ", ".join(names[:most]) + f" and {len(names) - most} more"
