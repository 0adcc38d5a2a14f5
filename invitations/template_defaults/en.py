"""English default texts (plain English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "invitation_web": (
        "Invitation – Welcome to a health dialogue",
        """Hello {{ name }},

You are welcome to a health dialogue at {{ unit }}. We invite everyone who turns certain ages this year.

In the health dialogue you talk with a nurse about your habits and your health. It takes about 75 minutes. Before the dialogue you answer some questions and give a blood sample. It is free and voluntary.

Please answer by {{ deadline }}. You can book a time yourself, ask us to call you to book a time, or say no thank you.

Questions? Call us on {{ unit_phone }}.

Kind regards
{{ unit }}""",
    ),
    "invitation_phone": (
        "Invitation – Welcome to a health dialogue",
        """Hello {{ name }},

You are welcome to a health dialogue at {{ unit }}. We invite everyone who turns certain ages this year.

In the health dialogue you talk with a nurse about your habits and your health. It takes about 75 minutes. Before the dialogue you answer some questions and give a blood sample. It is free and voluntary.

Would you like to come? Please answer by {{ deadline }} and we will call you to book a time. You can also say no thank you.

Questions? Call us on {{ unit_phone }}.

Kind regards
{{ unit }}""",
    ),
    "invitation_letter": (
        "Invitation to a health dialogue",
        """Hello {{ name }},

You are welcome to a health dialogue at {{ unit }}. We invite everyone who turns certain ages this year.

In the health dialogue you talk with a nurse about your habits and your health. It takes about 75 minutes. Before the dialogue you answer some questions and give a blood sample. It is free and voluntary.

Please answer by {{ deadline }}. Tick a box on the reply letter and send it to us, or call us on {{ unit_phone }}. You can also answer online with your personal link: {{ link }}""",
    ),
    "reply_letter": (
        "Reply letter",
        "Tick one of the boxes and send the reply letter to us by {{ deadline }}. "
        "Write your phone number if you want us to call you.",
    ),
    "phone_script": (
        "Call guide – invitation by phone",
        """1. Introduce yourself: "Hello, my name is … and I am calling from {{ unit }}."
2. Say why you call: "We invite everyone who turns certain ages this year to a health dialogue. It is free and voluntary."
3. Explain what it is: a talk of about 75 minutes with a nurse about habits and health. Before it, the person answers some questions and gives a blood sample.
4. Ask if the person wants to come. Yes: book a time and say that the questions come digitally or on paper. No: thank them for the answer.
5. How is my data protected? The answers and results are kept in the medical record. Only staff who need the information for the care can see it, and every access is logged.
6. End: "If you have more questions, call us on {{ unit_phone }}." """,
    ),
    "data_protection": (
        "How is my data protected?",
        """What you tell us and the results of the health dialogue are kept in your medical record at {{ unit }}, under the Swedish Patient Data Act.

Only the staff who need the information for your care may read it. Every time someone reads your information it is saved in a log. You have the right to know who has read it.

If your answers are used for statistics or research, your name and personal identity number are removed first.

Questions? Call us on {{ unit_phone }}.""",
    ),
    "reply_questionnaire": (
        "Before your health dialogue",
        """Hello {{ name }},

Before your health dialogue, please fill in the form "Questions before the health dialogue". It takes about 20 minutes.

Fill it in here: {{ link }}

Your time: {{ date }} at {{ time }}, {{ place }}.

Kind regards
{{ unit }}""",
    ),
    "reply_we_call": (
        "We will call you",
        """Hello {{ name }},

We will call you to agree on a time for your health dialogue.

Kind regards
{{ unit }}""",
    ),
    "reply_self_book": (
        "Welcome to a health dialogue",
        """Hello {{ name }},

Welcome to a health dialogue. Before the dialogue, please follow these 3 steps:

1. Book a time for the health dialogue by {{ deadline }}: {{ link }}
2. Book your blood test at least one week before the health dialogue.
3. Fill in "Questions before the health dialogue". It takes about 20 minutes.

Kind regards
{{ unit }}""",
    ),
    "reply_declined": (
        "Thank you for your answer",
        """Hello! Thank you for your answer. We have noted that you do not want a health dialogue.

If you change your mind, you are welcome to call us on {{ unit_phone }}.

Kind regards
{{ unit }}""",
    ),
    "reminder_auto": (
        "Reminder – Welcome to a health dialogue",
        """Hello {{ name }},

You have an invitation to a health dialogue from {{ unit }} that you have not read yet. Read it and answer here: {{ link }}

Kind regards
{{ unit }}""",
    ),
    "reminder_manual": (
        "Don't miss your health dialogue",
        """Hello {{ name }},

Don't miss your health dialogue! We have not received an answer to our invitation yet. Answer here: {{ link }}

Questions? Call us on {{ unit_phone }}.

Kind regards
{{ unit }}""",
    ),
    "booking_confirmation": (
        "Booking confirmation – health dialogue",
        """Hello {{ name }},

You have a time for a health dialogue on {{ date }} at {{ time }}.
Place: {{ place }}.

Book your blood test at least one week before the health dialogue, so that the results are ready in time.

Do you want to change or cancel the time? Do it here: {{ link }} or call us on {{ unit_phone }}.

Kind regards
{{ unit }}""",
    ),
    "booking_changed": (
        "Your health dialogue time has changed",
        """Hello {{ name }},

Your time for the health dialogue has changed. Your new time is {{ date }} at {{ time }}.
Place: {{ place }}.

Does the time not suit you? Change it here: {{ link }} or call us on {{ unit_phone }}.

Kind regards
{{ unit }}""",
    ),
    "booking_cancelled": (
        "Your health dialogue time is cancelled",
        """Hello {{ name }},

Your time for the health dialogue on {{ date }} at {{ time }} is cancelled.

Do you want to book a new time? Do it here: {{ link }} or call us on {{ unit_phone }}.

Kind regards
{{ unit }}""",
    ),
    "booking_reminder": (
        "Reminder of your health dialogue time",
        """Hello {{ name }},

This is a reminder of your time for a health dialogue on {{ date }} at {{ time }}.
Place: {{ place }}.

Can you not come? Cancel here: {{ link }} or call us on {{ unit_phone }}.

Kind regards
{{ unit }}""",
    ),
    "lab_reminder": (
        "Don't forget your blood test",
        """Hello {{ name }},

Don't forget to give your blood sample before your health dialogue on {{ date }}. Book the blood test at least one week before the dialogue.

Do not eat or drink anything but water after 10 pm the evening before the blood test.

Kind regards
{{ unit }}""",
    ),
    "previsit_reminder": (
        "Your health dialogue tomorrow",
        """Hello {{ name }},

Welcome to your health dialogue on {{ date }} at {{ time }}.
Place: {{ place }}.

Have you not answered "Questions before the health dialogue" yet? Do it here: {{ link }}

Kind regards
{{ unit }}""",
    ),
}
