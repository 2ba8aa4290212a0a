# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Health measures: one SQL statement per measure gathers every account's raw
figures, and the plain arithmetic of ``tools/health_scoring`` turns them into
scores and details."""

import ast
from collections import defaultdict
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, float_round, format_amount, format_date
from odoo.tools.misc import get_lang

from odoo.addons.base.models.res_lang import intersperse

from ...tools import health_scoring as hs
from ...tools.periods import last_12_months, months_label, trend_periods


class AccountMgmtHealthSnapshot(models.Model):
    _inherit = "account_mgmt.health.snapshot"

    def _health_amount_formatter(self, currency):
        """A function of an amount that returns ``format_amount(env, amount,
        currency)``, the language's and currency's formats read once."""
        lang = get_lang(self.env)
        grouping = ast.literal_eval(lang.grouping)
        thousands_sep = lang.thousands_sep or ""
        decimal_point = lang.decimal_point
        number_format = f"%.{currency.decimal_places}f"
        rounding = currency.rounding
        pre = post = ""
        if currency.position == "before":
            pre = f"{currency.symbol or ''}\N{NO-BREAK SPACE}"
        else:
            post = f"\N{NO-BREAK SPACE}{currency.symbol or ''}"

        def format_amount_(amount):
            parts = (
                number_format % float_round(amount, precision_rounding=rounding)
            ).split(".")
            parts[0] = intersperse(parts[0], grouping, thousands_sep)[0]
            formatted = (
                decimal_point.join(parts)
                .replace(" ", "\N{NO-BREAK SPACE}")
                .replace("-", "-\N{ZERO WIDTH NO-BREAK SPACE}")
            )
            return f"{pre}{formatted}{post}"

        return format_amount_

    def _health_format_amount(self, account, amount, currency):
        """``amount`` formatted in ``currency``, the currency of ``account``'s
        company."""
        formatter = account.get("format_amount")
        if formatter:
            return formatter(amount)
        return format_amount(self.env, amount, currency)

    def _health_per_measure(self, measures, function):
        """``[function(measure) for measure in measures]``, computed once per
        measure: ``measures`` holds one measure per account."""
        results = {}
        for measure in dict.fromkeys(measures):
            results[measure] = function(measure)
        return [results[measure] for measure in measures]

    def _health_rows(self, query):
        """{(partner id, company id): rest of the row} of a measure's query."""
        return {(row[0], row[1]): row[2:] for row in self.env.execute_query(query)}

    # -- one statement per measure ----------------------------------------

    @api.model
    def _health_query_contact_recency(self, accounts, measures, date):
        """(account, company) -> (last contact datetime,)."""
        if not self._health_has_interactions():
            return None
        self.env["account_mgmt.interaction"].flush_model(
            ["partner_id", "company_id", "type_id", "state", "date"]
        )
        self.env["account_mgmt.interaction.type"].flush_model(["counts_as_contact"])
        return self._health_rows(
            SQL(
                """
                WITH acc AS (%(acc)s)
                SELECT acc.partner_id, acc.company_id, MAX(i.date)
                  FROM acc
                  JOIN account_mgmt_interaction i
                    ON i.partner_id = acc.partner_id
                   AND i.company_id = acc.company_id
                  JOIN account_mgmt_interaction_type it ON it.id = i.type_id
                 WHERE i.state = 'done'
                   AND it.counts_as_contact
                   AND i.date < %(until)s
              GROUP BY acc.partner_id, acc.company_id
                """,
                acc=self._health_accounts_sql(accounts),
                until=self._health_day_end(date),
            )
        )

    def _health_day_end(self, date):
        """Midnight (UTC) after ``date``: interactions before it count."""
        return datetime.combine(date + timedelta(days=1), time.min)

    def _health_trend_sql(self, accounts, measures, date, amount):
        """Sum ``amount`` (an expression of the summary's ``month``) over each
        account's current and previous trend periods (whole months before the
        month of ``date``), and its revenue of the last 12 months.

        Read from the monthly profitability summary (the ledger itself for the
        months changed since it was built): the same sales and cost of a line as
        every other screen.
        """
        month_start = date.replace(day=1)
        year_from, __ = last_12_months(date)
        periods = self._health_per_measure(
            measures, lambda m: trend_periods(date, m.trend_months)
        )
        current_from = [current[0] for current, __ in periods]
        previous_from = [previous[0] for __, previous in periods]
        acc = self._health_accounts_sql(
            accounts,
            cur_from=("date", current_from),
            prev_from=("date", previous_from),
        )
        report = (
            self.env["account_mgmt.profitability.report"]
            .sudo()
            .with_context(
                allowed_company_ids=sorted({a["company_id"] for a in accounts})
            )
        )
        report._flush_sources()
        return SQL(
            """
            WITH acc AS (%(acc)s)
            SELECT acc.partner_id, acc.company_id,
                   SUM(%(amount)s) FILTER (
                       WHERE month.date >= acc.cur_from AND month.date < %(cur_to)s),
                   SUM(%(amount)s) FILTER (
                       WHERE month.date >= acc.prev_from
                         AND month.date < %(prev_to)s),
                   SUM(month.revenue) FILTER (
                       WHERE month.date >= %(year_from)s AND month.date < %(cur_to)s)
              FROM acc
              JOIN (%(grouped)s) month
                ON month.partner_id = acc.partner_id
               AND month.company_id = acc.company_id
             WHERE month.date >= LEAST(acc.prev_from, %(year_from)s)
               AND month.date < %(cur_to)s
          GROUP BY acc.partner_id, acc.company_id
            """,
            acc=acc,
            amount=amount,
            grouped=report._sql_grouped(),
            cur_to=month_start,
            prev_to=month_start - relativedelta(years=1),
            year_from=year_from,
        )

    @api.model
    def _health_query_revenue_trend(self, accounts, measures, date):
        """(account, company) -> (current, previous, 12-month revenue)."""
        return self._health_rows(
            self._health_trend_sql(accounts, measures, date, SQL("month.revenue"))
        )

    @api.model
    def _health_query_margin_trend(self, accounts, measures, date):
        """(account, company) -> (current, previous margin, 12-month revenue)."""
        return self._health_rows(
            self._health_trend_sql(
                accounts, measures, date, SQL("(month.revenue - month.cogs)")
            )
        )

    @api.model
    def _health_query_overdue_receivables(self, accounts, measures, date):
        """(account, company) -> (open, overdue past the measure's delay,
        overdue more than 60 days, overdue) receivable in company currency.

        The receivables report's definition (``_sql_open_items``): overdue is what
        is past due less unapplied credits, never more than open nor negative.
        """
        companies = self.env["res.company"].browse({a["company_id"] for a in accounts})
        return self._health_rows(
            SQL(
                """
                WITH acc AS (%(acc)s)
                SELECT acc.partner_id, acc.company_id,
                       SUM(item.amount_residual),
                       SUM(item.amount_overdue) FILTER (
                           WHERE item.date_maturity < acc.overdue_before),
                       SUM(item.amount_overdue) FILTER (
                           WHERE item.date_maturity < %(before_60)s),
                       SUM(item.amount_overdue)
                  FROM acc
                  JOIN (%(items)s) item
                    ON item.partner_id = acc.partner_id
                   AND item.company_id = acc.company_id
              GROUP BY acc.partner_id, acc.company_id
                """,
                acc=self._health_accounts_sql(
                    accounts,
                    overdue_before=(
                        "date",
                        self._health_per_measure(
                            measures, lambda m: date - timedelta(days=m.overdue_days)
                        ),
                    ),
                ),
                items=self.env["account_mgmt.receivable.report"]._sql_open_items(
                    date, companies
                ),
                before_60=date - timedelta(days=60),
            )
        )

    @api.model
    def _health_query_sentiment(self, accounts, measures, date):
        """(account, company) -> (positive, neutral, negative, satisfaction sum,
        satisfaction count) over the measure's window."""
        if not self._health_has_interactions():
            return None
        self.env["account_mgmt.interaction"].flush_model(
            ["partner_id", "company_id", "state", "date", "sentiment", "satisfaction"]
        )
        until = self._health_day_end(date)
        return self._health_rows(
            SQL(
                """
                WITH acc AS (%(acc)s)
                SELECT acc.partner_id, acc.company_id,
                       COUNT(*) FILTER (WHERE i.sentiment = 'positive'),
                       COUNT(*) FILTER (WHERE i.sentiment = 'neutral'),
                       COUNT(*) FILTER (WHERE i.sentiment = 'negative'),
                       SUM(NULLIF(i.satisfaction, 0)),
                       COUNT(NULLIF(i.satisfaction, 0))
                  FROM acc
                  JOIN account_mgmt_interaction i
                    ON i.partner_id = acc.partner_id
                   AND i.company_id = acc.company_id
                 WHERE i.state = 'done'
                   AND i.date >= acc.since
                   AND i.date < %(until)s
              GROUP BY acc.partner_id, acc.company_id
                """,
                acc=self._health_accounts_sql(
                    accounts,
                    since=(
                        "timestamp",
                        self._health_per_measure(
                            measures, lambda m: until - timedelta(days=m.window_days)
                        ),
                    ),
                ),
                until=until,
            )
        )

    @api.model
    def _health_query_plan_progress(self, accounts, measures, date):
        """(account, company) -> (plan name, objectives, on track or done, off
        track) of the current approved plan (the latest started when several
        cover the date).

        Objective statuses are measured live by the account plans feature (they
        are not stored): one statement finds the current plans, then their
        objectives are evaluated in bulk by ``account_mgmt.plan._get_measures``
        (one query per kind of metric, whatever the number of plans).
        """
        if not self._health_has_plans():
            return None
        Plan = self.env["account_mgmt.plan"]
        Plan.flush_model(
            ["partner_id", "company_id", "state", "date_start", "date_end"]
        )
        rows = self._health_rows(
            SQL(
                """
                WITH acc AS (%(acc)s)
                SELECT DISTINCT ON (acc.partner_id, acc.company_id)
                       acc.partner_id, acc.company_id, pl.id
                  FROM acc
                  JOIN account_mgmt_plan pl
                    ON pl.partner_id = acc.partner_id
                   AND pl.company_id = acc.company_id
                 WHERE pl.state = 'approved'
                   AND pl.date_start <= %(date)s
                   AND pl.date_end >= %(date)s
              ORDER BY acc.partner_id, acc.company_id, pl.date_start DESC, pl.id DESC
                """,
                acc=self._health_accounts_sql(accounts),
                date=date,
            )
        )
        plans = Plan.browse([row[0] for row in rows.values()])
        objectives = plans.objective_ids
        # The statuses are computed fields, not stored: compute them for all the
        # objectives at once (the ORM would compute them by batches of 1000, each
        # batch measuring its plans on the whole ledger again).
        for fname in ("actual", "status"):
            objectives._fields[fname].compute_value(objectives)
        objectives._health_store_statuses(date)
        counts = defaultdict(lambda: [0, 0, 0])
        for objective in objectives:
            count = counts[objective.plan_id.id]
            count[0] += 1
            count[1] += objective.status in ("on_track", "done")
            count[2] += objective.status == "off_track"
        return {
            key: (Plan.browse(plan_id).name, *counts[plan_id])
            for key, (plan_id,) in rows.items()
        }

    def _health_has_interactions(self):
        return "account_mgmt.interaction" in self.env

    def _health_has_plans(self):
        return "account_mgmt.plan" in self.env

    # -- scoring (plain arithmetic, no query) -------------------------------

    def _health_score_account(self, account, measures, raw, previous, date):
        """The snapshot values of one (account, company), or None when no
        measure applies."""
        key = (account["partner_id"], account["company_id"])
        currency = self.env["res.currency"].browse(account["currency_id"])
        lines = []
        extra = {
            "revenue_12m": 0.0,
            "overdue_amount": 0.0,
            "overdue_60_amount": 0.0,
            "days_since_contact": -1,
            "contact_overdue_count": 0,
            "has_plan": False,
            "plan_progress": 0.0,
            "off_track_count": 0,
            "missing_plan_count": 0,
        }
        for code, measure in measures.items():
            data = raw.get(code)
            row = data.get(key) if data else None
            value, display, score = getattr(self, f"_health_score_{code}")(
                measure, account, data, row, date, currency
            )
            if code in ("revenue_trend", "margin_trend"):
                extra["revenue_12m"] = float((row and row[2]) or 0.0)
            elif code == "overdue_receivables":
                extra["overdue_60_amount"] = max(float((row and row[2]) or 0.0), 0.0)
                extra["overdue_amount"] = max(float((row and row[3]) or 0.0), 0.0)
            elif code == "contact_recency" and data is not None:
                extra["days_since_contact"] = (
                    int(value) if row and row[0] and value is not None else -1
                )
                extra["contact_overdue_count"] = int(
                    value is None or value > account["cadence"]
                )
            elif code == "plan_progress" and data is not None:
                extra["has_plan"] = bool(row)
                extra["plan_progress"] = value or 0.0
                extra["off_track_count"] = row[3] if row else 0
                extra["missing_plan_count"] = int(account["requires_plan"] and not row)
            lines.append(
                {"measure": measure, "value": value, "display": display, "score": score}
            )
        weights = [line["measure"].weight for line in lines]
        if not lines or sum(weights) <= 0:
            return None
        total, effective = hs.weighted_score(
            [
                (weight, line["score"])
                for weight, line in zip(weights, lines, strict=True)
            ]
        )
        if total is None:
            return None
        shares = hs.normalise_weights(weights)
        for line, share, eff in zip(lines, shares, effective, strict=True):
            line["weight"] = share
            line["effective_weight"] = eff
            line["contribution"] = (
                eff * line["score"] / 100.0 if line["score"] is not None else 0.0
            )
        total = float_round(total, precision_digits=2)
        prev = previous.get(key)
        prev_score = (
            float(prev["score"]) if prev and prev["score"] is not None else None
        )
        return {
            "account": account,
            "score": total,
            "band": hs.band(total, account["green_min"], account["amber_min"]),
            "trend": hs.trend(total, prev_score),
            "previous_score": prev_score,
            "main_reason": self._health_main_reason(lines),
            "lines": lines,
            **extra,
        }

    def _health_main_reason(self, lines):
        """The applicable measure that costs the most points, in one line."""
        lost = [
            (line["effective_weight"] * (100.0 - line["score"]) / 100.0, line)
            for line in lines
            if line["score"] is not None
        ]
        if not lost:
            return None
        points, line = max(lost, key=lambda item: item[0])
        if points <= 0:
            return None
        return self.env._(
            "%(measure)s %(score)s/100: %(detail)s",
            measure=line["measure"].name,
            score=round(line["score"]),
            detail=line["display"],
        )

    def _health_score_contact_recency(
        self, measure, account, data, row, date, currency
    ):
        """Days since the last contact against the cadence. An account never
        contacted counts from its creation, like the contact cadence of the
        interactions: a new account is not red on its first day, one never
        contacted for three cadences scores 0."""
        if data is None:
            return None, self.env._("Interactions are not recorded"), None
        cadence = account["cadence"]
        zero_after = measure.recency_zero_cadences
        last = row and row[0]
        since = last or account["create_date"]
        days = None
        if since:
            since_day = fields.Datetime.context_timestamp(self, since).date()
            days = max((date - since_day).days, 0)
        score = hs.score_contact_recency(days, cadence, zero_after)
        if not last:
            return (
                days,
                self.env._(
                    "Never contacted, account created %(days)s days ago (cadence "
                    "%(cadence)s days)",
                    days=days or 0,
                    cadence=cadence,
                ),
                score,
            )
        return (
            days,
            self.env._(
                "%(days)s days since the last contact (cadence %(cadence)s days)",
                days=days,
                cadence=cadence,
            ),
            score,
        )

    def _health_trend_result(self, measure, current, previous):
        """(change in percent or None, score or None) of a trend measure."""
        score = hs.score_trend(
            current,
            previous,
            measure.trend_growth_full / 100.0,
            measure.trend_decline_zero / 100.0,
        )
        change = hs.relative_change(current, previous)
        if change is None or abs(change) == float("inf"):
            return None, score
        return float_round(100.0 * change, precision_digits=2), score

    def _health_score_revenue_trend(self, measure, account, data, row, date, currency):
        current, previous = (
            (float(row[0] or 0.0), float(row[1] or 0.0)) if row else (0.0, 0.0)
        )
        value, score = self._health_trend_result(measure, current, previous)
        period, previous_period = self._health_trend_labels(measure, date)
        if score is None:
            return (
                None,
                self.env._(
                    "No revenue in %(period)s or in %(previous_period)s",
                    period=period,
                    previous_period=previous_period,
                ),
                None,
            )
        return (
            value,
            self.env._(
                "%(current)s in %(period)s vs %(previous)s in %(previous_period)s",
                current=self._health_format_amount(account, current, currency),
                previous=self._health_format_amount(account, previous, currency),
                period=period,
                previous_period=previous_period,
            ),
            score,
        )

    def _health_score_margin_trend(self, measure, account, data, row, date, currency):
        # Margin amounts would disclose costs: the breakdown shows the change only.
        current, previous = (
            (float(row[0] or 0.0), float(row[1] or 0.0)) if row else (0.0, 0.0)
        )
        value, score = self._health_trend_result(measure, current, previous)
        period, previous_period = self._health_trend_labels(measure, date)
        if score is None:
            detail = self.env._(
                "No margin in %(period)s or in %(previous_period)s",
                period=period,
                previous_period=previous_period,
            )
            return None, detail, None
        if value is None:
            detail = self.env._(
                "No margin in %(previous_period)s", previous_period=previous_period
            )
        else:
            detail = self.env._(
                "%(change)s %% in %(period)s vs %(previous_period)s",
                # not an f-string: Babel's term extractor evaluates the
                # arguments of _() and fails on one (no .pot terms for the file)
                change=format(value, "+.1f"),
                period=period,
                previous_period=previous_period,
            )
        return value, detail, score

    def _health_trend_labels(self, measure, date):
        """The labels of a trend measure's two periods on ``date``, in the user's
        language: ("Mar 2026 – May 2026", "Mar 2025 – May 2025").

        The same two labels for every account scored on one day: formatted once
        per transaction (formatting them per account had made a recompute almost
        three times slower)."""
        key = (self.env.lang, date, measure.trend_months)
        labels = self.env.cr.cache.setdefault("account_mgmt_health_trend_labels", {})
        if key not in labels:
            labels[key] = tuple(
                months_label(
                    date_from,
                    date_to,
                    lambda day: format_date(self.env, day, date_format="MMM y"),
                )
                for date_from, date_to in trend_periods(date, measure.trend_months)
            )
        return labels[key]

    def _health_score_overdue_receivables(
        self, measure, account, data, row, date, currency
    ):
        open_amount, overdue = (
            (float(row[0] or 0.0), float(row[1] or 0.0)) if row else (0.0, 0.0)
        )
        score = hs.score_overdue(open_amount, overdue)
        if score is None:
            return None, self.env._("Nothing to collect"), None
        return (
            float_round(100.0 - score, precision_digits=2),
            self.env._(
                "%(overdue)s of %(open)s overdue more than %(days)s days",
                overdue=self._health_format_amount(
                    account, max(overdue, 0.0), currency
                ),
                open=self._health_format_amount(account, open_amount, currency),
                days=measure.overdue_days,
            ),
            score,
        )

    def _health_score_sentiment(self, measure, account, data, row, date, currency):
        if data is None:
            return None, self.env._("Interactions are not recorded"), None
        positive, neutral, negative, sat_sum, sat_count = row or (0, 0, 0, 0, 0)
        score = hs.score_sentiment(
            positive,
            neutral,
            negative,
            float(sat_sum or 0.0),
            sat_count,
            measure.satisfaction_share / 100.0,
        )
        if score is None:
            return (
                None,
                self.env._(
                    "No sentiment or rating in the last %(days)s days",
                    days=measure.window_days,
                ),
                None,
            )
        detail = self.env._(
            "%(positive)s positive, %(neutral)s neutral, %(negative)s negative",
            positive=positive,
            neutral=neutral,
            negative=negative,
        )
        if sat_count:
            detail = self.env._(
                "%(detail)s; satisfaction %(rating)s/5",
                detail=detail,
                rating=format(float(sat_sum) / sat_count, ".1f"),
            )
        return float_round(score, precision_digits=2), detail, score

    def _health_score_plan_progress(self, measure, account, data, row, date, currency):
        if data is None:
            return None, self.env._("Account plans are not recorded"), None
        if not row:
            return None, self.env._("No approved plan covers the day"), None
        name, total, ok, _off_track = row
        score = hs.score_plan_progress(ok, total)
        if score is None:
            return None, self.env._("Plan %(plan)s has no objective", plan=name), None
        return (
            score,
            self.env._(
                "%(ok)s of %(total)s objectives on track or done (%(plan)s)",
                ok=ok,
                total=total,
                plan=name,
            ),
            score,
        )
