"""The report in the spec's formats: json, and table, csv and markdown for people."""

from __future__ import annotations

import csv
import io
import json

from . import numbers
from .report import LayerResult, Report

FORMATS = ("table", "json", "csv", "markdown")
COLUMNS = (
    "name",
    "type",
    "output_shape",
    "params",
    "non_trainable_params",
    "macs",
    "flops",
    "activation_bytes",
    "receptive_field",
    "error",
)


def report_to_dict(report: Report) -> dict[str, object]:
    """The `convdesk-report` JSON object, keys in the spec's order."""
    return {
        "format": "convdesk-report",
        "version": 1,
        "name": report.name,
        "input": list(report.input),
        "layers": [_layer_dict(r) for r in report.layers],
        "trainable_params": report.trainable_params,
        "non_trainable_params": report.non_trainable_params,
        "total_params": report.total_params,
        "macs": report.macs,
        "flops": report.flops,
        "errors": report.errors,
    }


def _layer_dict(r: LayerResult) -> dict[str, object]:
    rf = r.receptive_field
    return {
        "name": r.name,
        "type": r.type,
        "inputs": list(r.inputs),
        "input_shapes": [None if s is None else list(s) for s in r.input_shapes],
        "output_shape": None if r.output_shape is None else list(r.output_shape),
        "params": r.params,
        "non_trainable_params": r.non_trainable_params,
        "macs": r.macs,
        "flops": r.flops,
        "activation_bytes": r.activation_bytes,
        "receptive_field": None if rf is None else {"size": list(rf.size), "jump": list(rf.jump)},
        "error": r.error,
    }


def format_report(report: Report, fmt: str = "table") -> str:
    """The report as text in one of FORMATS."""
    if fmt == "json":
        return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(report)
    if fmt == "markdown":
        return _markdown(report)
    if fmt == "table":
        return _table(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _rf(r: LayerResult) -> str:
    """Receptive field as "19×19, jump 8" (sizes, then the step between neighbouring outputs)."""
    rf = r.receptive_field
    if r.output_shape is None:
        return numbers.MISSING
    if rf is None:
        return "–"  # the layer has none: its outputs no longer map to input positions
    jump = str(rf.jump[0]) if len(set(rf.jump)) == 1 else "×".join(map(str, rf.jump))
    return "×".join(map(str, rf.size)) + f", jump {jump}"


def _shape(r: LayerResult) -> str:
    if r.error is not None:
        return "ERROR"
    if r.output_shape is None:
        return numbers.MISSING
    return numbers.shape_list(r.output_shape)


def _rows(report: Report) -> list[list[str]]:
    return [
        [
            r.name,
            r.type,
            _shape(r),
            numbers.count(r.params),
            numbers.count(r.macs),
            numbers.count(r.activation_bytes),
            _rf(r),
        ]
        for r in report.layers
    ]


_HEAD = ["Layer", "Type", "Output shape", "Params", "MACs", "Act. bytes", "Receptive field"]
_RIGHT = {3, 4, 5}


def _table(report: Report) -> str:
    rows = _rows(report)
    widths = [
        max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(_HEAD)
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in _RIGHT else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "─" * len(line(["x" * w for w in widths]))
    out = [f"{report.name}", f"input {numbers.shape_list(report.input)}", rule, line(_HEAD), rule]
    for r, row in zip(report.layers, rows, strict=True):
        out.append(line(row))
        if r.error is not None:  # layers it blocks say "unknown" in their own rows
            out.append(f"  ✗ {r.error}")
    out.append(rule)
    out += _totals_lines(report)
    return "\n".join(out) + "\n"


def _totals_lines(report: Report) -> list[str]:
    lines = [
        f"Trainable params:      {report.trainable_params:>16,}",
        f"Non-trainable params:  {report.non_trainable_params:>16,}",
        f"Total params:          {report.total_params:>16,}",
        f"MACs:                  {report.macs:>16,}",
        f"FLOPs:                 {report.flops:>16,}",
        f"Activation memory:     {report.activation_bytes:>16,} bytes (float32, one sample)",
    ]
    if report.errors:
        lines.append(
            f"Errors: {len(report.errors)} layer{'' if len(report.errors) == 1 else 's'} in error"
            " (marked ✗ above)"
        )
    return lines


def _csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in report.layers:
        d = _layer_dict(r)
        writer.writerow(
            [
                r.name,
                r.type,
                "" if r.output_shape is None else "x".join(map(str, r.output_shape)),
                *("" if d[k] is None else d[k] for k in COLUMNS[3:8]),
                "" if r.receptive_field is None else _rf(r),
                r.error or "",
            ]
        )
    writer.writerow(
        [
            "total",
            "",
            "",
            report.trainable_params,
            report.non_trainable_params,
            report.macs,
            report.flops,
            report.activation_bytes,
            "",
            "",
        ]
    )
    return buffer.getvalue()


def _markdown(report: Report) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|")

    out = [f"**{esc(report.name)}**, input {numbers.shape_list(report.input)}", ""]
    out.append("| " + " | ".join(_HEAD) + " |")
    out.append(
        "| " + " | ".join("---:" if i in _RIGHT else "---" for i in range(len(_HEAD))) + " |"
    )
    for r, row in zip(report.layers, _rows(report), strict=True):
        if r.error is not None:
            row[2] = f"⚠ {r.error}"
        out.append("| " + " | ".join(esc(c) for c in row) + " |")
    out.append("")
    out += [
        f"- {esc(line.split(':')[0])}: {line.split(':', 1)[1].strip()}"
        for line in _totals_lines(report)
    ]
    return "\n".join(out) + "\n"
