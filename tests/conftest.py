"""Shared test set-up: Qt runs offscreen, with no real screen, for every test."""

import os

import pytest

from convdesk.startup import qt_problem

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Before pytest-qt loads Qt: a missing system library gets the command that installs it."""
    problem = qt_problem("the test suite")
    if problem:
        pytest.exit(problem, returncode=1)
