import datetime as dt

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.enums import Role
from accounts.models import User
from requests_app import services
from requests_app.models import RequestType, Service


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Employé{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@ville.test")
    extension = "227"
    password = factory.django.Password("secret-pass-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.groups.add(Group.objects.get(name=Role(role).value))
        self.__dict__.pop("role_names", None)


def service(code: str) -> Service:
    return Service.objects.get(code=code)


def request_type(code: str) -> RequestType:
    return RequestType.objects.select_related("service").get(code=code)


def submit_request(*, type_code="nid-de-poule", received_at=None, **overrides):
    """A citizen's requête through the real submission service."""
    data = {
        "request_type": request_type(type_code),
        "description": "Un nid-de-poule profond devant le 1234.",
        "location_address": "1234, rue Principale",
        "requester_name": "Marie Tremblay",
        "requester_address": "1234, rue Principale, Prévost",
        "requester_phone": "450 555-0101",
        "requester_email": "marie@example.ca",
    }
    data.update(overrides)
    return services.request_submit(
        data=data, channel="web", received_at=received_at or timezone.now() - dt.timedelta(hours=1)
    )


def assign_and_complete(request, *, technicien, responsable, public_note="", internal_note=""):
    """Route a request to its service's responsable, who completes it (Annexe A, code 238, today)."""
    assigned = services.request_assign(service_request=request, acting_user=technicien)
    return services.request_complete(
        service_request=assigned,
        acting_user=responsable,
        done_date=timezone.localdate(),
        extension="227",
        internal_note=internal_note,
        public_note=public_note,
    )
