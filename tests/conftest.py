"""Shared test set-up: Qt runs offscreen, with no real screen, for every test."""

import os

import pytest
from hypothesis import HealthCheck, settings

from convdesk.startup import qt_problem

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No test is timed (speed targets live in benchmarks/): on the shared, loaded CI machine one
# example can take a second, so Hypothesis's 200 ms deadline and its too-slow check are off.
settings.register_profile("convdesk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("convdesk")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Before pytest-qt loads Qt: a missing system library gets the command that installs it."""
    problem = qt_problem("the test suite")
    if problem:
        pytest.exit(problem, returncode=1)
