import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from outbox.models import OutboundEmail
from requests_app.enums import Status
from requests_app.models import Service, ServiceRequest

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match=r"DEBUG est désactivé.*seed_demo --force"):
        call_command("seed_demo")
    assert not ServiceRequest.objects.exists()


def test_seed_demo_loads_every_status_and_every_role(settings, capsys, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", requests=120)
    assert ServiceRequest.objects.count() == 120
    assert set(ServiceRequest.objects.values_list("status", flat=True)) == set(Status.values)
    assert not Service.objects.filter(responsable__isnull=True).exists()
    assert not OutboundEmail.objects.filter(status="pending").exists()
    assert mail.outbox == [], "demo e-mails never go out"
    output = capsys.readouterr().out
    for username in ("technicien", "directeur-sac", "dg", "elu", "responsable-travaux-publics"):
        assert username in output
    assert "demo-prevost" in output
