from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def portal(request):
    return {"urgent_phone": settings.CITY_URGENT_PHONE, "other_language": _other_language(request)}


def _other_language(request) -> dict:
    """The same page in the other language, as a plain link: the language lives in the address
    (i18n_patterns), so switching needs no form, no CSRF token and no cookie, and a public page
    stays the same for every visitor (which is what lets the status page be cached whole)."""
    code, label, lang = ("fr-ca", "Français", "fr-CA") if get_language() == "en" else ("en", "English", "en")
    url = translate_url(request.path, code)
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    return {"code": code, "label": label, "lang": lang, "url": url}
