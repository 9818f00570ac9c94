from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.people import DEMO_PASSWORD
from demo.seed import seed


class Command(BaseCommand):
    help = "Charge les comptes de démonstration et environ 200 demandes dans tous les statuts."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200)
        parser.add_argument("--if-empty", action="store_true", help="Ne rien ajouter si des demandes existent déjà.")
        parser.add_argument("--force", action="store_true", help="Permet de charger la démo quand DEBUG est désactivé.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG est désactivé (réglages de production) : la démo, avec ses comptes au mot de passe connu, "
                "ne se charge pas sur une base réelle. Pour l'essayer sur une base de démonstration, lancez "
                "`python manage.py seed_demo --force` ou mettez DEBUG=True (make run le fait)."
            )
        usernames, made = seed(count=options["requests"], only_if_empty=options["if_empty"])
        if made:
            self.stdout.write(f"{made} demandes de démonstration créées.")
        else:
            self.stdout.write("Des demandes existent déjà : aucune demande de démonstration ajoutée.")
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration (mot de passe : {DEMO_PASSWORD}) :")
        for username in usernames:
            self.stdout.write(f"  {username}")
        if settings.SECOND_FACTOR_REQUIRED:
            self.stdout.write(
                "Second facteur exigé (SECOND_FACTOR_REQUIRED) : à la première connexion, le personnel "
                "inscrit une application d'authentification."
            )
        else:
            self.stdout.write("Second facteur désactivé pour la démo (SECOND_FACTOR_REQUIRED=True pour l'essayer).")
