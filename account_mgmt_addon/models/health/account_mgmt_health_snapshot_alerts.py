# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""At-risk alerts of the health recompute: the reasons of each account (band
turned red, score drop, objective off track, long-overdue invoices of a key
account) as to-dos for its account manager, without duplicates."""

from markupsafe import Markup

from odoo import models


class AccountMgmtHealthSnapshot(models.Model):
    _inherit = "account_mgmt.health.snapshot"

    # -- alerts -------------------------------------------------------------

    #: Score loss since the previous snapshot that raises an alert.
    _health_alert_drop = 15.0
    #: Tiers (by code) whose invoices overdue more than 60 days raise an alert.
    _health_alert_overdue_tier_codes = ("STRAT", "KEY")

    def _health_alert_reasons(self, value, prev):
        """[(reason key, summary, one-line note)] raised for one account.

        Every rule fires on a change against the previous snapshot (the band
        turns red, the score drops, one more objective goes off track, more is
        overdue past 60 days), so closing the activity is not undone by the next
        daily run while nothing changed.
        """
        account = value["account"]
        currency = self.env["res.currency"].browse(account["currency_id"])
        score = value["score"]
        prev_score = (
            float(prev["score"]) if prev and prev["score"] is not None else None
        )
        reasons = []
        if value["band"] == "red" and (not prev or prev["band"] != "red"):
            if prev_score is None:
                note = self.env._(
                    "Health score %(score)s, red below %(amber)s. %(reason)s",
                    score=round(score),
                    amber=account["amber_min"],
                    reason=value["main_reason"] or "",
                )
            else:
                note = self.env._(
                    "Health score %(score)s (was %(prev)s), red below %(amber)s. "
                    "%(reason)s",
                    score=round(score),
                    prev=round(prev_score),
                    amber=account["amber_min"],
                    reason=value["main_reason"] or "",
                )
            reasons.append(("band_red", self.env._("Health turned red"), note))
        if prev_score is not None and prev_score - score >= self._health_alert_drop:
            reasons.append(
                (
                    "score_drop",
                    self.env._(
                        "Health dropped %(points)s points",
                        points=round(prev_score - score),
                    ),
                    self.env._(
                        "Health score fell from %(prev)s to %(score)s. %(reason)s",
                        prev=round(prev_score),
                        score=round(score),
                        reason=value["main_reason"] or "",
                    ),
                )
            )
        prev_off = (prev and prev["off_track_count"]) or 0
        if value["off_track_count"] > prev_off:
            reasons.append(
                (
                    "objective_off_track",
                    self.env._("Plan objective off track"),
                    self.env._(
                        "%(count)s objective(s) of the current account plan off "
                        "track (%(prev)s before).",
                        count=value["off_track_count"],
                        prev=prev_off,
                    ),
                )
            )
        prev_60 = float((prev and prev["overdue_60_amount"]) or 0.0)
        if (
            account["tier_code"] in self._health_alert_overdue_tier_codes
            and currency.compare_amounts(value["overdue_60_amount"], prev_60) > 0
        ):
            reasons.append(
                (
                    "overdue_60",
                    self.env._("Invoices overdue more than 60 days"),
                    self.env._(
                        "%(amount)s overdue more than 60 days (%(prev)s before) on "
                        "a %(tier)s account.",
                        amount=self._health_format_amount(
                            account, value["overdue_60_amount"], currency
                        ),
                        prev=self._health_format_amount(account, prev_60, currency),
                        tier=account["tier_code"],
                    ),
                )
            )
        return reasons

    def _health_alerts(self, values, previous, date):
        """Schedule the at-risk activities for the account managers, at most one
        open activity per account and reason.

        A contact overdue is not raised here: the interactions' cadence check
        already schedules its own "contact overdue" activity.
        """
        candidates = []
        for value in values:
            account = value["account"]
            if not account["manager_id"]:
                continue
            prev = previous.get((account["partner_id"], account["company_id"]))
            for reason, summary, note in self._health_alert_reasons(value, prev):
                candidates.append(
                    (
                        account["partner_id"],
                        account["manager_id"],
                        reason,
                        summary,
                        note,
                    )
                )
        Activity = self.env["mail.activity"].with_context(active_test=True)
        if not candidates:
            return Activity
        open_reasons = set(
            Activity._read_group(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", list({c[0] for c in candidates})),
                    ("account_mgmt_health_reason", "!=", False),
                ],
                ["res_id", "account_mgmt_health_reason"],
            )
        )
        activity_type = self.env.ref(
            "account_mgmt_addon.mail_activity_type_account_at_risk"
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals_list = []
        for partner_id, manager_id, reason, summary, note in candidates:
            if (partner_id, reason) in open_reasons:
                continue
            # Two companies may raise the same reason on a shared account.
            open_reasons.add((partner_id, reason))
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner_id,
                    "activity_type_id": activity_type.id,
                    "user_id": manager_id,
                    "summary": summary,
                    "note": Markup("<p>%s</p>") % note,
                    "date_deadline": date,
                    "account_mgmt_health_reason": reason,
                }
            )
        return Activity.create(vals_list)
