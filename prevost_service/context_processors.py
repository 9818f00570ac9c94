from django.conf import settings


def portal(request):
    return {"urgent_phone": settings.CITY_URGENT_PHONE}
