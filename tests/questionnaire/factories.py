"""Questionnaire test data: the national version, a complete set of answers, a response for a participation."""

from __future__ import annotations

from population.services.audit import Actor
from questionnaire.models import EntryMethod, QuestionnaireVersion
from questionnaire.services.responses import answers_save, response_start, response_submit
from questionnaire.structure import load_structure

NATIONAL = "2026.1-nationell"

# Every question of the national version answered (a daily smoker, moderate drinker, little exercise).
COMPLETE_ANSWERS = {
    "civilstand": "gift_sambo", "utbildning": "gymnasium", "sysselsattning": "arbetar",
    "hjartkarl_slakt": "ja", "hjartkarl_tidig": "nej", "diabetes_slakt": "nej",
    "sjalvskattad_halsa": "bra", "stress": 30,
    "besvar_somn": "ja", "besvar_oro": "nej", "besvar_nedstamdhet": "nej", "besvar_trotthet": "ja",
    "somn_timmar": "7_8", "somn_utvilad": "ibland",
    "rokning": "daily_10_19", "snus": "never", "e_cigarett": "nej", "vattenpipa": "nej",
    "traning": "30_59", "vardagsaktivitet": "60_89", "stillasittande": "7_9",
    "kost_gronsaker": "once_a_day", "kost_frukt": "few_times_a_week", "kost_fisk": "once_a_week",
    "kost_sott": "few_times_a_week",
    "audit_frekvens": "2_4_a_month", "audit_mangd": "3_4", "audit_tillfalle": "less_than_monthly",
    "socialt_stod": "ja", "ekonomi": "nej", "trivsel": "ganska_bra",
    "forandring_fysisk": "stod", "forandring_mat": "sjalv", "forandring_alkohol": "nej", "forandring_tobak": "stod",
    "ovrigt": "Jag undrar över mitt blodtryck.",
}


def national_version() -> QuestionnaireVersion:
    return QuestionnaireVersion.objects.get(version=NATIONAL)


def answered_response(participation, answers=None, *, submit=True, method=EntryMethod.CITIZEN_ONLINE, actor=None):
    """A response for `participation` with `answers` (default: all), handed in unless submit=False."""
    person = participation.person
    actor = actor or Actor.citizen(person, participation.round.unit)
    structure = load_structure(national_version())
    response = response_start(participation_id=participation.pk, person=person, unit=participation.round.unit,
                              version=structure.version, actor=actor)
    result = answers_save(response=response, structure=structure, values=dict(answers or COMPLETE_ANSWERS),
                          method=method, actor=actor)
    assert not result.errors, result.errors
    if submit:
        response_submit(response=response, structure=structure, actor=actor)
    return response
