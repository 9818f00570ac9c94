from django import template

from core import public_forms

register = template.Library()


@register.inclusion_tag("_human_check.html", takes_context=True)
def human_check(context):
    """The honeypot and the opening stamp, inside every public <form> (see core.public_forms)."""
    return {
        "honeypot": public_forms.HONEYPOT_FIELD,
        "stamp_field": public_forms.STAMP_FIELD,
        "stamp": public_forms.stamp_for(context["request"]),
    }
