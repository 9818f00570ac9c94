import secrets

from django import forms
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt

from .models import FloorEvent, FloorOutbox, FloorRequest


class FloorForm(forms.Form):
    """The fields of the portal's request form, validated the plain Django way."""

    service = forms.IntegerField()
    request_type = forms.IntegerField()
    description = forms.CharField(max_length=5000)
    location_address = forms.CharField(max_length=200)
    requester_name = forms.CharField(max_length=150)
    requester_address = forms.CharField(max_length=250)
    requester_phone = forms.CharField(max_length=30)
    requester_email = forms.EmailField()
    contact_preference = forms.ChoiceField(choices=[("courriel", "courriel"), ("rappel", "rappel")])


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
def submit(request):
    form = FloorForm(request.POST)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    with transaction.atomic():
        floor_request = FloorRequest.objects.create(number=secrets.token_hex(8), **form.cleaned_data)
        FloorEvent.objects.create(request=floor_request, kind="submitted")
        FloorOutbox.objects.create(
            request=floor_request,
            to=floor_request.requester_email,
            subject=f"Demande {floor_request.number}",
            body=render_to_string("floor/ack.txt", {"request": floor_request}),
        )
    return render(request, "floor/ack.html", {"request": floor_request})
