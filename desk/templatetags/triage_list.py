"""The triage list's table: Django's own template and headers, the rows written by TriageChangeList."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers
from django.contrib.admin.templatetags.base import InclusionAdminNode

register = template.Library()


def triage_results(cl):
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
        "results": cl.rows(),
    }


@register.tag(name="triage_result_list")
def triage_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=triage_results, template_name="change_list_results.html", takes_context=False
    )
