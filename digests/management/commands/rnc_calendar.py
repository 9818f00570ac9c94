from django.core.management.base import BaseCommand

from requests_app import business_days


class Command(BaseCommand):
    help = "Affiche, pour chaque mois de l'année, les trois dates du suivi RNC (jours fériés et fermetures inclus)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, *args, year, **options):
        for month in range(1, 13):
            self.stdout.write(
                f"{year}-{month:02d} responsables={business_days.responsables_date(year, month):%Y-%m-%d} "
                f"echeance={business_days.deadline_date(year, month):%Y-%m-%d} "
                f"elus={business_days.elus_date(year, month):%Y-%m-%d}"
            )
