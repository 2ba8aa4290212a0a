# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Recompute of the health snapshots: orchestration (daily job, pruning, demo
history, recompute of given accounts) and the bulk writes of snapshots, lines and
the partners' stored figures, in a fixed number of statements whatever the number
of accounts."""

from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, float_round

from ...tools.sql_arrays import sql_array, sql_unnest, sql_unnest_rows
from ..ledger.account_move_line import SALE_MOVE_TYPES


class AccountMgmtHealthSnapshot(models.Model):
    _inherit = "account_mgmt.health.snapshot"

    # ------------------------------------------------------------------
    # Recompute
    # ------------------------------------------------------------------

    #: Daily snapshots younger than this are all kept; older ones are thinned
    #: out to the last snapshot of each month (see _health_prune).
    _health_daily_retention_days = 92

    @api.model
    def _health_prune(self, date=None):
        """Keep one snapshot per account, company and month (the month's last)
        before the daily retention window, so the history stays light for
        trend graphs over the years. One statement, lines go with their
        snapshot."""
        date = date or fields.Date.context_today(self)
        self.flush_model()
        self.env.execute_query(
            SQL(
                """
                DELETE FROM account_mgmt_health_snapshot s
                 WHERE s.date < %(keep_from)s
                   AND NOT s.is_latest
                   AND EXISTS (
                       SELECT 1 FROM account_mgmt_health_snapshot later
                        WHERE later.partner_id = s.partner_id
                          AND later.company_id = s.company_id
                          AND later.date > s.date
                          AND date_trunc('month', later.date)
                              = date_trunc('month', s.date))
                """,
                keep_from=date - timedelta(days=self._health_daily_retention_days),
            )
        )
        self.invalidate_model()
        self.env["account_mgmt.health.snapshot.line"].invalidate_model()

    @api.model
    def _demo_health_history(self):
        """Demo data: score the accounts as of the first day of each of the last
        three months (without alerts), then today, so trends and graphs show.

        The past runs read the ledger, interactions and plans as they are now,
        limited to what was dated before each day: receivables paid since then
        and objectives' statuses are today's.
        """
        today = fields.Date.context_today(self)
        for months_ago in (3, 2, 1):
            day = today.replace(day=1) - relativedelta(months=months_ago)
            self._recompute_accounts(date=day, alerts=False)
        return self._recompute_accounts(date=today)

    @api.model
    def _recompute_accounts(
        self, partners=None, companies=None, date=None, alerts=True
    ):
        """Score the accounts on ``date`` (default: today).

        :param partners: the accounts to score (default: every account)
        :param companies: the companies that score them (default: all)
        :param alerts: schedule the at-risk activities
        :return: the snapshots written

        Writes one snapshot per account, company and day (a second run the same
        day replaces it), refreshes the partners' health fields and raises the
        at-risk alerts. The number of queries does not depend on the number of
        accounts. Reads and writes everything it needs: call it as superuser.
        """
        date = date or fields.Date.context_today(self)
        accounts = self._health_accounts(partners, companies)
        if not accounts:
            return self.browse()
        measures = self.env["account_mgmt.health.measure"].search(
            [("company_id", "in", list({a["company_id"] for a in accounts}))]
        )
        by_company = defaultdict(dict)
        for measure in measures:
            by_company[measure.company_id.id][measure.code] = measure
        raw = {}
        for code in dict.fromkeys(measures.mapped("code")):
            scoped = [a for a in accounts if code in by_company[a["company_id"]]]
            params = [by_company[a["company_id"]][code] for a in scoped]
            raw[code] = getattr(self, f"_health_query_{code}")(scoped, params, date)
        previous = self._health_previous(accounts, date)
        # Amounts are formatted as format_amount() would, with the language and
        # currency read once rather than for each of the many amounts.
        formatters = {}
        for account in accounts:
            currency_id = account["currency_id"]
            if currency_id not in formatters:
                formatters[currency_id] = self._health_amount_formatter(
                    self.env["res.currency"].browse(currency_id)
                )
            account["format_amount"] = formatters[currency_id]
        values = []
        for account in accounts:
            value = self._health_score_account(
                account, by_company[account["company_id"]], raw, previous, date
            )
            if value:
                values.append(value)
        snapshots = self._health_write(values, date)
        if alerts:
            self._health_alerts(values, previous, date)
        return snapshots

    @api.model
    def _health_accounts(self, partners=None, companies=None):
        """The (account, company) pairs to score, with what scoring needs.

        Like tiers, health is per company: each company scores an account on its
        own ledger, interactions and plans, with its own measures and bands. A
        company scores the accounts it may see that it tiered, that have an
        account manager working in it, or that it invoiced.
        """
        Partner = self.env["res.partner"].with_context(active_test=True)
        domain = Partner._account_health_domain()
        if partners is not None:
            domain = [("id", "in", partners.ids), *domain]
        partners = Partner.search(domain, order="id")
        if companies is None:
            companies = self.env["res.company"].search([("active", "=", True)])
        if not partners or not companies:
            return []
        self.env["res.partner"].flush_model(
            [
                "company_id",
                "account_tier_id",
                "account_manager_id",
                "commercial_partner_id",
            ]
        )
        self.env["account_mgmt.tier"].flush_model(
            ["code", "contact_cadence_days", "requires_account_plan"]
        )
        self.env["account.move"].flush_model(
            ["partner_id", "commercial_partner_id", "company_id", "state", "move_type"]
        )
        if self.env["res.partner"]._fields["account_tier_id"].company_dependent:
            tier = SQL("(p.account_tier_id ->> c.id::text)::int")
        else:
            tier = SQL("p.account_tier_id")
        return self.env.execute_query_dict(
            SQL(
                """
                WITH pair AS (
                    SELECT p.id AS partner_id,
                           c.id AS company_id,
                           p.create_date,
                           p.account_manager_id AS manager_id,
                           %(tier)s AS tier_id
                      FROM res_partner p
                      JOIN res_company c
                        ON c.id = ANY(%(company_ids)s)
                       AND (p.company_id IS NULL OR p.company_id = c.id)
                     WHERE p.id = ANY(%(ids)s)
                )
                SELECT pair.*,
                       t.code AS tier_code,
                       COALESCE(t.contact_cadence_days,
                                c.account_mgmt_default_cadence_days, 90) AS cadence,
                       COALESCE(t.requires_account_plan, FALSE) AS requires_plan,
                       c.account_mgmt_health_green_min AS green_min,
                       c.account_mgmt_health_amber_min AS amber_min,
                       c.currency_id
                  FROM pair
                  JOIN res_company c ON c.id = pair.company_id
             LEFT JOIN account_mgmt_tier t ON t.id = pair.tier_id
                 WHERE pair.tier_id IS NOT NULL
                    OR EXISTS (
                        SELECT 1 FROM res_company_users_rel r
                         WHERE r.user_id = pair.manager_id
                           AND r.cid = pair.company_id)
                    OR EXISTS (
                        -- through the account's partners: account_move is
                        -- indexed on partner_id, not on commercial_partner_id
                        SELECT 1
                          FROM res_partner member
                          JOIN account_move m ON m.partner_id = member.id
                         WHERE member.commercial_partner_id = pair.partner_id
                           AND m.commercial_partner_id = pair.partner_id
                           AND m.company_id = pair.company_id
                           AND m.state = 'posted'
                           AND m.move_type IN %(sale_types)s)
              ORDER BY pair.partner_id, pair.company_id
                """,
                tier=tier,
                ids=partners.ids,
                company_ids=companies.ids,
                sale_types=SALE_MOVE_TYPES,
            )
        )

    @api.model
    def _health_accounts_sql(self, accounts, **columns):
        """A table expression ``acc`` of the (account, company) pairs.

        ``columns``: extra per-pair columns, name -> (SQL type, values aligned
        with ``accounts``).
        """
        return SQL(
            "SELECT * FROM %s",
            sql_unnest(
                "acc",
                {
                    "partner_id": ("int", [a["partner_id"] for a in accounts]),
                    "company_id": ("int", [a["company_id"] for a in accounts]),
                    **columns,
                },
            ),
        )

    @api.model
    def _health_previous(self, accounts, date):
        """The latest snapshot before ``date`` of each (account, company)."""
        self.flush_model()
        rows = self.env.execute_query_dict(
            SQL(
                """
                SELECT DISTINCT ON (s.partner_id, s.company_id)
                       s.partner_id, s.company_id, s.score, s.band,
                       s.off_track_count, s.overdue_60_amount
                  FROM account_mgmt_health_snapshot s
                  JOIN (%s) acc
                    ON acc.partner_id = s.partner_id AND acc.company_id = s.company_id
                 WHERE s.date < %s
              ORDER BY s.partner_id, s.company_id, s.date DESC
                """,
                self._health_accounts_sql(accounts),
                date,
            )
        )
        return {(row["partner_id"], row["company_id"]): row for row in rows}

    # -- writing (a fixed number of statements) -----------------------------

    def _health_write(self, values, date):
        """Upsert the snapshots and their lines, refresh the partners' fields."""
        if not values:
            return self.browse()
        self.flush_model()
        Line = self.env["account_mgmt.health.snapshot.line"]
        Line.flush_model()
        self.env["res.partner"].flush_model(self._health_partner_fields())
        now = self.env.cr.now()
        uid = self.env.uid

        def column(key, sql_type):
            # False means "no value" (NULL) except in boolean columns.
            items = [
                None if v[key] is False and sql_type != "bool" else v[key]
                for v in values
            ]
            return sql_array(items, sql_type)

        def account_column(key):
            return sql_array([v["account"][key] for v in values], "int")

        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO account_mgmt_health_snapshot (
                    partner_id, company_id, date, is_latest, score, band, trend,
                    previous_score, score_delta, main_reason, account_manager_id,
                    tier_id, revenue_12m, overdue_amount, overdue_60_amount,
                    days_since_contact, contact_overdue_count, has_plan,
                    plan_progress, off_track_count, missing_plan_count,
                    create_uid, create_date, write_uid, write_date)
                SELECT s.partner_id, s.company_id, %(date)s,
                       -- latest unless a later day is scored already, so that
                       -- a new day's snapshots need no second write below
                       NOT EXISTS (
                           SELECT 1 FROM account_mgmt_health_snapshot later
                            WHERE later.partner_id = s.partner_id
                              AND later.company_id = s.company_id
                              AND later.date > %(date)s),
                       s.score, s.band,
                       s.trend, s.previous_score, s.score - s.previous_score,
                       s.main_reason, s.manager_id, s.tier_id, s.revenue_12m,
                       s.overdue_amount, s.overdue_60_amount, s.days_since_contact,
                       s.contact_overdue_count, s.has_plan, s.plan_progress,
                       s.off_track_count, s.missing_plan_count,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(partners)s, %(companies)s, %(scores)s, %(bands)s,
                              %(trends)s, %(previous)s, %(reasons)s, %(managers)s,
                              %(tiers)s, %(revenue)s, %(overdue)s, %(overdue_60)s,
                              %(days)s, %(contact_overdue)s, %(has_plan)s,
                              %(plan_progress)s, %(off_track)s, %(missing_plan)s)
                    AS s(partner_id, company_id, score, band, trend, previous_score,
                         main_reason, manager_id, tier_id, revenue_12m,
                         overdue_amount, overdue_60_amount, days_since_contact,
                         contact_overdue_count, has_plan, plan_progress,
                         off_track_count, missing_plan_count)
                ON CONFLICT (partner_id, company_id, date) DO UPDATE SET
                    score = EXCLUDED.score,
                    band = EXCLUDED.band,
                    trend = EXCLUDED.trend,
                    previous_score = EXCLUDED.previous_score,
                    score_delta = EXCLUDED.score_delta,
                    main_reason = EXCLUDED.main_reason,
                    account_manager_id = EXCLUDED.account_manager_id,
                    tier_id = EXCLUDED.tier_id,
                    revenue_12m = EXCLUDED.revenue_12m,
                    overdue_amount = EXCLUDED.overdue_amount,
                    overdue_60_amount = EXCLUDED.overdue_60_amount,
                    days_since_contact = EXCLUDED.days_since_contact,
                    contact_overdue_count = EXCLUDED.contact_overdue_count,
                    has_plan = EXCLUDED.has_plan,
                    plan_progress = EXCLUDED.plan_progress,
                    off_track_count = EXCLUDED.off_track_count,
                    missing_plan_count = EXCLUDED.missing_plan_count,
                    write_uid = EXCLUDED.write_uid,
                    write_date = EXCLUDED.write_date
                RETURNING id, partner_id, company_id
                """,
                date=date,
                uid=uid,
                now=now,
                partners=account_column("partner_id"),
                companies=account_column("company_id"),
                managers=account_column("manager_id"),
                tiers=account_column("tier_id"),
                scores=column("score", "numeric"),
                bands=column("band", "varchar"),
                trends=column("trend", "varchar"),
                previous=column("previous_score", "numeric"),
                reasons=column("main_reason", "varchar"),
                revenue=column("revenue_12m", "numeric"),
                overdue=column("overdue_amount", "numeric"),
                overdue_60=column("overdue_60_amount", "numeric"),
                days=column("days_since_contact", "int"),
                contact_overdue=column("contact_overdue_count", "int"),
                has_plan=column("has_plan", "bool"),
                plan_progress=column("plan_progress", "numeric"),
                off_track=column("off_track_count", "int"),
                missing_plan=column("missing_plan_count", "int"),
            )
        )
        snapshot_of = {
            (partner_id, company_id): snapshot_id
            for snapshot_id, partner_id, company_id in rows
        }
        snapshot_ids = list(snapshot_of.values())
        self._health_write_lines(values, snapshot_of, date, uid, now)
        # The latest snapshot of each (account, company) (a recompute of a past
        # date keeps the newer one) feeds the partner's health fields, which
        # are company-dependent like the tier.
        accounts_sql = self._health_accounts_sql([v["account"] for v in values])
        self.env.execute_query(
            SQL(
                """
                UPDATE account_mgmt_health_snapshot s
                   SET is_latest = (s.id = latest.id)
                  FROM (SELECT DISTINCT ON (s2.partner_id, s2.company_id)
                               s2.id, s2.partner_id, s2.company_id
                          FROM account_mgmt_health_snapshot s2
                          JOIN (%(acc)s) acc
                            ON acc.partner_id = s2.partner_id
                           AND acc.company_id = s2.company_id
                      ORDER BY s2.partner_id, s2.company_id, s2.date DESC) latest
                 WHERE s.partner_id = latest.partner_id
                   AND s.company_id = latest.company_id
                   AND s.is_latest IS DISTINCT FROM (s.id = latest.id)
                """,
                acc=accounts_sql,
            )
        )
        merged_values = {
            fname: SQL(
                "COALESCE(p.%(col)s, '{}'::jsonb) || h.%(col)s",
                col=SQL.identifier(fname),
            )
            for fname in self._health_partner_fields()
        }
        self.env.execute_query(
            SQL(
                """
                UPDATE res_partner p
                   SET %(assignments)s
                  FROM (SELECT s.partner_id, %(aggregates)s
                          FROM account_mgmt_health_snapshot s
                          JOIN (%(acc)s) acc
                            ON acc.partner_id = s.partner_id
                           AND acc.company_id = s.company_id
                         WHERE s.is_latest
                      GROUP BY s.partner_id) h
                 WHERE h.partner_id = p.id
                   -- a recompute that changes nothing writes nothing
                   AND (%(columns)s) IS DISTINCT FROM (%(merged)s)
                """,
                acc=accounts_sql,
                assignments=SQL(", ").join(
                    SQL("%s = %s", SQL.identifier(fname), merged)
                    for fname, merged in merged_values.items()
                ),
                columns=SQL(", ").join(
                    SQL("p.%s", SQL.identifier(fname)) for fname in merged_values
                ),
                merged=SQL(", ").join(merged_values.values()),
                aggregates=SQL(", ").join(
                    SQL(
                        "jsonb_object_agg(s.company_id::text, %s) AS %s",
                        SQL(expression),
                        SQL.identifier(fname),
                    )
                    for fname, expression in self._health_partner_fields().items()
                ),
            )
        )
        self.invalidate_model()
        Line.invalidate_model()
        self.env["res.partner"].invalidate_model(list(self._health_partner_fields()))
        return self.browse(snapshot_ids)

    def _health_write_lines(self, values, snapshot_of, date, uid, now):
        """Write the snapshots' lines: a recompute the same day updates the lines
        in place (updating rows is much cheaper for PostgreSQL than inserting
        them: no foreign key to check), the first run of the day inserts them.

        :param snapshot_of: (account, company) -> snapshot id
        """
        Line = self.env["account_mgmt.health.snapshot.line"]
        existing = self.env.execute_query(
            SQL(
                """
                SELECT id, snapshot_id, measure_id
                  FROM account_mgmt_health_snapshot_line
                 WHERE snapshot_id = ANY(%s)
                """,
                sql_array(list(snapshot_of.values()), "int"),
            )
        )
        line_of = {}
        stale_ids = []
        for line_id, snapshot_id, measure_id in existing:
            if (snapshot_id, measure_id) in line_of:
                stale_ids.append(line_id)
            else:
                line_of[(snapshot_id, measure_id)] = line_id
        rounded_of = {None: None}

        def rounded(number):
            # the figures repeat a lot (weights, scores), the rounding is slow
            if number not in rounded_of:
                rounded_of[number] = float_round(number, precision_digits=2)
            return rounded_of[number]

        measure_of = {}
        inserts = []
        updates = []
        for value in values:
            account = value["account"]
            partner_id, company_id = account["partner_id"], account["company_id"]
            snapshot_id = snapshot_of[(partner_id, company_id)]
            for line in value["lines"]:
                measure = line["measure"]
                if measure not in measure_of:
                    measure_of[measure] = (measure.id, measure.code, measure.sequence)
                measure_id, code, sequence = measure_of[measure]
                figures = (
                    code,
                    sequence,
                    rounded(line["value"]),
                    line["display"],
                    rounded(line["score"]),
                    rounded(line["weight"]),
                    rounded(line["effective_weight"]),
                    rounded(line["contribution"]),
                )
                line_id = line_of.pop((snapshot_id, measure_id), None)
                if line_id:
                    updates.append((line_id, *figures))
                else:
                    inserts.append(
                        (snapshot_id, partner_id, company_id, measure_id, *figures)
                    )
        # Lines of measures that no longer apply to the account.
        stale_ids.extend(line_of.values())
        figure_columns = {
            "code": "varchar",
            "sequence": "int",
            "value": "numeric",
            "value_display": "varchar",
            "score": "numeric",
            "weight": "numeric",
            "effective_weight": "numeric",
            "contribution": "numeric",
        }
        if stale_ids:
            self.env.execute_query(
                SQL(
                    "DELETE FROM account_mgmt_health_snapshot_line WHERE id = ANY(%s)",
                    sql_array(stale_ids, "int"),
                )
            )
        if updates:
            self.env.execute_query(
                SQL(
                    """
                    UPDATE account_mgmt_health_snapshot_line line
                       SET code = l.code,
                           sequence = l.sequence,
                           applicable = l.score IS NOT NULL,
                           value = l.value,
                           value_display = l.value_display,
                           score = l.score,
                           weight = l.weight,
                           effective_weight = l.effective_weight,
                           contribution = l.contribution,
                           write_uid = %(uid)s,
                           write_date = %(now)s
                      FROM %(lines)s
                     WHERE line.id = l.id
                       -- the figures of a line left as they were are not written
                       AND (line.code, line.sequence, line.applicable, line.value,
                            line.value_display, line.score, line.weight,
                            line.effective_weight, line.contribution)
                           IS DISTINCT FROM
                           (l.code, l.sequence, l.score IS NOT NULL, l.value,
                            l.value_display, l.score, l.weight,
                            l.effective_weight, l.contribution)
                    """,
                    uid=uid,
                    now=now,
                    lines=sql_unnest_rows(
                        "l", {"id": "int", **figure_columns}, updates
                    ),
                )
            )
        if inserts:
            self.env.execute_query(
                SQL(
                    """
                    INSERT INTO account_mgmt_health_snapshot_line (
                        snapshot_id, partner_id, company_id, date, measure_id, code,
                        sequence, applicable, value, value_display, score, weight,
                        effective_weight, contribution,
                        create_uid, create_date, write_uid, write_date)
                    SELECT l.snapshot_id, l.partner_id, l.company_id, %(date)s,
                           l.measure_id, l.code, l.sequence, l.score IS NOT NULL,
                           l.value, l.value_display, l.score, l.weight,
                           l.effective_weight, l.contribution,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM %(lines)s
                    """,
                    date=date,
                    uid=uid,
                    now=now,
                    lines=sql_unnest_rows(
                        "l",
                        {
                            "snapshot_id": "int",
                            "partner_id": "int",
                            "company_id": "int",
                            "measure_id": "int",
                            **figure_columns,
                        },
                        inserts,
                    ),
                )
            )
        Line.invalidate_model()

    @api.model
    def _health_partner_fields(self):
        """Company-dependent partner fields -> snapshot expression they copy."""
        return {
            "account_health_score": "s.score",
            "account_health_band": "s.band",
            "account_health_trend": "s.trend",
            "account_health_date": "s.date",
            "account_health_main_reason": "s.main_reason",
        }
