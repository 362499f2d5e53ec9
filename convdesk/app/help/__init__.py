"""The offline help text (Markdown), read through importlib.resources so frozen builds find it."""

from __future__ import annotations

from importlib import resources

GUIDE = "guide.md"


def read_help(name: str = GUIDE) -> str:
    """The Markdown text of one help page; a short note if the installation lacks it."""
    try:
        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return f"# Help\n\nThe help page `{name}` is missing from this installation."
