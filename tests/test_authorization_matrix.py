"""Who sees what: every URL of the portal, requested by every kind of visitor.

The rows come from the URL configuration: a URL added without its row here fails
`test_every_url_has_its_row`. Each cell is the answer the visitor must get:

    200  the page          302  sent to the login page (anonymous on a staff page)
    403  refused           404  as if it did not exist (a token or number that is not theirs)
    405  method not allowed (a POST-only action requested with GET)
    "→"  redirected elsewhere than the login (to their own home, or a page that lists it)

Visitors: anonymous; the holder of another citizen's link (their own valid token in the URL,
with an object of someone else); the Technicien; the responsable of the object's service (the
control that the page works for whom it is meant); the responsable of another service; the
director of another service; the Directeur du Service aux citoyens (DSAC); the Directeur
général; an élu; the Greffier. The objects belong to Travaux publics, so « another service » is
Environnement.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

from accounts.middleware import SecondFactorMiddleware
from accounts.models import ConfidentialityIncident, User

pytestmark = pytest.mark.django_db

VISITORS = (
    "anonymous",
    "other_link",
    "technicien",
    "resp_own",
    "resp_other",
    "dir_other",
    "dsac",
    "dg",
    "elu",
    "greffier",
)
USERNAMES = {
    "technicien": "technicien",
    "resp_own": "responsable-travaux-publics",
    "resp_other": "responsable-environnement",
    "dir_other": "directeur-environnement",
    "dsac": "directeur-sac",
    "dg": "dg",
    "elu": "elu",
    "greffier": "greffier",
}


def all_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def world(settings, django_capture_on_commit_callbacks):
    """The demo city, plus one object of each kind that the demo does not attach."""
    from complaints.models import Complaint, Evidence
    from intake.models import InboundEmail
    from legal.models import AccessLetter, AccessRequest, Claim, ClaimConsultation, ClaimDocument
    from requests_app.models import Designation, RequestAttachment, RequestPhoto, Service, ServiceRequest

    settings.DEBUG = True  # seed_demo refuses otherwise
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", requests=40, stdout=io.StringIO())
    settings.DEBUG = False
    public_works = Service.objects.get(code="travaux-publics")
    requests = (
        ServiceRequest.objects.filter(service=public_works, kind="requete").exclude(status="reclassee").order_by("pk")
    )
    mine, theirs = requests[0], requests[1]
    photo = RequestPhoto.objects.create(request=theirs, content_type="image/jpeg")
    photo.image.save("photo.jpg", ContentFile(jpeg()))
    InboundEmail.objects.create(
        message_id="<matrice@example.ca>", outcome="nouvelle", request=theirs, sender="x@example.ca", subject="Trou"
    )
    request_document = RequestAttachment.objects.create(
        request=theirs,
        file=ContentFile(b"%PDF-1.4", name="lettre.pdf"),
        filename="lettre.pdf",
        content_type="application/pdf",
    )
    from tests.complaints.conftest import file_complaint

    complaint = file_complaint()  # signed by hand: its signature is an image
    other_complaint = Complaint.objects.exclude(pk=complaint.pk).order_by("pk").first()
    statement = complaint.statements.first()
    evidence = Evidence.objects.create(
        complaint=complaint, description="photo", added_by=User.objects.get(username="directeur-sac")
    )
    evidence.file.save("piece.jpg", ContentFile(jpeg()))
    claims = Claim.objects.order_by("pk")
    claim = claims[0]
    document = ClaimDocument.objects.filter(claim=claim).first()
    if document is None:
        document = ClaimDocument.objects.create(claim=claim, kind="photo", content_type="image/jpeg")
        document.file.save("dommage.jpg", ContentFile(jpeg()))
    consultation = ClaimConsultation.objects.filter(claim=claim).first() or ClaimConsultation.objects.create(
        claim=claim, service=public_works, asked_by=User.objects.get(username="greffier"), question="Constat?"
    )
    accesses = AccessRequest.objects.order_by("pk")
    access, other_access = accesses[0], accesses[1]
    letter = AccessLetter.objects.filter(access_request=access).first()
    ConfidentialityIncident.objects.create(
        occurred_on="2026-11-16",
        discovered_on="2026-11-18",
        circumstances="Liste envoyée à une adresse externe.",
        information_concerned="Noms et adresses",
        people_concerned=14,
        serious_injury_risk=False,
        risk_assessment="Faible.",
        measures="Suppression confirmée.",
        recorded_by=User.objects.get(username="dg"),
    )
    return {
        "request": mine,
        "other_request": theirs,
        "photo": photo,
        "request_document": request_document,
        "complaint": complaint,
        "other_complaint": other_complaint,
        "statement": statement,
        "evidence": evidence,
        "claim": claim,
        "document": document,
        "consultation": consultation,
        "access": access,
        "other_access": other_access,
        "letter": letter,
        "designation": Designation.objects.filter(service=public_works).first(),
        "users": {key: User.objects.get(username=name) for key, name in USERNAMES.items()},
    }


def url_cases(w) -> dict[str, tuple[dict, dict | None]]:
    """For each URL name: its arguments, and the arguments a holder of another citizen's link
    would try (their own token, someone else's object), or None where there is no token."""
    from open311 import georeport as open311
    from requests_app import satisfaction

    r, other_r = w["request"], w["other_request"]
    c, other_c = w["complaint"], w["other_complaint"]
    cl = w["claim"]
    a, other_a = w["access"], w["other_access"]
    cases = {
        "healthz": ({}, None),
        "favicon": ({}, None),
        "set_language": ({}, None),
        "home": ({}, None),
        "open311:openapi": ({}, None),
        "open311:services": ({"fmt": "json"}, None),
        "open311:discovery": ({"fmt": "json"}, None),
        "open311_discovery": ({"fmt": "json"}, None),
        "open311:service": ({"code": r.request_type.code, "fmt": "json"}, None),
        "open311:requests": ({"fmt": "json"}, None),
        "open311:request": ({"number": r.number, "fmt": "json"}, None),
        "open311:token": ({"token": open311.token_for(r), "fmt": "json"}, None),
        "requests:home": ({}, None),
        "requests:create": ({}, None),
        "requests:question": ({}, None),
        "requests:similar": ({}, None),
        "requests:follow": ({"number": r.number}, None),
        "requests:follow_stop": ({"token": "not-a-token"}, None),
        "requests:track_lookup": ({}, None),
        "requests:track": ({"token": r.tracking_token}, None),
        "requests:track_photo": (
            {"token": other_r.tracking_token, "photo_id": w["photo"].pk},
            {"token": r.tracking_token, "photo_id": w["photo"].pk},
        ),
        "requests:privacy": ({}, None),
        "requests:standards": ({}, None),
        "requests:satisfaction": ({"token": satisfaction.survey_token(r)}, None),
        "complaints:create": ({}, None),
        "complaints:track": ({"token": c.tracking_token}, None),
        "complaints:pdf": (
            {"token": c.tracking_token, "statement_id": w["statement"].pk},
            {"token": other_c.tracking_token, "statement_id": w["statement"].pk},
        ),
        "complaints:signature": (
            {"token": c.tracking_token, "statement_id": w["statement"].pk},
            {"token": other_c.tracking_token, "statement_id": w["statement"].pk},
        ),
        "complaints:sign": ({"token": c.signing_token}, None),
        "complaints:staff_list": ({}, None),
        "complaints:staff_intake": ({}, None),
        "complaints:access_log": ({}, None),
        "complaints:staff_detail": ({"number": c.number}, None),
        "complaints:staff_paper": ({"number": c.number}, None),
        "complaints:staff_pdf": ({"number": c.number, "statement_id": w["statement"].pk}, None),
        "complaints:staff_signature": ({"number": c.number, "statement_id": w["statement"].pk}, None),
        "complaints:staff_evidence": ({"number": c.number, "evidence_id": w["evidence"].pk}, None),
        "complaints:staff_action": ({"number": c.number, "action": "enquete"}, None),
        "claims:create": ({}, None),
        "claims:clocks": ({}, None),
        "claims:track": ({"token": cl.tracking_token}, None),
        "claims:acknowledgement": ({"token": cl.tracking_token}, None),
        "claims:staff_list": ({}, None),
        "claims:staff_intake": ({}, None),
        "claims:consultations": ({}, None),
        "claims:consultation": ({"pk": w["consultation"].pk}, None),
        "claims:consultation_photo": ({"pk": w["consultation"].pk, "document_id": w["document"].pk}, None),
        "claims:staff_detail": ({"number": cl.number}, None),
        "claims:staff_pdf": ({"number": cl.number}, None),
        "claims:staff_document": ({"number": cl.number, "document_id": w["document"].pk}, None),
        "claims:staff_action": ({"number": cl.number, "action": "analyse"}, None),
        "access:create": ({}, None),
        "access:track": ({"token": a.tracking_token}, None),
        "access:letter": (
            {"token": a.tracking_token, "letter_id": w["letter"].pk},
            {"token": other_a.tracking_token, "letter_id": w["letter"].pk},
        ),
        "access:staff_register": ({}, None),
        "access:staff_register_csv": ({}, None),
        "access:staff_intake": ({}, None),
        "access:staff_detail": ({"number": a.number}, None),
        "access:staff_letter": ({"number": a.number, "letter_id": w["letter"].pk}, None),
        "access:staff_letter_printed": ({"number": a.number, "letter_id": w["letter"].pk}, None),
        "access:staff_action": ({"number": a.number, "action": "prolonger"}, None),
        "staff:home": ({}, None),
        "staff:intake": ({}, None),
        "staff:rnc_follow_up": ({}, None),
        "staff:rnc_progress": ({}, None),
        "staff:elus_report": ({}, None),
        "staff:satisfaction": ({}, None),
        "staff:dashboard": ({}, None),
        "staff:designations": ({}, None),
        "staff:designation_create": ({}, None),
        "staff:designation_detail": ({"pk": w["designation"].pk}, None),
        "staff:designation_pdf": ({"pk": w["designation"].pk}, None),
        "staff:elus_report_pdf": ({}, None),
        "staff:request_detail": ({"number": r.number}, None),
        "staff:request_photo": ({"number": other_r.number, "photo_id": w["photo"].pk}, None),
        "staff:request_attachment": ({"number": other_r.number, "attachment_id": w["request_document"].pk}, None),
        "staff:request_action": ({"number": r.number, "action": "completer"}, None),
        "accounts:login": ({}, None),
        "accounts:logout": ({}, None),
        "accounts:availability": ({}, None),
        "accounts:directory": ({}, None),
        "accounts:second_factor": ({}, None),
        "accounts:security": ({}, None),
        "accounts:password_change": ({}, None),
        "accounts:password_forgotten": ({}, None),
        "accounts:password_set": ({"uidb64": "MQ", "token": "set-password"}, None),
        "requests:faq": ({}, None),
        "requests:faq_suggestions": ({}, None),
        "requests:address_search": ({}, None),
        "staff:callbacks": ({}, None),
        "staff:knowledge": ({}, None),
        "staff:knowledge_search": ({}, None),
    }
    return cases


def answer(client, url) -> object:
    response = client.get(url)
    if response.streaming:  # a file: reading it to the end lets the test client close it
        b"".join(response.streaming_content)
    if response.status_code in (301, 302):
        return 302 if "/compte/connexion/" in response.url or "/admin/login/" in response.url else "→"
    return response.status_code


def admin_cases() -> dict[str, dict]:
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType

    from requests_app.models import ServiceRequest

    cases = {
        "admin:index": {},
        "admin:login": {},
        "admin:logout": {},
        "admin:password_change": {},
        "admin:password_change_done": {},
        "admin:autocomplete": {},
        "admin:jsi18n": {},
        "admin:app_list": {"app_label": "requests_app"},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(ServiceRequest).pk,
            "object_id": ServiceRequest.objects.first().pk,
        },
        "admin:requests_app_servicerequest_transition": {"pk": ServiceRequest.objects.first().pk, "action": "assign"},
        "admin:requests_app_servicerequest_merge": {"pk": ServiceRequest.objects.first().pk},
        "admin:auth_user_password_change": {"id": User.objects.get(username="technicien").pk},
        # A device's secret is shown to its owner once, at enrolment, never in the admin.
    }
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        cases[f"{prefix}_changelist"] = {}
        cases[f"{prefix}_add"] = {}
        first = model._default_manager.order_by("pk").first()
        for action in ("change", "history", "delete"):
            cases[f"{prefix}_{action}"] = {"object_id": first.pk if first else 0}
    return cases


# fmt: off
# The expected answer of every cell, in the order of VISITORS:
#   anonymous, other_link, technicien, resp_own, resp_other, dir_other, dsac, dg, elu, greffier
# "=" in other_link: the URL carries no citizen token, so the column is the anonymous one.
EXPECTED = {
    "admin:accounts_confidentialityincident_add": (302, '=', 403, 302, 302, 302, 302, 200, 302, 200),
    "admin:accounts_confidentialityincident_change": (302, '=', 403, 302, 302, 302, 302, 200, 302, 200),
    "admin:accounts_confidentialityincident_changelist": (302, '=', 403, 302, 302, 302, 302, 200, 302, 200),
    "admin:accounts_confidentialityincident_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_confidentialityincident_history": (302, '=', 403, 302, 302, 302, 302, 200, 302, 200),
    "access:create": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "access:letter": (200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
    "access:staff_action": (302, '=', 405, 405, 405, 405, 405, 405, 405, 405),
    "access:staff_detail": (302, '=', 403, 403, 403, 403, 403, 200, 403, 200),
    "access:staff_intake": (302, '=', 200, 403, 403, 403, 403, 200, 403, 200),
    "access:staff_letter": (302, '=', 403, 403, 403, 403, 403, 200, 403, 200),
    "access:staff_letter_printed": (302, '=', 405, 405, 405, 405, 405, 405, 405, 405),
    "access:staff_register": (302, '=', 200, 403, 403, 403, 403, 200, 403, 200),
    "access:staff_register_csv": (302, '=', 403, 403, 403, 403, 403, 200, 403, 200),
    "access:track": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "accounts:availability": (302, '=', 405, 405, 405, 405, 405, 405, 405, 405),
    "accounts:directory": (302, '=', 200, 403, 403, 403, 200, 200, 403, 403),
    "accounts:login": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "accounts:logout": (405, '=', 405, 405, 405, 405, 405, 405, 405, 405),
    "admin:accounts_rightschange_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_rightschange_change": (302, '=', '→', 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_rightschange_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_rightschange_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_rightschange_history": (302, '=', '→', 302, 302, 302, 302, '→', 302, '→'),
    "admin:accounts_user_add": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_user_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_user_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_user_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_user_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:app_list": (302, '=', 200, 302, 302, 302, 302, 404, 302, 404),
    "admin:auth_group_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:auth_group_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:auth_group_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:auth_group_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:auth_group_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:auth_user_password_change": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:autocomplete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accessattempt_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accessattempt_change": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accessattempt_changelist": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accessattempt_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accessattempt_history": (302, '=', '→', 302, 302, 302, 302, '→', 302, '→'),
    "admin:axes_accessfailurelog_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accessfailurelog_change": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accessfailurelog_changelist": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accessfailurelog_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accessfailurelog_history": (302, '=', '→', 302, 302, 302, 302, '→', 302, '→'),
    "admin:axes_accesslog_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accesslog_change": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accesslog_changelist": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accesslog_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:axes_accesslog_history": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:index": (302, '=', 200, 302, 302, 302, 302, 200, 302, 200),
    "admin:jsi18n": (302, '=', 200, 302, 302, 302, 302, 200, 302, 200),
    "admin:login": (200, '=', '→', 200, 200, 200, 200, '→', 200, '→'),
    "admin:logout": ('→', '=', 405, '→', '→', '→', '→', 405, '→', 405),
    "admin:password_change": (302, '=', '→', 302, 302, 302, 302, '→', 302, '→'),  # to accounts:password_change, logged
    "admin:password_change_done": (302, '=', 200, 302, 302, 302, 302, 200, 302, 200),
    "admin:open311_apikey_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:open311_apikey_change": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:open311_apikey_changelist": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:open311_apikey_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:open311_apikey_history": (302, '=', '→', 302, 302, 302, 302, '→', 302, '→'),
    "admin:requests_app_closureday_add": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_closureday_change": (302, '=', '→', 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_closureday_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_closureday_delete": (302, '=', '→', 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_closureday_history": (302, '=', '→', 302, 302, 302, 302, '→', 302, '→'),
    "admin:requests_app_recurringclosure_add": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_recurringclosure_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_recurringclosure_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_recurringclosure_delete": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_recurringclosure_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_designation_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_designation_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_designation_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_designation_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_designation_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:digests_digestdelivery_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:digests_digestdelivery_change": (302, '=', '→', 302, 302, 302, 302, 403, 302, 403),
    "admin:digests_digestdelivery_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:digests_digestdelivery_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:digests_digestdelivery_history": (302, '=', '→', 302, 302, 302, 302, '→', 302, '→'),
    "admin:requests_app_interventioncode_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_interventioncode_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_interventioncode_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_interventioncode_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_interventioncode_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_address_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_address_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_address_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_address_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_address_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:intake_inboundemail_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:intake_inboundemail_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:intake_inboundemail_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:intake_inboundemail_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:intake_inboundemail_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:outbox_outboundemail_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:outbox_outboundemail_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:outbox_outboundemail_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:outbox_outboundemail_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:outbox_outboundemail_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_servicerequest_add": (302, '=', '→', 302, 302, 302, 302, '→', 302, '→'),
    "admin:requests_app_servicerequest_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_servicerequest_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_servicerequest_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_servicerequest_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, '→'),
    "admin:requests_app_servicerequest_transition": (302, '=', '→', 302, 302, 302, 302, '→', 302, '→'),
    "admin:requests_app_servicerequest_merge": (302, '=', '→', 302, 302, 302, 302, '→', 302, '→'),
    "admin:requests_app_requesttype_add": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_requesttype_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_requesttype_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_requesttype_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_requesttype_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_service_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_service_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_service_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_service_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:requests_app_service_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:view_on_site": (302, '=', 404, 302, 302, 302, 302, 404, 302, 404),
    "claims:acknowledgement": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "claims:clocks": (400, '=', 400, 400, 400, 400, 400, 400, 400, 400),
    "claims:consultation": (302, '=', 404, 200, 404, 404, 404, 404, 404, 404),
    "claims:consultation_photo": (302, '=', 404, 200, 404, 404, 404, 404, 404, 404),
    "claims:consultations": (302, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "claims:create": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "claims:staff_action": (302, '=', 405, 405, 405, 405, 405, 405, 405, 405),
    "claims:staff_detail": (302, '=', 403, 403, 403, 403, 403, 200, 403, 200),
    "claims:staff_document": (302, '=', 403, 403, 403, 403, 403, 200, 403, 200),
    "claims:staff_intake": (302, '=', 200, 403, 403, 403, 403, 200, 403, 200),
    "claims:staff_list": (302, '=', 200, 403, 403, 403, 403, 200, 403, 200),
    "claims:staff_pdf": (302, '=', 403, 403, 403, 403, 403, 200, 403, 200),
    "claims:track": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "complaints:access_log": (302, '=', 403, 403, 403, 403, 200, 403, 403, 403),
    "complaints:create": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "complaints:pdf": (200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
    "complaints:sign": ('→', '=', '→', '→', '→', '→', '→', '→', '→', '→'),
    "complaints:signature": (200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
    "complaints:staff_action": (302, '=', 405, 405, 405, 405, 405, 405, 405, 405),
    "complaints:staff_detail": (302, '=', 404, 404, 404, 404, 200, 404, 404, 404),
    "complaints:staff_evidence": (302, '=', 404, 404, 404, 404, 200, 404, 404, 404),
    "complaints:staff_intake": (302, '=', 200, 403, 403, 403, 200, 403, 403, 403),
    "complaints:staff_list": (302, '=', 200, 403, 403, 403, 200, 403, 403, 403),
    "complaints:staff_paper": (302, '=', 200, 403, 403, 403, 200, 403, 403, 403),
    "complaints:staff_pdf": (302, '=', 404, 404, 404, 404, 200, 404, 404, 404),
    "complaints:staff_signature": (302, '=', 404, 404, 404, 404, 200, 404, 404, 404),
    "complaints:track": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "favicon": ('→', '=', '→', '→', '→', '→', '→', '→', '→', '→'),
    "healthz": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "home": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:openapi": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:request": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:requests": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:service": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:services": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:discovery": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "open311_discovery": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:token": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "accounts:second_factor": (302, '=', '→', '→', '→', '→', '→', '→', '→', '→'),
    "accounts:security": (302, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "accounts:password_change": (302, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "accounts:password_forgotten": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "accounts:password_set": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "admin:accounts_rolesecurity_add": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_rolesecurity_change": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_rolesecurity_changelist": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_rolesecurity_delete": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "admin:accounts_rolesecurity_history": (302, '=', 403, 302, 302, 302, 302, 403, 302, 403),
    "requests:faq": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:faq_suggestions": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:address_search": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "staff:callbacks": (302, '=', 200, 403, 403, 403, 403, 403, 403, 403),
    "staff:knowledge": (302, '=', 200, 200, 200, 200, 200, 200, 403, 200),
    "staff:knowledge_search": (302, '=', 200, 200, 200, 200, 200, 200, 403, 200),
    "admin:knowledge_article_add": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:knowledge_article_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:knowledge_article_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:knowledge_article_delete": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:knowledge_article_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:knowledge_standardanswer_add": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:knowledge_standardanswer_change": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:knowledge_standardanswer_changelist": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:knowledge_standardanswer_delete": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "admin:knowledge_standardanswer_history": (302, '=', 200, 302, 302, 302, 302, 403, 302, 403),
    "requests:create": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:question": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:similar": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:follow": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:follow_stop": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:home": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:privacy": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:satisfaction": (404, '=', 404, 404, 404, 404, 404, 404, 404, 404),
    "requests:standards": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:track": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:track_lookup": (200, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "requests:track_photo": (200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
    "set_language": ('→', '=', '→', '→', '→', '→', '→', '→', '→', '→'),
    "staff:dashboard": (302, '=', 403, 403, 403, 200, 200, 200, 403, 403),
    "staff:designation_create": (302, '=', 200, 403, 403, 200, 403, 403, 403, 403),
    "staff:designation_detail": (302, '=', 200, 200, 404, 404, 404, 404, 404, 404),
    "staff:designation_pdf": (302, '=', 200, 200, 404, 404, 404, 404, 404, 404),
    "staff:designations": (302, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "staff:elus_report": (302, '=', 200, 403, 403, 200, 200, 200, 200, 403),
    "staff:elus_report_pdf": (302, '=', 200, 403, 403, 200, 200, 200, 200, 403),
    "staff:home": (302, '=', 200, 200, 200, 200, 200, 200, '→', 200),
    "staff:intake": (302, '=', 200, 403, 403, 403, 403, 403, 403, 403),
    "staff:request_action": (302, '=', 405, 405, 405, 405, 405, 405, 405, 405),
    "staff:request_detail": (302, '=', 200, 200, 404, 404, 200, 200, 404, 404),
    "staff:request_photo": (302, '=', 200, 200, 404, 404, 200, 200, 404, 404),
    "staff:request_attachment": (302, '=', 200, 200, 404, 404, 200, 200, 404, 404),
    "staff:rnc_follow_up": (302, '=', 200, 200, 200, 200, 200, 200, 200, 200),
    "staff:rnc_progress": (302, '=', 200, 403, 403, 403, 200, 200, 403, 403),
    "staff:satisfaction": (302, '=', 403, 403, 403, 403, 200, 200, 403, 403),
}
# fmt: on


def test_every_url_has_its_row():
    names = all_url_names()
    assert names - set(EXPECTED) == set(), "a new URL needs its row in EXPECTED (who may see it?)"
    assert set(EXPECTED) - names == set(), "a row for a URL that no longer exists"


def test_each_visitor_gets_the_answer_written_for_them(world):
    clients = {"anonymous": Client(), "other_link": Client()}
    for key, user in world["users"].items():
        clients[key] = Client()
        clients[key].force_login(user)
    cases = url_cases(world)
    cases.update({name: (kwargs, None) for name, kwargs in admin_cases().items()})
    wrong = []
    for name, expected in sorted(EXPECTED.items()):
        kwargs, other = cases[name]
        url = reverse(name, kwargs=kwargs)
        actual = tuple(
            (answer(clients[visitor], reverse(name, kwargs=other)) if other else "=")
            if visitor == "other_link"
            else answer(clients[visitor], url)
            for visitor in VISITORS
        )
        if actual != expected:
            cells = [f"{v}: {e} -> {a}" for v, e, a in zip(VISITORS, expected, actual, strict=True) if e != a]
            wrong.append(f'{name} ({url}): {", ".join(cells)}\n    "{name}": {actual},')
    assert not wrong, "answers differ from the matrix:\n" + "\n".join(wrong)


def test_a_password_alone_opens_nothing_for_accounts_that_need_a_second_factor(world):
    """The Technicien, the directors, the DG and the Greffier, logged in with their password but
    not their code, are sent to the code page from every URL but the way in and out."""
    open_views = SecondFactorMiddleware.OPEN_VIEWS
    cases = url_cases(world)
    cases.update({name: (kwargs, None) for name, kwargs in admin_cases().items()})
    wrong = []
    for visitor in ("technicien", "dir_other", "dsac", "dg", "greffier"):
        client = Client()
        client.post(reverse("accounts:login"), {"username": USERNAMES[visitor], "password": "demo-prevost"})
        assert client.session.get("_auth_user_id"), f"{visitor} logged in with the password"
        for name in sorted(set(EXPECTED) - open_views):
            response = client.get(reverse(name, kwargs=cases[name][0]))
            if response.streaming:
                b"".join(response.streaming_content)
            if not (response.status_code == 302 and response.url.startswith("/compte/second-facteur/?next=")):
                wrong.append(f"{visitor} {name}: {response.status_code} {getattr(response, 'url', '')}")
    assert not wrong, "reached without the second factor:\n" + "\n".join(wrong)
