"""Benchmark: the daily reminder sweep through its real path vs. the same updates as hand-made SQL.

    python bench/reminder_sweep.py [--scale 1000000]

Builds N invitation cases spread over the last 40 days (persons, participations
and cases written with INSERT … SELECT generate_series, in 20 units of one
region), in the state yesterday's sweep left them: older unanswered cases
closed with their phone follow-up, manual tasks open from day 12, automatic
reminders sent from day 5. Today's sweep then has one day's worth of each rule
to do (at 1,000,000 cases: about 10,000 automatic reminders, 15,000 manual
tasks, 15,000 closes with their phone or letter follow-up).

The built database is the template of two copies (CREATE DATABASE … TEMPLATE),
so both runs start from the same state:
- ours: `reminders.services.sweep.run_sweep(now=…)` in its own process (its
  peak memory is its own), with every query counted;
- baseline: the same writes as a handful of hand-written SQL statements
  (claims, case closes with history rows, contacts and their history and
  access-log rows, citizen links, outbox rows with their history), timed the same way.
The number of queries of our sweep is also measured at a hundredth of the
scale: it does not depend on the number of cases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import in_child, report, setup_django, timed  # noqa: E402

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 3, 2, 6, 0, tzinfo=STOCKHOLM)
UNITS = 20
DAYS = 40


def _database_name() -> str:
    return os.environ["DATABASE_URL"].rpartition("/")[2]


def _admin_connection():
    import psycopg

    base = os.environ["DATABASE_URL"].rpartition("/")[0]
    return psycopg.connect(f"{base}/postgres", autocommit=True)


def build(scale: int) -> None:
    """The scale's data, in the state yesterday's sweep left it (raw SQL: seconds, not minutes)."""
    from django.db import connection

    from invitations.models import MessageTemplate
    from population.models import CareUnit, Region

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE reminders_reminderevent, reminders_reminder, notifications_outboxevent, "
            "notifications_outboxmessage, invitations_contactevent, invitations_contact, invitations_caseevent, "
            "invitations_citizenlink, invitations_invitationcase, invitations_participationevent, "
            "invitations_participation, invitations_round, population_accesslogentry, population_person CASCADE"
        )
    region, _ = Region.objects.get_or_create(code="bench-reminders", defaults={"name": "Benchmark region"})
    units = [
        CareUnit.objects.get_or_create(
            hsa_id=f"SE2321000000-BR{n:02d}",
            defaults={"region": region, "name": f"Bench unit {n}", "phone": "+46101"},
        )[0].pk
        for n in range(UNITS)
    ]
    version = MessageTemplate.objects.get(region=region, unit=None, kind="invitation_web", language="sv")
    today = NOW.date()
    sql = f"""
    INSERT INTO invitations_round (year, ages, seed, created_at, unit_id)
      SELECT 2026, '[40, 50, 60]', 1, now(), u FROM unnest(%(units)s::bigint[]) u;
    INSERT INTO population_person (personnummer, is_coordination_number, first_name, last_name, birth_date, sex,
        street_address, postal_code, postal_town, phone, email, eservice_status, notification, protected_identity,
        deceased, preferred_language, area_code, is_listed, is_synthetic, created_at, updated_at, listed_unit_id,
        research_opt_out)
      SELECT 'B' || lpad(i::text, 11, '0'), false, 'Test' || i, 'Testsson', '1976-05-01', 'female', 'Provgatan 3',
        '12345', 'Exempelby', CASE WHEN i % 7 = 0 THEN '' ELSE '+46701740610' END, 'p' || i || '@example.com',
        'active', 'email', false, false, 'sv', '', true, true, now(), now(),
        (%(units)s::bigint[])[1 + i % {UNITS}], false
      FROM generate_series(1, %(n)s) i;
    CREATE TEMP TABLE bench_ids AS
      SELECT p.id AS person_id, row_number() OVER (ORDER BY p.id) AS i, p.listed_unit_id AS unit_id, r.id AS round_id
      FROM population_person p JOIN invitations_round r ON r.unit_id = p.listed_unit_id;
    INSERT INTO invitations_participation (position, state, state_changed_at, exit_reason, created_at, person_id,
        round_id)
      SELECT i, CASE WHEN (i / {DAYS}) % 10 < 6 THEN 'invited' ELSE 'answered' END, %(now)s - interval '41 days', '', now(),
        person_id, round_id FROM bench_ids;
    CREATE TEMP TABLE bench_cases AS
      SELECT pa.id AS participation_id, b.unit_id, ((b.i / {DAYS}) % 10)::int AS k, (b.i % {DAYS})::int AS age,
        (%(today)s::date - (b.i % {DAYS})::int + time '10:00' + (b.i % 600) * interval '1 second')
          AT TIME ZONE 'Europe/Stockholm' AS created_at
      FROM bench_ids b JOIN invitations_participation pa ON pa.person_id = b.person_id;
    INSERT INTO invitations_invitationcase (template_kind, template_version_id, language, status, status_changed_at,
        close_reason, answer, answered_at, read_at, created_at, idempotency_key, participation_id, unit_id)
      SELECT 'invitation_web', %(version)s, 'sv',
        CASE WHEN k >= 6 THEN 'answered' WHEN age >= 31 THEN 'closed' WHEN k < 4 THEN 'sent_unread'
             ELSE 'read' END,
        created_at, CASE WHEN k < 6 AND age >= 31 THEN 'auto_closed' ELSE '' END,
        CASE WHEN k >= 6 THEN 'call_me' ELSE '' END,
        CASE WHEN k >= 6 THEN created_at + interval '1 day' END,
        CASE WHEN k >= 4 THEN created_at + interval '1 hour' END,
        created_at, 'invitation:participation-' || participation_id, participation_id, unit_id
      FROM bench_cases;
    INSERT INTO reminders_reminder (kind, status, status_changed_at, created_at, sent_at, reasons, run, case_id,
        participation_id, unit_id)
      SELECT k.kind, k.status, c.created_at + k.after, c.created_at + k.after, c.created_at + k.after, '', 'bench',
        c.id, c.participation_id, c.unit_id
      FROM invitations_invitationcase c JOIN bench_cases b ON b.participation_id = c.participation_id
      JOIN (VALUES ('auto_reminder', 'sent', interval '5 days', 6, 11, 4),
                   ('manual_task', 'open', interval '12 days', 13, 30, 6),
                   ('auto_close', 'done', interval '30 days', 31, 99, 6),
                   ('phone_followup', 'done', interval '30 days', 31, 99, 6)) AS k(kind, status, after, lo, hi, below)
        ON b.age BETWEEN k.lo AND k.hi AND b.k < k.below;
    UPDATE reminders_reminder SET sent_at = NULL WHERE kind = 'manual_task';
    DROP TABLE bench_ids; DROP TABLE bench_cases;
    ANALYZE;
    """
    sql = sql.replace(" % ", " %% ")  # modulo, not a placeholder
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {"units": units, "n": scale, "now": NOW, "today": today, "version": version.current_version_id},
        )


def copy_database(source: str, target: str) -> None:
    from django.db import connections

    for conn in connections.all():
        conn.close()
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def drop_database(name: str) -> None:
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def use_database(name: str) -> None:
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = name


def ours(database: str):
    def run():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from reminders.services.sweep import run_sweep

        use_database(database)
        with CaptureQueriesContext(connection) as queries:
            result = run_sweep(now=NOW)
        return {**result, "queries": len(queries)}

    return run


def _timings_sql() -> dict:
    from reminders.rules import reached_before

    today = NOW.date()
    return {
        "now": NOW,
        "auto": reached_before(today, 5),
        "manual": reached_before(today, 12),
        "close": reached_before(today, 30),
    }


BASELINE_SQL = [
    # Day 30: claim, close (compare-and-set on the status), history rows; open manual tasks of closed cases cancelled.
    """WITH due AS (
         SELECT c.id, c.participation_id, c.unit_id, c.status FROM invitations_invitationcase c
         WHERE c.status IN ('sent_unread', 'read') AND c.created_at < %(close)s
           AND NOT EXISTS (SELECT 1 FROM reminders_reminder r WHERE r.case_id = c.id AND r.kind = 'auto_close')
         FOR UPDATE OF c SKIP LOCKED),
       claimed AS (
         INSERT INTO reminders_reminder (kind, status, status_changed_at, created_at, sent_at, reasons, run, case_id,
             participation_id, unit_id)
         SELECT 'auto_close', 'done', %(now)s, %(now)s, %(now)s, '', 'base', id, participation_id, unit_id FROM due
         ON CONFLICT DO NOTHING RETURNING case_id),
       closed AS (
         UPDATE invitations_invitationcase c SET status = 'closed', close_reason = 'auto_closed',
             status_changed_at = %(now)s
         FROM due WHERE c.id = due.id AND c.id IN (SELECT case_id FROM claimed) AND c.status = due.status
         RETURNING c.id, due.status AS from_status)
       INSERT INTO invitations_caseevent (case_id, from_status, to_status, at, actor_name, note)
       SELECT id, from_status, 'closed', %(now)s, 'baseline', 'auto_closed' FROM closed""",
    """WITH cancelled AS (
         UPDATE reminders_reminder r SET status = 'cancelled', status_changed_at = %(now)s
         FROM invitations_invitationcase c
         WHERE r.case_id = c.id AND r.kind = 'manual_task' AND r.status = 'open' AND c.status = 'closed'
         RETURNING r.id)
       INSERT INTO reminders_reminderevent (reminder_id, from_status, to_status, at, actor_name, note)
       SELECT id, 'open', 'cancelled', %(now)s, 'baseline', 'case closed' FROM cancelled""",
    # Phone follow-up: phone list with the case, else the letter list; history and access-log rows.
    """WITH due AS (
         SELECT c.id, c.participation_id, c.unit_id, p.id AS person_id, p.phone, p.protected_identity
         FROM invitations_invitationcase c
         JOIN invitations_participation pa ON pa.id = c.participation_id
         JOIN invitations_round r ON r.id = pa.round_id
         JOIN population_person p ON p.id = pa.person_id
         WHERE c.status = 'closed' AND c.close_reason = 'auto_closed' AND c.answer = '' AND pa.state = 'invited'
           AND NOT p.deceased AND p.is_listed AND p.listed_unit_id = r.unit_id
           AND EXISTS (SELECT 1 FROM reminders_reminder x WHERE x.case_id = c.id AND x.kind = 'auto_close')
           AND NOT EXISTS (SELECT 1 FROM reminders_reminder x WHERE x.case_id = c.id AND x.kind = 'phone_followup')),
       claimed AS (
         INSERT INTO reminders_reminder (kind, status, status_changed_at, created_at, sent_at, reasons, run, case_id,
             participation_id, unit_id)
         SELECT 'phone_followup', 'done', %(now)s, %(now)s, %(now)s, '', 'base', id, participation_id, unit_id
         FROM due ON CONFLICT DO NOTHING RETURNING case_id),
       contacts AS (
         INSERT INTO invitations_contact (participation_id, unit_id, kind, reason, status, status_changed_at, case_id,
             via_forwarding, message, outcome, created_at, idempotency_key)
         SELECT due.participation_id, due.unit_id, CASE WHEN due.phone <> '' THEN 'phone' ELSE 'letter' END,
           'no_answer', 'open', %(now)s, due.id, due.phone = '' AND due.protected_identity, '', '', %(now)s,
           CASE WHEN due.phone <> '' THEN 'no-answer-phone:case-' || due.id
                ELSE 'no-answer-letter:participation-' || due.participation_id END
         FROM due JOIN claimed ON claimed.case_id = due.id
         ON CONFLICT DO NOTHING RETURNING id, participation_id),
       events AS (
         INSERT INTO invitations_contactevent (contact_id, from_status, to_status, at, actor_name, note)
         SELECT id, '', 'open', %(now)s, 'baseline', 'no_answer' FROM contacts)
       INSERT INTO population_accesslogentry (at, actor_kind, actor_name, action, object_type, object_id, detail,
           purpose, person_id)
       SELECT %(now)s, 'system', 'baseline', 'create', 'invitations.contact', pa.person_id::text, 'phone follow-up', '',
         pa.person_id
       FROM contacts JOIN invitations_participation pa ON pa.id = contacts.participation_id""",
    # Day 12: a manual task per unanswered case.
    """INSERT INTO reminders_reminder (kind, status, status_changed_at, created_at, sent_at, reasons, run, case_id,
           participation_id, unit_id)
       SELECT 'manual_task', 'open', %(now)s, %(now)s, NULL, '', 'base', c.id, c.participation_id, c.unit_id
       FROM invitations_invitationcase c
       JOIN invitations_participation pa ON pa.id = c.participation_id
       JOIN invitations_round r ON r.id = pa.round_id
       JOIN population_person p ON p.id = pa.person_id
       WHERE c.status IN ('sent_unread', 'read') AND pa.state = 'invited' AND c.created_at < %(manual)s
         AND c.created_at >= %(close)s AND NOT p.deceased AND p.is_listed AND p.listed_unit_id = r.unit_id
         AND NOT EXISTS (SELECT 1 FROM reminders_reminder x WHERE x.case_id = c.id AND x.kind = 'manual_task')
       ON CONFLICT DO NOTHING""",
    # Day 5: claim, a personal link where there is none, the message and its history row.
    """WITH due AS (
         SELECT c.id, c.participation_id, c.unit_id, p.id AS person_id, p.first_name, p.last_name, p.email, p.phone,
           p.notification, u.name AS unit_name
         FROM invitations_invitationcase c
         JOIN invitations_participation pa ON pa.id = c.participation_id
         JOIN invitations_round r ON r.id = pa.round_id
         JOIN population_person p ON p.id = pa.person_id
         JOIN population_careunit u ON u.id = c.unit_id
         WHERE c.status = 'sent_unread' AND pa.state = 'invited' AND c.created_at < %(auto)s
           AND c.created_at >= %(manual)s AND NOT p.deceased AND p.is_listed AND p.listed_unit_id = r.unit_id
           AND NOT EXISTS (SELECT 1 FROM reminders_reminder x WHERE x.case_id = c.id AND x.kind = 'auto_reminder')),
       claimed AS (
         INSERT INTO reminders_reminder (kind, status, status_changed_at, created_at, sent_at, reasons, run, case_id,
             participation_id, unit_id)
         SELECT 'auto_reminder', 'sent', %(now)s, %(now)s, %(now)s, '', 'base', id, participation_id, unit_id FROM due
         ON CONFLICT DO NOTHING RETURNING case_id),
       links AS (
         INSERT INTO invitations_citizenlink (public_id, created_at, failed_checks, participation_id)
         SELECT md5(random()::text || due.id), %(now)s, 0, due.participation_id FROM due
         JOIN claimed ON claimed.case_id = due.id
         WHERE NOT EXISTS (SELECT 1 FROM invitations_citizenlink l WHERE l.participation_id = due.participation_id
                           AND l.revoked_at IS NULL)
         RETURNING participation_id, public_id),
       messages AS (
         INSERT INTO notifications_outboxmessage (kind, channel, person_id, recipient_name, recipient_email,
             recipient_phone, notify_by, language, subject, body, link_url, idempotency_key, subject_ref, status,
             status_changed_at, attempts, created_at, next_attempt_at, last_error, external_id)
         SELECT 'reminder', 'inbox', due.person_id, due.first_name || ' ' || due.last_name, due.email, due.phone,
           due.notification, 'sv', 'Påminnelse – Välkommen på hälsosamtal',
           'Hej ' || due.first_name || E'!\n\nDu har fått en inbjudan till hälsosamtal från ' || due.unit_name
             || ' som du inte har läst än. Läs den och svara här: https://rhs.example/i/' || links.public_id
             || E'\n\nHälsningar\n' || due.unit_name,
           'https://rhs.example/i/' || links.public_id, 'reminder_auto:case-' || due.id,
           'invitations.invitationcase:' || due.id, 'queued', %(now)s, 0, %(now)s, %(now)s, '', ''
         FROM due JOIN links ON links.participation_id = due.participation_id
         ON CONFLICT DO NOTHING RETURNING id)
       INSERT INTO notifications_outboxevent (message_id, from_status, to_status, at, actor_name, note)
       SELECT id, '', 'queued', %(now)s, 'baseline', '' FROM messages""",
]


def baseline(database: str):
    def run():
        from django.db import connection, transaction

        use_database(database)
        params = _timings_sql()
        for sql in BASELINE_SQL:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, params)
        with connection.cursor() as cursor:
            cursor.execute("SELECT kind, count(*) FROM reminders_reminder WHERE run = 'base' GROUP BY kind")
            return dict(cursor.fetchall())

    return run


def measure(scale: int) -> dict:
    source = _database_name()
    copy = f"{source}_sweep_copy"
    build_s, _ = timed(lambda: build(scale))
    copy_database(source, copy)
    ours_s, peak_mb, result = in_child(ours(copy))
    again_s, _peak, again = in_child(ours(copy))
    copy_database(source, copy)
    baseline_s, _peak, base = in_child(baseline(copy))
    drop_database(copy)
    assert all(v == 0 for k, v in again.items() if k != "queries"), again
    expected = {
        "auto_reminder": result["auto_reminders"],
        "manual_task": result["manual_reminder_tasks"],
        "auto_close": result["auto_closed"],
        "phone_followup": result["phone_followups"],
    }
    assert base == {k: v for k, v in expected.items() if v}, (base, result)
    return {
        "scale": scale,
        "build_s": build_s,
        "ours_s": ours_s,
        "baseline_s": baseline_s,
        "peak_mb": peak_mb,
        "result": result,
        "again_s": again_s,
        "again_queries": again["queries"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1_000_000, help="invitation cases (default 1,000,000)")
    args = parser.parse_args()
    os.environ.pop("REDIS_URL", None)  # the outbox publishes to the embedded broker, not a shared Redis
    setup_django()
    small = measure(max(args.scale // 100, 2_000))
    big = measure(args.scale)
    report(
        "reminder_sweep",
        big["ours_s"],
        big["baseline_s"],
        big["peak_mb"],
        cases=args.scale,
        build_s=round(big["build_s"], 1),
        sweep=big["result"],
        second_run_at_the_same_now_s=round(big["again_s"], 3),
        queries=f"{small['result']['queries']} at {small['scale']} cases, {big['result']['queries']} at "
        f"{big['scale']} cases (second run: {big['again_queries']})",
        small_scale=f"ours {small['ours_s']:.3f} s, baseline {small['baseline_s']:.3f} s",
    )


if __name__ == "__main__":
    main()
