"""Swedish default texts (plain Swedish, klarspråk)."""

TEXTS: dict[str, tuple[str, str]] = {
    "invitation_web": (
        "Inbjudan – Välkommen på ett hälsosamtal",
        """Hej {{ name }}!

Du är välkommen till ett hälsosamtal på {{ unit }}. Vi bjuder in alla som fyller vissa åldrar i år.

Under hälsosamtalet pratar du med en sjuksköterska om dina levnadsvanor och din hälsa. Samtalet tar ungefär 75 minuter. Innan samtalet svarar du på några frågor och lämnar ett blodprov. Det är gratis och frivilligt.

Svara gärna senast {{ deadline }}. Du kan boka en tid själv, be oss ringa dig för att boka en tid, eller tacka nej.

Har du frågor? Ring oss på {{ unit_phone }}.

Hälsningar
{{ unit }}""",
    ),
    "invitation_phone": (
        "Inbjudan – Välkommen på hälsosamtal",
        """Hej {{ name }}!

Du är välkommen till ett hälsosamtal på {{ unit }}. Vi bjuder in alla som fyller vissa åldrar i år.

Under hälsosamtalet pratar du med en sjuksköterska om dina levnadsvanor och din hälsa. Samtalet tar ungefär 75 minuter. Innan samtalet svarar du på några frågor och lämnar ett blodprov. Det är gratis och frivilligt.

Vill du komma? Svara gärna senast {{ deadline }} så ringer vi dig och bokar en tid. Du kan också tacka nej.

Har du frågor? Ring oss på {{ unit_phone }}.

Hälsningar
{{ unit }}""",
    ),
    "invitation_letter": (
        "Inbjudan till hälsosamtal",
        """Hej {{ name }}!

Du är välkommen till ett hälsosamtal på {{ unit }}. Vi bjuder in alla som fyller vissa åldrar i år.

Under hälsosamtalet pratar du med en sjuksköterska om dina levnadsvanor och din hälsa. Samtalet tar ungefär 75 minuter. Innan samtalet svarar du på några frågor och lämnar ett blodprov. Det är gratis och frivilligt.

Svara senast {{ deadline }}. Kryssa i svarsbrevet och skicka det till oss, eller ring oss på {{ unit_phone }}. Du kan också svara på nätet med din personliga länk: {{ link }}""",
    ),
    "reply_letter": (
        "Svarsbrev",
        "Kryssa i ett av alternativen och skicka svarsbrevet till oss senast {{ deadline }}. "
        "Skriv ditt telefonnummer om du vill att vi ringer dig.",
    ),
    "phone_script": (
        "Samtalsstöd – inbjudan via telefon",
        """1. Presentera dig: ”Hej, jag heter … och ringer från {{ unit }}.”
2. Berätta varför du ringer: ”Vi bjuder in alla som fyller vissa åldrar i år till ett hälsosamtal. Det är gratis och frivilligt.”
3. Berätta vad det är: ett samtal på ungefär 75 minuter med en sjuksköterska om levnadsvanor och hälsa. Före samtalet svarar man på frågor och lämnar ett blodprov.
4. Fråga om personen vill komma. Ja: boka en tid, och berätta att frågorna kommer digitalt eller på papper. Nej: tacka för svaret.
5. Hur skyddas mina data? Svaren och resultaten sparas i journalen. Bara personal som behöver uppgifterna för vården kan se dem, och all läsning loggas.
6. Avsluta: ”Har du fler frågor kan du ringa oss på {{ unit_phone }}.”""",
    ),
    "data_protection": (
        "Hur skyddas mina data?",
        """Det du berättar och resultaten från hälsosamtalet sparas i din journal hos {{ unit }}, enligt patientdatalagen.

Bara den personal som behöver uppgifterna för din vård får läsa dem. Varje gång någon läser dina uppgifter sparas det i en logg. Du har rätt att få veta vem som har läst dem.

Om dina svar används för statistik eller forskning tas ditt namn och ditt personnummer bort först.

Har du frågor? Ring oss på {{ unit_phone }}.""",
    ),
    "reply_questionnaire": (
        "Inför ditt hälsosamtal",
        """Hej {{ name }}!

Inför ditt hälsosamtal ska du fylla i följande formulär: ”Frågor inför hälsosamtalet”. Det tar ungefär 20 minuter.

Fyll i det här: {{ link }}

Din tid: {{ date }} klockan {{ time }}, {{ place }}.

Hälsningar
{{ unit }}""",
    ),
    "reply_we_call": (
        "Vi ringer upp dig",
        """Hej {{ name }}!

Vi ringer upp dig för att komma överens om en tid för ditt hälsosamtal.

Hälsningar
{{ unit }}""",
    ),
    "reply_self_book": (
        "Välkommen på ett hälsosamtal",
        """Hej {{ name }}!

Välkommen på ett hälsosamtal. Inför hälsosamtalet ska du följa de här 3 stegen:

1. Boka en tid för hälsosamtalet senast {{ deadline }}: {{ link }}
2. Boka provtagning minst en vecka före hälsosamtalet.
3. Fyll i ”Frågor inför hälsosamtalet”. Det tar ungefär 20 minuter.

Hälsningar
{{ unit }}""",
    ),
    "reply_declined": (
        "Tack för ditt svar",
        """Hej! Tack för ditt svar, vi har noterat att du har tackat nej till hälsosamtal.

Om du ändrar dig är du välkommen att ringa oss på {{ unit_phone }}.

Hälsningar
{{ unit }}""",
    ),
    "reminder_auto": (
        "Påminnelse – Välkommen på hälsosamtal",
        """Hej {{ name }}!

Du har fått en inbjudan till hälsosamtal från {{ unit }} som du inte har läst än. Läs den och svara här: {{ link }}

Hälsningar
{{ unit }}""",
    ),
    "reminder_manual": (
        "Du missar väl inte ditt hälsosamtal",
        """Hej {{ name }}!

Du missar väl inte ditt hälsosamtal? Vi har inte fått något svar på vår inbjudan än. Svara här: {{ link }}

Har du frågor? Ring oss på {{ unit_phone }}.

Hälsningar
{{ unit }}""",
    ),
    "booking_confirmation": (
        "Bokningsbekräftelse – hälsosamtal",
        """Hej {{ name }}!

Du har en tid för hälsosamtal {{ date }} klockan {{ time }}.
Plats: {{ place }}.

Boka provtagning minst en vecka före hälsosamtalet, så att svaren hinner komma.

Vill du ändra eller avboka tiden? Gör det här: {{ link }} eller ring oss på {{ unit_phone }}.

Hälsningar
{{ unit }}""",
    ),
    "booking_changed": (
        "Din tid för hälsosamtal är ändrad",
        """Hej {{ name }}!

Din tid för hälsosamtal är ändrad. Din nya tid är {{ date }} klockan {{ time }}.
Plats: {{ place }}.

Passar tiden inte? Ändra den här: {{ link }} eller ring oss på {{ unit_phone }}.

Hälsningar
{{ unit }}""",
    ),
    "booking_cancelled": (
        "Din tid för hälsosamtal är avbokad",
        """Hej {{ name }}!

Din tid för hälsosamtal {{ date }} klockan {{ time }} är avbokad.

Vill du boka en ny tid? Gör det här: {{ link }} eller ring oss på {{ unit_phone }}.

Hälsningar
{{ unit }}""",
    ),
    "booking_reminder": (
        "Påminnelse om din tid för hälsosamtal",
        """Hej {{ name }}!

Vi vill påminna dig om din tid för hälsosamtal {{ date }} klockan {{ time }}.
Plats: {{ place }}.

Kan du inte komma? Avboka här: {{ link }} eller ring oss på {{ unit_phone }}.

Hälsningar
{{ unit }}""",
    ),
    "lab_reminder": (
        "Glöm inte provtagningen",
        """Hej {{ name }}!

Glöm inte att lämna blodprov före ditt hälsosamtal {{ date }}. Boka provtagning minst en vecka före samtalet.

Ät och drick inget annat än vatten efter klockan 22 kvällen före provtagningen.

Hälsningar
{{ unit }}""",
    ),
    "previsit_reminder": (
        "Inför ditt hälsosamtal i morgon",
        """Hej {{ name }}!

Välkommen på hälsosamtal {{ date }} klockan {{ time }}.
Plats: {{ place }}.

Har du inte svarat på ”Frågor inför hälsosamtalet” än? Gör det här: {{ link }}

Hälsningar
{{ unit }}""",
    ),
}
