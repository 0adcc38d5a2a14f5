"""The letter chrome: the fixed texts around what the unit wrote, per letter language.

Everything else printed on a letter (heading, body, reply options, the unit's
signature) comes from the `Letter` objects, i.e. from the editable message
templates. These are plain dicts rather than gettext catalogues because the
language is the letter's, not the staff user's: a Swedish-speaking handler
prints Arabic letters.

`POSTAL` is read by the postal service and the tax agency, not the citizen,
and is Swedish in every letter.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "date": "Datum",
        "reference": "Er referens",
        "phone": "Telefon",
        "email": "E-post",
        "link_intro": "Du kan också läsa inbjudan och svara på din personliga webbsida:",
        "reply_enclosed": "Svarsbrevet ligger på ett eget blad. Skicka det till oss.",
        "tick_one": "Kryssa i ett alternativ",
        "reply_by": "Svara senast",
        "name": "Namn",
        "reach_phone": "Telefonnummer där vi kan nå dig",
        "send_back": "Skicka svarsbrevet till oss. Vik bladet så att vår adress syns i kuvertets fönster.",
        "questions": "Frågor? Ring oss",
    },
    "en": {
        "date": "Date",
        "reference": "Your reference",
        "phone": "Phone",
        "email": "Email",
        "link_intro": "You can also read the invitation and reply on your personal web page:",
        "reply_enclosed": "The reply letter is on a separate sheet. Please send it to us.",
        "tick_one": "Tick one option",
        "reply_by": "Please reply by",
        "name": "Name",
        "reach_phone": "A phone number where we can reach you",
        "send_back": "Send the reply letter to us. Fold the sheet so that our address shows in the envelope window.",
        "questions": "Questions? Call us",
    },
    "ar": {
        "date": "التاريخ",
        "reference": "رقمك المرجعي",
        "phone": "الهاتف",
        "email": "البريد الإلكتروني",
        "link_intro": "يمكنك أيضًا قراءة الدعوة والرد عليها عبر صفحتك الشخصية على الإنترنت:",
        "reply_enclosed": "رسالة الرد موجودة على ورقة منفصلة. يرجى إرسالها إلينا.",
        "tick_one": "ضع علامة على خيار واحد",
        "reply_by": "يرجى الرد في موعد أقصاه",
        "name": "الاسم",
        "reach_phone": "رقم هاتف يمكننا الاتصال بك عليه",
        "send_back": "أرسل رسالة الرد إلينا. اطوِ الورقة بحيث يظهر عنواننا في نافذة الظرف.",
        "questions": "هل لديك أسئلة؟ اتصل بنا",
    },
}

POSTAL: dict[str, str] = {
    "sender": "Avs:",
    # A protected identity: the letter goes in an envelope to the tax agency, which forwards it.
    "forwarding": "Vidarebefordras av Skatteverket",
    "forwarding_code": "SKV",
}


def labels_for(language: str) -> dict[str, str]:
    """The chrome in `language`; Swedish for a language without its own texts."""
    return LABELS.get(language, LABELS["sv"])
