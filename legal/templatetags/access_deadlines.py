"""The access-request deadlines on the staff home page: the page belongs to requests, the deadlines
to the legal files, so the legal app draws them where the template asks."""

from django import template
from django.utils import timezone

from legal import selectors

register = template.Library()


@register.inclusion_tag("access/staff/_deadlines.html")
def access_deadlines(user):
    if not user.has_perm("legal.handle_access_requests"):
        return {}
    today = timezone.localdate()
    # Art. 52: past the deadline, silence is a refusal; the responsable sees every such request here.
    return {"access_overdue": selectors.access_overdue(today), "access_due_soon": selectors.access_due_soon(today)}
