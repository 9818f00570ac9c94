from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import public, staff

app_name = "complaints"

urlpatterns = [
    path(_("plainte/nouvelle/"), public.complaint_create, name="create"),
    path(_("plainte/suivi/<str:token>/"), public.complaint_track, name="track"),
    path(_("plainte/suivi/<str:token>/formulaire/<int:statement_id>.pdf"), public.complaint_pdf, name="pdf"),
    path(
        _("plainte/suivi/<str:token>/signature/<int:statement_id>.png"),
        public.complaint_signature_image,
        name="signature",
    ),
    path(_("plainte/signer/<str:token>/"), public.complaint_sign, name="sign"),
    path(_("personnel/plaintes/"), staff.complaint_list, name="staff_list"),
    path(_("personnel/plaintes/saisie/"), staff.complaint_intake, name="staff_intake"),
    path(_("personnel/plaintes/journal/"), staff.access_log, name="access_log"),
    path(_("personnel/plaintes/<str:number>/"), staff.complaint_detail, name="staff_detail"),
    path(_("personnel/plaintes/<str:number>/ecrit-papier/"), staff.complaint_paper, name="staff_paper"),
    path(_("personnel/plaintes/<str:number>/formulaire/<int:statement_id>.pdf"), staff.statement_pdf, name="staff_pdf"),
    path(
        _("personnel/plaintes/<str:number>/signature/<int:statement_id>.png"),
        staff.statement_signature,
        name="staff_signature",
    ),
    path(_("personnel/plaintes/<str:number>/pieces/<int:evidence_id>/"), staff.evidence_file, name="staff_evidence"),
    path(_("personnel/plaintes/<str:number>/<slug:action>/"), staff.complaint_action, name="staff_action"),
]
