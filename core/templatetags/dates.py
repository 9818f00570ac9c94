from django import template

from core.dates import at_in_words as _at_in_words
from core.dates import in_words as _in_words

register = template.Library()


@register.filter
def in_words(value):
    """{{ claim.event_date|in_words }} → « 1er décembre 2026 »."""
    return _in_words(value) if value else ""


@register.filter
def at_in_words(value):
    """{{ statement.signed_at|at_in_words }} → « 30 novembre 2026 à 12 h 45 »."""
    return _at_in_words(value) if value else ""
