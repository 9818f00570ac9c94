"""The provisions a refusal of access most often relies on (Loi sur l'accès, A-2.1), on a fresh install.

The texts are summaries: the greffier pastes the official text from LégisQuébec in the admin and
ticks « texte officiel »; until then a letter says the annex is a summary. Idempotent.
"""

PROVISIONS = [
    (
        "9",
        "Documents exclus : notes personnelles, brouillons, ébauches",
        "Résumé : le droit d'accès ne s'étend pas aux notes personnelles inscrites sur un document, ni aux "
        "esquisses, ébauches, brouillons, notes préparatoires ou autres documents de même nature.",
    ),
    (
        "14",
        "Refus partiel lorsque l'essentiel du document n'est pas protégé",
        "Résumé : un organisme ne peut refuser l'accès à un document pour le seul motif qu'il comporte certains "
        "renseignements qu'il doit ou peut refuser de communiquer; il donne accès au reste du document, sauf si "
        "ces renseignements en forment la substance.",
    ),
    (
        "15",
        "Le droit d'accès porte sur les documents existants",
        "Résumé : le droit d'accès ne porte que sur les documents dont la communication ne requiert ni calcul, ni "
        "comparaison de renseignements.",
    ),
    (
        "21",
        "Renseignements dont la divulgation nuirait aux intérêts économiques de l'organisme",
        "Résumé : un organisme peut refuser de confirmer l'existence ou de donner communication d'un "
        "renseignement dont la divulgation aurait pour effet de révéler un emprunt, un projet d'emprunt, une "
        "transaction ou un projet de transaction, ou de procurer un avantage appréciable à une personne.",
    ),
    (
        "23",
        "Renseignements fournis par un tiers (confidentiels)",
        "Résumé : un organisme ne peut communiquer le secret industriel d'un tiers ou un renseignement industriel, "
        "financier, commercial, scientifique, technique ou syndical de nature confidentielle fourni par un tiers "
        "et habituellement traité par lui de façon confidentielle, sans son consentement.",
    ),
    (
        "28",
        "Renseignements liés à la prévention, la détection ou la répression du crime",
        "Résumé : un organisme doit refuser de confirmer l'existence ou de donner communication d'un renseignement "
        "obtenu par une personne chargée de prévenir, détecter ou réprimer le crime ou les infractions aux lois, "
        "lorsque sa divulgation serait susceptible, notamment, d'entraver une enquête.",
    ),
    (
        "31",
        "Opinion juridique",
        "Résumé : un organisme peut refuser de communiquer une opinion juridique portant sur l'application du droit "
        "à un cas particulier ou sur la constitutionnalité ou la validité d'un texte.",
    ),
    (
        "32",
        "Analyse dont la divulgation aurait un effet sur une procédure judiciaire",
        "Résumé : un organisme peut refuser de communiquer une analyse lorsque sa divulgation risquerait vraisemblablement "
        "d'avoir un effet sur une procédure judiciaire.",
    ),
    (
        "37",
        "Avis et recommandations",
        "Résumé : un organisme peut refuser de communiquer un avis ou une recommandation faits depuis moins de dix ans "
        "par un de ses membres, un membre de son personnel ou un consultant, dans l'exercice de leurs fonctions.",
    ),
    (
        "39",
        "Analyse préparatoire à une décision",
        "Résumé : un organisme peut refuser de communiquer une analyse produite à l'occasion d'une recommandation faite "
        "dans le cadre d'un processus décisionnel en cours, jusqu'à ce que la recommandation ait fait l'objet d'une "
        "décision ou, en l'absence de décision, qu'une période de cinq ans se soit écoulée.",
    ),
    (
        "53",
        "Les renseignements personnels sont confidentiels",
        "Résumé : les renseignements personnels sont confidentiels, sauf si la personne concernée consent à leur "
        "divulgation ou dans les cas prévus par la loi.",
    ),
    (
        "54",
        "Définition d'un renseignement personnel",
        "Résumé : est personnel tout renseignement qui concerne une personne physique et permet, directement ou "
        "indirectement, de l'identifier.",
    ),
    (
        "59",
        "Communication d'un renseignement personnel sans consentement",
        "Résumé : un organisme ne peut communiquer un renseignement personnel sans le consentement de la personne "
        "concernée, sauf dans les cas et aux conditions que la loi énumère.",
    ),
    (
        "88",
        "Renseignement personnel concernant un tiers",
        "Résumé : un organisme doit refuser de donner communication à une personne d'un renseignement personnel la "
        "concernant lorsque sa divulgation révélerait vraisemblablement un renseignement personnel sur une autre "
        "personne physique, sauf si cette dernière y consent par écrit ou en cas d'urgence.",
    ),
]


def provisions_seed(apps) -> None:
    LegalProvision = apps.get_model("legal", "LegalProvision")
    for article, title, text in PROVISIONS:
        LegalProvision.objects.update_or_create(
            law="A-2.1", article=article, defaults={"title": title, "text": text, "official_text": False}
        )
