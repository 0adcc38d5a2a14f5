"""Import of a care unit's list of listed patients, as a reviewed changeset.

The file is authoritative for the columns it has: an empty cell clears the
stored value, a person missing from the file is marked not listed (never
deleted), a person listed by another unit's file moves here. A preview counts
new / changed / unchanged / removed rows and lists every bad row with its
line, column and reason; a commit applies the same changeset atomically, and
re-importing the same file changes nothing.

How it runs (ADR 0004): rows are streamed from the file, validated and
normalised in Python, and loaded into a temporary staging table (PostgreSQL
`COPY`; batched inserts on SQLite). Classification and the changes
themselves are a handful of set-based SQL statements over that table, so
memory does not grow with the file and the database does the joining.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from population.contact import normalise_email, normalise_phone, normalise_postal_code
from population.models import (
    AccessAction,
    AccessLogEntry,
    CareUnit,
    EServiceStatus,
    NotificationChannel,
    Person,
)
from population.personnummer import InvalidPersonnummer, parse_personnummer
from population.services.audit import Actor, Auditor
from population.signals import LEFT_DECEASED, LEFT_MOVED, LEFT_NOT_LISTED, persons_left_unit
from rhs_portal.csvfile import CsvFileError, RowError, open_csv

# CSV column → Person field, for the columns that map one to one.
COLUMN_FIELDS: dict[str, str] = {
    "fornamn": "first_name",
    "efternamn": "last_name",
    "utdelningsadress": "street_address",
    "postnummer": "postal_code",
    "postort": "postal_town",
    "telefon": "phone",
    "epost": "email",
    "e_tjanst": "eservice_status",
    "avisering": "notification",
    "skyddad_identitet": "protected_identity",
    "avliden": "deceased",
    "sprak": "preferred_language",
    "omrade": "area_code",
}
REQUIRED_COLUMNS = ["personnummer", "fornamn", "efternamn"]
KNOWN_COLUMNS = ["personnummer", *COLUMN_FIELDS]
HEADER_ALIASES = {
    "pnr": "personnummer",
    "personnr": "personnummer",
    "e_post": "epost",
    "mail": "epost",
    "adress": "utdelningsadress",
    "telefonnummer": "telefon",
    "mobil": "telefon",
    "etjanst": "e_tjanst",
    "e_tjanster": "e_tjanst",
    "skyddad": "skyddad_identitet",
    "skyddade_personuppgifter": "skyddad_identitet",
    "sprak_kod": "sprak",
    "deso": "omrade",
    "omradeskod": "omrade",
}

ESERVICE_VALUES = {
    "aktiv": EServiceStatus.ACTIVE,
    "aldrig_inloggad": EServiceStatus.NEVER_LOGGED_IN,
    "last": EServiceStatus.LOCKED,
    "": EServiceStatus.UNKNOWN,
}
NOTIFICATION_VALUES = {
    "epost": NotificationChannel.EMAIL,
    "sms": NotificationChannel.SMS,
    "epost+sms": NotificationChannel.EMAIL_SMS,
    "sms+epost": NotificationChannel.EMAIL_SMS,
    "": NotificationChannel.MISSING,
}
YES_NO = {"ja": True, "j": True, "nej": False, "n": False, "": False}

# The staging table's columns after line_no and valid, in COPY order.
STAGE_FIELDS = [
    "personnummer",
    "is_coordination_number",
    "birth_date",
    "sex",
    "first_name",
    "last_name",
    "street_address",
    "postal_code",
    "postal_town",
    "phone",
    "email",
    "eservice_status",
    "notification",
    "protected_identity",
    "deceased",
    "preferred_language",
    "area_code",
]
SAMPLE_SIZE = 50
STORED_ERRORS = 1000
CHUNK = 5000
PROGRESS_EVERY = 5000


@dataclass
class ImportResult:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    moved: int = 0
    unknown_columns: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    refused: str = ""  # why nothing was imported, when the whole import was refused
    rows_read: int = 0
    samples: dict[str, list[dict]] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The command line's `--json` body (see the README)."""
        return {
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "unknown_columns": self.unknown_columns,
            "errors": [e.as_dict() for e in self.errors],
            "committed": self.committed,
        }

    def as_summary(self) -> dict:
        """What the import row keeps for the preview page (errors capped)."""
        return {
            **self.as_json(),
            "errors": [e.as_dict() for e in self.errors[:STORED_ERRORS]],
            "error_count": len(self.errors),
            "moved": self.moved,
            "refused": self.refused,
            "rows_read": self.rows_read,
            "samples": self.samples,
        }


class ImportRefused(Exception):
    """The import was asked to commit but must not (errors, or a bad file)."""


# --- Row conversion ---------------------------------------------------------------


class RowConverter:
    """Validates and normalises rows of one file into staging tuples.

    Built once per import: the per-column converters, their messages and a
    cache per column with few distinct values (a list of 100,000 people has a
    handful of e-service states, languages and postal towns).
    """

    CACHED = {"postnummer", "postort", "e_tjanst", "avisering", "skyddad_identitet", "avliden", "sprak", "omrade"}

    def __init__(self, *, today: dt.date, columns: list[str], index: dict[str, int]) -> None:
        self.today = today
        self.i_pnr, self.i_first, self.i_last = index["personnummer"], index["fornamn"], index["efternamn"]
        self.msg_first = _("The first name is missing.")
        self.msg_last = _("The last name is missing.")
        self.msg_long = _("Longer than %(n)d characters.")
        self.msg_language = _("A language is given as a two- or three-letter code, e.g. sv, en, ar.")
        self.msg_area = _("An area code is at most 20 letters and digits, e.g. a DeSO code.")
        self.msg_choice = _("%(value)s is not a valid %(label)s (allowed: %(allowed)s).")
        self.or_empty = _(" or empty")
        converters = {
            "utdelningsadress": (str, ""),
            "postnummer": (normalise_postal_code, ""),
            "postort": (str, ""),
            "telefon": (normalise_phone, ""),
            "epost": (normalise_email, ""),
            "e_tjanst": (self._choice(ESERVICE_VALUES, _("e-service status")), ""),
            "avisering": (self._choice(NOTIFICATION_VALUES, _("notification setting")), ""),
            "skyddad_identitet": (self._choice(YES_NO, _("yes/no value")), False),
            "avliden": (self._choice(YES_NO, _("yes/no value")), False),
            "sprak": (self._language, ""),
            "omrade": (self._area, ""),
        }
        # In staging order after the name columns; a column the file lacks gets its default.
        order = ["utdelningsadress", "postnummer", "postort", "telefon", "epost", "e_tjanst", "avisering",
                 "skyddad_identitet", "avliden", "sprak", "omrade"]
        self.plan = [
            (column, *converters[column], index.get(column), {} if column in self.CACHED else None)
            for column in order
        ]
        self.limits = [(c, index[c], n) for c, n in (("fornamn", 100), ("efternamn", 100),
                                                     ("utdelningsadress", 200), ("postort", 100)) if c in index]

    def _choice(self, table: dict, label: str):
        allowed = ", ".join(k for k in table if k) + self.or_empty

        def convert(raw: str):
            key = raw.strip().lower().replace(" ", "_").replace("å", "a").replace("ä", "a").replace("-", "")
            if key not in table:
                raise ValueError(self.msg_choice % {"value": raw, "label": label, "allowed": allowed})
            return table[key]

        return convert

    def _language(self, raw: str) -> str:
        value = raw.strip().lower()
        if value and not (value.isascii() and value.isalpha() and 2 <= len(value) <= 3):
            raise ValueError(self.msg_language)
        return value

    def _area(self, raw: str) -> str:
        value = raw.strip().upper()
        if value and (len(value) > 20 or not value.replace("-", "").isalnum()):
            raise ValueError(self.msg_area)
        return value

    def convert(self, record: list[str], line: int, errors: list[RowError]):
        """The staging row (valid flag second), or None when the personnummer is unusable."""
        try:
            pnr = parse_personnummer(record[self.i_pnr].strip(), today=self.today)
        except InvalidPersonnummer as exc:
            errors.append(RowError(line, "personnummer", str(exc.message)))
            return None
        bad_before = len(errors)
        first = record[self.i_first].strip()
        last = record[self.i_last].strip()
        if not first:
            errors.append(RowError(line, "fornamn", self.msg_first))
        if not last:
            errors.append(RowError(line, "efternamn", self.msg_last))
        for column, position, limit in self.limits:
            if len(record[position].strip()) > limit:
                errors.append(RowError(line, column, self.msg_long % {"n": limit}))
        row = [line, True, pnr.number, pnr.is_coordination_number, pnr.birth_date, pnr.sex, first, last]
        for column, fn, default, position, cache in self.plan:
            if position is None:
                row.append(default)
                continue
            raw = record[position].strip()
            if cache is not None and raw in cache:
                row.append(cache[raw])
                continue
            try:
                value = fn(raw)
            except ValueError as exc:
                errors.append(RowError(line, column, str(exc)))
                value = default
            else:
                if cache is not None:
                    cache[raw] = value
            row.append(value)
        row[1] = len(errors) == bad_before
        return row


# --- SQL over the staging table -----------------------------------------------------

# The rows as loaded from the file, and the same rows classified against the database.
LOADED = "population_import_loaded"
STAGE = "population_import_stage"


def _create_loaded(cursor) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {LOADED}")
    cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
    cursor.execute(
        f"""
        CREATE TEMPORARY TABLE {LOADED} (
            line_no integer NOT NULL,
            valid boolean NOT NULL,
            personnummer varchar(12) NOT NULL,
            is_coordination_number boolean NOT NULL,
            birth_date date NOT NULL,
            sex varchar(6) NOT NULL,
            first_name varchar(100) NOT NULL,
            last_name varchar(100) NOT NULL,
            street_address varchar(200) NOT NULL,
            postal_code varchar(6) NOT NULL,
            postal_town varchar(100) NOT NULL,
            phone varchar(20) NOT NULL,
            email varchar(254) NOT NULL,
            eservice_status varchar(16) NOT NULL,
            notification varchar(10) NOT NULL,
            protected_identity boolean NOT NULL,
            deceased boolean NOT NULL,
            preferred_language varchar(8) NOT NULL,
            area_code varchar(20) NOT NULL
        )
        """
    )


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_line(r: list) -> str:
    """One staging row in PostgreSQL's COPY text format (free-text columns escaped)."""
    e = _COPY_ESCAPES
    return (
        f"{r[0]}\t{'t' if r[1] else 'f'}\t{r[2]}\t{'t' if r[3] else 'f'}\t{r[4].isoformat()}\t{r[5]}\t"
        f"{r[6].translate(e)}\t{r[7].translate(e)}\t{r[8].translate(e)}\t{r[9]}\t{r[10].translate(e)}\t{r[11]}\t"
        f"{r[12].translate(e)}\t{r[13]}\t{r[14]}\t{'t' if r[15] else 'f'}\t{'t' if r[16] else 'f'}\t{r[17]}\t"
        f"{r[18]}\n"
    )


def _load_stage(cursor, rows: list[list]) -> None:
    columns = ", ".join(["line_no", "valid", *STAGE_FIELDS])
    if connection.vendor == "postgresql":
        text = "".join(map(_copy_line, rows))
        with cursor.cursor.copy(f"COPY {LOADED} ({columns}) FROM STDIN") as copy:
            copy.write(text.encode())
    else:
        marks = ", ".join(["%s"] * (len(STAGE_FIELDS) + 2))
        cursor.executemany(f"INSERT INTO {LOADED} ({columns}) VALUES ({marks})", rows)


def _changed_condition(fields: list[str], unit_id: int) -> tuple[str, list]:
    parts = ["p.listed_unit_id <> %s", "NOT p.is_listed"]
    parts += [f"p.{f} IS DISTINCT FROM s.{f}" for f in fields]
    return "(" + " OR ".join(parts) + ")", [unit_id]


# --- The import ---------------------------------------------------------------------


def population_import_run(
    *,
    unit: CareUnit,
    source: BinaryIO,
    commit: bool,
    skip_invalid: bool = False,
    actor: Actor,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Preview (commit=False) or apply an import of `source` into `unit`.

    A file that cannot be read at all returns a result with `refused` set and
    changes nothing; so does a commit of a file with row errors unless
    `skip_invalid`, in which case only the valid rows are imported.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    result = ImportResult()
    try:
        table = open_csv(source, required=REQUIRED_COLUMNS, known=KNOWN_COLUMNS, aliases=HEADER_ALIASES)
    except CsvFileError as exc:
        result.refused = str(exc)
        return result
    result.unknown_columns = table.unknown_columns
    present_fields = [COLUMN_FIELDS[c] for c in table.columns if c in COLUMN_FIELDS]

    total_lines = _count_lines(source)
    try:
        with connection.cursor() as cursor:
            _create_loaded(cursor)
            try:
                _stage_file(cursor, table, today=today, result=result, progress=progress, total=total_lines)
                duplicates = _find_duplicates(cursor, result)
                _classify(
                    cursor, unit=unit, fields=present_fields, has_deceased="deceased" in present_fields,
                    duplicates=duplicates,
                )
                _count(cursor, unit=unit, result=result)
                result.samples = _samples(cursor, unit=unit, fields=present_fields)
                if commit:
                    if result.errors and not skip_invalid:
                        raise ImportRefused(
                            _("The file has %(n)d rows with errors. Correct them, or choose to import only the "
                              "valid rows.") % {"n": len({e.row for e in result.errors})}
                        )
                    with transaction.atomic():
                        _apply(cursor, unit=unit, fields=present_fields, actor=actor, now=now, result=result)
                    result.committed = True
            finally:
                cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
                cursor.execute(f"DROP TABLE IF EXISTS {LOADED}")
    except CsvFileError as exc:
        result.refused = str(exc)
        result.committed = False
    except ImportRefused as exc:
        result.refused = str(exc)
    result.errors.sort(key=lambda e: (e.row, e.column))
    return result


def _count_lines(source: BinaryIO) -> int:
    source.seek(0)
    lines = 0
    while chunk := source.read(1 << 20):
        lines += chunk.count(b"\n")
    source.seek(0)
    return max(lines, 1)


def _stage_file(cursor, table, *, today, result: ImportResult, progress, total: int) -> None:
    converter = RowConverter(today=today, columns=table.columns, index=table.index)
    batch: list[list] = []
    errors = result.errors
    rows_read = 0
    for line, record, problem in table.records():
        rows_read += 1
        if record is None:
            errors.append(RowError(line, "", problem))
            continue
        row = converter.convert(record, line, errors)
        if row is not None:
            batch.append(row)
        if len(batch) >= CHUNK:
            _load_stage(cursor, batch)
            batch.clear()
        if progress and rows_read % PROGRESS_EVERY == 0:
            progress(rows_read, total)
    if batch:
        _load_stage(cursor, batch)
    result.rows_read = rows_read
    if progress:
        progress(rows_read, rows_read)


def _find_duplicates(cursor, result: ImportResult) -> bool:
    """Report every line of a number that appears more than once; none of them is imported."""
    cursor.execute(
        f"""
        SELECT personnummer, line_no FROM {LOADED}
        WHERE personnummer IN (SELECT personnummer FROM {LOADED} GROUP BY personnummer HAVING COUNT(*) > 1)
        ORDER BY personnummer, line_no
        """
    )
    lines_by_number: dict[str, list[int]] = {}
    for number, line in cursor.fetchall():
        lines_by_number.setdefault(number, []).append(line)
    message = _("The same personal identity number is on several lines (%(lines)s); none of them is imported.")
    for lines in lines_by_number.values():
        listed = ", ".join(str(n) for n in lines)
        result.errors.extend(RowError(line, "personnummer", message % {"lines": listed}) for line in lines)
    return bool(lines_by_number)


def _classify(cursor, *, unit: CareUnit, fields: list[str], has_deceased: bool, duplicates: bool) -> None:
    """Classify every loaded row against the database in one pass (new / changed / unchanged, moves)."""
    person = Person._meta.db_table
    condition, params = _changed_condition(fields, unit.pk)
    became_deceased = "(s.deceased AND NOT p.deceased)" if has_deceased else "FALSE"
    loaded = (
        f"(SELECT *, COUNT(*) OVER (PARTITION BY personnummer) AS copies FROM {LOADED})"
        if duplicates
        else f"(SELECT *, 1 AS copies FROM {LOADED})"
    )
    columns = ", ".join(f"s.{f}" for f in STAGE_FIELDS)
    cursor.execute(
        f"""
        CREATE TEMPORARY TABLE {STAGE} AS
        SELECT s.line_no, (s.valid AND s.copies = 1) AS valid, {columns},
            p.id AS person_id,
            CASE WHEN p.id IS NULL THEN 'new' WHEN {condition} THEN 'changed' ELSE 'unchanged' END AS kind,
            CASE WHEN p.listed_unit_id <> %s THEN p.listed_unit_id END AS moved_from,
            {became_deceased} AS became_deceased
        FROM {loaded} AS s LEFT JOIN {person} AS p ON p.personnummer = s.personnummer
        """,
        [*params, unit.pk],
    )


def _removed_sql(unit_id: int) -> tuple[str, list]:
    person = Person._meta.db_table
    return (
        f"FROM {person} AS p WHERE p.listed_unit_id = %s AND p.is_listed "
        f"AND NOT EXISTS (SELECT 1 FROM {STAGE} AS s WHERE s.personnummer = p.personnummer)",
        [unit_id],
    )


def _count(cursor, *, unit: CareUnit, result: ImportResult) -> None:
    cursor.execute(f"SELECT kind, COUNT(*) FROM {STAGE} WHERE valid GROUP BY kind")
    counts = dict(cursor.fetchall())
    result.new = counts.get("new", 0)
    result.changed = counts.get("changed", 0)
    result.unchanged = counts.get("unchanged", 0)
    cursor.execute(f"SELECT COUNT(*) FROM {STAGE} WHERE valid AND moved_from IS NOT NULL")
    result.moved = cursor.fetchone()[0]
    where, params = _removed_sql(unit.pk)
    cursor.execute(f"SELECT COUNT(*) {where}", params)
    result.removed = cursor.fetchone()[0]


def _samples(cursor, *, unit: CareUnit, fields: list[str]) -> dict[str, list[dict]]:
    """A few rows of each kind for the preview page: names and what changes, no contact data."""
    samples: dict[str, list[dict]] = {}
    for kind in ("new", "unchanged"):
        cursor.execute(
            f"SELECT personnummer, first_name, last_name FROM {STAGE} WHERE valid AND kind = %s "
            f"ORDER BY line_no LIMIT {SAMPLE_SIZE}",
            [kind],
        )
        samples[kind] = [{"personnummer": n, "name": f"{f} {la}"} for n, f, la in cursor.fetchall()]
    person = Person._meta.db_table
    unit_table = CareUnit._meta.db_table
    compare = ", ".join(f"p.{f}, s.{f}" for f in fields) or "NULL, NULL"
    cursor.execute(
        f"""
        SELECT s.personnummer, s.first_name, s.last_name, u.name, p.is_listed, {compare}
        FROM {STAGE} AS s JOIN {person} AS p ON p.id = s.person_id
        LEFT JOIN {unit_table} AS u ON u.id = s.moved_from
        WHERE s.valid AND s.kind = 'changed' ORDER BY s.line_no LIMIT {SAMPLE_SIZE}
        """
    )
    changed = []
    for row in cursor.fetchall():
        number, first, last, moved_from, was_listed = row[:5]
        pairs = row[5:]
        changed_fields = [
            str(Person._meta.get_field(f).verbose_name)
            for i, f in enumerate(fields)
            if pairs[2 * i] != pairs[2 * i + 1]
        ]
        changed.append(
            {
                "personnummer": number,
                "name": f"{first} {last}",
                "fields": changed_fields,
                "moved_from": moved_from or "",
                "relisted": not was_listed and not moved_from,
            }
        )
    samples["changed"] = changed
    where, params = _removed_sql(unit.pk)
    cursor.execute(
        f"SELECT p.personnummer, p.first_name, p.last_name {where} ORDER BY p.last_name LIMIT {SAMPLE_SIZE}",
        params,
    )
    samples["removed"] = [{"personnummer": n, "name": f"{f} {la}"} for n, f, la in cursor.fetchall()]
    return samples


def _apply(cursor, *, unit: CareUnit, fields: list[str], actor: Actor, now, result: ImportResult) -> None:
    person = Person._meta.db_table
    # Serialise imports into the same unit.
    CareUnit.objects.select_for_update().filter(pk=unit.pk).first()
    columns = ", ".join(STAGE_FIELDS)
    cursor.execute(
        f"""
        INSERT INTO {person} ({columns}, listed_unit_id, is_listed, is_synthetic, created_at, updated_at)
        SELECT {", ".join("s." + f for f in STAGE_FIELDS)}, %s, TRUE, FALSE, %s, %s
        FROM {STAGE} AS s WHERE s.valid AND s.kind = 'new'
        """,
        [unit.pk, now, now],
    )
    # Who left which unit, for the receivers of persons_left_unit (read before the update).
    cursor.execute(f"SELECT moved_from, person_id FROM {STAGE} WHERE valid AND moved_from IS NOT NULL")
    moved: dict[int, list[int]] = {}
    for old_unit, pid in cursor.fetchall():
        moved.setdefault(old_unit, []).append(pid)
    cursor.execute(f"SELECT person_id FROM {STAGE} WHERE valid AND became_deceased")
    deceased = [pid for (pid,) in cursor.fetchall()]

    assignments = ", ".join([f"{f} = s.{f}" for f in fields] + ["listed_unit_id = %s", "is_listed = TRUE",
                                                                 "updated_at = %s"])
    cursor.execute(
        f"UPDATE {person} AS p SET {assignments} FROM {STAGE} AS s "
        f"WHERE s.person_id = p.id AND s.valid AND s.kind = 'changed'",
        [unit.pk, now],
    )
    where, params = _removed_sql(unit.pk)
    cursor.execute(f"SELECT p.id {where}", params)
    removed = [pid for (pid,) in cursor.fetchall()]
    if removed:
        cursor.execute(
            f"UPDATE {person} SET is_listed = FALSE, updated_at = %s WHERE id IN (SELECT p.id {where})",
            [now, *params],
        )
    _audit_import(cursor, unit=unit, actor=actor, now=now)
    if removed:
        _audit_ids(actor, unit, now, removed, _("No longer on the unit's list (population import)."))

    for old_unit, ids in moved.items():
        persons_left_unit.send(
            sender=Person, unit_id=old_unit, person_ids=ids, reason=LEFT_MOVED, now=now, actor=actor
        )
    if removed:
        persons_left_unit.send(
            sender=Person, unit_id=unit.pk, person_ids=removed, reason=LEFT_NOT_LISTED, now=now, actor=actor
        )
    if deceased:
        persons_left_unit.send(
            sender=Person, unit_id=None, person_ids=deceased, reason=LEFT_DECEASED, now=now, actor=actor
        )


def _audit_import(cursor, *, unit: CareUnit, actor: Actor, now) -> None:
    """One access-log row per person created or changed, written set-based."""
    log = AccessLogEntry._meta.db_table
    person = Person._meta.db_table
    base = [now, actor.kind, actor.user.pk if actor.user else None, actor.name[:150], unit.pk]
    insert = (
        f"INSERT INTO {log} (at, actor_kind, actor_user_id, actor_name, unit_id, person_id, action, "
        f"object_type, object_id, detail, purpose) "
    )
    cursor.execute(
        insert + f"SELECT %s, %s, %s, %s, %s, p.id, %s, 'population.person', CAST(p.id AS VARCHAR(20)), %s, '' "
        f"FROM {person} AS p JOIN {STAGE} AS s ON s.personnummer = p.personnummer "
        f"WHERE s.valid AND s.kind = 'new'",
        [*base, AccessAction.CREATE, _("Added from the unit's list (population import).")],
    )
    cursor.execute(
        insert + f"SELECT %s, %s, %s, %s, %s, s.person_id, %s, 'population.person', "
        f"CAST(s.person_id AS VARCHAR(20)), CASE WHEN s.moved_from IS NOT NULL THEN %s ELSE %s END, '' "
        f"FROM {STAGE} AS s WHERE s.valid AND s.kind = 'changed'",
        [
            *base,
            AccessAction.CHANGE,
            _("Moved here from another unit's list (population import)."),
            _("Changed from the unit's list (population import)."),
        ],
    )


def _audit_ids(actor: Actor, unit: CareUnit, now, person_ids: list[int], detail: str) -> None:
    Auditor(actor.with_unit(unit), now=now).record_many(
        action=AccessAction.CHANGE, person_ids=person_ids, detail=detail
    )
