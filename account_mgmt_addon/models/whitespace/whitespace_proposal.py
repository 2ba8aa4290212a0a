# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, format_amount

# Account managers given their to-do per call of the monthly job.
PROPOSAL_BATCH = 200
# Whitespace rows listed in a to-do.
PROPOSAL_ROWS = 5


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _cron_account_mgmt_propose_whitespace(self, batch_size=PROPOSAL_BATCH):
        """Monthly: one to-do per account manager naming the whitespace of
        highest expected value in the accounts they manage that has no open
        opportunity yet. Bounded: ``batch_size`` managers per call, the cron
        runs again while some are left (a manager proposed this month is not
        proposed twice).

        First (one company per call, while some are left), the stored
        whitespace of the current period (``account_mgmt.whitespace.line``): the
        proposals read it."""
        Line = self.env["account_mgmt.whitespace.line"].sudo()
        if Line._account_mgmt_companies_to_compute():
            done, remaining = Line._cron_account_mgmt_compute_whitespace()
            # ... and the proposals are still to do after the last company.
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining + 1)
            return self.env["mail.activity"]
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            "account_mgmt_addon.mail_activity_type_account_whitespace"
        )
        Activity = self.env["mail.activity"].sudo()
        # Managers proposed this month (their to-do done or not).
        proposed = {
            user.id
            for [user] in Activity.with_context(active_test=False)._read_group(
                [
                    ("activity_type_id", "=", activity_type.id),
                    ("date_deadline", ">=", today.replace(day=1)),
                ],
                ["user_id"],
            )
            if user
        }
        rows_by_manager = defaultdict(list)
        for row in self._account_mgmt_new_whitespace():
            if row["account_manager_id"] not in proposed:
                rows_by_manager[row["account_manager_id"]].append(row)
        managers = sorted(rows_by_manager)
        batch = managers[:batch_size]
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals_list = []
        for manager_id in batch:
            rows = rows_by_manager[manager_id]
            manager = self.env["res.users"].sudo().browse(manager_id)
            env = self.with_user(manager).with_context(lang=manager.lang).env
            lines = Markup("").join(
                Markup("<li>%s</li>")
                % env._(
                    "%(account)s: %(categ)s, expected %(value)s",
                    account=self.browse(row["partner_id"]).display_name,
                    categ=self.env["product.category"]
                    .browse(row["categ_id"])
                    .display_name,
                    value=format_amount(
                        env,
                        row["expected_value"],
                        self.env["res.currency"].browse(row["currency_id"]),
                    ),
                )
                for row in rows[:PROPOSAL_ROWS]
            )
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": rows[0]["partner_id"],
                    "activity_type_id": activity_type.id,
                    "user_id": manager_id,
                    "summary": env._(
                        "Cross-sell: %(count)s whitespace in your accounts",
                        count=len(rows),
                    ),
                    "note": Markup("<p>%s</p><ul>%s</ul>")
                    % (
                        env._(
                            "What the peers of your accounts buy and they don't, "
                            "highest expected value first:"
                        ),
                        lines,
                    ),
                    "date_deadline": today,
                }
            )
        activities = Activity.create(vals_list)
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(managers) - len(batch)
        )
        return activities

    @api.model
    def _account_mgmt_new_whitespace(self):
        """Stored whitespace rows (current period) of every company with a
        ledger, in the accounts of an
        account manager, without an open opportunity for the account x
        category; per manager, highest expected value first (one query)."""
        companies = (
            self.env["res.company"].sudo().search([("chart_template", "!=", False)])
        )
        Report = self.env["account_mgmt.whitespace.report"].sudo()
        # The stored rows of the current period (the job computes them first).
        companies = Report._account_mgmt_stored_companies(companies)
        if not companies:
            return []
        self.env["crm.lead"].flush_model(
            [
                "partner_id",
                "account_mgmt_categ_id",
                "company_id",
                "type",
                "active",
                "stage_id",
                "probability",
            ]
        )
        return self.env.execute_query_dict(
            SQL(
                """
                SELECT ws.partner_id, ws.categ_id, ws.company_id, ws.currency_id,
                       ws.account_manager_id, ws.expected_value
                  FROM (%(whitespace)s) ws
                 WHERE ws.is_whitespace
                   AND ws.account_manager_id IS NOT NULL
                   AND NOT EXISTS (
                        SELECT 1
                          FROM crm_lead lead
                     LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
                         WHERE lead.partner_id = ws.partner_id
                           AND lead.account_mgmt_categ_id = ws.categ_id
                           AND (lead.company_id = ws.company_id
                                OR lead.company_id IS NULL)
                           AND lead.type = 'opportunity'
                           AND lead.active
                           AND NOT COALESCE(stage.is_won, FALSE)
                           AND COALESCE(lead.probability, 0) < 100
                   )
                 ORDER BY ws.account_manager_id, ws.expected_value DESC, ws.id
                """,
                whitespace=Report._sql_stored(companies),
            )
        )
