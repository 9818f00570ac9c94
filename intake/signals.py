from django.dispatch import receiver

from intake.models import InboundEmail
from requests_app.signals import requests_anonymized


@receiver(requests_anonymized)
def forget_senders(sender, request_ids, **kwargs):
    """Loi 25: the mailbox log of an anonymized request keeps no sender and no subject."""
    InboundEmail.objects.filter(request_id__in=request_ids).update(sender="", subject="")
