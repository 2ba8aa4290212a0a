# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tables kept by PostgreSQL triggers (the profitability and budget summaries,
the open receivable items): their functions and triggers created, replaced and
dropped in one way, and the batch of months a summary refresh takes.

A trigger is given as ``(name, table, definition)``: the definition follows
``CREATE TRIGGER name``; a function as ``{name: plpgsql body}`` (no arguments,
returns trigger).
"""

from odoo.tools import SQL


def table_exists(cr, table):
    cr.execute(SQL("SELECT to_regclass(%s)", table))
    return cr.fetchone()[0] is not None


def create_functions(cr, functions):
    """Create or replace the trigger functions ``{name: body}``."""
    for name, body in functions.items():
        cr.execute(
            SQL(
                "CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS "
                + "$body$"
                + body.replace("%", "%%")
                + "$body$",
                SQL.identifier(name),
            )
        )


def create_triggers(cr, triggers):
    """Create (again) the triggers on the tables that exist."""
    for name, table, definition in triggers:
        if not table_exists(cr, table):
            continue
        cr.execute(
            SQL(
                "DROP TRIGGER IF EXISTS %s ON %s",
                SQL.identifier(name),
                SQL.identifier(table),
            )
        )
        cr.execute(SQL("CREATE TRIGGER %s " + definition, SQL.identifier(name)))


def drop_all(cr, triggers, functions, tables):
    """Drop the triggers, then the functions, then the tables (uninstallation)."""
    for name, table, _definition in triggers:
        if table_exists(cr, table):
            cr.execute(
                SQL(
                    "DROP TRIGGER IF EXISTS %s ON %s",
                    SQL.identifier(name),
                    SQL.identifier(table),
                )
            )
    for name in functions:
        cr.execute(SQL("DROP FUNCTION IF EXISTS %s()", SQL.identifier(name)))
    for table in tables:
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))


def take_listed_months(cr, dirty_table, limit=None):
    """The first ``limit`` months (company and month, in that order) listed in
    ``dirty_table`` (all of them without ``limit``), with their rows as seen
    now: a month listed again meanwhile (by a transaction committed after this
    one started) keeps its new row for the next batch.

    :return: (ids of the batch's rows of ``dirty_table`` or None, months in the
        batch, months left, ids of the batch's companies)
    """
    cr.execute(
        SQL(
            """
            WITH month AS (
                SELECT company_id, month, array_agg(id) AS ids,
                       ROW_NUMBER() OVER (ORDER BY company_id, month) AS rank
                  FROM %(dirty)s
              GROUP BY company_id, month
            )
            SELECT (SELECT array_agg(id) FROM month, unnest(month.ids) id
                     WHERE %(in_batch)s),
                   COUNT(*) FILTER (WHERE %(in_batch)s),
                   COUNT(*) FILTER (WHERE NOT %(in_batch)s),
                   array_agg(DISTINCT company_id) FILTER (WHERE %(in_batch)s)
              FROM month
            """,
            dirty=SQL.identifier(dirty_table),
            in_batch=SQL("month.rank <= %s", limit) if limit else SQL("TRUE"),
        )
    )
    return cr.fetchone()
