"""« Suivre une demande »: one lookup by number and e-mail for every kind of demand.

The page belongs to requests; claims, access requests and complaints live in apps it may not
import. Each app registers a finder when it starts (AppConfig.ready); a finder answers the private
tracking address of its own demand, or None. Anonymized demands are never found.
"""

from collections.abc import Callable

Finder = Callable[[str, str], str | None]  # (number as typed, e-mail as typed) -> tracking path
_finders: list[Finder] = []


def register(finder: Finder) -> Finder:
    if finder not in _finders:
        _finders.append(finder)
    return finder


def find(number: str, email: str) -> str | None:
    number, email = number.strip().upper(), email.strip()
    if not number or not email:
        return None
    for finder in _finders:
        found = finder(number, email)
        if found is not None:
            return found
    return None
