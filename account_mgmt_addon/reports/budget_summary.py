# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Monthly summary behind the budget vs actual report (issue 19).

The report's rows (account x month x company x category: budget, forecast,
actual revenue) are kept in ``account_mgmt_budget_month``, and the months where
something they are made of changed since are listed in
``account_mgmt_budget_dirty``. The report reads the stored rows for the other
months and computes the listed months live (``_sql_rows`` of the report, from
the budget lines and the client profitability report's revenue): it is always
exactly what it would compute, in the user's own transaction, whether or not
the summary has caught up. A cron (``_cron_refresh_summary`` of the report)
folds the listed months into the summary.

Months are listed by PostgreSQL triggers:

- budget and forecast lines inserted, updated or deleted (their months, before
  and after);
- a version changing kind, state, snapshot flag or company (the months of its
  lines);
- a month listed as changed in the client profitability summary (the revenue of
  the month changed: posting, credit notes, a customer moved...): that listing
  is copied here, so a month stays listed here until this summary has folded
  it, whatever the profitability summary does meanwhile;
- a product changing category, or a category moving in the tree: every month
  with lines by category (their revenue is split by category).

Everything here is dropped by the uninstall hook (``drop_summary``).
"""

from odoo.tools import SQL

from ..tools import pg_triggers
from . import profitability_summary

SUMMARY_TABLE = "account_mgmt_budget_month"
DIRTY_TABLE = "account_mgmt_budget_dirty"
# Advisory lock key of the summary refresh ("amgmt_bu" in ASCII).
REFRESH_LOCK = 0x616D676D745F6275

_MONTH = "date_trunc('month', %s)::date"

# The months of the rows of a transition table (INSERT: new rows; DELETE: old
# rows; UPDATE: both).
_DATED_ROWS = f"""
    BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO {DIRTY_TABLE} (company_id, month)
            SELECT DISTINCT company_id, {_MONTH % "date"}
              FROM account_mgmt_new_rows
             WHERE company_id IS NOT NULL AND date IS NOT NULL;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            INSERT INTO {DIRTY_TABLE} (company_id, month)
            SELECT DISTINCT company_id, {_MONTH % "date"}
              FROM account_mgmt_old_rows
             WHERE company_id IS NOT NULL AND date IS NOT NULL;
        END IF;
        RETURN NULL;
    END;
"""

# trigger function name -> body
_FUNCTIONS = {
    "account_mgmt_budget_line_rows": _DATED_ROWS,
    # A version changing what counts (kind, state, snapshot, company): the
    # months of its lines, in its old and new company.
    "account_mgmt_budget_version": f"""
        BEGIN
            INSERT INTO {DIRTY_TABLE} (company_id, month)
            SELECT DISTINCT company.id, {_MONTH % "line.date"}
              FROM account_mgmt_budget_line line
             CROSS JOIN (VALUES (OLD.company_id), (NEW.company_id)) company(id)
             WHERE line.budget_id = NEW.id AND company.id IS NOT NULL;
            RETURN NULL;
        END;
    """,
    # Months listed as changed in the client profitability summary.
    "account_mgmt_budget_profit_months": f"""
        BEGIN
            INSERT INTO {DIRTY_TABLE} (company_id, month)
            SELECT DISTINCT company_id, month FROM account_mgmt_new_rows;
            RETURN NULL;
        END;
    """,
    # A product's category or the category tree changed: the months with lines
    # by category.
    "account_mgmt_budget_categories": f"""
        BEGIN
            INSERT INTO {DIRTY_TABLE} (company_id, month)
            SELECT DISTINCT company_id, {_MONTH % "date"}
              FROM account_mgmt_budget_line
             WHERE categ_id IS NOT NULL AND company_id IS NOT NULL;
            RETURN NULL;
        END;
    """,
}

# (name, table, definition after "CREATE TRIGGER name")
_LINE_TRIGGERS = [
    (
        f"account_mgmt_budget_line_{op.lower()}",
        "account_mgmt_budget_line",
        (
            f"AFTER {op} ON account_mgmt_budget_line REFERENCING {refs} "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_mgmt_budget_line_rows()"
        ),
    )
    for op, refs in (
        ("INSERT", "NEW TABLE AS account_mgmt_new_rows"),
        (
            "UPDATE",
            "OLD TABLE AS account_mgmt_old_rows NEW TABLE AS account_mgmt_new_rows",
        ),
        ("DELETE", "OLD TABLE AS account_mgmt_old_rows"),
    )
]
_VERSION_COLUMNS = ("kind", "state", "is_snapshot", "company_id")
_TRIGGERS = _LINE_TRIGGERS + [
    (
        "account_mgmt_budget_version",
        "account_mgmt_budget",
        (
            f"AFTER UPDATE OF {', '.join(_VERSION_COLUMNS)} ON account_mgmt_budget "
            "FOR EACH ROW WHEN ("
            + " OR ".join(
                f"OLD.{column} IS DISTINCT FROM NEW.{column}"
                for column in _VERSION_COLUMNS
            )
            + ") EXECUTE FUNCTION account_mgmt_budget_version()"
        ),
    ),
    (
        "account_mgmt_budget_profit_months",
        profitability_summary.DIRTY_TABLE,
        (
            f"AFTER INSERT ON {profitability_summary.DIRTY_TABLE} "
            "REFERENCING NEW TABLE AS account_mgmt_new_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_mgmt_budget_profit_months()"
        ),
    ),
    (
        "account_mgmt_budget_product_categ",
        "product_template",
        (
            "AFTER UPDATE OF categ_id ON product_template "
            "FOR EACH ROW WHEN (OLD.categ_id IS DISTINCT FROM NEW.categ_id) "
            "EXECUTE FUNCTION account_mgmt_budget_categories()"
        ),
    ),
    (
        "account_mgmt_budget_category_tree",
        "product_category",
        (
            "AFTER UPDATE OF parent_path ON product_category "
            "FOR EACH ROW WHEN (OLD.parent_path IS DISTINCT FROM NEW.parent_path) "
            "EXECUTE FUNCTION account_mgmt_budget_categories()"
        ),
    ),
]


def create_summary(cr):
    """Create (or update) the summary tables, functions and triggers.

    :return: whether the summary table was created now (then every month is
        listed as changed: the report computes them live until the summary is
        refreshed)
    """
    created = not pg_triggers.table_exists(cr, SUMMARY_TABLE)
    cr.execute(
        SQL(
            """
            CREATE TABLE IF NOT EXISTS %(summary)s (
                company_id integer NOT NULL,
                date date NOT NULL,
                partner_id integer NOT NULL,
                categ_id integer,
                budget_amount numeric NOT NULL,
                forecast_amount numeric NOT NULL,
                actual_revenue numeric NOT NULL,
                has_budget boolean NOT NULL,
                line_id integer
            );
            CREATE INDEX IF NOT EXISTS %(summary_index)s
                ON %(summary)s (company_id, date);
            CREATE TABLE IF NOT EXISTS %(dirty)s (
                id bigserial PRIMARY KEY,
                company_id integer NOT NULL,
                month date NOT NULL
            );
            CREATE INDEX IF NOT EXISTS %(dirty_index)s ON %(dirty)s (company_id, month);
            """,
            summary=SQL.identifier(SUMMARY_TABLE),
            summary_index=SQL.identifier(f"{SUMMARY_TABLE}_month_index"),
            dirty=SQL.identifier(DIRTY_TABLE),
            dirty_index=SQL.identifier(f"{DIRTY_TABLE}_month_index"),
        )
    )
    pg_triggers.create_functions(cr, _FUNCTIONS)
    pg_triggers.create_triggers(cr, _TRIGGERS)
    if created:
        mark_all_months(cr)
    return created


def mark_all_months(cr):
    """List every month that has or may have rows as changed: the months of
    budget lines, of the profitability summary or listed there, and the months
    stored here."""
    sources = [SQL("SELECT company_id, date FROM %s", SQL.identifier(SUMMARY_TABLE))]
    for table, column in (
        ("account_mgmt_budget_line", "date"),
        (profitability_summary.SUMMARY_TABLE, "date"),
        (profitability_summary.DIRTY_TABLE, "month"),
    ):
        if pg_triggers.table_exists(cr, table):
            sources.append(
                SQL(
                    "SELECT company_id, %s FROM %s WHERE company_id IS NOT NULL",
                    SQL(_MONTH % column),
                    SQL.identifier(table),
                )
            )
    cr.execute(
        SQL(
            "INSERT INTO %s (company_id, month) %s",
            SQL.identifier(DIRTY_TABLE),
            SQL(" UNION ").join(sources),
        )
    )


def drop_summary(cr):
    """Drop the triggers, functions and tables (uninstallation)."""
    pg_triggers.drop_all(cr, _TRIGGERS, _FUNCTIONS, [SUMMARY_TABLE, DIRTY_TABLE])
