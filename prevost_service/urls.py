from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView

import accounts.urls
import digests.urls
import knowledge.urls
import reporting.urls
import requests_app.urls
from legal.urls import access_patterns, claims_patterns
from open311 import views as open311_views
from requests_app.views import public, staff


def healthz(request):
    """Liveness for the container and the load balancer; it reads nothing, so it is also the bare
    Django view that bench/load.py compares the portal's pages with."""
    return HttpResponse("ok", content_type="text/plain")


# A namespace may gather the pages of several apps (the staff pages of requests, knowledge, digests
# and reporting are all `staff:`); each app lists its own, the root composes them.
public_patterns = (requests_app.urls.public_urlpatterns + knowledge.urls.public_urlpatterns, "requests")
staff_patterns = (
    requests_app.urls.staff_urlpatterns
    + knowledge.urls.staff_urlpatterns
    + digests.urls.staff_urlpatterns
    + reporting.urls.staff_urlpatterns,
    "staff",
)
# Accounts knows no service: the directory of who answers for which service is a requests page.
account_patterns = ([*accounts.urls.urlpatterns, path(_("annuaire/"), staff.directory, name="directory")], "accounts")

# requests_app's admin pages before the layout of issue 18: model → its new app and model.
MOVED_ADMIN_PAGES = (
    ("request", "requests_app/servicerequest"),
    ("digestdelivery", "digests/digestdelivery"),
    ("inboundemail", "intake/inboundemail"),
    ("outboundemail", "outbox/outboundemail"),
    ("article", "knowledge/article"),
    ("standardanswer", "knowledge/standardanswer"),
    ("apikey", "open311/apikey"),
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # An API has one address whatever the language: outside i18n_patterns.
    path("open311/v2/", include("open311.urls")),
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
    path(_("compte/"), include(account_patterns)),
    # Admin pages that moved with the apps (issue 18): the Technicien's bookmarks still work.
    *[
        re_path(
            rf"^admin/requests_app/{before}/(?P<rest>.*)$",
            RedirectView.as_view(url=f"/admin/{after}/%(rest)s", query_string=True, permanent=True),
        )
        for before, after in MOVED_ADMIN_PAGES
    ],
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
