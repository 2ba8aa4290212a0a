# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Monthly summary behind the client profitability report.

The report adds up, per account, month and company, the income lines of posted
customer invoices, their cost of goods sold, the analytic costs of the clients'
analytic accounts and the allocated cost pools. Reading millions of journal items
at every pivot click is what makes such reports slow, so the sums are kept in
``account_mgmt_profitability_month``, and the months where something the report
reads changed since are listed in ``account_mgmt_profitability_dirty``.

The report reads the summary for the other months and the ledger itself for
these (see ``_sql_grouped`` of the report): it is always exactly the ledger's, in
the user's own transaction, whether or not the summary has caught up. A cron
(and the report's "Refresh" job) recomputes the listed months into the summary.

The months are listed by PostgreSQL triggers, so that no way of changing the data
(the ORM, another module's SQL, an import) can be missed:

- journal items inserted or deleted (statement triggers) or updated (row
  triggers on the columns the report reads), when posted, of a product or COGS
  display type, on an income or expense account;
- customer invoices, credit notes and sales receipts whose type, customer,
  state, date or company changes;
- analytic lines (any change: their plan columns depend on the database);
- cost allocations;
- an analytic account changing customer, or a customer of an analytic account
  changing commercial entity: every month with analytic lines;
- an account changing type: the months of its journal items and analytic lines.

Changing a product's cost does not change the report: cost of goods sold is the
unit cost captured at posting. (Lines posted before installation were given
one at installation.)

Everything here is dropped by the uninstall hook (``drop_summary``).
"""

from odoo.tools import SQL

from ..models.ledger.account_move_line import (
    COGS_ACCOUNT_TYPES,
    INCOME_ACCOUNT_TYPES,
    SALE_MOVE_TYPES,
)
from ..tools import pg_triggers

SUMMARY_TABLE = "account_mgmt_profitability_month"
DIRTY_TABLE = "account_mgmt_profitability_dirty"
# Advisory lock key of the summary refresh ("amgmt_pr" in ASCII).
REFRESH_LOCK = 0x616D676D745F7072

_MONTH = "date_trunc('month', %s)::date"

# The journal items the report reads: posted product and COGS items on income
# and expense accounts (alias ``line``, joined to its account as ``account``).
_READ_ACCOUNT_TYPES = ", ".join(
    f"'{account_type}'" for account_type in INCOME_ACCOUNT_TYPES + COGS_ACCOUNT_TYPES
)
_AML_COUNTS = f"""
    line.parent_state = 'posted'
    AND line.display_type IN ('product', 'cogs')
    AND account.account_type IN ({_READ_ACCOUNT_TYPES})
"""


def _aml_months(source):
    """Insert the months of the journal items of ``source`` (a FROM item
    aliased ``line``) that the report reads."""
    return f"""
        INSERT INTO {DIRTY_TABLE} (company_id, month)
        SELECT DISTINCT line.company_id, {_MONTH % "line.date"}
          FROM {source}
          JOIN account_account account ON account.id = line.account_id
         WHERE {_AML_COUNTS};
    """


# The row before and after, in a row trigger on journal items.
_OLD_AND_NEW_LINE = """
    (VALUES (OLD.company_id, OLD.date, OLD.account_id, OLD.parent_state,
             OLD.display_type),
            (NEW.company_id, NEW.date, NEW.account_id, NEW.parent_state,
             NEW.display_type))
    AS line(company_id, date, account_id, parent_state, display_type)
"""

# trigger function name -> body
_FUNCTIONS = {
    # Journal items inserted or deleted: one statement, any number of rows.
    "account_mgmt_profit_aml_rows": f"""
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {_aml_months("account_mgmt_new_rows line")}
            ELSE
                {_aml_months("account_mgmt_old_rows line")}
            END IF;
            RETURN NULL;
        END;
    """,
    # A journal item updated (the WHEN clause of the trigger keeps only the
    # changes that matter): its month before and after.
    "account_mgmt_profit_aml_update": f"""
        BEGIN
            {_aml_months(_OLD_AND_NEW_LINE)}
            RETURN NULL;
        END;
    """,
    # A posted customer invoice changing customer, type, state, date or company.
    "account_mgmt_profit_move_update": f"""
        BEGIN
            INSERT INTO {DIRTY_TABLE} (company_id, month)
            VALUES (OLD.company_id, {_MONTH % "OLD.date"}),
                   (NEW.company_id, {_MONTH % "NEW.date"});
            RETURN NULL;
        END;
    """,
    # Analytic lines and cost allocations: the months of the rows, before and
    # after (one statement, any number of rows).
    "account_mgmt_profit_dated_rows": f"""
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
    """,
    # The customer behind analytic lines changed: every month of analytic lines
    # (rare: an analytic account re-assigned, a customer moved under another
    # company).
    "account_mgmt_profit_analytic_client": f"""
        BEGIN
            IF TG_TABLE_NAME = 'res_partner' AND NOT EXISTS (
                SELECT 1 FROM account_analytic_account
                 WHERE partner_id IN (OLD.id, NEW.id)
            ) THEN
                RETURN NULL;
            END IF;
            INSERT INTO {DIRTY_TABLE} (company_id, month)
            SELECT DISTINCT company_id, {_MONTH % "date"}
              FROM account_analytic_line
             WHERE company_id IS NOT NULL;
            RETURN NULL;
        END;
    """,
    # An account changing type: the months of its journal items and analytic
    # lines.
    "account_mgmt_profit_account_type": f"""
        BEGIN
            INSERT INTO {DIRTY_TABLE} (company_id, month)
            SELECT DISTINCT company_id, {_MONTH % "date"}
              FROM account_move_line
             WHERE account_id = NEW.id
             UNION
            SELECT DISTINCT company_id, {_MONTH % "date"}
              FROM account_analytic_line
             WHERE general_account_id = NEW.id AND company_id IS NOT NULL;
            RETURN NULL;
        END;
    """,
}

_AML_UPDATE_COLUMNS = (
    "move_id",
    "account_id",
    "company_id",
    "date",
    "balance",
    "quantity",
    "display_type",
    "parent_state",
    "product_id",
    "product_uom_id",
    "account_mgmt_unit_cost",
)
_AML_CHANGED = " OR ".join(
    f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in _AML_UPDATE_COLUMNS
)
_MOVE_UPDATE_COLUMNS = (
    "move_type",
    "commercial_partner_id",
    "state",
    "date",
    "company_id",
)
_MOVE_CHANGED = " OR ".join(
    f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in _MOVE_UPDATE_COLUMNS
)
_SALE_TYPES = ", ".join(f"'{move_type}'" for move_type in SALE_MOVE_TYPES)
_CUSTOMER_INVOICE = (
    f"(OLD.move_type IN ({_SALE_TYPES}) OR NEW.move_type IN ({_SALE_TYPES}))"
    " AND (OLD.state = 'posted' OR NEW.state = 'posted')"
)

# (name, table, definition after "CREATE TRIGGER name")
_TRIGGERS = [
    (
        "account_mgmt_profit_aml_insert",
        "account_move_line",
        (
            "AFTER INSERT ON account_move_line "
            "REFERENCING NEW TABLE AS account_mgmt_new_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_mgmt_profit_aml_rows()"
        ),
    ),
    (
        "account_mgmt_profit_aml_delete",
        "account_move_line",
        (
            "AFTER DELETE ON account_move_line "
            "REFERENCING OLD TABLE AS account_mgmt_old_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_mgmt_profit_aml_rows()"
        ),
    ),
    (
        "account_mgmt_profit_aml_update",
        "account_move_line",
        (
            f"AFTER UPDATE OF {', '.join(_AML_UPDATE_COLUMNS)} ON account_move_line "
            f"FOR EACH ROW WHEN ((OLD.parent_state = 'posted' "
            f"OR NEW.parent_state = 'posted') AND ({_AML_CHANGED})) "
            "EXECUTE FUNCTION account_mgmt_profit_aml_update()"
        ),
    ),
    (
        "account_mgmt_profit_move_update",
        "account_move",
        (
            f"AFTER UPDATE OF {', '.join(_MOVE_UPDATE_COLUMNS)} ON account_move "
            f"FOR EACH ROW WHEN ({_CUSTOMER_INVOICE} AND ({_MOVE_CHANGED})) "
            "EXECUTE FUNCTION account_mgmt_profit_move_update()"
        ),
    ),
    (
        "account_mgmt_profit_aal_insert",
        "account_analytic_line",
        (
            "AFTER INSERT ON account_analytic_line "
            "REFERENCING NEW TABLE AS account_mgmt_new_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_mgmt_profit_dated_rows()"
        ),
    ),
    (
        "account_mgmt_profit_aal_update",
        "account_analytic_line",
        (
            "AFTER UPDATE ON account_analytic_line "
            "REFERENCING OLD TABLE AS account_mgmt_old_rows "
            "NEW TABLE AS account_mgmt_new_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_mgmt_profit_dated_rows()"
        ),
    ),
    (
        "account_mgmt_profit_aal_delete",
        "account_analytic_line",
        (
            "AFTER DELETE ON account_analytic_line "
            "REFERENCING OLD TABLE AS account_mgmt_old_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_mgmt_profit_dated_rows()"
        ),
    ),
    (
        "account_mgmt_profit_analytic_account",
        "account_analytic_account",
        (
            "AFTER UPDATE OF partner_id ON account_analytic_account "
            "FOR EACH ROW WHEN (OLD.partner_id IS DISTINCT FROM NEW.partner_id) "
            "EXECUTE FUNCTION account_mgmt_profit_analytic_client()"
        ),
    ),
    (
        "account_mgmt_profit_partner",
        "res_partner",
        (
            "AFTER UPDATE OF commercial_partner_id ON res_partner "
            "FOR EACH ROW WHEN "
            "(OLD.commercial_partner_id IS DISTINCT FROM NEW.commercial_partner_id) "
            "EXECUTE FUNCTION account_mgmt_profit_analytic_client()"
        ),
    ),
    (
        "account_mgmt_profit_account",
        "account_account",
        (
            "AFTER UPDATE OF account_type ON account_account "
            "FOR EACH ROW WHEN (OLD.account_type IS DISTINCT FROM NEW.account_type) "
            "EXECUTE FUNCTION account_mgmt_profit_account_type()"
        ),
    ),
]

# Cost allocations are the add-on's own table: created by the ORM after the
# report's init() on a new database, so their triggers are created separately.
_ALLOCATION_TRIGGERS = [
    (
        f"account_mgmt_profit_allocation_{op.lower()}",
        "account_mgmt_cost_allocation",
        (
            f"AFTER {op} ON account_mgmt_cost_allocation REFERENCING {refs} "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_mgmt_profit_dated_rows()"
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


def create_summary(cr):
    """Create (or update) the summary tables, functions and triggers.

    :return: whether the summary table was created now (then every month with
        data is listed as changed: the report reads the ledger until the
        summary is refreshed)
    """
    created = not pg_triggers.table_exists(cr, SUMMARY_TABLE)
    cr.execute(
        SQL(
            """
            CREATE TABLE IF NOT EXISTS %(summary)s (
                partner_id integer NOT NULL,
                date date NOT NULL,
                company_id integer NOT NULL,
                revenue numeric NOT NULL,
                cogs numeric NOT NULL,
                direct_cost numeric NOT NULL,
                allocated_cost numeric NOT NULL,
                PRIMARY KEY (company_id, date, partner_id)
            );
            CREATE TABLE IF NOT EXISTS %(dirty)s (
                id bigserial PRIMARY KEY,
                company_id integer NOT NULL,
                month date NOT NULL
            );
            CREATE INDEX IF NOT EXISTS %(dirty_index)s ON %(dirty)s (company_id, month);
            """,
            summary=SQL.identifier(SUMMARY_TABLE),
            dirty=SQL.identifier(DIRTY_TABLE),
            dirty_index=SQL.identifier(f"{DIRTY_TABLE}_month_index"),
        )
    )
    pg_triggers.create_functions(cr, _FUNCTIONS)
    # the allocations' triggers once their table exists (then again by
    # create_allocation_triggers)
    pg_triggers.create_triggers(cr, _TRIGGERS + _ALLOCATION_TRIGGERS)
    if created:
        mark_all_months(cr)
    return created


def create_allocation_triggers(cr):
    pg_triggers.create_triggers(cr, _ALLOCATION_TRIGGERS)


def mark_all_months(cr):
    """List every month with data as changed (the report then reads the ledger
    for them until the summary is refreshed)."""
    cr.execute(
        SQL(
            """
            INSERT INTO %(dirty)s (company_id, month)
            SELECT company_id, %(month)s FROM account_move_line
             UNION
            SELECT company_id, %(month)s FROM account_analytic_line
             WHERE company_id IS NOT NULL
            """,
            dirty=SQL.identifier(DIRTY_TABLE),
            month=SQL(_MONTH % "date"),
        )
    )
    if pg_triggers.table_exists(cr, "account_mgmt_cost_allocation"):
        cr.execute(
            SQL(
                """
                INSERT INTO %(dirty)s (company_id, month)
                SELECT DISTINCT company_id, %(month)s FROM account_mgmt_cost_allocation
                """,
                dirty=SQL.identifier(DIRTY_TABLE),
                month=SQL(_MONTH % "date"),
            )
        )


def drop_summary(cr):
    """Drop the triggers, functions and tables (uninstallation)."""
    pg_triggers.drop_all(
        cr, _TRIGGERS + _ALLOCATION_TRIGGERS, _FUNCTIONS, [SUMMARY_TABLE, DIRTY_TABLE]
    )
