"""Development on one machine: SQLite, tasks in-process, e-mails printed to the console."""

import os

os.environ.setdefault("DEBUG", "True")

from .base import *  # noqa: E402,F403
