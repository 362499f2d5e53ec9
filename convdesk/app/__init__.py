"""The main window (PySide6 widgets): layer list, forms, worked steps, undo and files.

`convdesk.app.launch.launch` is the entry point the command line calls.
"""
