"""The statistics funnel benchmark's data: N participations of one region, built in raw SQL (seconds, not minutes).

One person per participation, in 20 units × 3 yearly rounds (2024–2026), in
monthly invitation batches. Every participation's history runs selected →
invited → answered → booked → visited → documented as far as its drawn stage
(about 4 % never invited, 36 % invited without an answer or declining, then
10 / 8 / 12 / 30 % stopping at answered / booked / visited / documented; a
quarter of the booked skip "answered", as a phone booking does), with its
current state an exit where drawn (declined, not reached, moved, not listed,
deceased). Around it, what the steps and dimensions read:

- send batches: ten sent ones a round (one a month) with their items routed
  digital 70 % / phone 15 % / letter 15 %, the never-invited excluded in them
  or waiting in a draft batch, and 3 % of the invited again in the next
  month's batch as "skipped";
- digital: an invitation case (read or not, answered or not) and its inbox
  message; phone and letter: a contact (reason invitation);
- the reminder sweep's traces for late or missing answers, as the reminder
  breakdown reads them (answer_timing: outbox messages by template kind,
  contacts; not the Reminder rows, which are left out): automatic reminder
  messages from day 5, manual ones from day 12, a phone follow-up contact at
  day 30 (a letter for the people without a phone number);
- staff-recorded answer channels (phone, letter, portal) on the participation;
- questionnaire responses (submitted, locked or in progress) and two lab orders
  a booked participation (results in once the visit is held).

People vary by sex, age (40, 50 or 60, a few a year older), area code (40
areas, some missing) and preferred language; each area has a deprivation
index and its quintile over the region's areas (reporting.AreaIndex, what the
equity view's quintile dimension reads).

The participation's kept columns are written as the application keeps them:
`reached` (the furthest step of its history, as the state machine keeps it),
`invited_via` (the route of its sent batch item), `first_answered_at` (its
first event into answered or later, or declined) and the milestones stamped
the first time: `read_at` (the first read of its invitation cases),
`questionnaire_at` (its questionnaire response handed in: submitted or
locked) and `lab_results_at` (the first of its lab orders with results in).
Each is drawn once a participation and both the participation and the rows
it comes from are written from that draw; after the build all six are
checked against the history, the send batches, the invitation cases, the
questionnaire responses and the lab orders (as the backfills of migrations
invitations 0010–0012, responses 0004 and visits 0003 would fill them: zero
differences, and every milestone stamped somewhere). The load runs with
session_replication_role = replica (no row-by-row foreign-key trigger checks:
the data is consistent by construction), then VACUUM ANALYZE, so neither
measured run pays for setting hint bits on the fresh rows.
"""

from __future__ import annotations

import sys

from _common import timed

UNITS = 20
AREAS = 40  # area codes A000 … A039, each with a deprivation index (AreaIndex)
YEARS = [2024, 2025, 2026]
REGION_CODE = "bench-funnel"

TABLES = [
    "reporting_areaindex",
    "population_person",
    "invitations_round",
    "invitations_participation",
    "invitations_participationevent",
    "invitations_sendbatch",
    "invitations_sendbatchitem",
    "invitations_invitationcase",
    "invitations_contact",
    "notifications_outboxmessage",
    "questionnaire_questionnaireresponse",
    "responses_laborder",
]

# Drawn once per participation (random() after setseed: the same data every build).
_DRAWS = f"""
    SELECT i, (%(units)s::bigint[])[1 + i % {UNITS}] AS unit_id,
      (%(years)s::int[])[1 + (i / {UNITS}) % {len(YEARS)}] AS year, (i / {UNITS * len(YEARS)}) % 10 AS k,
      random() AS r_stage, random() AS r_exit, random() AS r_route, random() AS r_skip, random() AS r_read,
      random() AS r_chan, random() AS r_q, random() AS r_lab, random() AS r_sex, random() AS r_age,
      random() AS r_area, random() AS r_lang, random() AS r_rem, random() AS r_answer
    FROM generate_series(1, %(n)s) i
"""

# Stage: 0 selected … 5 documented (the furthest step of the progression reached).
_STAGED = f"""
    SELECT d.*,
      CASE WHEN r_stage < 0.04 THEN 0 WHEN r_stage < 0.40 THEN 1 WHEN r_stage < 0.50 THEN 2
           WHEN r_stage < 0.58 THEN 3 WHEN r_stage < 0.70 THEN 4 ELSE 5 END AS stage
    FROM ({_DRAWS}) d
"""

_STATED = f"""
    SELECT s.*,
      CASE WHEN stage = 0 THEN CASE WHEN r_exit < 0.45 THEN 'excluded' ELSE 'selected' END
           WHEN stage = 1 THEN CASE WHEN r_exit < 0.25 THEN 'declined' WHEN r_exit < 0.45 THEN 'not_reached'
                                    WHEN r_exit < 0.52 THEN 'excluded' ELSE 'invited' END
           WHEN stage = 2 THEN CASE WHEN r_exit < 0.15 THEN 'declined' WHEN r_exit < 0.20 THEN 'not_reached'
                                    ELSE 'answered' END
           WHEN stage = 3 THEN CASE WHEN r_exit < 0.05 THEN 'declined' WHEN r_exit < 0.10 THEN 'excluded'
                                    ELSE 'booked' END
           WHEN stage = 4 THEN 'visited' ELSE 'documented' END AS state,
      CASE WHEN stage = 0 AND r_exit < 0.30 THEN 'moved' WHEN stage = 0 AND r_exit < 0.40 THEN 'not_listed'
           WHEN stage = 0 AND r_exit < 0.45 THEN 'deceased' WHEN stage = 1 AND r_exit >= 0.45 AND r_exit < 0.50
           THEN 'moved' WHEN stage = 1 AND r_exit >= 0.50 AND r_exit < 0.52 THEN 'deceased'
           WHEN stage = 3 AND r_exit >= 0.05 AND r_exit < 0.08 THEN 'deceased'
           WHEN stage = 3 AND r_exit >= 0.08 AND r_exit < 0.10 THEN 'moved' ELSE '' END AS exit_reason,
      stage >= 3 AND r_skip < 0.25 AS skip_answered,
      CASE WHEN stage = 0 THEN CASE WHEN r_exit < 0.45 THEN 'excluded' END
           WHEN r_route < 0.70 THEN 'digital' WHEN r_route < 0.85 THEN 'phone' ELSE 'letter' END AS route,
      40 + 10 * ((i / 7) % 3) + CASE WHEN r_age < 0.05 THEN 1 ELSE 0 END AS age,
      make_timestamptz(year, k + 1, 1, 8, 0, 0, 'Europe/Stockholm') AS selected_at,
      make_timestamptz(year, k + 1, 3, 8, 0, 0, 'Europe/Stockholm') AS invited_at,
      1 + floor(r_answer * r_answer * 45)::int AS answer_day
    FROM ({_STAGED}) s
"""

BUILD_SQL = f"""
SELECT setseed(0.42);
-- The equity view's deprivation index: every area the people live in, its quintile over the region's areas.
DELETE FROM reporting_areaindex WHERE region_id = %(region)s;
INSERT INTO reporting_areaindex (region_id, area_code, "index", quintile, imported_at)
  SELECT %(region)s, code, idx, ntile(5) OVER (ORDER BY idx, code), now()
  FROM (SELECT 'A' || lpad(a::text, 3, '0') AS code, (0.4 + ((a * 17) % {AREAS}) * 0.7)::numeric(10, 3) AS idx
        FROM generate_series(0, {AREAS - 1}) a) s;
INSERT INTO invitations_round (year, ages, seed, created_at, unit_id)
  SELECT y, '[40, 50, 60]', 1, now(), u FROM unnest(%(units)s::bigint[]) u, unnest(%(years)s::int[]) y;
-- What each participation's rows below will hold where the milestones come from: its invitation case's read_at
-- (digital only), its questionnaire response's status, its lab orders' status (both orders share it).
CREATE TEMP TABLE fb AS
  SELECT a.*,
    CASE WHEN a.route IS DISTINCT FROM 'digital' THEN NULL
         WHEN a.has_answer AND a.answer_channel = 'portal' THEN a.answer_at - interval '10 minutes'
         WHEN a.r_read < 0.4 THEN a.invited_at + (1 + a.i % 20) * interval '1 day' END AS case_read_at,
    CASE WHEN a.stage < 2 OR a.r_q >= 0.75 THEN NULL WHEN a.stage >= 5 THEN 'locked'
         WHEN a.stage >= 3 OR a.r_q < 0.4 THEN 'submitted' ELSE 'in_progress' END AS q_status,
    CASE WHEN a.stage < 3 THEN NULL WHEN a.r_lab < 0.03 THEN 'cancelled'
         WHEN a.stage >= 4 AND a.r_lab < 0.93 THEN 'results' WHEN a.stage >= 4 THEN 'sampled'
         ELSE 'ordered' END AS lab_status
  FROM (
    SELECT f.*, r.id AS round_id, f.stage >= 2 OR f.state = 'declined' AS has_answer,
      CASE WHEN f.stage >= 2 OR f.state = 'declined'
           THEN f.invited_at + f.answer_day * interval '1 day' + (f.i % 600) * interval '1 second' END AS answer_at,
      CASE WHEN f.stage >= 2 OR f.state = 'declined' THEN CASE WHEN f.r_chan < 0.08 THEN 'phone'
           WHEN f.r_chan < 0.12 THEN 'letter' ELSE 'portal' END ELSE '' END AS answer_channel
    FROM ({_STATED}) f JOIN invitations_round r ON r.unit_id = f.unit_id AND r.year = f.year) a;
INSERT INTO population_person (personnummer, is_coordination_number, first_name, last_name, birth_date, sex,
    street_address, postal_code, postal_town, phone, email, eservice_status, notification, protected_identity,
    deceased, preferred_language, area_code, is_listed, is_synthetic, created_at, updated_at, listed_unit_id,
    research_opt_out)
  SELECT 'F' || lpad(i::text, 11, '0'), false, 'Test' || i, 'Testsson',
    make_date(year - age, 1 + i % 12, 1 + i % 28), CASE WHEN r_sex < 0.5 THEN 'female' ELSE 'male' END,
    'Provgatan 3', '12345', 'Exempelby', CASE WHEN i % 7 = 0 THEN '' ELSE '+46701740610' END,
    'p' || i || '@example.com', 'active', 'email', false, exit_reason = 'deceased' AND state = 'excluded',
    CASE WHEN r_lang < 0.85 THEN 'sv' WHEN r_lang < 0.90 THEN '' WHEN r_lang < 0.95 THEN 'en'
         WHEN r_lang < 0.98 THEN 'ar' ELSE 'fi' END,
    CASE WHEN r_area < 0.03 THEN '' ELSE 'A' || lpad(floor(r_area * {AREAS})::int::text, 3, '0') END,
    state <> 'excluded', true, now(), now(), unit_id, false
  FROM fb;
-- age, area_code: the cohort as selected (cohort_select keeps the age turned in the round's year and the area).
-- reached, invited_via, first_answered_at: what PARTICIPATION_MACHINE and the batch send keep as they move a
-- participation (the furthest step of its history below, the route of its sent batch item, its first answer).
-- read_at, questionnaire_at, lab_results_at: the milestones stamped the first time (participation_milestone):
-- its invitation case read, its questionnaire response handed in (submitted_at: the locked ones were submitted
-- first), the first of its lab orders with results in (status_changed_at) — the rows built below.
INSERT INTO invitations_participation (position, state, state_changed_at, exit_reason, created_at, person_id,
    round_id, answer, answered_at, answer_channel, reached, invited_via, first_answered_at, read_at,
    questionnaire_at, lab_results_at, age, area_code)
  SELECT f.i, f.state, f.selected_at, f.exit_reason, f.selected_at, p.id, f.round_id,
    CASE WHEN f.state = 'declined' THEN 'decline' WHEN f.has_answer THEN 'call_me' ELSE '' END, f.answer_at,
    f.answer_channel, f.stage, CASE WHEN f.stage >= 1 THEN f.route ELSE '' END, f.answer_at, f.case_read_at,
    CASE WHEN f.q_status IN ('submitted', 'locked') THEN f.answer_at + interval '1 day' END,
    CASE WHEN f.lab_status = 'results' THEN f.answer_at + interval '10 days' END,
    f.year - extract(year FROM p.birth_date)::int, p.area_code
  FROM fb f JOIN population_person p ON p.personnummer = 'F' || lpad(f.i::text, 11, '0');
CREATE TEMP TABLE fp AS
  SELECT f.*, pa.id AS participation_id, pa.person_id
  FROM fb f JOIN invitations_participation pa ON pa.round_id = f.round_id AND pa.position = f.i;
DROP TABLE fb;
CREATE INDEX ON fp (participation_id);
INSERT INTO invitations_participationevent (from_status, to_status, at, actor_name, note, participation_id)
  SELECT e.from_status, e.to_status, e.at, 'bench', '', f.participation_id
  FROM fp f CROSS JOIN LATERAL (VALUES
    (true, '', 'selected', f.selected_at),
    (f.stage >= 1, 'selected', 'invited', f.invited_at),
    (f.stage >= 2 AND NOT f.skip_answered, 'invited', 'answered', f.answer_at),
    (f.stage >= 3, CASE WHEN f.skip_answered THEN 'invited' ELSE 'answered' END, 'booked',
     f.answer_at + CASE WHEN f.skip_answered THEN interval '0' ELSE interval '2 days' END),
    (f.stage >= 4, 'booked', 'visited', f.answer_at + interval '20 days'),
    (f.stage >= 5, 'visited', 'documented', f.answer_at + interval '21 days'),
    (f.state IN ('declined', 'not_reached', 'excluded'),
     (ARRAY['selected', 'invited', 'answered', 'booked'])[f.stage + 1], f.state,
     CASE WHEN f.state = 'declined' AND f.stage = 1 THEN f.answer_at
          WHEN f.state = 'declined' THEN f.answer_at + interval '5 days'
          WHEN f.state = 'not_reached' THEN f.invited_at + interval '40 days'
          WHEN f.stage = 0 THEN f.selected_at + interval '1 day'
          WHEN f.stage = 1 THEN f.invited_at + interval '10 days'
          ELSE f.answer_at + interval '10 days' END)
  ) AS e(keep, from_status, to_status, at)
  WHERE e.keep;
INSERT INTO invitations_sendbatch (template_kind, message, status, status_changed_at, filters, counts, created_at,
    sent_at, round_id, unit_id)
  SELECT 'invitation_web', '', CASE WHEN k < 0 THEN 'draft' ELSE 'sent' END,
    make_timestamptz(r.year, greatest(k, 0) + 1, 3, 8, 0, 0, 'Europe/Stockholm'),
    jsonb_build_object('bench_k', k), '{{}}', make_timestamptz(r.year, greatest(k, 0) + 1, 2, 8, 0, 0,
    'Europe/Stockholm'),
    CASE WHEN k >= 0 THEN make_timestamptz(r.year, k + 1, 3, 8, 0, 0, 'Europe/Stockholm') END, r.id, r.unit_id
  FROM invitations_round r, generate_series(-1, 9) k WHERE r.unit_id = ANY(%(units)s);
CREATE TEMP TABLE fbatch AS
  SELECT id, round_id, (filters ->> 'bench_k')::int AS k FROM invitations_sendbatch WHERE filters ? 'bench_k';
INSERT INTO invitations_invitationcase (template_kind, template_version_id, language, status, status_changed_at,
    close_reason, answer, answered_at, read_at, created_at, idempotency_key, participation_id, unit_id,
    answer_channel)
  SELECT 'invitation_web', %(web)s, 'sv',
    CASE WHEN f.has_answer AND f.answer_channel = 'portal' AND f.answer_day <= 30 THEN 'answered'
         WHEN NOT f.has_answer OR f.answer_day > 30 THEN 'closed'
         WHEN f.case_read_at IS NOT NULL THEN 'read' ELSE 'sent_unread' END,
    f.invited_at, CASE WHEN NOT f.has_answer OR f.answer_day > 30 THEN 'auto_closed' ELSE '' END,
    CASE WHEN f.state = 'declined' AND f.answer_channel = 'portal' AND f.answer_day <= 30 THEN 'decline'
         WHEN f.has_answer AND f.answer_channel = 'portal' AND f.answer_day <= 30 THEN 'call_me' ELSE '' END,
    CASE WHEN f.has_answer AND f.answer_channel = 'portal' AND f.answer_day <= 30 THEN f.answer_at END,
    f.case_read_at, f.invited_at, 'invitation:participation-' || f.participation_id, f.participation_id,
    f.unit_id,
    CASE WHEN f.has_answer AND f.answer_channel = 'portal' AND f.answer_day <= 30 THEN 'portal' ELSE '' END
  FROM fp f WHERE f.route = 'digital';
INSERT INTO invitations_contact (kind, reason, status, status_changed_at, via_forwarding, message, outcome,
    created_at, idempotency_key, participation_id, unit_id, case_id)
  SELECT f.route, 'invitation', 'done', f.invited_at, false, '', '', f.invited_at,
    'invitation-' || f.route || ':participation-' || f.participation_id, f.participation_id, f.unit_id, NULL
  FROM fp f WHERE f.route IN ('phone', 'letter');
INSERT INTO invitations_sendbatchitem (position, route, route_reason, batch_id, case_id, contact_id,
    participation_id)
  SELECT f.i, coalesce(f.route, 'digital'), CASE WHEN f.route = 'excluded' THEN f.exit_reason ELSE '' END, b.id,
    c.id, ct.id, f.participation_id
  FROM fp f JOIN fbatch b ON b.round_id = f.round_id AND b.k = CASE WHEN f.route IS NULL THEN -1 ELSE f.k END
  LEFT JOIN invitations_invitationcase c ON c.participation_id = f.participation_id
  LEFT JOIN invitations_contact ct ON ct.participation_id = f.participation_id AND ct.reason = 'invitation'
  UNION ALL
  SELECT f.i, 'skipped', '', b.id, NULL, NULL, f.participation_id
  FROM fp f JOIN fbatch b ON b.round_id = f.round_id AND b.k = f.k + 1
  WHERE f.stage >= 1 AND f.r_skip > 0.97;
-- The inbox message of each digital invitation.
INSERT INTO notifications_outboxmessage (kind, channel, person_id, recipient_name, recipient_email,
    recipient_phone, notify_by, language, subject, body, link_url, idempotency_key, template_version_id,
    subject_ref, status, status_changed_at, attempts, created_at, next_attempt_at, sent_at, last_error,
    external_id)
  SELECT 'invitation', 'inbox', f.person_id, 'Test' || f.i || ' Testsson', 'p' || f.i || '@example.com', '',
    'email', 'sv', 'Välkommen på hälsosamtal', 'Hej!', '', 'bench-invitation:participation-' || f.participation_id,
    %(web)s, 'invitations.invitationcase:' || f.participation_id, 'sent', f.invited_at, 1, f.invited_at, NULL,
    f.invited_at, '', ''
  FROM fp f WHERE f.route = 'digital';
-- The reminder sweep's traces (what the reminder breakdown reads): day 5 automatic reminder, day 12 manual
-- reminder (sent by staff), day 30 a phone follow-up (a letter where there is no phone number).
CREATE TEMP TABLE flate AS
  SELECT f.*, c.id AS case_id FROM fp f JOIN invitations_invitationcase c ON c.participation_id = f.participation_id
  WHERE f.route = 'digital' AND (NOT f.has_answer OR f.answer_day > 5);
INSERT INTO notifications_outboxmessage (kind, channel, person_id, recipient_name, recipient_email,
    recipient_phone, notify_by, language, subject, body, link_url, idempotency_key, template_version_id,
    subject_ref, status, status_changed_at, attempts, created_at, next_attempt_at, sent_at, last_error,
    external_id)
  SELECT 'reminder', 'inbox', f.person_id, 'Test' || f.i || ' Testsson', 'p' || f.i || '@example.com', '',
    'email', 'sv', 'Påminnelse', 'Hej!', '', m.key || ':case-' || f.case_id, m.version,
    'invitations.invitationcase:' || f.case_id, 'sent', f.invited_at + m.after, 1, f.invited_at + m.after, NULL,
    f.invited_at + m.after, '', ''
  FROM flate f JOIN (VALUES ('reminder_auto', %(auto)s::bigint, interval '5 days', 5, 0.8),
                            ('reminder_manual', %(manual)s::bigint, interval '12 days', 12, 0.5))
    AS m(key, version, after, day, share)
    ON (NOT f.has_answer OR f.answer_day > m.day) AND f.r_rem < m.share;
INSERT INTO invitations_contact (kind, reason, status, status_changed_at, via_forwarding, message, outcome,
    created_at, idempotency_key, participation_id, unit_id, case_id)
  SELECT CASE WHEN f.i % 7 = 0 THEN 'letter' ELSE 'phone' END, 'no_answer', 'done',
    f.invited_at + interval '30 days', false, '', '', f.invited_at + interval '30 days',
    'no-answer:case-' || f.case_id, f.participation_id, f.unit_id, f.case_id
  FROM flate f WHERE NOT f.has_answer OR f.answer_day > 30;
INSERT INTO questionnaire_questionnaireresponse (participation_id, status, status_changed_at, started_at,
    updated_at, submitted_at, last_page, person_id, unit_id, version_id)
  SELECT f.participation_id, f.q_status, f.answer_at + interval '1 day', f.answer_at + interval '1 hour',
    f.answer_at + interval '1 day',
    CASE WHEN f.q_status IN ('submitted', 'locked') THEN f.answer_at + interval '1 day' END, 3, f.person_id,
    f.unit_id, %(questionnaire)s
  FROM fp f WHERE f.q_status IS NOT NULL;
INSERT INTO responses_laborder (analysis, status, status_changed_at, ordered_at, sampled_on, ordered_by_id,
    participation_id)
  SELECT a.analysis, f.lab_status, f.answer_at + interval '10 days', f.answer_at + interval '3 days',
    CASE WHEN f.stage >= 4 THEN (f.answer_at + interval '10 days')::date END, NULL, f.participation_id
  FROM fp f CROSS JOIN (VALUES ('fp_glukos'), ('fp_lipidstatus')) AS a(analysis)
  WHERE f.lab_status IS NOT NULL AND f.r_lab < 0.97 + CASE WHEN a.analysis = 'fp_glukos' THEN 0.03 ELSE 0 END;
DROP TABLE fp; DROP TABLE fbatch; DROP TABLE flate;
"""


# What the participation keeps, against where it comes from (the backfills of migrations invitations 0010, 0011
# and 0012, responses 0004, visits 0003): the furthest step of its history, the route of its first sent batch
# item, its first answer event, the first read of its invitation cases, its questionnaire response handed in,
# the first of its lab orders with results in.
CHECK_KEPT = """
SELECT count(*) FILTER (WHERE pa.reached <> coalesce(e.level, 0)),
       count(*) FILTER (WHERE pa.invited_via <> coalesce(i.route, '')),
       count(*) FILTER (WHERE pa.first_answered_at IS DISTINCT FROM e.first_answer),
       count(*) FILTER (WHERE pa.read_at IS DISTINCT FROM c.read_at),
       count(*) FILTER (WHERE pa.questionnaire_at IS DISTINCT FROM q.handed_in_at),
       count(*) FILTER (WHERE pa.lab_results_at IS DISTINCT FROM l.results_at),
       count(pa.read_at), count(pa.questionnaire_at), count(pa.lab_results_at)
FROM invitations_participation pa
LEFT JOIN (
  SELECT participation_id, max(CASE to_status WHEN 'selected' THEN 0 WHEN 'invited' THEN 1 WHEN 'answered' THEN 2
                                              WHEN 'booked' THEN 3 WHEN 'visited' THEN 4 WHEN 'documented' THEN 5
                                              END) AS level,
    min(at) FILTER (WHERE to_status IN ('answered', 'booked', 'visited', 'documented', 'declined')) AS first_answer
  FROM invitations_participationevent GROUP BY participation_id) e ON e.participation_id = pa.id
LEFT JOIN (
  SELECT DISTINCT ON (i.participation_id) i.participation_id, i.route
  FROM invitations_sendbatchitem i JOIN invitations_sendbatch b ON b.id = i.batch_id
  WHERE b.sent_at IS NOT NULL AND i.route IN ('digital', 'phone', 'letter')
  ORDER BY i.participation_id, b.sent_at, i.id) i ON i.participation_id = pa.id
LEFT JOIN (
  SELECT participation_id, min(read_at) AS read_at FROM invitations_invitationcase GROUP BY participation_id
) c ON c.participation_id = pa.id
LEFT JOIN (
  SELECT participation_id, coalesce(submitted_at, status_changed_at) AS handed_in_at
  FROM questionnaire_questionnaireresponse WHERE status IN ('submitted', 'locked')  -- one a participation (unique)
) q ON q.participation_id = pa.id
LEFT JOIN (
  SELECT participation_id, min(status_changed_at) AS results_at FROM responses_laborder WHERE status = 'results'
  GROUP BY participation_id
) l ON l.participation_id = pa.id
"""


def build(scale: int, *, profile: bool = False) -> dict:
    """Empty the tables, build `scale` participations; return the region's unit ids and the years.

    `profile`: print each statement's time (to stderr)."""
    from django.db import connection

    from invitations.models import MessageTemplate
    from population.models import CareUnit, Region
    from questionnaire.models import QuestionnaireVersion

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE reminders_reminderevent, reminders_reminder, notifications_outboxevent, "
            "notifications_outboxmessage, invitations_contactevent, invitations_contact, invitations_caseevent, "
            "invitations_citizenlink, invitations_sendbatchitem, invitations_sendbatchevent, "
            "invitations_sendbatch, invitations_invitationcase, invitations_participationevent, "
            "questionnaire_questionnaireresponse, responses_laborder, invitations_participation, "
            "invitations_round, population_accesslogentry, population_person CASCADE"
        )
    region, _ = Region.objects.get_or_create(code=REGION_CODE, defaults={"name": "Benchmark region (funnel)"})
    units = [
        CareUnit.objects.get_or_create(
            hsa_id=f"SE2321000000-BF{n:02d}",
            defaults={"region": region, "name": f"Bench unit {n:02d}", "phone": "+46101"},
        )[0].pk
        for n in range(UNITS)
    ]

    def version(kind: str) -> int:
        return MessageTemplate.objects.get(
            region=region, unit=None, kind=kind, language="sv"
        ).current_version_id

    questionnaire = QuestionnaireVersion.objects.order_by("pk").values_list("pk", flat=True).first()
    params = {
        "units": units,
        "years": YEARS,
        "n": scale,
        "web": version("invitation_web"),
        "auto": version("reminder_auto"),
        "manual": version("reminder_manual"),
        "questionnaire": questionnaire,
        "region": region.pk,
    }
    sql = BUILD_SQL.replace(" % ", " %% ")  # modulo, not a placeholder
    with connection.cursor() as cursor:
        # Built consistent by construction: the foreign keys' row-by-row trigger checks are skipped for the load.
        cursor.execute("SET session_replication_role = replica")
        try:
            for statement in filter(str.strip, sql.split(";\n")):
                spent, _ = timed(lambda statement=statement: cursor.execute(statement, params))
                if profile:
                    print(f"{spent:7.2f} s  {' '.join(statement.split())[:100]}", file=sys.stderr)
        finally:
            cursor.execute("RESET session_replication_role")
        cursor.execute(CHECK_KEPT)
        reached, invited_via, first_answered_at, read_at, questionnaire_at, lab_results_at, *stamped = (
            cursor.fetchone()
        )
        assert reached == 0, f"{reached} participations whose reached differs from their history"
        assert invited_via == 0, (
            f"{invited_via} participations whose invited_via differs from their sent batches"
        )
        assert first_answered_at == 0, f"{first_answered_at} participations whose first_answered_at differs"
        assert read_at == 0, f"{read_at} participations whose read_at differs from their invitation cases"
        assert questionnaire_at == 0, (
            f"{questionnaire_at} participations whose questionnaire_at differs from their questionnaire response"
        )
        assert lab_results_at == 0, (
            f"{lab_results_at} participations whose lab_results_at differs from their lab orders"
        )
        assert all(stamped), f"a milestone stamped on no participation: read, questionnaire, lab {stamped}"
    # VACUUM sets the hint bits and visibility map, so neither measured run pays for the bulk load's first read.
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    return {"units": units, "years": YEARS}
