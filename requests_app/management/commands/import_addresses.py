"""Load the city's civic addresses from a CSV export (property roll, Adresses Québec)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from requests_app.addresses import FIELDS
from requests_app.services.addresses import addresses_import


class Command(BaseCommand):
    help = "Charge les adresses civiques d'un fichier CSV (rôle d'évaluation, Adresses Québec)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier CSV (séparateur , ; ou tabulation, détecté)")
        parser.add_argument("--encoding", default="utf-8-sig", help="encodage du fichier (ex. cp1252)")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="CHAMP=COLONNE",
            help=f"nom de colonne pour un champ ({', '.join(FIELDS)}) quand il n'est pas reconnu",
        )
        parser.add_argument(
            "--retire-missing",
            action="store_true",
            help="export complet : les adresses absentes du fichier ne sont plus proposées",
        )

    def handle(self, *args, path, encoding, column, retire_missing, **options):
        columns = {}
        for item in column:
            name, _sep, value = item.partition("=")
            if name not in FIELDS or not value:
                raise CommandError(f"--column {item} : attendu CHAMP=COLONNE, CHAMP parmi {', '.join(FIELDS)}")
            columns[name] = value
        try:
            text = Path(path).read_text(encoding=encoding)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Lecture impossible de {path} : {error}") from error
        try:
            result = addresses_import(text, columns=columns, retire_missing=retire_missing)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{result.created} adresse(s) ajoutée(s), {result.updated} mise(s) à jour, "
            f"{result.retired} retirée(s), {len(result.skipped)} ligne(s) ignorée(s)."
        )
        for line, reason in result.skipped[:50]:
            self.stdout.write(f"  ligne {line} : {reason}")
