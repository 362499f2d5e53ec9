"""convdesk: see what convolution layers and whole networks do to a tensor."""

__version__ = "0.1.0"
APP_NAME = "convdesk"
