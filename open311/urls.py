from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt

from open311 import views as open311

FMT = r"\.(?P<fmt>json|xml)$"

# No session or cookie is read by the API (POST is authenticated by its api_key): CSRF does not apply,
# and a method the API does not know answers 405, not a CSRF 403.
app_name = "open311"
urlpatterns = [
    re_path(r"^openapi\.json$", csrf_exempt(open311.openapi), name="openapi"),
    re_path(r"^discovery" + FMT, csrf_exempt(open311.discovery), name="discovery"),
    re_path(r"^services" + FMT, csrf_exempt(open311.services), name="services"),
    re_path(r"^services/(?P<code>[^/]+)" + FMT, csrf_exempt(open311.service_definition), name="service"),
    re_path(r"^requests" + FMT, csrf_exempt(open311.requests), name="requests"),
    re_path(r"^requests/(?P<number>[^/]+)" + FMT, csrf_exempt(open311.request_detail), name="request"),
    re_path(r"^tokens/(?P<token>[^/]+)" + FMT, csrf_exempt(open311.token), name="token"),
]
