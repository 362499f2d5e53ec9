"""The canvas is given the session's report once a turn of the event loop, or at once on flush."""

from __future__ import annotations

from convdesk.app.canvas_feed import CanvasFeed
from convdesk.app.session import EditSession
from convdesk.engine import Network, Report


class CanvasRecorder:
    """Stands in for the CanvasWidget: records what it is given."""

    def __init__(self) -> None:
        self.reports: list[Report] = []
        self.selected: list[int | None] = []

    def set_report(self, _network: Network, report: Report) -> None:
        self.reports.append(report)

    def select_layer(self, index: int | None) -> None:
        self.selected.append(index)


def _fed(qapp) -> tuple[EditSession, CanvasRecorder, CanvasFeed]:
    session = EditSession()
    canvas = CanvasRecorder()
    feed = CanvasFeed(session, canvas, session)
    session.doc.changed.connect(lambda _focus: feed.schedule())
    return session, canvas, feed


def test_a_run_of_edits_reaches_the_canvas_once_with_the_last_report(qapp, qtbot):
    session, canvas, feed = _fed(qapp)
    for layer_type in ("Conv2d", "ReLU", "MaxPool2d"):
        session.add(layer_type)
    assert canvas.reports == [] and feed.pending
    qtbot.waitUntil(lambda: not feed.pending)
    assert canvas.reports == [session.doc.report]
    assert canvas.selected == [2]  # the layer added last


def test_flush_draws_what_waits_at_once_and_nothing_when_nothing_waits(qapp):
    session, canvas, feed = _fed(qapp)
    feed.flush()
    assert canvas.reports == []
    session.add("Conv2d")
    feed.flush()
    assert canvas.reports == [session.doc.report] and not feed.pending
    feed.flush()
    assert len(canvas.reports) == 1
