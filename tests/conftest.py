"""Shared test set-up: Qt runs offscreen, with no real screen, for every test."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
