"""Finding an article from the words people use: « lumiere de rue brisee » finds « Lampadaire
défectueux : que faire? ». A few hundred articles at most: scored in Python over one query, the
same way on SQLite and PostgreSQL."""

import re
import unicodedata

# Words that say nothing about the subject, in both languages.
STOP_WORDS = frozenset(
    [
        "alors",
        "aussi",
        "avec",
        "avoir",
        "bonjour",
        "cela",
        "cette",
        "comme",
        "dans",
        "depuis",
        "elle",
        "elles",
        "encore",
        "entre",
        "etre",
        "fait",
        "faire",
        "leur",
        "leurs",
        "mais",
        "meme",
        "merci",
        "mon",
        "nous",
        "notre",
        "pour",
        "quand",
        "quel",
        "quelle",
        "quelles",
        "quels",
        "sans",
        "sont",
        "sur",
        "tous",
        "tout",
        "tres",
        "une",
        "votre",
        "vous",
        "est",
        "les",
        "des",
        "aux",
        "ces",
        "ses",
        "qui",
        "que",
        "quoi",
        "dont",
        "par",
        "pas",
        "plus",
        "peut",
        "peux",
        "about",
        "after",
        "also",
        "been",
        "could",
        "does",
        "from",
        "have",
        "hello",
        "into",
        "just",
        "like",
        "more",
        "please",
        "should",
        "some",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
        "thanks",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")


def normalize(text: str) -> str:
    """Lower case, accents removed: « Déneigement » and « deneigement » are one word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def terms(text: str) -> list[str]:
    """The words worth looking for, reduced to a rough stem so plurals and genders meet."""
    found = []
    for word in _WORD.findall(normalize(text)):
        if len(word) < 3 or word in STOP_WORDS or word.isdigit():
            continue
        stem = word[:-1] if len(word) > 4 and word.endswith(("s", "x", "e")) else word
        if stem not in found:
            found.append(stem)
    return found


def score(search_text: str, wanted: list[str]) -> int:
    """How many times words starting with the wanted ones occur (question and keywords are stored
    three times); « eau » finds « eaux », not « bureau »."""
    return sum(len(re.findall(rf"\b{re.escape(term)}", search_text)) for term in wanted)
