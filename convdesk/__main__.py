"""`python -m convdesk` is the `convdesk` command."""

import sys

from .cli import main

sys.exit(main())
