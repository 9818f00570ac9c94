"""The knowledge base, the standard answers and a few civic addresses."""

from demo.people import STREETS
from knowledge.models import Article, StandardAnswer
from knowledge.services import article_save
from requests_app.models import Service

DEMO_ARTICLES = [
    (
        "travaux-publics",
        "Un nid-de-poule dans la rue : que faire?",
        "A pothole in the street: what should I do?",
        "Faites une requête « Nid-de-poule » en indiquant l'adresse la plus proche et, si possible, une photo. "
        "Les trous dangereux sont comblés dans les 48 heures; les autres, à la tournée de réparation suivante.",
        "File a « Pothole » request with the nearest address and, if you can, a photo. Dangerous holes are filled "
        "within 48 hours, the others at the next repair round.",
        "nid-de-poule, trou, chaussée, asphalte, pavage, roue, crevaison",
        True,
    ),
    (
        "travaux-publics",
        "Une lumière de rue est éteinte ou clignote : que faire?",
        "A street light is out or flickering: what should I do?",
        "Faites une requête « Lumière de rue défectueuse » en indiquant l'adresse ou le numéro inscrit sur le poteau. "
        "L'équipe des travaux publics remplace les lampes chaque semaine.",
        "File a « Street light » request with the address or the number written on the pole. Public works replace "
        "lamps every week.",
        "lampadaire, lumière, éclairage, poteau, brûlée",
        True,
    ),
    (
        "environnement",
        "Ma collecte n'a pas été faite : que faire?",
        "My garbage was not picked up: what should I do?",
        "Vérifiez d'abord le calendrier des collectes : les jours changent après un jour férié. Si la collecte est "
        "manquée, faites une requête « Collecte manquée » avant midi le lendemain; le bac doit rester en bordure.",
        "First check the collection calendar: days change after a holiday. If it was missed, file a « Missed "
        "collection » request before noon the next day; leave the bin at the curb.",
        "poubelle, ordures, recyclage, bac, vidanges, compost",
        True,
    ),
    (
        "urbanisme",
        "Ai-je besoin d'un permis pour couper un arbre?",
        "Do I need a permit to cut down a tree?",
        "Oui, l'abattage d'un arbre de plus de 10 cm de diamètre demande un certificat d'autorisation. La demande "
        "se fait au Service de l'urbanisme; le délai est d'environ deux semaines.",
        "Yes, cutting a tree over 10 cm in diameter requires a permit from the Planning department; allow about "
        "two weeks.",
        "abattage, arbre, permis, coupe, certificat",
        True,
    ),
    (
        None,
        "Appel sur un bris d'aqueduc en dehors des heures : qui joindre?",
        "",
        "Transférer à la ligne d'urgence des travaux publics (jour et nuit). Noter l'adresse exacte et si l'eau "
        "coule dans la rue ou dans une maison.",
        "",
        "aqueduc, fuite, eau, urgence, soir, fin de semaine",
        False,
    ),
]

DEMO_ANSWERS = [
    (
        "Travaux planifiés",
        None,
        "action_a_venir",
        "Bonjour, votre demande {numero} ({nature}) est planifiée pour le {date_prevue}. Vous pouvez suivre son "
        "avancement ici : {lien_suivi}",
        "Hello, your request {numero} ({nature}) is scheduled for {date_prevue}. Follow it here: {lien_suivi}",
    ),
    (
        "Travaux terminés",
        None,
        "",
        "Bonjour, l'intervention demandée ({nature}) a été effectuée le {completee_le}. Merci de nous avoir "
        "signalé la situation.",
        "Hello, the work you asked for ({nature}) was done on {completee_le}. Thank you for letting us know.",
    ),
    (
        "Hors compétence : route du ministère",
        "travaux-publics",
        "",
        "Bonjour, cette route relève du ministère des Transports du Québec. Nous leur avons transmis votre "
        "signalement; vous pouvez aussi les joindre par Québec 511.",
        "Hello, this road is the responsibility of the Québec Ministry of Transport. We have forwarded your "
        "report; you can also reach them through Québec 511.",
    ),
]


def create_knowledge() -> None:

    if Article.objects.exists():
        return
    services = {service.code: service for service in Service.objects.all()}
    for code, question_fr, question_en, answer_fr, answer_en, keywords, public in DEMO_ARTICLES:
        article_save(
            article=Article(
                service=services.get(code) if code else None,
                question_fr=question_fr,
                question_en=question_en,
                answer_fr=answer_fr,
                answer_en=answer_en,
                keywords=keywords,
                is_public=public,
            )
        )
    for title, code, status, text_fr, text_en in DEMO_ANSWERS:
        StandardAnswer.objects.create(
            title=title, service=services.get(code) if code else None, status=status, text_fr=text_fr, text_en=text_en
        )


def create_addresses() -> int:
    """A civic-address table for the demo streets, as an import of the property roll would give
    (real Prévost addresses come from `manage.py import_addresses`)."""
    from requests_app.services.addresses import addresses_import

    lines = ["identifiant;numero;rue;code_postal;latitude;longitude"]
    for index, street in enumerate(STREETS):
        for step, number in enumerate(range(100, 3000, 50)):
            latitude = 45.845 + index * 0.004 + step * 0.0003
            longitude = -74.11 + index * 0.003
            lines.append(f"DEMO-{index:02d}-{number};{number};{street};J0R 1T0;{latitude:.6f};{longitude:.6f}")
    result = addresses_import("\n".join(lines))
    return result.created
