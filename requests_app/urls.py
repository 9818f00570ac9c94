from django.urls import path
from django.utils.translation import gettext_lazy as _

from requests_app.views import callbacks, designations, public, satisfaction, staff

# Each namespace gathers the pages of several apps: prevost_service/urls.py composes them.
public_urlpatterns = [
    # First: the most requested page of all (every e-mail's link, every bookmark), and Django tries the
    # patterns in order, each translated one at some cost (issue 20).
    path(_("suivi/<str:token>/"), public.track, name="track"),
    path("", public.home, name="home"),
    path(_("requete/nouvelle/"), public.request_create, name="create"),
    path(_("question/"), public.question_create, name="question"),
    path(_("requete/semblables/"), public.similar_requests, name="similar"),
    path(_("requete/suivre/<str:number>/"), public.follow, name="follow"),
    path(_("requete/ne-plus-suivre/<str:token>/"), public.follow_stop, name="follow_stop"),
    path(_("suivi/"), public.track_lookup, name="track_lookup"),
    path(_("suivi/<str:token>/photos/<int:photo_id>/"), public.track_photo, name="track_photo"),
    path(_("confidentialite/"), public.privacy, name="privacy"),
    path(_("normes-de-service/"), public.standards, name="standards"),
    path(_("satisfaction/<str:token>/"), satisfaction.survey, name="satisfaction"),
    path(_("adresses/"), public.address_search, name="address_search"),
]

staff_urlpatterns = [
    path("", staff.home, name="home"),
    path(_("saisie/"), staff.intake, name="intake"),
    path(_("rappels/"), callbacks.callback_list, name="callbacks"),
    path(_("satisfaction/"), satisfaction.results, name="satisfaction"),
    path(_("designations/"), designations.designation_list, name="designations"),
    path(_("designations/nouvelle/"), designations.designation_create, name="designation_create"),
    path(_("designations/<int:pk>/"), designations.designation_detail, name="designation_detail"),
    path(_("designations/<int:pk>/annexe-c.pdf"), designations.designation_pdf, name="designation_pdf"),
    path(_("demandes/<str:number>/"), staff.request_detail, name="request_detail"),
    path(_("demandes/<str:number>/photos/<int:photo_id>/"), staff.request_photo, name="request_photo"),
    path(
        _("demandes/<str:number>/documents/<int:attachment_id>/"),
        staff.request_attachment,
        name="request_attachment",
    ),
    path(_("demandes/<str:number>/<slug:action>/"), staff.request_action, name="request_action"),
]
