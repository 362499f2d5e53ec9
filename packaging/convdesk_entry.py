"""Entry script of the frozen program: does what the `convdesk` console script does."""

import sys

from convdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
