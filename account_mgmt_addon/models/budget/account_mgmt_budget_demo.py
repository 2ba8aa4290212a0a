# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo budget and forecast of the current fiscal year, made the way finance makes
them: "Baseline from the Ledger" on the demo accounts, then approved.

- the budget: same month last year x (1 + DEMO_BUDGET_GROWTH %), approved (so the
  Budget vs Actual report, Targets by Account Manager, the lines and the partner
  form show it);
- the live forecast: the trailing 3-month average, and Helios's months from the
  current one cut by its account manager (an adjustment with its reason), so
  Budget vs Forecast differs.

The fiscal year is the company's (its fiscal year settings), today the user's:
the demo is right on any day it is installed. Loaded once: the versions carry
xml ids, and a second call finds them.
"""

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

from ..common.account_mgmt_demo import DEMO_PROFILES
from .account_mgmt_budget_line import REASON

#: Growth of the demo budget over last year's revenue, in percent.
DEMO_BUDGET_GROWTH = 10.0
#: The forecast of Helios from the current month (its account manager's cut).
DEMO_FORECAST_HELIOS = 5000.0
DEMO_BUDGET_XMLID = "account_mgmt_addon.budget_demo"
DEMO_FORECAST_XMLID = "account_mgmt_addon.forecast_demo"


def fiscal_year_months(company, today):
    """First day of the first month and last day of the last month of the
    company's fiscal year of ``today``."""
    dates = company.compute_fiscalyear_dates(today)
    date_from = dates["date_from"].replace(day=1)
    date_to = dates["date_to"].replace(day=1) + relativedelta(months=1, days=-1)
    return date_from, date_to


class AccountMgmtDemo(models.AbstractModel):
    _inherit = "account_mgmt.demo"

    def _demo_fiscal_year_label(self, date_from, date_to):
        if date_from.year == date_to.year:
            return str(date_from.year)
        return f"{date_from.year}/{date_to.year}"

    def _demo_budget_version(self, xmlid, vals, method, growth, accounts, finance):
        """A draft version filled by the baseline wizard as ``finance``, named
        ``xmlid``."""
        version = (
            self.env["account_mgmt.budget"]
            .with_user(finance)
            .with_company(vals["company_id"])
            .create(vals)
        )
        # the xml id makes the demo load once (and go with the add-on's data)
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": xmlid, "record": version.sudo(), "noupdate": True}]
        )
        wizard = (
            self.env["account_mgmt.budget.baseline"]
            .with_user(finance)
            .with_company(vals["company_id"])
            .create(
                {
                    "budget_id": version.id,
                    "method": method,
                    "growth_percent": growth,
                    "scope": "accounts",
                    "partner_ids": [Command.set(accounts.ids)],
                    "existing": "replace",
                }
            )
        )
        wizard.action_fill()
        return version

    @api.model
    def _load_budget_demo(self):
        """The demo budget (approved) and live forecast of the main company's
        current fiscal year, once."""
        if self.env.ref(DEMO_BUDGET_XMLID, raise_if_not_found=False):
            return
        company = self.env.ref("base.main_company")
        if not company.chart_template:
            return
        finance = self._demo_ref("user_fiona_demo")
        accounts = self.env["res.partner"].browse(
            [self._demo_ref(xmlid).id for xmlid in DEMO_PROFILES]
        )
        today = fields.Date.context_today(self)
        date_from, date_to = fiscal_year_months(company, today)
        label = self._demo_fiscal_year_label(date_from, date_to)
        Budget = self.env["account_mgmt.budget"]
        budget = self._demo_budget_version(
            DEMO_BUDGET_XMLID,
            {
                "name": self.env._("Budget %(fiscal_year)s", fiscal_year=label),
                "kind": "budget",
                "company_id": company.id,
                "date_from": date_from,
                "date_to": date_to,
                "user_id": finance.id,
                "note": self.env._(
                    "Demo budget: each demo account's revenue of the same month "
                    "last year plus %(growth)s%% (Baseline from the Ledger), "
                    "approved by finance.",
                    growth=int(DEMO_BUDGET_GROWTH),
                ),
            },
            "same_month",
            DEMO_BUDGET_GROWTH,
            accounts,
            finance,
        )
        budget.with_user(finance).action_approve()
        # The live forecast: one per company and month (skipped when the company
        # already has one for these months, whoever may read it).
        if Budget.sudo().search_count(
            [
                ("kind", "=", "forecast"),
                ("state", "=", "draft"),
                ("is_snapshot", "=", False),
                ("company_id", "=", company.id),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ],
            limit=1,
        ):
            return
        forecast = self._demo_budget_version(
            DEMO_FORECAST_XMLID,
            {
                "name": self.env._("Forecast %(fiscal_year)s", fiscal_year=label),
                "kind": "forecast",
                "company_id": company.id,
                "date_from": date_from,
                "date_to": date_to,
                "user_id": finance.id,
                "note": self.env._(
                    "Demo forecast: each demo account's average revenue of the "
                    "last 3 complete months (Baseline from the Ledger); Helios's "
                    "account manager cut its months from the current one."
                ),
            },
            "trailing_3",
            0.0,
            accounts,
            finance,
        )
        helios = self._demo_ref("partner_helios_demo")
        # the lines as data (loading runs as superuser), then changed by Helios's
        # account manager with his rights
        lines = forecast.sudo().line_ids.filtered(
            lambda line: line.partner_id == helios and line.date >= today.replace(day=1)
        )
        if lines:
            lines.with_user(helios.account_manager_id).with_context(
                **{
                    REASON: self.env._(
                        "Helios delays its second production line: fewer control "
                        "units until it opens."
                    )
                }
            ).write({"amount": DEMO_FORECAST_HELIOS})
