from django.urls import path
from django.utils.translation import gettext_lazy as _

from requests_app.views import (
    access,
    callbacks,
    claims,
    dashboard,
    designations,
    knowledge,
    public,
    rnc,
    satisfaction,
    staff,
)

public_patterns = (
    [
        path("", public.home, name="home"),
        path(_("requete/nouvelle/"), public.request_create, name="create"),
        path(_("suivi/"), public.track_lookup, name="track_lookup"),
        path(_("suivi/<str:token>/"), public.track, name="track"),
        path(_("suivi/<str:token>/photos/<int:photo_id>/"), public.track_photo, name="track_photo"),
        path(_("confidentialite/"), public.privacy, name="privacy"),
        path(_("normes-de-service/"), public.standards, name="standards"),
        path(_("satisfaction/<str:token>/"), satisfaction.survey, name="satisfaction"),
        path(_("questions-frequentes/"), knowledge.faq, name="faq"),
        path(_("questions-frequentes/suggestions/"), knowledge.faq_suggestions, name="faq_suggestions"),
        path(_("adresses/"), public.address_search, name="address_search"),
    ],
    "requests",
)

staff_patterns = (
    [
        path("", staff.home, name="home"),
        path(_("saisie/"), staff.intake, name="intake"),
        path(_("rappels/"), callbacks.callback_list, name="callbacks"),
        path(_("base-de-connaissances/"), knowledge.staff_knowledge, name="knowledge"),
        path(_("base-de-connaissances/recherche/"), knowledge.staff_knowledge_search, name="knowledge_search"),
        path(_("suivi-rnc/"), rnc.follow_up, name="rnc_follow_up"),
        path(_("suivi-rnc/avancement/"), rnc.progress, name="rnc_progress"),
        path(_("rapport-elus/"), rnc.elus_report, name="elus_report"),
        path(_("satisfaction/"), satisfaction.results, name="satisfaction"),
        path(_("tableau-de-bord/"), dashboard.dashboard_view, name="dashboard"),
        path(_("designations/"), designations.designation_list, name="designations"),
        path(_("designations/nouvelle/"), designations.designation_create, name="designation_create"),
        path(_("designations/<int:pk>/"), designations.designation_detail, name="designation_detail"),
        path(_("designations/<int:pk>/annexe-c.pdf"), designations.designation_pdf, name="designation_pdf"),
        path(_("rapport-elus/pdf/"), rnc.elus_report_pdf, name="elus_report_pdf"),
        path(_("demandes/<str:number>/"), staff.request_detail, name="request_detail"),
        path(_("demandes/<str:number>/photos/<int:photo_id>/"), staff.request_photo, name="request_photo"),
        path(
            _("demandes/<str:number>/documents/<int:attachment_id>/"),
            staff.request_attachment,
            name="request_attachment",
        ),
        path(_("demandes/<str:number>/<slug:action>/"), staff.request_action, name="request_action"),
    ],
    "staff",
)

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
