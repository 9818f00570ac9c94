"""{% place_map_assets %}: the optional map's files and settings, or nothing while MAP_TILE_URL is empty."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("requests_app/_map_assets.html")
def place_map_assets():
    if not settings.MAP_TILE_URL:
        return {"map": None}
    return {
        "map": {
            "tiles": settings.MAP_TILE_URL,
            "attribution": settings.MAP_ATTRIBUTION,
            "center": list(settings.MAP_CENTER),
            "zoom": settings.MAP_ZOOM,
            "images": static("vendor/leaflet-1.9.4/images/"),
            "text": {
                "open": _("Indiquer le lieu sur une carte (facultatif)"),
                "close": _("Fermer la carte"),
                "label": _("Carte : touchez ou cliquez le lieu concerné; les flèches déplacent la carte."),
                "center": _("Placer le repère au centre de la carte"),
                "remove": _("Retirer le repère"),
                "placed": _("Repère placé sur la carte. Vous pouvez encore le déplacer."),
                "removed": _("Repère retiré : l'adresse écrite suffit."),
                "help": _(
                    "La carte est facultative : l'adresse écrite suffit. Un repère aide l'équipe à trouver le lieu "
                    "exact, par exemple sur un long chemin."
                ),
            },
        }
    }
