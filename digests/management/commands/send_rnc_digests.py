import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from digests import services as digests


class Command(BaseCommand):
    help = (
        "Envoie les listes RNC et le rapport aux élus dus à une date (aujourd'hui par défaut), une seule fois chacun."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="AAAA-MM-JJ")
        parser.add_argument("--dry-run", action="store_true", help="Affiche ce qui serait envoyé, sans rien envoyer.")

    def handle(self, *args, date=None, dry_run=False, **options):
        try:
            day = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Date invalide : {date} (attendu AAAA-MM-JJ).") from error
        results = digests.digests_dispatch(today=day, dry_run=dry_run, enqueue=False)
        if not results:
            self.stdout.write(f"{day}: rien n'est dû ce jour-là.")
        for item, delivery, created in results:
            label = f"{item.month:%Y-%m} {item.kind} {item.recipient.username}"
            late = " (en retard)" if day > item.scheduled_for else ""
            if dry_run:
                self.stdout.write(f"{'serait envoyé' if created else 'déjà envoyé'}: {label}{late}")
            elif created:
                built = digests.digest_build(delivery_id=delivery.pk, today=day)
                self.stdout.write(f"{'envoyé' if built else 'échec (voir l’admin)'}: {label}{late}")
            else:
                self.stdout.write(f"déjà envoyé: {label}")
