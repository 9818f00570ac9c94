import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.enums import Role, SignatureMethod
from accounts.signatures import Signature
from core.errors import ApplicationError
from requests_app import services
from requests_app.models import Designation
from requests_app.selectors import services_without_designation
from requests_app.services import designations

from ..factories import UserFactory, service, submit_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def env_director(db):
    director = UserFactory(
        username="dir-env", first_name="Claire", last_name="Directrice", roles=[Role.DIRECTEUR_SERVICE]
    )
    env = service("environnement")
    env.director = director
    env.save()
    return director


def typed(user):
    return Signature(SignatureMethod.TYPED, user.get_full_name())


def designate(director, employee, **kwargs):
    designation = designations.designation_start(
        service=service("environnement"),
        acting_user=director,
        reception_responsable=employee,
        position_email="environnement@ville.test",
        extension="245",
        designation_date=timezone.localdate(),
        **kwargs,
    )
    designations.designation_sign_as_employee(designation=designation, acting_user=employee, signature=typed(employee))
    return designations.designation_sign_as_director(
        designation=designation, acting_user=director, signature=typed(director)
    )


def test_takes_effect_only_once_both_have_signed(env_director):
    employee = UserFactory(username="secretaire", first_name="Annie", last_name="Secrétaire")
    designation = designations.designation_start(
        service=service("environnement"),
        acting_user=env_director,
        reception_responsable=employee,
        position_email="environnement@ville.test",
        extension="245",
        designation_date=timezone.localdate(),
    )
    assert service("environnement").responsable is None
    with pytest.raises(ApplicationError, match="L'employé désigné doit signer avant"):
        designations.designation_sign_as_director(
            designation=designation, acting_user=env_director, signature=typed(env_director)
        )
    designations.designation_sign_as_employee(designation=designation, acting_user=employee, signature=typed(employee))
    assert service("environnement").responsable is None, "one signature is not enough"
    designations.designation_sign_as_director(
        designation=designation, acting_user=env_director, signature=typed(env_director)
    )
    designation.refresh_from_db()
    assert designation.state == "in_force" and service("environnement").responsable == employee


def test_only_the_named_people_sign_from_their_own_accounts(env_director, technicien):
    employee = UserFactory(username="secretaire")
    designation = designations.designation_start(
        service=service("environnement"),
        acting_user=technicien,
        reception_responsable=employee,
        position_email="e@ville.test",
        extension="1",
        designation_date=timezone.localdate(),
    )
    for intruder in (technicien, env_director):
        with pytest.raises(ApplicationError, match="Seul l'employé désigné"):
            designations.designation_sign_as_employee(
                designation=designation, acting_user=intruder, signature=typed(intruder)
            )


def test_routing_follows_the_designation_in_force_when_the_request_arrives(env_director, technicien):
    first = UserFactory(username="premiere")
    second = UserFactory(username="seconde")
    designate(env_director, first)
    early = submit_request(type_code="collecte-manquee")
    designate(env_director, second)
    late = submit_request(type_code="collecte-manquee")
    assert services.request_assign(service_request=early, acting_user=technicien).responsable == first
    assert services.request_assign(service_request=late, acting_user=technicien).responsable == second
    assert Designation.objects.in_force().get(service=service("environnement")).reception_responsable == second
    assert Designation.objects.filter(service=service("environnement"), superseded_at__isnull=False).count() == 1


def test_schema_b_names_an_execution_responsable_who_sees_and_acts(technicien):
    director = UserFactory(username="dir-tp", roles=[Role.DIRECTEUR_SERVICE])
    tp = service("travaux-publics")
    tp.director = director
    tp.save()
    secretary, superintendent = UserFactory(username="secretaire-tp"), UserFactory(username="surintendant")
    with pytest.raises(ApplicationError, match="schéma B"):
        designations.designation_start(
            service=tp,
            acting_user=director,
            reception_responsable=secretary,
            position_email="tp@ville.test",
            extension="2",
            designation_date=timezone.localdate(),
        )
    designation = designations.designation_start(
        service=tp,
        acting_user=director,
        reception_responsable=secretary,
        position_email="tp@ville.test",
        extension="2",
        designation_date=timezone.localdate(),
        execution_responsable=superintendent,
    )
    designations.designation_sign_as_employee(
        designation=designation, acting_user=secretary, signature=typed(secretary)
    )
    designations.designation_sign_as_director(designation=designation, acting_user=director, signature=typed(director))
    request = services.request_assign(service_request=submit_request(), acting_user=technicien)
    assert request.responsable == secretary
    assert request.can_be_handled_by(superintendent)
    services.request_complete(
        service_request=request, acting_user=superintendent, done_date=timezone.localdate(), extension="3"
    )


def test_annexe_c_pdf_carries_every_field_and_goes_to_the_technicien(
    env_director, technicien, django_capture_on_commit_callbacks
):
    employee = UserFactory(username="secretaire", first_name="Annie", last_name="Secrétaire")
    with django_capture_on_commit_callbacks(execute=True):
        designation = designate(env_director, employee)
    with designation.pdf.open("rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    for expected in (
        "Ville de Prévost",
        "Annexe C",
        "Environnement",
        "Claire Directrice",
        "Annie Secrétaire",
        "environnement@ville.test",
        "245",
        timezone.localdate().strftime("%d/%m/%Y"),
        "Signature de l'employé",
        "Signature du Directeur",
        "secretaire",
        "dir-env",
    ):
        assert expected in text, expected
    (notice,) = [m for m in mail.outbox if m.to == [technicien.email]]
    assert {name for name, _c, _t in notice.attachments} == {"annexe-c-environnement.pdf"}


def test_service_without_designation_is_flagged_for_the_technicien(client, env_director, technicien):
    assert service("environnement") in services_without_designation()
    designate(env_director, UserFactory(username="secretaire"))
    assert service("environnement") not in services_without_designation()
    client.force_login(technicien)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Services sans désignation en vigueur" in page and "Urbanisme" in page


def test_a_signed_designation_cannot_be_edited_in_the_admin(client, env_director):
    superuser = UserFactory(username="it", is_superuser=True, is_staff=True)
    designation = designate(env_director, UserFactory(username="secretaire"))
    client.force_login(superuser)
    url = reverse("admin:requests_app_designation_change", args=[designation.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="extension"' not in page.content.decode(), "shown read-only"
    assert client.post(url, {"extension": "999"}).status_code == 403
    designation.refresh_from_db()
    assert designation.extension == "245"


def test_the_designation_form_offers_employees_only_and_the_execution_field_for_schema_b(
    client, env_director, directeur_general, greffier
):
    from requests_app.forms import DesignationForm

    employee = UserFactory(username="commis-env", first_name="Luc", last_name="Commis")
    elu = UserFactory(username="elu-desig", first_name="Ève", last_name="Élue", roles=[Role.ELU])
    form = DesignationForm(user=env_director)
    people = set(form.fields["reception_responsable"].queryset)
    assert employee in people and env_director in people
    assert not {elu, directeur_general, greffier} & people
    client.force_login(env_director)
    assert 'data-schema-b="' in client.get(reverse("staff:designation_create")).content.decode()
    refused = DesignationForm(
        {
            "service": service("environnement").pk,
            "reception_responsable": employee.pk,
            "position_email": "environnement@ville.test",
            "extension": "245",
            "execution_responsable": employee.pk,
            "designation_date": timezone.localdate().isoformat(),
        },
        user=env_director,
    )
    assert not refused.is_valid() and "schéma B" in refused.errors["execution_responsable"][0]
