from django import template

from requests_app.selectors import services_without_designation as select_services_without_designation

register = template.Library()


@register.simple_tag
def services_without_designation():
    return list(select_services_without_designation())
