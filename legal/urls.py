from django.urls import path
from django.utils.translation import gettext_lazy as _

from legal.views import access, claims

claims_patterns = (
    [
        path(_("reclamation/nouvelle/"), claims.claim_create, name="create"),
        path(_("reclamation/delais/"), claims.claim_clocks_preview, name="clocks"),
        path(_("reclamation/suivi/<str:token>/"), claims.claim_track, name="track"),
        path(_("reclamation/suivi/<str:token>/avis.pdf"), claims.claim_acknowledgement, name="acknowledgement"),
        path(_("personnel/reclamations/"), claims.staff_list, name="staff_list"),
        path(_("personnel/reclamations/saisie/"), claims.staff_intake, name="staff_intake"),
        path(_("personnel/reclamations/consultations/"), claims.consultations, name="consultations"),
        path(_("personnel/reclamations/consultations/<int:pk>/"), claims.consultation_detail, name="consultation"),
        path(
            _("personnel/reclamations/consultations/<int:pk>/photos/<int:document_id>/"),
            claims.consultation_photo,
            name="consultation_photo",
        ),
        path(_("personnel/reclamations/<str:number>/"), claims.staff_detail, name="staff_detail"),
        path(_("personnel/reclamations/<str:number>/avis.pdf"), claims.staff_acknowledgement, name="staff_pdf"),
        path(
            _("personnel/reclamations/<str:number>/pieces/<int:document_id>/"),
            claims.staff_document,
            name="staff_document",
        ),
        path(_("personnel/reclamations/<str:number>/<slug:action>/"), claims.staff_action, name="staff_action"),
    ],
    "claims",
)

access_patterns = (
    [
        path(_("acces-information/nouvelle/"), access.access_create, name="create"),
        path(_("acces-information/suivi/<str:token>/"), access.access_track, name="track"),
        path(_("acces-information/suivi/<str:token>/lettres/<int:letter_id>.pdf"), access.access_letter, name="letter"),
        path(_("personnel/acces-information/"), access.staff_register, name="staff_register"),
        path(_("personnel/acces-information/registre.csv"), access.staff_register_csv, name="staff_register_csv"),
        path(_("personnel/acces-information/saisie/"), access.staff_intake, name="staff_intake"),
        path(_("personnel/acces-information/<str:number>/"), access.staff_detail, name="staff_detail"),
        path(
            _("personnel/acces-information/<str:number>/lettres/<int:letter_id>.pdf"),
            access.staff_letter,
            name="staff_letter",
        ),
        path(
            _("personnel/acces-information/<str:number>/lettres/<int:letter_id>/imprimee/"),
            access.staff_letter_printed,
            name="staff_letter_printed",
        ),
        path(_("personnel/acces-information/<str:number>/<slug:action>/"), access.staff_action, name="staff_action"),
    ],
    "access",
)
