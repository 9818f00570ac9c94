from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from requests_app.models import SatisfactionResponse, ServiceRequest
from requests_app.satisfaction import RATINGS


def satisfaction_record(*, service_request: ServiceRequest, rating: int, comment: str = "") -> SatisfactionResponse:
    if rating not in RATINGS:
        raise ApplicationError(_("Choisissez une note de 1 à 5."))
    try:
        with transaction.atomic():
            return SatisfactionResponse.objects.create(request=service_request, rating=rating, comment=comment.strip())
    except IntegrityError:
        raise ApplicationError(_("Nous avons déjà reçu votre appréciation pour cette demande. Merci!")) from None
