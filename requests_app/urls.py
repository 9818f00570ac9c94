from django.urls import path
from django.utils.translation import gettext_lazy as _

from requests_app.views import designations, public, rnc, staff

public_patterns = (
    [
        path("", public.home, name="home"),
        path(_("requete/nouvelle/"), public.request_create, name="create"),
        path(_("suivi/"), public.track_lookup, name="track_lookup"),
        path(_("suivi/<str:token>/"), public.track, name="track"),
        path(_("suivi/<str:token>/photos/<int:photo_id>/"), public.track_photo, name="track_photo"),
        path(_("confidentialite/"), public.privacy, name="privacy"),
    ],
    "requests",
)

staff_patterns = (
    [
        path("", staff.home, name="home"),
        path(_("saisie/"), staff.intake, name="intake"),
        path(_("suivi-rnc/"), rnc.follow_up, name="rnc_follow_up"),
        path(_("suivi-rnc/avancement/"), rnc.progress, name="rnc_progress"),
        path(_("rapport-elus/"), rnc.elus_report, name="elus_report"),
        path(_("designations/"), designations.designation_list, name="designations"),
        path(_("designations/nouvelle/"), designations.designation_create, name="designation_create"),
        path(_("designations/<int:pk>/"), designations.designation_detail, name="designation_detail"),
        path(_("designations/<int:pk>/annexe-c.pdf"), designations.designation_pdf, name="designation_pdf"),
        path(_("rapport-elus/pdf/"), rnc.elus_report_pdf, name="elus_report_pdf"),
        path(_("demandes/<str:number>/"), staff.request_detail, name="request_detail"),
        path(_("demandes/<str:number>/photos/<int:photo_id>/"), staff.request_photo, name="request_photo"),
        path(_("demandes/<str:number>/<slug:action>/"), staff.request_action, name="request_action"),
    ],
    "staff",
)
