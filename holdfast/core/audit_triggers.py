"""Database triggers that make the audit trail append-only (SQLite and PostgreSQL).
Used by migration core.0002; the test suite also uses them around table flushes."""

from __future__ import annotations

from typing import Any

_INSTALL = {
    "sqlite": [
        """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_update
           BEFORE UPDATE ON core_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
        """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete
           BEFORE DELETE ON core_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    ],
    "postgresql": [
        """CREATE OR REPLACE FUNCTION core_auditevent_refuse() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql""",
        """CREATE OR REPLACE TRIGGER core_auditevent_append_only
           BEFORE UPDATE OR DELETE ON core_auditevent
           FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse()""",
        """CREATE OR REPLACE TRIGGER core_auditevent_no_truncate
           BEFORE TRUNCATE ON core_auditevent
           FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_refuse()""",
    ],
}
_UNINSTALL = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS core_auditevent_no_update",
        "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent",
        "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent",
        "DROP FUNCTION IF EXISTS core_auditevent_refuse()",
    ],
}


def install(connection: Any) -> None:
    with connection.cursor() as cursor:
        for sql in _INSTALL.get(connection.vendor, []):
            cursor.execute(sql)


def uninstall(connection: Any) -> None:
    with connection.cursor() as cursor:
        for sql in _UNINSTALL.get(connection.vendor, []):
            cursor.execute(sql)
