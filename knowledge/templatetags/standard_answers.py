"""The standard-answer picker beside the notes to the citizen, on pages the requests app draws."""

from django import template

from knowledge.selectors import answer_picker

register = template.Library()


@register.inclusion_tag("knowledge/_answer_picker.html")
def standard_answer_picker(citizen_request):
    return {"standard_answers": answer_picker(citizen_request)}
