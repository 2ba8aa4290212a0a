# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

MEASURE_CODES = [
    ("contact_recency", "Contact Recency"),
    ("revenue_trend", "Revenue Trend"),
    ("margin_trend", "Gross Margin Trend"),
    ("overdue_receivables", "Overdue Receivables"),
    ("sentiment", "Sentiment and Satisfaction"),
    ("plan_progress", "Account Plan Progress"),
]


class AccountMgmtHealthMeasure(models.Model):
    """One measure of the account health score, configured per company.

    Every company has its own set of measures (created for it by
    ``res.company._account_mgmt_health_create_measures``), so each company weighs
    and tunes its score independently. The ``code`` says which scoring function
    and which query compute the measure.
    """

    _name = "account_mgmt.health.measure"
    _description = "Account Health Measure"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        selection=MEASURE_CODES,
        required=True,
        readonly=True,
        help="What the measure computes; each company has at most one measure per "
        "code.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    weight = fields.Float(
        default=1.0,
        digits=(6, 2),
        required=True,
        help="Relative importance of the measure. Weights are normalised to 100 % "
        "over the active measures; a measure without data for an account hands its "
        "share to the others.",
    )
    weight_percent = fields.Float(
        string="Share (%)",
        compute="_compute_weight_percent",
        digits=(5, 1),
        help="The weight as a share of the active measures of the company.",
    )
    description = fields.Text(translate=True)
    # Scoring parameters, each used by some codes only.
    recency_zero_cadences = fields.Float(
        string="Zero After (Cadences)",
        default=3.0,
        digits=(4, 1),
        help="Contact recency scores 100 within the tier's contact cadence and falls "
        "linearly to 0 at this many cadences.",
    )
    trend_months = fields.Integer(
        string="Period (Months)",
        default=3,
        help="The last full months compared with the same months a year before.",
    )
    trend_growth_full = fields.Float(
        string="Full Score From Growth (%)",
        default=25.0,
        digits=(5, 1),
        help="Growth at which the trend scores 100 (flat scores 50).",
    )
    trend_decline_zero = fields.Float(
        string="Zero Score From Decline (%)",
        default=50.0,
        digits=(5, 1),
        help="Decline at which the trend scores 0 (flat scores 50).",
    )
    overdue_days = fields.Integer(
        string="Overdue After (Days)",
        default=30,
        help="A receivable counts as overdue this many days after its due date.",
    )
    window_days = fields.Integer(
        string="Window (Days)",
        default=90,
        help="Interactions of this many last days are taken into account.",
    )
    satisfaction_share = fields.Float(
        string="Satisfaction Share (%)",
        default=50.0,
        digits=(5, 1),
        help="Share of the satisfaction rating in the blend with the sentiment, "
        "when an account has both.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A company has one measure of each kind.",
        ),
    ]

    @api.depends("weight", "active", "company_id")
    def _compute_weight_percent(self):
        totals = {
            company.id: total
            for company, total in self._read_group(
                [("company_id", "in", self.company_id.ids)],
                ["company_id"],
                ["weight:sum"],
            )
        }
        for measure in self:
            total = totals.get(measure.company_id.id, 0.0)
            measure.weight_percent = (
                100.0 * measure.weight / total if measure.active and total else 0.0
            )

    @api.constrains(
        "weight",
        "recency_zero_cadences",
        "trend_months",
        "trend_growth_full",
        "trend_decline_zero",
        "overdue_days",
        "window_days",
        "satisfaction_share",
    )
    def _check_parameters(self):
        for measure in self:
            if measure.weight < 0:
                raise ValidationError(
                    self.env._(
                        "The weight of measure %(measure)s can't be negative.",
                        measure=measure.name,
                    )
                )
            if measure.recency_zero_cadences <= 1:
                raise ValidationError(
                    self.env._(
                        "Measure %(measure)s: the score must fall to zero after more "
                        "than one cadence.",
                        measure=measure.name,
                    )
                )
            if not 1 <= measure.trend_months <= 12:
                raise ValidationError(
                    self.env._(
                        "Measure %(measure)s: the compared period must be between 1 "
                        "and 12 months.",
                        measure=measure.name,
                    )
                )
            if measure.trend_growth_full <= 0 or not (
                0 < measure.trend_decline_zero <= 100
            ):
                raise ValidationError(
                    self.env._(
                        "Measure %(measure)s: the growth for a full score must be "
                        "positive and the decline for a zero score between 0 and "
                        "100 %%.",
                        measure=measure.name,
                    )
                )
            if measure.overdue_days < 0 or measure.window_days < 1:
                raise ValidationError(
                    self.env._(
                        "Measure %(measure)s: the overdue delay can't be negative and "
                        "the window must be at least one day.",
                        measure=measure.name,
                    )
                )
            if not 0 <= measure.satisfaction_share <= 100:
                raise ValidationError(
                    self.env._(
                        "Measure %(measure)s: the satisfaction share must be between "
                        "0 and 100 %%.",
                        measure=measure.name,
                    )
                )

    @api.constrains("weight", "active", "company_id")
    def _check_company_total_weight(self):
        self._check_weighted_measure_left(self.company_id)

    def _check_weighted_measure_left(self, companies):
        """At least one active measure with a positive weight per company."""
        counts = dict(
            self._read_group(
                [("company_id", "in", companies.ids), ("weight", ">", 0)],
                ["company_id"],
                ["__count"],
            )
        )
        for company in companies:
            if not counts.get(company):
                raise ValidationError(
                    self.env._(
                        "%(company)s needs at least one active health measure with a "
                        "weight above zero.",
                        company=company.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_shipped(self):
        if self:
            raise UserError(
                self.env._(
                    "Health measures can't be deleted: archive %(measure)s instead, "
                    "or set its weight to zero.",
                    measure=self[:1].name,
                )
            )

    def action_recompute_health(self):
        """Recompute every account's health now (directors only)."""
        return self.env["res.partner"].action_account_health_recompute()

    @api.model
    def _default_measure_values(self):
        """The measures every company starts with (code, name, weight, sequence)."""
        return [
            {
                "code": "contact_recency",
                "name": self.env._("Contact Recency"),
                "sequence": 10,
                "weight": 20.0,
                "description": self.env._(
                    "Days since the last contact against the tier's contact cadence: "
                    "100 within the cadence, falling to 0 at three cadences. An "
                    "account never contacted scores 0."
                ),
            },
            {
                "code": "revenue_trend",
                "name": self.env._("Revenue Trend"),
                "sequence": 20,
                "weight": 20.0,
                "description": self.env._(
                    "Revenue of the last three full months against the same months a "
                    "year before: 50 when flat, 100 from +25 %, 0 from -50 %."
                ),
            },
            {
                "code": "margin_trend",
                "name": self.env._("Gross Margin Trend"),
                "sequence": 30,
                "weight": 15.0,
                "description": self.env._(
                    "Gross margin of the last three full months against the same "
                    "months a year before, scored like the revenue trend."
                ),
            },
            {
                "code": "overdue_receivables",
                "name": self.env._("Overdue Receivables"),
                "sequence": 40,
                "weight": 15.0,
                "description": self.env._(
                    "Share of the open receivable overdue more than 30 days: 100 "
                    "when nothing is, 0 when everything is."
                ),
            },
            {
                "code": "sentiment",
                "name": self.env._("Sentiment and Satisfaction"),
                "sequence": 50,
                "weight": 15.0,
                "description": self.env._(
                    "Sentiment (positive 100, neutral 50, negative 0) of the "
                    "interactions of the last 90 days, blended half and half with "
                    "their satisfaction rating (1 to 5 stars as 0 to 100)."
                ),
            },
            {
                "code": "plan_progress",
                "name": self.env._("Account Plan Progress"),
                "sequence": 60,
                "weight": 15.0,
                "description": self.env._(
                    "Objectives on track or done among all the objectives of the "
                    "current approved account plan."
                ),
            },
        ]
