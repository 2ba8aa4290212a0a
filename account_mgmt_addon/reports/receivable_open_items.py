# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The open receivable items, kept in a table of their own.

``account_mgmt.receivable.report._sql_open_items`` (the aging pivot, the account
form's receivable, overdue and DSO figures, health and the contact reminder)
reads the open items of posted entries on receivable accounts. Found in the
ledger, they are a few tens of thousands of 2.5 million journal items, joined
to their partner (commercial entity), entry (invoice date) and account (type)
at every read: the web client's pivot sends one grouped read per header, each
of which evaluated them again.

``account_mgmt_open_item`` holds them, one row per journal item, with the
columns the report reads. PostgreSQL triggers keep it in the same transaction
as the change, whatever writes it (the ORM, another module's SQL, an import),
so the report equals the ledger at every moment:

- journal items inserted or deleted (statement triggers), or updated in a
  column the open items read (row triggers, only when the item is or was
  open): the item is read again from the ledger;
- an entry's invoice date changed: its items' date;
- a partner's commercial entity changed: the items of that partner;
- an account's manager or tier changed: the items of that account (the
  report groups by them: kept here, the report needs no join to partners);
- a ledger account's type changed: the items of that account, read again.

Nothing here writes at read time: the report stays a read-only query (read
replicas). Everything is dropped by the uninstall hook (``drop_open_items``).
"""

from odoo.tools import SQL

from ..tools import pg_triggers

OPEN_ITEMS_TABLE = "account_mgmt_open_item"

# The tier of a client (alias) in the item's company: tiers are per company
# (a company-dependent field, kept as JSON by company id).
_CLIENT_TIER = "(%s.account_tier_id ->> line.company_id::text)::integer"

# The one definition of an open item in the ledger: a journal item of a posted
# entry on a receivable account, with a partner and something left to pay or
# to apply. ``line``: account_move_line.
_OPEN_ITEMS_SQL = f"""
    SELECT line.id,
           line.move_id,
           line.partner_id,
           line_partner.commercial_partner_id,
           line.company_id,
           line.account_id,
           line.currency_id,
           line.date,
           COALESCE(move.invoice_date, line.date),
           COALESCE(line.date_maturity, line.date),
           line.amount_residual,
           line.amount_residual_currency,
           client.account_manager_id,
           {_CLIENT_TIER % "client"}
      FROM %s
      JOIN account_account account ON account.id = line.account_id
      JOIN res_partner line_partner ON line_partner.id = line.partner_id
      JOIN account_move move ON move.id = line.move_id
      LEFT JOIN res_partner client ON client.id = line_partner.commercial_partner_id
     WHERE account.account_type = 'asset_receivable'
       AND line.parent_state = 'posted'
       AND line.amount_residual != 0
"""
_COLUMNS = """
    id, move_id, partner_id, commercial_partner_id, company_id, account_id,
    currency_id, line_date, date, date_maturity, amount_residual,
    amount_residual_currency, account_manager_id, account_tier_id
"""


def _insert(source, condition="TRUE"):
    """Insert the open items of ``source`` (a FROM item aliased ``line``)."""
    return f"""
        INSERT INTO {OPEN_ITEMS_TABLE} ({_COLUMNS})
        {_OPEN_ITEMS_SQL % source} AND ({condition});
    """


# Journal items just inserted (the transition table of the statement).
_INSERT_NEW = _insert("account_mgmt_new_rows line")

# trigger function name -> body
_FUNCTIONS = {
    # Journal items inserted or deleted: one statement, any number of rows.
    "account_mgmt_open_item_aml_rows": f"""
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {_INSERT_NEW}
            ELSE
                DELETE FROM {OPEN_ITEMS_TABLE}
                 WHERE id IN (SELECT id FROM account_mgmt_old_rows);
            END IF;
            RETURN NULL;
        END;
    """,
    # A journal item that is or was open updated in a column the open items
    # read (the WHEN clause of the trigger): read again from the ledger.
    "account_mgmt_open_item_aml_update": f"""
        BEGIN
            IF NEW.parent_state IS DISTINCT FROM 'posted'
               OR NEW.amount_residual = 0 THEN
                -- closed (paid, reset to draft, cancelled)
                DELETE FROM {OPEN_ITEMS_TABLE} WHERE id = NEW.id;
            ELSIF OLD.parent_state = 'posted' AND OLD.amount_residual <> 0
                  AND OLD.move_id = NEW.move_id
                  AND OLD.partner_id = NEW.partner_id
                  AND OLD.account_id = NEW.account_id
                  AND OLD.company_id = NEW.company_id
                  AND OLD.date = NEW.date THEN
                -- still open, same item (a partial payment): its row, if it has
                -- one (a receivable item), changes in place
                UPDATE {OPEN_ITEMS_TABLE}
                   SET currency_id = NEW.currency_id,
                       date_maturity = COALESCE(NEW.date_maturity, NEW.date),
                       amount_residual = NEW.amount_residual,
                       amount_residual_currency = NEW.amount_residual_currency
                 WHERE id = NEW.id;
            ELSE
                DELETE FROM {OPEN_ITEMS_TABLE} WHERE id = NEW.id;
                {_insert("account_move_line line", "line.id = NEW.id")}
            END IF;
            RETURN NULL;
        END;
    """,
    "account_mgmt_open_item_move_update": f"""
        BEGIN
            UPDATE {OPEN_ITEMS_TABLE}
               SET date = COALESCE(NEW.invoice_date, line_date)
             WHERE move_id = NEW.id;
            RETURN NULL;
        END;
    """,
    # A partner's commercial entity changed: its items belong to that account
    # (its manager and tier); an account's manager or tier changed: its items'.
    "account_mgmt_open_item_partner_update": f"""
        BEGIN
            IF OLD.commercial_partner_id IS DISTINCT FROM NEW.commercial_partner_id
            THEN
                UPDATE {OPEN_ITEMS_TABLE} line
                   SET commercial_partner_id = NEW.commercial_partner_id,
                       account_manager_id = client.account_manager_id,
                       account_tier_id = {_CLIENT_TIER % "client"}
                  FROM res_partner client
                 WHERE line.partner_id = NEW.id
                   AND client.id = NEW.commercial_partner_id;
            END IF;
            IF OLD.account_manager_id IS DISTINCT FROM NEW.account_manager_id
               OR OLD.account_tier_id IS DISTINCT FROM NEW.account_tier_id
            THEN
                UPDATE {OPEN_ITEMS_TABLE} line
                   SET account_manager_id = NEW.account_manager_id,
                       account_tier_id = {_CLIENT_TIER % "NEW"}
                 WHERE line.commercial_partner_id = NEW.id;
            END IF;
            RETURN NULL;
        END;
    """,
    "account_mgmt_open_item_account_update": f"""
        BEGIN
            DELETE FROM {OPEN_ITEMS_TABLE} WHERE account_id = NEW.id;
            {_insert("account_move_line line", "line.account_id = NEW.id")}
            RETURN NULL;
        END;
    """,
}

# The journal item columns the open items read.
_AML_COLUMNS = (
    "move_id",
    "partner_id",
    "company_id",
    "account_id",
    "currency_id",
    "date",
    "date_maturity",
    "amount_residual",
    "amount_residual_currency",
    "parent_state",
)
_AML_CHANGED = " OR ".join(
    f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in _AML_COLUMNS
)
# Open before or after (the account's type is checked by the function: an item
# on another account is not inserted).
_AML_OPEN = (
    "(OLD.parent_state = 'posted' AND OLD.amount_residual <> 0) "
    "OR (NEW.parent_state = 'posted' AND NEW.amount_residual <> 0)"
)

# (name, table, definition after "CREATE TRIGGER name")
_TRIGGERS = [
    (
        "account_mgmt_open_item_aml_insert",
        "account_move_line",
        (
            "AFTER INSERT ON account_move_line "
            "REFERENCING NEW TABLE AS account_mgmt_new_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_mgmt_open_item_aml_rows()"
        ),
    ),
    (
        "account_mgmt_open_item_aml_delete",
        "account_move_line",
        (
            "AFTER DELETE ON account_move_line "
            "REFERENCING OLD TABLE AS account_mgmt_old_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_mgmt_open_item_aml_rows()"
        ),
    ),
    (
        "account_mgmt_open_item_aml_update",
        "account_move_line",
        (
            f"AFTER UPDATE OF {', '.join(_AML_COLUMNS)} ON account_move_line "
            f"FOR EACH ROW WHEN (({_AML_OPEN}) AND ({_AML_CHANGED})) "
            "EXECUTE FUNCTION account_mgmt_open_item_aml_update()"
        ),
    ),
    (
        "account_mgmt_open_item_move_update",
        "account_move",
        (
            "AFTER UPDATE OF invoice_date ON account_move "
            "FOR EACH ROW WHEN (OLD.invoice_date IS DISTINCT FROM NEW.invoice_date) "
            "EXECUTE FUNCTION account_mgmt_open_item_move_update()"
        ),
    ),
    (
        "account_mgmt_open_item_partner_update",
        "res_partner",
        (
            "AFTER UPDATE OF commercial_partner_id, account_manager_id, "
            "account_tier_id ON res_partner FOR EACH ROW WHEN ("
            "OLD.commercial_partner_id IS DISTINCT FROM NEW.commercial_partner_id "
            "OR OLD.account_manager_id IS DISTINCT FROM NEW.account_manager_id "
            "OR OLD.account_tier_id IS DISTINCT FROM NEW.account_tier_id) "
            "EXECUTE FUNCTION account_mgmt_open_item_partner_update()"
        ),
    ),
    (
        "account_mgmt_open_item_account_update",
        "account_account",
        (
            "AFTER UPDATE OF account_type ON account_account "
            "FOR EACH ROW WHEN (OLD.account_type IS DISTINCT FROM NEW.account_type) "
            "EXECUTE FUNCTION account_mgmt_open_item_account_update()"
        ),
    ),
]


def create_open_items(cr):
    """Create (or update) the table, its functions and triggers; fill the table
    when it is created now.

    :return: whether the table was created now
    """
    created = not pg_triggers.table_exists(cr, OPEN_ITEMS_TABLE)
    cr.execute(
        SQL(
            """
            CREATE TABLE IF NOT EXISTS %(table)s (
                id integer PRIMARY KEY,
                move_id integer NOT NULL,
                partner_id integer NOT NULL,
                commercial_partner_id integer,
                company_id integer NOT NULL,
                account_id integer NOT NULL,
                currency_id integer,
                line_date date NOT NULL,
                date date,
                date_maturity date,
                amount_residual numeric NOT NULL,
                amount_residual_currency numeric,
                account_manager_id integer,
                account_tier_id integer
            );
            CREATE INDEX IF NOT EXISTS %(partner_index)s
                ON %(table)s (commercial_partner_id, company_id);
            CREATE INDEX IF NOT EXISTS %(credit_index)s
                ON %(table)s (company_id, commercial_partner_id)
                WHERE amount_residual < 0;
            CREATE INDEX IF NOT EXISTS %(move_index)s ON %(table)s (move_id);
            CREATE INDEX IF NOT EXISTS %(line_partner_index)s
                ON %(table)s (partner_id);
            CREATE INDEX IF NOT EXISTS %(account_index)s ON %(table)s (account_id);
            """,
            table=SQL.identifier(OPEN_ITEMS_TABLE),
            partner_index=SQL.identifier(f"{OPEN_ITEMS_TABLE}_partner_index"),
            credit_index=SQL.identifier(f"{OPEN_ITEMS_TABLE}_credit_index"),
            move_index=SQL.identifier(f"{OPEN_ITEMS_TABLE}_move_index"),
            line_partner_index=SQL.identifier(f"{OPEN_ITEMS_TABLE}_line_partner_index"),
            account_index=SQL.identifier(f"{OPEN_ITEMS_TABLE}_account_index"),
        )
    )
    pg_triggers.create_functions(cr, _FUNCTIONS)
    pg_triggers.create_triggers(cr, _TRIGGERS)
    if created:
        rebuild_open_items(cr)
    return created


def rebuild_open_items(cr):
    """Fill the table again from the ledger (installation, upgrade)."""
    cr.execute(SQL("DELETE FROM %s", SQL.identifier(OPEN_ITEMS_TABLE)))
    cr.execute(SQL(_insert("account_move_line line").replace("%", "%%")))
    cr.execute(SQL("ANALYZE %s", SQL.identifier(OPEN_ITEMS_TABLE)))


def drop_open_items(cr):
    """Drop the triggers, functions and table (uninstallation)."""
    pg_triggers.drop_all(cr, _TRIGGERS, _FUNCTIONS, [OPEN_ITEMS_TABLE])
