"""Finding an article from the words people use: « lumiere de rue brisee » finds « Lampadaire
défectueux : que faire? ». A few hundred articles at most: scored in Python over one query, the
same way on SQLite and PostgreSQL."""

import re
import unicodedata

import snowballstemmer

# Words that say nothing about the subject, in both languages.
STOP_WORDS = frozenset(
    [
        "alors",
        "aujourd",
        "chez",
        "dedans",
        "devant",
        "moi",
        "plus",
        "sont",
        "suis",
        "tres",
        "trop",
        "vous",
        "votre",
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


_french = snowballstemmer.stemmer("french")


def stem(word: str) -> str:
    """French stemming (Snowball, the algorithm search engines use): « éclairages », « éclairé »
    and « éclairage » meet; applied to words already lower-cased and without accents."""
    return _french.stemWord(word)


def terms(text: str) -> list[str]:
    """The stems worth looking for: no short word, number or word that says nothing of the subject."""
    found = []
    for word in _WORD.findall(normalize(text)):
        if len(word) < 3 or word in STOP_WORDS or word.isdigit():
            continue
        stemmed = stem(word)
        if stemmed not in found:
            found.append(stemmed)
    return found


def score(search_text: str, wanted: list[str]) -> tuple[int, int]:
    """(how many of the wanted stems the text has, how often they occur): the first says whether an
    article is about the same thing, the second ranks (question and keywords are stored three times)."""
    counts: dict[str, int] = {}
    wanted_set = set(wanted)
    for word in _WORD.findall(search_text):
        stemmed = stem(word)
        if stemmed in wanted_set:
            counts[stemmed] = counts.get(stemmed, 0) + 1
    return len(counts), sum(counts.values())
