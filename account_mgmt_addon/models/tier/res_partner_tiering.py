# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Automatic tiering: the figures of the last 12 months of every account, set-based.

One SQL statement computes the figures of every customer account of a company
(and of its corporate group) over the 12 complete calendar months before the
current one (tools/periods.py), from the monthly profitability summary (sales and
cost of a line as ``account.move.line`` defines them);
the tier arithmetic runs in plain Python (tools/tiering.py); one statement writes
the figures and the new tiers back. The number of queries doesn't depend on the
number of accounts.
"""

import logging
from collections import namedtuple
from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_amount

from ...tools.jobs import batch_size, fold_summary, notify_progress, try_job_lock
from ...tools.periods import last_12_months_as_of
from ...tools.sql_arrays import sql_unnest
from ...tools.tiering import TierRules, make_figures, select_tier
from .res_partner_tier import FIGURE_FIELDS

_logger = logging.getLogger(__name__)

#: Accounts whose figures and tier a batch of automatic tiering writes (system
#: parameter account_mgmt_addon.batch_size.tiering). An account whose tier
#: changes costs 3 to 4 ms (figures, history row, chatter note, the stored fields
#: that follow the tier): 2,000 took 4.5 to 8 s on 50,000 accounts. The first
#: call of a run also evaluates every account of the company (1.3 s on 50,000
#: accounts with the summary up to date: the run folds the months listed first):
#: see the README's benchmark.
TIERING_BATCH_SIZE = 2000

# One account of a company evaluated by automatic tiering.
TierEvaluation = namedtuple(
    "TierEvaluation",
    [
        "partner_id",
        "group_id",
        "figures",  # tools.tiering.Figures of the account alone
        "group_figures",  # of its corporate group (the account alone if none)
        "group_size",
        "share",  # % of the group revenue
        "old_tier_id",
        "new_tier_id",
        "locked",
        # the sums the figures come from (queued for the next batches of a run)
        "revenue",
        "cogs",
        "group_revenue",
        "group_cogs",
    ],
    defaults=(None, None, None, None),
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Actions (directors)
    # ------------------------------------------------------------------
    def action_account_mgmt_recompute_tiers(self):
        """Recompute the figures and tiers of the accounts of the current company.

        The first batch runs now; when there are more accounts to update than a
        batch holds, the scheduled action does the others (it is triggered at
        once) and the notification says so."""
        self._account_mgmt_check_director()
        return self._account_mgmt_start_tiering(
            self.env.company,
            next_action={"type": "ir.actions.client", "tag": "soft_reload"},
        )

    @api.model
    def _account_mgmt_start_tiering(self, company, date=None, next_action=None):
        """Tiering of ``company`` on the figures of ``date`` (default: today),
        asked for by a director (the button or the wizard): the first batch now,
        the others by the scheduled action, triggered at once, on the figures of
        the same day (``res.company.account_mgmt_tiering_date`` says which, until
        it is done). Returns the notification: done, or in progress."""
        changes, _written, remaining = self.sudo()._account_mgmt_recompute_tiers_batch(
            company,
            batch_size(self.env, "tiering", TIERING_BATCH_SIZE),
            date,
            restart=True,
        )
        # sudo: the scheduled action's own mark, after the director's check. A
        # run of today (the button) leaves the job on its own today, and replaces
        # a wizard's run of another day still in progress.
        company.sudo().account_mgmt_tiering_date = date if remaining else False
        message = self.env._(
            "%(count)s accounts of %(company)s changed tier.",
            count=len(changes),
            company=company.name,
        )
        if remaining:
            self.env.ref("account_mgmt_addon.ir_cron_recompute_tiers").sudo()._trigger()
            message = self.env._(
                "%(count)s accounts of %(company)s changed tier; %(remaining)s more "
                "accounts are being updated in the background (in progress): "
                "reload in a few minutes.",
                count=len(changes),
                company=company.name,
                remaining=remaining,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if remaining else "success",
                "title": self.env._("Tiers recomputed")
                if not remaining
                else self.env._("Tiers being recomputed"),
                "message": message,
                "sticky": bool(remaining),
                "next": next_action or {"type": "ir.actions.act_window_close"},
            },
        }

    def action_account_mgmt_preview_tiers(self):
        """Open the dry run of automatic tiering."""
        self._account_mgmt_check_director()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_tier_recompute_action"
        )

    @api.model
    def _account_mgmt_check_director(self):
        if not self._account_mgmt_is_director():
            raise AccessError(
                self.env._("Only account directors can recompute account tiers.")
            )

    @api.model
    def _cron_account_mgmt_recompute_tiers(self):
        """Daily: each company with a ledger tiers its own customers, one batch of
        accounts per call (the cron runner calls again while some remain).

        The accounts of a batch are those whose stored figures or tier differ
        from the ledger's, by id: the first call of a run evaluates every account
        of a company once and queues them, the next calls write the queue batch
        after batch (``account_mgmt.tiering.queue``). A batch written leaves the
        queue in its own transaction, so a run killed halfway resumes where it
        stopped, and history rows are written with the tier they record, never
        twice."""
        limit = batch_size(self.env, "tiering", TIERING_BATCH_SIZE)
        companies = (
            self.env["res.company"].sudo().search([("chart_template", "!=", False)])
        )
        # The companies evaluated in the current run (marked in the queue): not
        # evaluated again while others still have accounts queued; with none
        # queued, a new run starts.
        rows = self.env.execute_query(
            SQL(
                """
                SELECT company_id, BOOL_OR(partner_id IS NOT NULL)
                  FROM account_mgmt_tiering_queue
              GROUP BY company_id
                """
            )
        )
        queued = {company_id for company_id, has_rows in rows if has_rows}
        evaluated = {company_id for company_id, _has_rows in rows}
        if not queued:
            # A new run: the last one's marks go. The months listed for the
            # profitability summary are folded first, a summary batch of them
            # (the evaluation of every account reads them from the ledger
            # otherwise: 20 s with the 24 months listed on 2.5 million journal
            # items, against 1.3 s); more than a few in calls of their own.
            if evaluated:
                self.env.execute_query(SQL("DELETE FROM account_mgmt_tiering_queue"))
                evaluated = set()
            folded = fold_summary(self.env)
            if folded and folded[2]:
                notify_progress(
                    self.env, done=folded[0], remaining=folded[1] + len(companies)
                )
                return
        done = remaining = 0
        for company in companies:
            if company.id in evaluated and company.id not in queued:
                continue  # done in this run
            if done >= limit:
                # this call's batch is full: the next call evaluates the others
                remaining += 1
                continue
            # A director's run of another day (the wizard) is finished first, on
            # the figures of that day.
            as_of = company.account_mgmt_tiering_date or None
            changes, written, left = self.sudo()._account_mgmt_recompute_tiers_batch(
                company, limit - done, as_of
            )
            if as_of and not left:
                company.sudo().account_mgmt_tiering_date = False
            _logger.info(
                "Automatic tiering of %s: %s accounts updated, %s changed tier, "
                "%s to update",
                company.name,
                written,
                len(changes),
                left,
            )
            done += written
            remaining += left
        notify_progress(self.env, done=done, remaining=remaining)

    # ------------------------------------------------------------------
    # Figures (extension hooks)
    # ------------------------------------------------------------------
    @api.model
    def _account_mgmt_period(self, date=None):
        """First and last day of the last 12 months as of ``date`` (default: the
        user's today): the 12 complete calendar months before the current month;
        for a past day, those complete at its end (tools/periods.py)."""
        today = fields.Date.context_today(self)
        return last_12_months_as_of(date or today, today)

    @api.model
    def _account_mgmt_sales_by_account_sql(self, company, date_from, date_to):
        """Revenue and cost of goods per account of ``company`` from ``date_from``
        to ``date_to`` (whole months), read from the monthly profitability
        summary (the ledger itself for the months changed since it was built)."""
        report = (
            self.env["account_mgmt.profitability.report"]
            .sudo()
            .with_context(allowed_company_ids=company.ids)
        )
        report._flush_sources()
        return SQL(
            """
            SELECT month.partner_id,
                   SUM(month.revenue) AS revenue,
                   SUM(month.cogs) AS cogs
              FROM (%(grouped)s) month
             WHERE month.company_id = %(company_id)s
               AND month.date BETWEEN %(date_from)s AND %(date_to)s
          GROUP BY month.partner_id
            HAVING SUM(month.revenue) <> 0 OR SUM(month.cogs) <> 0
            """,
            grouped=report._sql_grouped(),
            company_id=company.id,
            date_from=date_from,
            date_to=date_to,
        )

    @api.model
    def _account_mgmt_figures_query(self, company, date_from, date_to):
        """One row per account of ``company``: id, group, revenue and cost of goods
        of the account and of its group, current tier and lock.

        Accounts are the active commercial entities the company may use that are
        customers (ranked, invoiced in the period, or already tiered or figured in
        the company), with every member of their corporate groups.
        """
        partner = self.with_company(company)
        company_key = str(company.id)
        return SQL(
            """
            WITH account AS (
                SELECT partner.id, partner.account_group_id AS group_id,
                       partner.customer_rank,
                       (partner.account_tier_id -> %(key)s) IS NOT NULL
                       OR (partner.account_annual_revenue -> %(key)s) IS NOT NULL
                       AS known,
                       %(tier)s AS tier_id,
                       COALESCE(%(locked)s, FALSE) AS locked
                  FROM res_partner partner
                 WHERE partner.id = partner.commercial_partner_id
                   AND partner.active
                   AND (partner.company_id IS NULL
                        OR partner.company_id = %(company_id)s)
            ),
            sales AS (%(sales)s),
            tiered_group AS (
                SELECT DISTINCT account.group_id
                  FROM account
             LEFT JOIN sales ON sales.partner_id = account.id
                 WHERE account.customer_rank > 0
                    OR account.known
                    OR sales.partner_id IS NOT NULL
            )
            SELECT account.id, account.group_id,
                   COALESCE(sales.revenue, 0), COALESCE(sales.cogs, 0),
                   SUM(COALESCE(sales.revenue, 0)) OVER grp,
                   SUM(COALESCE(sales.cogs, 0)) OVER grp,
                   COUNT(*) OVER grp,
                   account.tier_id, account.locked
              FROM account
              JOIN tiered_group ON tiered_group.group_id = account.group_id
         LEFT JOIN sales ON sales.partner_id = account.id
            WINDOW grp AS (PARTITION BY account.group_id)
          ORDER BY account.id
            """,
            key=company_key,
            company_id=company.id,
            tier=partner._field_to_sql("partner", "account_tier_id"),
            locked=partner._field_to_sql("partner", "account_tier_locked"),
            sales=self._account_mgmt_sales_by_account_sql(company, date_from, date_to),
        )

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    @api.model
    def _account_mgmt_tiers(self, company):
        """Tiers ``company`` assigns, in sequence order: its own and shared ones."""
        return (
            self.env["account_mgmt.tier"]
            .with_company(company)
            .search([("company_id", "in", [False, company.id])])
        )

    @api.model
    def _account_mgmt_evaluate_tiers(self, company, date=None):
        """Evaluate every account of ``company``: list of TierEvaluation.

        Reads only; a locked account keeps its tier (new_tier_id = old_tier_id).
        """
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model(["move_type", "commercial_partner_id"])
        self.flush_model()
        rules = self._account_mgmt_tier_rules(company)
        digits = company.currency_id.decimal_places
        date_from, date_to = self._account_mgmt_period(date)
        self.env.cr.execute(
            self._account_mgmt_figures_query(company, date_from, date_to)
        )
        return [
            self._account_mgmt_evaluation(rules, digits, *row)
            for row in self.env.cr.fetchall()
        ]

    @api.model
    def _account_mgmt_tier_rules(self, company):
        """The rules of the tiers ``company`` assigns, in sequence order."""
        return [
            TierRules(
                tier.id,
                tier.min_annual_revenue,
                tier.min_gross_margin,
                tier.min_margin_percent,
            )
            for tier in self._account_mgmt_tiers(company)
        ]

    @api.model
    def _account_mgmt_evaluation(
        self,
        rules,
        digits,
        partner_id,
        group_id,
        revenue,
        cogs,
        group_revenue,
        group_cogs,
        group_size,
        old_tier_id,
        locked,
    ):
        """The TierEvaluation of one account from its sums (and its group's),
        its current tier and lock; a locked account keeps its tier."""
        revenue, cogs = float(revenue), float(cogs)
        group_revenue, group_cogs = float(group_revenue), float(group_cogs)
        figures = make_figures(revenue, cogs, digits)
        group_figures = make_figures(group_revenue, group_cogs, digits)
        if group_figures.annual_revenue > 0:
            share = round(
                figures.annual_revenue / group_figures.annual_revenue * 100.0, 2
            )
        else:
            share = 100.0 if group_size == 1 else 0.0
        new_tier_id = (
            old_tier_id if locked else select_tier(rules, group_figures, digits) or None
        )
        return TierEvaluation(
            partner_id,
            group_id,
            figures,
            group_figures,
            group_size,
            share,
            old_tier_id,
            new_tier_id,
            locked,
            revenue,
            cogs,
            group_revenue,
            group_cogs,
        )

    @api.model
    def _account_mgmt_recompute_tiers(self, company, date=None):
        """Refresh the figures of every account of ``company`` and assign the tiers.

        Returns the evaluations of the accounts whose tier changed.
        """
        return self._account_mgmt_recompute_tiers_batch(company, date=date)[0]

    @api.model
    def _account_mgmt_recompute_tiers_batch(
        self, company, limit=None, date=None, restart=False
    ):
        """Refresh the figures and tiers of the first ``limit`` accounts of
        ``company`` (by id) whose stored figures or tier differ from the ledger's
        (all of them without ``limit``).

        With ``limit``, the first call of a run evaluates every account of the
        company and queues those to write after this batch, with their figures
        (``account_mgmt.tiering.queue``); the next calls write the next batch of
        the queue, on the figures of the run's day, with the tiers' rules, tiers
        and locks of the moment, and evaluate nothing else. ``restart`` (or no
        ``limit``) starts a new run, the queue of the company dropped.

        :return: ``(changes, written, remaining)``: the evaluations of the
            accounts whose tier changed, the number of accounts written and the
            number still to update
        """
        # One tiering per company at a time: a second run started meanwhile (a
        # director's button during the cron) stops here with a clear message
        # instead of writing the figures and history rows a second time.
        if not try_job_lock(self.env, "account_mgmt_tier_recompute", company.id):
            raise UserError(
                self.env._(
                    "The tiers of %(company)s are being recomputed right now (by "
                    "another user or the scheduled action): try again in a minute.",
                    company=company.name,
                )
            )
        Queue = self.env["account_mgmt.tiering.queue"].sudo()
        queued = Queue.search_count(
            [("company_id", "=", company.id), ("partner_id", "!=", False)]
        )
        remaining = 0
        if limit and queued and not restart:
            # the run goes on: the next accounts evaluated at its start
            evaluations, remaining, date = self._account_mgmt_dequeue(company, limit)
        else:
            evaluations = self._account_mgmt_evaluate_tiers(company, date)
            # a new run (or a whole company at once) replaces the one queued
            self.env.execute_query(
                SQL(
                    "DELETE FROM account_mgmt_tiering_queue WHERE company_id = %s",
                    company.id,
                )
            )
            if limit:
                pending = self._account_mgmt_pending_accounts(company, evaluations)
                batch = set(pending[:limit])
                remaining = len(pending) - len(batch)
                later = set(pending[limit:])
                self._account_mgmt_enqueue(
                    company, [e for e in evaluations if e.partner_id in later], date
                )
                evaluations = [e for e in evaluations if e.partner_id in batch]
            Queue.invalidate_model()
        changes = [e for e in evaluations if e.new_tier_id != e.old_tier_id]
        self._account_mgmt_write_figures(company, evaluations)
        if not remaining:
            company.sudo().account_mgmt_figures_date = (
                date or fields.Date.context_today(self)
            )
        if changes:
            self._account_mgmt_log_tier_changes(company, changes, date)
        return changes, len(evaluations), remaining

    @api.model
    def _account_mgmt_enqueue(self, company, evaluations, date=None):
        """Queue ``evaluations`` for the next calls of the run of ``company``
        (one statement), with the company's mark "evaluated in this run"."""
        self.env.execute_query(
            SQL(
                """
                INSERT INTO account_mgmt_tiering_queue (
                    company_id, partner_id, date, group_id, revenue, cogs,
                    group_revenue, group_cogs, group_size)
                SELECT %(company)s, NULL, %(date)s::date, NULL, NULL, NULL, NULL,
                       NULL, NULL
                 UNION ALL
                SELECT %(company)s, q.partner_id, %(date)s::date, q.group_id,
                       q.revenue,
                       q.cogs, q.group_revenue, q.group_cogs, q.group_size
                  FROM %(rows)s
                """,
                company=company.id,
                date=date,
                rows=sql_unnest(
                    "q",
                    {
                        "partner_id": ("int4", [e.partner_id for e in evaluations]),
                        "group_id": ("int4", [e.group_id for e in evaluations]),
                        "revenue": ("float8", [e.revenue for e in evaluations]),
                        "cogs": ("float8", [e.cogs for e in evaluations]),
                        "group_revenue": (
                            "float8",
                            [e.group_revenue for e in evaluations],
                        ),
                        "group_cogs": ("float8", [e.group_cogs for e in evaluations]),
                        "group_size": ("int4", [e.group_size for e in evaluations]),
                    },
                ),
            )
        )

    @api.model
    def _account_mgmt_dequeue(self, company, limit):
        """Take the next ``limit`` accounts of the queue of ``company`` off it
        and evaluate them on their queued figures, with the tiers' rules, the
        tiers and locks of now (reading their own rows only).

        :return: ``(evaluations, remaining, date)``: the batch's evaluations, the
            number of accounts still queued and the day of the run's figures
        """
        partner = self.with_company(company)
        rows = self.env.execute_query(
            SQL(
                """
                -- the batch's ids first (an array, through the index of
                -- company and account), then deleted by id: a join with the
                -- queue was planned on its statistics, which said it was
                -- empty (24 s for 2,000 rows of 48,000)
                WITH batch AS (
                    DELETE FROM account_mgmt_tiering_queue
                     WHERE id = ANY(ARRAY(
                        SELECT id FROM account_mgmt_tiering_queue
                         WHERE company_id = %(company)s AND partner_id IS NOT NULL
                      ORDER BY partner_id
                         LIMIT %(limit)s))
                 RETURNING *
                )
                SELECT batch.partner_id, batch.group_id, batch.revenue, batch.cogs,
                       batch.group_revenue, batch.group_cogs, batch.group_size,
                       %(tier)s, COALESCE(%(locked)s, FALSE), batch.date
                  FROM batch
                  JOIN res_partner partner ON partner.id = batch.partner_id
              ORDER BY batch.partner_id
                """,
                company=company.id,
                limit=limit,
                tier=partner._field_to_sql("partner", "account_tier_id"),
                locked=partner._field_to_sql("partner", "account_tier_locked"),
            )
        )
        self.env["account_mgmt.tiering.queue"].invalidate_model()
        remaining = (
            self.env["account_mgmt.tiering.queue"]
            .sudo()
            .search_count(
                [("company_id", "=", company.id), ("partner_id", "!=", False)]
            )
        )
        rules = self._account_mgmt_tier_rules(company)
        digits = company.currency_id.decimal_places
        evaluations = [
            self._account_mgmt_evaluation(rules, digits, *row[:9]) for row in rows
        ]
        return evaluations, remaining, rows[0][9] if rows else None

    @api.model
    def _account_mgmt_figures_data(self, company, evaluations):
        """The figures and tiers of ``evaluations`` as SQL: ``(columns, value,
        data, changed)``, ``data`` the table expression ``unnest(...) AS
        data(partner_id, <columns>)`` (tools/sql_arrays.py) and the condition
        on ``partner`` that its stored values differ from ``data``'s, for
        ``company``."""
        key = str(company.id)
        columns = {
            "account_annual_revenue": ("float8", lambda e: e.figures.annual_revenue),
            "account_gross_margin": ("float8", lambda e: e.figures.gross_margin),
            "account_margin_percent": ("float8", lambda e: e.figures.margin_percent),
            "account_group_revenue": (
                "float8",
                lambda e: e.group_figures.annual_revenue,
            ),
            "account_group_gross_margin": (
                "float8",
                lambda e: e.group_figures.gross_margin,
            ),
            "account_group_margin_percent": (
                "float8",
                lambda e: e.group_figures.margin_percent,
            ),
            "account_group_share": ("float8", lambda e: e.share),
            "account_tier_id": ("int4", lambda e: e.new_tier_id),
        }
        assert set(columns) == {*FIGURE_FIELDS, "account_tier_id"}
        value = {
            fname: SQL("jsonb_build_object(%s, data.%s)", key, SQL.identifier(fname))
            for fname in columns
        }
        data = sql_unnest(
            "data",
            {
                "partner_id": ("int4", [e.partner_id for e in evaluations]),
                **{
                    fname: (sql_type, [getter(e) for e in evaluations])
                    for fname, (sql_type, getter) in columns.items()
                },
            },
        )
        changed = SQL(" OR ").join(
            SQL(
                "(partner.%(col)s -> %(key)s) IS DISTINCT FROM (%(value)s -> %(key)s)",
                col=SQL.identifier(fname),
                key=key,
                value=value[fname],
            )
            for fname in columns
        )
        return columns, value, data, changed

    @api.model
    def _account_mgmt_pending_accounts(self, company, evaluations):
        """Ids of the accounts of ``evaluations`` whose stored figures or tier (or
        a contact's) differ from the evaluation, in id order: what tiering still
        has to write. One statement."""
        if not evaluations:
            return []
        _columns, _value, data, changed = self._account_mgmt_figures_data(
            company, evaluations
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT data.partner_id
                  FROM %(data)s
                  JOIN res_partner partner
                    ON partner.commercial_partner_id = data.partner_id
                 WHERE %(changed)s
              ORDER BY data.partner_id
                """,
                data=data,
                changed=changed,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _account_mgmt_write_figures(self, company, evaluations):
        """Write the figures and tiers of ``evaluations`` on the accounts and their
        contacts, for ``company`` only, in one statement (rows whose values don't
        change are left alone)."""
        if not evaluations:
            return
        columns, value, data, changed = self._account_mgmt_figures_data(
            company, evaluations
        )
        query = SQL(
            """
            UPDATE res_partner AS partner
               SET %(assignments)s
              FROM %(data)s
             WHERE partner.commercial_partner_id = data.partner_id
               AND (%(changed)s)
         RETURNING partner.id
            """,
            assignments=SQL(", ").join(
                SQL(
                    "%(col)s = COALESCE(partner.%(col)s, '{}'::jsonb) || %(value)s",
                    col=SQL.identifier(fname),
                    value=value[fname],
                )
                for fname in columns
            ),
            data=data,
            changed=changed,
        )
        self.env.cr.execute(query)
        written = self.browse(row[0] for row in self.env.cr.fetchall())
        fnames = list(columns)
        self.invalidate_model(fnames)
        # Let stored fields depending on the tier or the figures recompute.
        written.modified(fnames)

    @api.model
    def _account_mgmt_log_tier_changes(self, company, changes, date=None):
        """Tier history rows and a chatter note for the automatic changes (dated
        ``date`` at noon when tiering ran on the figures of a past day)."""
        now = fields.Datetime.now()
        if date and date != fields.Date.context_today(self):
            now = datetime.combine(date, time(12))
        tiers = self.env["account_mgmt.tier"].with_context(active_test=False)
        tier_names = {
            tier.id: tier.display_name
            for tier in tiers.browse(
                ({c.old_tier_id for c in changes} | {c.new_tier_id for c in changes})
                - {None}
            )
        }
        no_tier = self.env._("no tier")
        months = self._account_mgmt_months_label(*self._account_mgmt_period(date))
        history_vals = []
        bodies = {}
        for change in changes:
            reason = self._account_mgmt_tier_reason(company, change, tier_names, months)
            history_vals.append(
                {
                    "date": now,
                    "partner_id": change.partner_id,
                    "company_id": company.id,
                    "old_tier_id": change.old_tier_id,
                    "new_tier_id": change.new_tier_id,
                    "trigger": "auto",
                    "user_id": self.env.uid,
                    "reason": reason,
                    "annual_revenue": change.group_figures.annual_revenue,
                    "gross_margin": change.group_figures.gross_margin,
                    "margin_percent": change.group_figures.margin_percent,
                    "is_group_figures": change.group_size > 1,
                }
            )
            # The account's chatter is read by every internal user: the note
            # names the tiers; the figures stay in the tier history (restricted).
            bodies[change.partner_id] = Markup("<p>%s</p>") % (
                self.env._(
                    "Automatic tiering (%(company)s): tier %(old)s → %(new)s.",
                    company=company.name,
                    old=tier_names.get(change.old_tier_id, no_tier),
                    new=tier_names.get(change.new_tier_id, no_tier),
                ),
            )
        self.env["account_mgmt.tier.history"].sudo().create(history_vals)
        self.browse(list(bodies))._message_log_batch(bodies=bodies)

    @api.model
    def _account_mgmt_tier_reason(self, company, change, tier_names, months):
        """Why automatic tiering chose the new tier, in the user's words.

        :param months: label of the months of the figures ("Dec 2025 – Nov 2026")
        """
        figures = change.group_figures
        values = {
            "revenue": format_amount(
                self.env, figures.annual_revenue, company.currency_id
            ),
            "margin": format_amount(
                self.env, figures.gross_margin, company.currency_id
            ),
            "percent": f"{figures.margin_percent:.2f}",
            "months": months,
        }
        if change.group_size > 1:
            basis = self.env._(
                "Group total over %(months)s: revenue %(revenue)s, gross margin "
                "%(margin)s (%(percent)s %%).",
                **values,
            )
        else:
            basis = self.env._(
                "%(months)s: revenue %(revenue)s, gross margin %(margin)s "
                "(%(percent)s %%).",
                **values,
            )
        if not change.new_tier_id:
            return self.env._("No tier's rules are met. %(basis)s", basis=basis)
        return self.env._(
            "Meets the rules of %(tier)s. %(basis)s",
            tier=tier_names[change.new_tier_id],
            basis=basis,
        )

    @api.model
    def _account_mgmt_load_tier_demo(self):
        """Demo tiering, once: a Key threshold sized for the demo ledger, one tier
        locked by hand, and automatic tiering run as of the ends of the months 18, 12
        and 6 months ago and today, so that the tier history has upgrades and
        downgrades."""
        company = self.env.ref("base.main_company")
        if self.env["account_mgmt.tier.history"].search_count(
            [("company_id", "=", company.id), ("trigger", "=", "auto")], limit=1
        ):
            return  # loaded already: a module update doesn't replay the history
        # The demo clients are smaller than the default Key threshold (100,000).
        self.env.ref("account_mgmt_addon.tier_key").min_annual_revenue = 93000
        # A small client the directors decided to serve as a Growth account.
        self.env.ref("account_mgmt_addon.partner_orchid_demo").with_company(
            company
        ).write(
            {
                "account_tier_id": self.env.ref("account_mgmt_addon.tier_growth").id,
                "account_tier_locked": True,
                "account_tier_lock_reason": self.env._(
                    "Opening twelve new hotels in 2026: served as Growth while "
                    "they ramp up."
                ),
            }
        )
        # Replayed at the last day of the month 18, 12 and 6 months ago: the trailing
        # twelve months then cover whole months of the demo ledger (which invoices on
        # fixed days of the month), so the history is the same whatever today's day.
        today = fields.Date.context_today(self)
        month_start = today.replace(day=1)
        for months in (18, 12, 6):
            month_end = month_start - relativedelta(months=months - 1, days=1)
            self._account_mgmt_recompute_tiers(company, month_end)
        self._account_mgmt_recompute_tiers(company, today)
