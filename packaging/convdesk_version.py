"""The program's version, read from convdesk/__init__.py (its one home) without importing it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_version(root: Path = ROOT) -> str:
    """convdesk.__version__ as written in the source."""
    tree = ast.parse((root / "convdesk" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            getattr(target, "id", None) == "__version__" for target in node.targets
        ):
            return node.value.value
    raise SystemExit("convdesk/__init__.py has no __version__")


if __name__ == "__main__":
    print(read_version())
