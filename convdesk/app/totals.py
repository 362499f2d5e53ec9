"""The status bar's totals, saying which layers they cover while some are in error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from convdesk.engine import Report, numbers
from convdesk.plaintext import plain_tip

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel


def coverage(report: Report) -> str:
    """'' when every layer works; otherwise which layers the totals add up."""
    layers = report.layers
    first = next((i for i, r in enumerate(layers) if r.status != "ok"), None)
    if first is None:
        return ""
    broken = layers[first]
    why = "in error" if broken.status == "error" else "unknown"
    later = sum(1 for r in layers[first + 1 :] if r.status == "ok")
    more = f" and {later} later layer{'' if later == 1 else 's'}" if later else ""
    if first == 0 and not later:
        return f"no layer counted yet ({broken.name} is {why})"
    if first == 0:
        return f"{later} layer{'' if later == 1 else 's'} after {broken.name} ({why})"
    return f"up to {layers[first - 1].name}{more} ({broken.name} is {why})"


def totals_text(report: Report) -> tuple[str, str]:
    """The status bar's line and its tooltip."""
    covered = coverage(report)
    text = (
        f"Trainable params {numbers.count(report.trainable_params)}   "
        f"Non-trainable {numbers.count(report.non_trainable_params)}   "
        f"MACs {numbers.short(report.macs)}   "
        f"Activations {numbers.size_bytes(report.activation_bytes)}"
    )
    tip = (
        f"{report.total_params:,} parameters in all; {report.macs:,} multiply-accumulates "
        f"({report.flops:,} FLOPs); {report.activation_bytes:,} bytes of float32 outputs"
    )
    if covered:
        text = f"Totals {covered}:   {text}"
        tip = f"Totals of the layers that work, {covered}: {tip}"
    return text, tip


def show_totals(report: Report, totals: QLabel, error_label: QLabel) -> None:
    """Write the totals and the count of layers in error into the status bar's two labels."""
    text, tip = totals_text(report)
    totals.setText(text)
    totals.setToolTip(plain_tip(tip))
    errors = report.errors
    if errors:
        error_label.setText(f"{len(errors)} layer{'s' if len(errors) > 1 else ''} in error")
        error_label.setToolTip(plain_tip("\n".join(errors)))
    else:
        error_label.clear()
        error_label.setToolTip("")
