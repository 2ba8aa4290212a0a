# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

GROUPBY_SELECTION = [
    ("partner_id", "Account"),
    ("parent_group_id", "Group (Parent Company)"),
    ("account_tier_id", "Tier"),
    ("account_manager_id", "Account Manager"),
    ("country_id", "Country"),
    ("industry_id", "Industry"),
    ("company_id", "Company"),
    ("date:month", "Month"),
    ("date:quarter", "Quarter"),
]
# (field, aggregate) of the report, in the column order of the exports.
MEASURES = [
    ("revenue", "revenue:sum"),
    ("cogs", "cogs:sum"),
    ("gross_margin", "gross_margin:sum"),
    ("margin_percent", "margin_percent:avg"),
    ("direct_cost", "direct_cost:sum"),
    ("allocated_cost", "allocated_cost:sum"),
    ("net_contribution", "net_contribution:sum"),
    ("net_margin_percent", "net_margin_percent:avg"),
]


class AccountMgmtProfitabilityExport(models.TransientModel):
    """Period, grouping and companies of the profitability exports (XLSX, PDF)
    and of the "Who makes us money" ranking."""

    _name = "account_mgmt.profitability.export"
    _description = "Client Profitability Export"

    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=11)

    def _default_date_to(self):
        return fields.Date.context_today(self) + relativedelta(day=31)

    date_from = fields.Date(string="From", required=True, default=_default_date_from)
    date_to = fields.Date(string="To", required=True, default=_default_date_to)
    groupby = fields.Selection(
        selection=GROUPBY_SELECTION,
        string="Group By",
        required=True,
        default="partner_id",
    )
    company_ids = fields.Many2many(
        comodel_name="res.company",
        string="Companies",
        required=True,
        default=lambda self: self.env.companies,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Accounts",
        help="Leave empty for every account you may read.",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_currency_id",
        help="Figures are in the currency of the first company.",
    )
    ranking_line_ids = fields.One2many(
        comodel_name="account_mgmt.profitability.ranking.line",
        inverse_name="wizard_id",
    )

    @api.depends("company_ids")
    @api.depends_context("company")
    def _compute_currency_id(self):
        for wizard in self:
            wizard.currency_id = wizard._get_main_company().currency_id

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_export_xlsx(self):
        self.ensure_one()
        self._check_options()
        return self.env.ref(
            "account_mgmt_addon.account_mgmt_profitability_xlsx_action"
        ).report_action(self)

    def action_print_pdf(self):
        self.ensure_one()
        self._check_options()
        return self.env.ref(
            "account_mgmt_addon.account_mgmt_profitability_pdf_action"
        ).report_action(self)

    def action_rank_accounts(self):
        """'Who makes us money': accounts by net contribution, with the
        cumulative share of the total (a whale curve)."""
        self.ensure_one()
        self._check_options()
        self.ranking_line_ids.unlink()
        report = self._get_report()
        groups = report._read_group(
            self._get_domain(),
            ["partner_id"],
            [
                "revenue:sum",
                "gross_margin:sum",
                "margin_percent:avg",
                "net_contribution:sum",
            ],
            order="net_contribution:sum desc, partner_id",
        )
        total = sum(group[4] for group in groups)
        cumulative = 0.0
        vals_list = []
        for rank, (partner, revenue, margin, margin_pct, net) in enumerate(
            groups, start=1
        ):
            cumulative += net
            vals_list.append(
                {
                    "wizard_id": self.id,
                    "rank": rank,
                    "partner_id": partner.id,
                    "revenue": revenue,
                    "gross_margin": margin,
                    "margin_percent": margin_pct or 0.0,
                    "net_contribution": net,
                    "cumulative_net_contribution": cumulative,
                    "cumulative_share": 100.0 * cumulative / total if total else 0.0,
                    "accounts_share": 100.0 * rank / len(groups),
                }
            )
        self.env["account_mgmt.profitability.ranking.line"].create(vals_list)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Who Makes Us Money (%(start)s - %(end)s)",
                start=format_date(self.env, self.date_from),
                end=format_date(self.env, self.date_to),
            ),
            "res_model": "account_mgmt.profitability.ranking.line",
            "view_mode": "list,graph",
            "views": [(False, "list"), (False, "graph")],
            "domain": [("wizard_id", "=", self.id)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------

    def _check_options(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(
                self.env._("The period ends before it starts: fix the dates.")
            )
        foreign = self.company_ids - self.env.user.company_ids
        if foreign:
            raise AccessError(
                self.env._(
                    "You don't have access to %(companies)s.",
                    companies=", ".join(foreign.mapped("name")),
                )
            )

    def _get_main_company(self):
        self.ensure_one()
        if self.env.company in self.company_ids or not self.company_ids:
            return self.env.company
        return self.company_ids[:1]

    def _get_report(self):
        """The report read over the chosen companies, in the first one's currency
        (the current company when chosen)."""
        main = self._get_main_company()
        company_ids = [main.id, *(self.company_ids - main).ids]
        return self.env["account_mgmt.profitability.report"].with_context(
            allowed_company_ids=company_ids
        )

    def _get_domain(self):
        domain = [
            ("date", ">=", self.date_from.replace(day=1)),
            ("date", "<=", self.date_to),
            ("company_id", "in", self.company_ids.ids),
        ]
        if self.partner_ids:
            domain.append(
                ("partner_id", "in", self.partner_ids.commercial_partner_id.ids)
            )
        return domain

    def _get_group_label(self, value):
        if not value:
            return self.env._("None")
        if self.groupby == "date:month":
            return format_date(self.env, value, date_format="MMMM y")
        if self.groupby == "date:quarter":
            return format_date(self.env, value, date_format="QQQ y")
        return value.display_name

    def _get_lines(self):
        """Report figures of the chosen grouping.

        :return: (lines, total): lists of dicts with ``label`` and the measures
        """
        self.ensure_one()
        self._check_options()
        report = self._get_report()
        aggregates = [aggregate for _fname, aggregate in MEASURES]
        if self.groupby.startswith("date"):
            order = f"{self.groupby} asc"
        else:
            order = "net_contribution:sum desc"
        lines = []
        for value, *figures in report._read_group(
            self._get_domain(), [self.groupby], aggregates, order=order
        ):
            line = {"label": self._get_group_label(value)}
            line.update(
                (fname, figure or 0.0)
                for (fname, _aggregate), figure in zip(MEASURES, figures, strict=True)
            )
            lines.append(line)
        [figures] = report._read_group(self._get_domain(), [], aggregates)
        total = {"label": self.env._("Total")}
        total.update(
            (fname, figure or 0.0)
            for (fname, _aggregate), figure in zip(MEASURES, figures, strict=True)
        )
        return lines, total

    def _get_measure_labels(self):
        fields_info = self.env["account_mgmt.profitability.report"]._fields
        return [
            (fname, fields_info[fname]._description_string(self.env))
            for fname, _aggregate in MEASURES
        ]


class AccountMgmtProfitabilityRankingLine(models.TransientModel):
    _name = "account_mgmt.profitability.ranking.line"
    _description = "Client Profitability Ranking Line"
    _order = "rank"

    wizard_id = fields.Many2one(
        comodel_name="account_mgmt.profitability.export",
        required=True,
        ondelete="cascade",
    )
    rank = fields.Integer(aggregator=None)
    partner_id = fields.Many2one(comodel_name="res.partner", string="Account")
    account_tier_id = fields.Many2one(
        related="partner_id.account_tier_id", string="Tier"
    )
    account_manager_id = fields.Many2one(
        related="partner_id.account_manager_id", string="Account Manager"
    )
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    revenue = fields.Monetary()
    gross_margin = fields.Monetary()
    margin_percent = fields.Float(string="Margin (%)", digits=(16, 1), aggregator=None)
    net_contribution = fields.Monetary()
    cumulative_net_contribution = fields.Monetary(
        string="Cumulative Net Contribution", aggregator="max"
    )
    cumulative_share = fields.Float(
        string="Cumulative Share (%)",
        digits=(16, 1),
        aggregator="max",
        help="Net contribution of this account and the ones above it, as a share of "
        "the total: above 100 % while profitable accounts come first, back to 100 % "
        "once the loss-making ones are counted.",
    )
    accounts_share = fields.Float(
        string="Share of Accounts (%)", digits=(16, 1), aggregator="max"
    )

    def action_open_breakdown(self):
        """The breakdown of the account's figures over the ranking's period:
        the lines that sum to its row (read with the user's rights)."""
        self.ensure_one()
        wizard = self.wizard_id
        wizard._check_options()
        return wizard._get_report().action_open_breakdown_domain(
            [*wizard._get_domain(), ("partner_id", "=", self.partner_id.id)]
        )
