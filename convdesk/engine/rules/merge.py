"""The merge family: Add and Mul (element by element, broadcasting 1s) and Concat."""

from __future__ import annotations

from ..layertypes import LayerType
from ..network import Layer
from ..numbers import shape_list
from ..report import Computed, Known, LayerResult, ReceptiveField
from ..values import LayerError, get_dim
from .base import Config, FamilyRule, Inputs, Step


class Merge(FamilyRule):
    """Add, Mul and Concat: several inputs, one output."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shapes = given.shapes
        # Concat may take one input: torch.cat([x]) is a copy (DenseNet's blocks open so).
        if len(shapes) < 2 and ltype.name != "Concat":
            raise LayerError(f"{ltype.name} needs two or more inputs; name them in inputs")
        first = shapes[0]

        def listed() -> str:  # built only for an error: a merge may have thousands of inputs
            return ", ".join(
                f"{name} {shape_list(s)}" for name, s in zip(given.names, shapes, strict=True)
            )

        if any(len(s) != len(first) for s in shapes):
            raise LayerError(f"{ltype.name} needs inputs of the same rank, but has {listed()}")
        if ltype.name == "Concat":
            axis = get_dim(layer, "dim", first)
            for i in range(len(first)):
                if i != axis and len({s[i] for s in shapes}) > 1:
                    raise LayerError(
                        f"Concat along dim {axis} needs every other dimension equal, but "
                        f"dimension {i} differs: {listed()}"
                    )
            out = list(first)
            out[axis] = sum(s[axis] for s in shapes)
        else:
            out = []
            for i in range(len(first)):
                sizes = {s[i] for s in shapes} - {1}
                if len(sizes) > 1:
                    raise LayerError(
                        f"{ltype.name} needs each dimension equal or 1, but dimension {i} "
                        f"differs: {listed()}"
                    )
                out.append(sizes.pop() if sizes else 1)
        return Computed(tuple(out), receptive_field=_merge_rf(given.fields, len(first) - 1))

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        listed = [
            f"{name}: {shape_list(s)}"
            for name, s in zip(result.inputs, result.input_shapes, strict=True)
        ]
        if result.type == "Concat" and len(result.inputs) == 1:
            rule = (
                "one input: the output is a copy of it, as torch.cat of a single tensor "
                "(DenseNet's blocks start this way, before any features are joined)"
            )
        elif result.type == "Concat":
            rule = "joined along one dimension: that dimension adds up, the others must be equal"
        else:
            rule = "element by element: every dimension equal (or 1, which is broadcast)"
        return [Step("Inputs", [*listed, rule]), Step("Output", [shape_list(known.output_shape)])]


def _merge_rf(rfs: list[ReceptiveField | None], dims: int) -> ReceptiveField | None:
    known = [rf for rf in rfs if rf is not None and len(rf.size) == dims]
    if dims < 1 or len(known) != len(rfs):
        return None
    return ReceptiveField(
        tuple(max(sizes) for sizes in zip(*(rf.size for rf in known), strict=True)),
        tuple(max(jumps) for jumps in zip(*(rf.jump for rf in known), strict=True)),
    )
