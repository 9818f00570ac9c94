from django.urls import path
from django.utils.translation import gettext_lazy as _

from digests import views as rnc

staff_urlpatterns = [
    path(_("suivi-rnc/"), rnc.follow_up, name="rnc_follow_up"),
    path(_("suivi-rnc/avancement/"), rnc.progress, name="rnc_progress"),
    path(_("rapport-elus/"), rnc.elus_report, name="elus_report"),
    path(_("rapport-elus/pdf/"), rnc.elus_report_pdf, name="elus_report_pdf"),
]
