"""Development on one machine: SQLite, tasks in-process, e-mails printed to the console."""

import os

os.environ.setdefault("DEBUG", "True")
# The demo logins work with their password alone; SECOND_FACTOR_REQUIRED=True tries the real thing.
os.environ.setdefault("SECOND_FACTOR_REQUIRED", "False")

from .base import *  # noqa: F403
from .base import BASE_DIR

# The default SQLite file and the photos live under var/, which a fresh clone does not have.
(BASE_DIR / "var").mkdir(exist_ok=True)
