"""Benchmark: letter PDFs through the real path vs. WeasyPrint rendering the same HTML as one document.

    python bench/letters.py [--scale 1000] [--chunk-size 100]

Builds N letters (invitation + reply letter) from synthetic demo people —
Swedish, English and Arabic, some with protected identity, a unit logo — and
in the same run, each in its own process so its peak memory is its own:
- baseline: the HTML of all N letters (rendered beforehand, not timed) laid
  out and written by WeasyPrint as one document;
- ours: `render_letters_pdf(..., workers=1)`: HTML per chunk, WeasyPrint per
  chunk, chunks joined into the output file as they finish;
- also: the same with `workers=2`, with the CPU time of all its processes
  against its wall time (2.0 = both cores busy the whole time).
No database rows are needed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, in_child, report, setup_django, timed  # noqa: E402

BODY_SV = """Hej {name}!

Du som fyller 40, 50 eller 60 år i år är välkommen till ett hälsosamtal på {unit}. Samtalet är gratis och tar ungefär en timme och femton minuter. Du pratar med en sjuksköterska om dina levnadsvanor: mat, fysisk aktivitet, alkohol, tobak och hur du mår.

Före samtalet lämnar du blodprov på morgonen utan att ha ätit. Vi mäter också ditt blodtryck, din längd, vikt och midja. Tillsammans med dina svar på ett frågeformulär blir det en hälsokurva som du får med dig hem.

Svara på svarsbrevet senast {deadline}, så ringer vi upp dig och bokar en tid. Du kan också ringa oss på {phone}.

Varmt välkommen!"""

BODY_EN = """Hello {name},

As you turn 40, 50 or 60 this year, you are welcome to a health dialogue at {unit}. It is free of charge and takes about one hour and fifteen minutes. You talk with a nurse about your habits: food, physical activity, alcohol, tobacco and how you feel.

Before the dialogue you give a blood sample in the morning before eating. We also measure your blood pressure, height, weight and waist. Together with your answers to a questionnaire this becomes a health curve you take home.

Please answer with the reply letter by {deadline} and we will call you to book a time. You can also call us on {phone}.

Welcome!"""

BODY_AR = """مرحبًا {name}،

بما أنك تبلغ من العمر 40 أو 50 أو 60 عامًا هذا العام، فأنت مدعو إلى محادثة صحية في {unit}. المحادثة مجانية وتستغرق حوالي ساعة وربع. تتحدث مع ممرضة عن عاداتك: الطعام والنشاط البدني والكحول والتبغ وكيف تشعر.

قبل المحادثة تقدم عينة دم في الصباح قبل الأكل. نقيس أيضًا ضغط الدم والطول والوزن ومحيط الخصر.

يرجى الرد برسالة الرد قبل {deadline} وسنتصل بك لتحديد موعد. يمكنك أيضًا الاتصال بنا على {phone}.

أهلًا وسهلًا!"""

TEXTS = {
    "sv": ("Inbjudan – Välkommen på hälsosamtal", BODY_SV, "Svarsbrev", "Kryssa i det som passar dig.",
           ("Ja, jag vill ha ett hälsosamtal. Ring mig för att boka en tid.",
            "Nej tack, jag vill inte ha ett hälsosamtal.")),
    "en": ("Invitation – Welcome to a health dialogue", BODY_EN, "Reply letter", "Tick what suits you.",
           ("Yes, I would like a health dialogue. Call me to book a time.",
            "No thank you, I do not want a health dialogue.")),
    "ar": ("دعوة – مرحبًا بك في محادثة صحية", BODY_AR, "رسالة الرد", "ضع علامة على ما يناسبك.",
           ("نعم، أريد محادثة صحية. اتصلوا بي لتحديد موعد.", "لا شكرًا، لا أريد محادثة صحية.")),
}


def make_logo(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 480), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((40, 40, 440, 440), outline="black", width=28)
    draw.rectangle((520, 180, 1560, 300), fill="black")
    image.save(path)


def build_letters(count: int, logo: Path):
    from invitations.letters import Letter, LetterContent, LetterRecipient, LetterUnit
    from population.demo import demo_people

    unit = LetterUnit(
        name="Vårdcentralen Exempelby", street_address="Box 123", postal_code="123 45", postal_town="Exempelby",
        phone="036-10 20 30", email="halsosamtal@example.com", logo_path=str(logo),
        signature="Med vänliga hälsningar\nSjuksköterskorna på Vårdcentralen Exempelby",
    )
    date, deadline = dt.date(2026, 3, 2), dt.date(2026, 3, 30)
    letters = []
    for number, person in enumerate(demo_people(count=count, year=2026, ages=[40, 50, 60], seed=count)):
        language = person.preferred_language if person.preferred_language in TEXTS else "sv"
        subject, body, heading, intro, options = TEXTS[language]
        name = f"{person.first_name} {person.last_name}"
        address = None if person.protected_identity else (
            person.street_address, f"{person.postal_code[:3]} {person.postal_code[3:]} {person.postal_town}")
        letters.append(Letter(
            unit=unit,
            recipient=LetterRecipient(name=name, address_lines=address),
            content=LetterContent(
                reference=f"RHS-2026-{number + 1:06d}", language=language, date=date, subject=subject,
                body=body.format(name=name, unit=unit.name, deadline=deadline.isoformat(), phone=unit.phone),
                reply_heading=heading, reply_intro=intro, reply_options=options, reply_deadline=deadline,
                link_url=f"https://rhs.example.com/c/{number:08x}AbCdEfGh" if number % 3 else None,
            ),
        ))
    return letters


def direct(html_path: Path, out: Path) -> int:
    """The baseline: WeasyPrint lays out and writes the whole HTML as one document."""
    from weasyprint import HTML

    from invitations.letters.worker import url_fetcher

    document = HTML(string=html_path.read_text(encoding="utf-8"), url_fetcher=url_fetcher()).render()
    document.write_pdf(out)
    return len(document.pages)


def ours(letters, out: Path, chunk_size: int, workers: int) -> dict:
    from invitations.letters import render_letters_pdf

    stats = render_letters_pdf(letters, out, chunk_size=chunk_size, workers=workers)
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "pages": stats.pages,
        "letters": stats.letters,
        "cpu_s": me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime,
        "worker_peak_mb": children.ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1000, help="letters in the batch (default 1,000)")
    parser.add_argument("--chunk-size", type=int, default=100)
    args = parser.parse_args()
    setup_django()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # no per-page progress lines
    from invitations.letters.document import LogoStore, letters_html

    logo = OUT / "letters-logo.png"
    make_logo(logo)
    letters = build_letters(args.scale, logo)
    html_path = OUT / f"letters-{args.scale}.html"
    html_s, html = timed(lambda: letters_html(letters, logos=LogoStore(OUT), title="baseline"))
    html_path.write_text(html, encoding="utf-8")
    del html

    load_before = os.getloadavg()[0]
    baseline_s, baseline_mb, baseline_pages = in_child(lambda: direct(html_path, OUT / "letters-direct.pdf"))
    ours_s, ours_mb, one = in_child(lambda: ours(letters, OUT / "letters-ours.pdf", args.chunk_size, 1))
    two_s, two_mb, two = in_child(lambda: ours(letters, OUT / "letters-ours-2.pdf", args.chunk_size, 2))
    assert one["pages"] == baseline_pages == two["pages"], (one, baseline_pages, two)

    report(
        "letters",
        ours_s,
        baseline_s,
        ours_mb,
        letters=args.scale,
        pages=baseline_pages,
        html_for_baseline_s=round(html_s, 2),
        direct_one_document=f"{baseline_s:.1f} s, {baseline_pages / baseline_s:.1f} pages/s, peak {baseline_mb:.0f} MB",
        ours_1_worker=f"{ours_s:.1f} s, {one['pages'] / ours_s:.1f} pages/s, peak {ours_mb:.0f} MB, "
                      f"ratio {ours_s / baseline_s:.2f}",
        ours_2_workers=f"{two_s:.1f} s, {two['pages'] / two_s:.1f} pages/s, ratio {two_s / baseline_s:.2f}, "
                       f"peak {two_mb:.0f} MB main + {two['worker_peak_mb']:.0f} MB per worker "
                       f"(≤ {two_mb + 2 * two['worker_peak_mb']:.0f} MB together)",
        ours_2_workers_cpu=f"{two['cpu_s']:.1f} s CPU in {two_s:.1f} s wall = {two['cpu_s'] / two_s:.2f} cores",
        ours_1_worker_cpu=f"{one['cpu_s']:.1f} s CPU in {ours_s:.1f} s wall = {one['cpu_s'] / ours_s:.2f} cores",
        load_average=f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after (other work on the machine "
                     "takes cores from both runs)",
    )


if __name__ == "__main__":
    main()
