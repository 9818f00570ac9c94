from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView

from requests_app.urls import access_patterns, claims_patterns, public_patterns, staff_patterns
from requests_app.views import open311 as open311_views
from requests_app.views import public


def healthz(request):
    """Liveness for the container and the load balancer; it reads nothing, so it is also the bare
    Django view that bench/load.py compares the portal's pages with."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # An API has one address whatever the language: outside i18n_patterns.
    path("open311/v2/", include("requests_app.open311_urls")),
    # GeoReport v2 discovery at the API's root as well as beside the endpoint.
    re_path(r"^open311/discovery\.(?P<fmt>json|xml)$", csrf_exempt(open311_views.discovery), name="open311_discovery"),
    path("favicon.ico", RedirectView.as_view(url="/static/img/favicon.svg", permanent=True), name="favicon"),
]

# French at the root, English under /en/: citizens share links in their own language.
urlpatterns += i18n_patterns(
    path("", include(public_patterns)),
    path("", public.home, name="home"),
    path("", include("complaints.urls")),
    path("", include(claims_patterns)),
    path("", include(access_patterns)),
    path(_("personnel/"), include(staff_patterns)),
    path(_("compte/"), include("accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
