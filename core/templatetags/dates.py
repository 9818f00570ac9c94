from django import template

from core.dates import in_words as _in_words

register = template.Library()


@register.filter
def in_words(value):
    """{{ claim.event_date|in_words }} → « 1er décembre 2026 »."""
    return _in_words(value) if value else ""
