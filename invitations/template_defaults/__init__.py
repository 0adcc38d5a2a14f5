"""The default texts every region starts with: plain Swedish, plus English and Arabic variants.

Each language module maps a template kind to (subject, body). Regions edit
their copies (and units their overrides) in the admin; these defaults are only
copied when a region is created (and by the migration for existing regions).
"""

from . import ar, en, sv

DEFAULT_TEXTS: dict[str, dict[str, tuple[str, str]]] = {"sv": sv.TEXTS, "en": en.TEXTS, "ar": ar.TEXTS}

# Ready-made sentences a case handler can insert into the message of a batch.
STANDARD_TEXTS: list[tuple[str, str]] = [
    (
        "Ta med legitimation",
        "Ta med legitimation när du kommer till hälsosamtalet.",
    ),
    (
        "Fasta före provtagning",
        "Blodprovet tas på morgonen. Du ska inte äta eller dricka något annat än vatten efter klockan 22 kvällen "
        "före provtagningen.",
    ),
    (
        "Tolk",
        "Behöver du tolk? Säg det när du bokar tid, så ordnar vi en tolk utan kostnad för dig.",
    ),
    (
        "Hur skyddas mina data?",
        "Dina svar och resultat sparas i din journal hos oss. Bara den personal som behöver uppgifterna för din "
        "vård kan se dem, och varje gång någon läser dem loggas det.",
    ),
    (
        "Tillgänglighet",
        "Behöver du en längre tid eller anpassning, till exempel för att du använder rullstol? Säg det när du "
        "bokar tid.",
    ),
]
