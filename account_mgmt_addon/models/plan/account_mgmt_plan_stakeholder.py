# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountMgmtPlanStakeholder(models.Model):
    _name = "account_mgmt.plan.stakeholder"
    _description = "Account Plan Stakeholder"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    plan_id = fields.Many2one(
        comodel_name="account_mgmt.plan",
        string="Plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    plan_partner_id = fields.Many2one(
        related="plan_id.partner_id", string="Account", store=True, index=True
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    contact_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('is_company', '=', False), "
        "('parent_id', 'child_of', plan_partner_id)]",
        help="A person working for the account or one of its subsidiaries.",
    )
    function = fields.Char(related="contact_id.function", string="Job Position")
    email = fields.Char(related="contact_id.email")
    phone = fields.Char(related="contact_id.phone")
    role = fields.Selection(
        selection=[
            ("economic_buyer", "Economic Buyer"),
            ("decision_maker", "Decision Maker"),
            ("influencer", "Influencer"),
            ("champion", "Champion"),
            ("user", "User"),
            ("blocker", "Blocker"),
        ],
        required=True,
        default="influencer",
    )
    influence = fields.Selection(
        selection=[("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
    )
    relationship = fields.Selection(
        selection=[
            ("advocate", "Advocate"),
            ("supporter", "Supporter"),
            ("neutral", "Neutral"),
            ("detractor", "Detractor"),
        ],
        required=True,
        default="neutral",
        help="How the contact feels about us.",
    )
    notes = fields.Text()
    last_interaction_date = fields.Datetime(
        compute="_compute_last_interaction_date",
        help="Latest done interaction with this contact in the interaction log.",
    )

    _sql_constraints = [
        (
            "plan_contact_uniq",
            "unique(plan_id, contact_id)",
            "A contact appears only once among a plan's stakeholders.",
        ),
    ]

    @api.depends("contact_id")
    def _compute_last_interaction_date(self):
        latest = {}
        contacts = self.contact_id
        if contacts and "account_mgmt.interaction" in self.env:
            # One grouped query for all stakeholders; read with the user's rights.
            latest = dict(
                self.env["account_mgmt.interaction"]._read_group(
                    [("contact_ids", "in", contacts.ids), ("state", "=", "done")],
                    ["contact_ids"],
                    ["date:max"],
                )
            )
        for stakeholder in self:
            stakeholder.last_interaction_date = latest.get(stakeholder.contact_id)

    @api.constrains("contact_id", "plan_id")
    def _check_contact_of_account(self):
        for stakeholder in self:
            contact = stakeholder.contact_id
            plan = stakeholder.plan_id
            if contact.is_company or not plan._is_in_account(contact):
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a person working for %(account)s: "
                        "stakeholders are contacts of the account or of its "
                        "subsidiaries.",
                        contact=contact.display_name,
                        account=plan.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.env["account_mgmt.plan"].browse(
                {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
            )._check_actions_editable()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            plans = self.plan_id
            if vals.get("plan_id"):
                plans |= self.env["account_mgmt.plan"].browse(vals["plan_id"])
            plans._check_actions_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.plan_id._check_actions_editable()
