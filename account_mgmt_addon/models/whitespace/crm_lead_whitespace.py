# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class CrmLead(models.Model):
    _inherit = "crm.lead"

    account_mgmt_categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Cross-sell Category",
        index="btree_not_null",
        copy=False,
        help="The product category this cross-sell opportunity is about (created "
        "from a whitespace row of the account).",
    )

    @api.model
    def _account_mgmt_open_whitespace_domain(self, account, categ, company):
        return [
            ("partner_id", "=", account.id),
            ("account_mgmt_categ_id", "=", categ.id),
            ("company_id", "in", [company.id, False]),
            ("type", "=", "opportunity"),
            ("active", "=", True),
            ("stage_id.is_won", "=", False),
            ("probability", "<", 100),
        ]

    @api.model
    def _account_mgmt_whitespace_opportunity(
        self, account, categ, company, expected, is_whitespace=True, plan=None
    ):
        """The open opportunity of ``account`` for ``categ`` in ``company``:
        the existing one, else a new one (the account manager as salesperson,
        ``expected`` as expected revenue, linked to ``plan`` or the account's
        current plan). Never two open opportunities per account x category.

        The caller has checked that the user may read the whitespace row (the
        account is theirs); the opportunity is created as superuser because its
        salesperson is the account manager, not necessarily the user.
        """
        self.env["crm.lead"].check_access("create")
        # One creation at a time per account x category: a second click waits
        # for the first and then finds its opportunity.
        self.env.cr.execute(
            SQL(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                account.id,
                categ.id,
            )
        )
        Lead = self.sudo().with_company(company)
        existing = Lead.search(
            self._account_mgmt_open_whitespace_domain(account, categ, company),
            order="id",
            limit=1,
        )
        if existing:
            return existing.with_env(self.env)
        if not is_whitespace:
            raise UserError(
                self.env._(
                    "%(categ)s is not whitespace for %(account)s: create the "
                    "opportunity from a whitespace row.",
                    categ=categ.display_name,
                    account=account.display_name,
                )
            )
        if plan:
            plan.check_access("write")
            if plan.partner_id != account or plan.company_id != company:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is not a plan of %(account)s in "
                        "%(company)s: the opportunity can't be linked to it.",
                        plan=plan.name,
                        account=account.display_name,
                        company=company.name,
                    )
                )
        else:
            plan = (
                account.sudo()
                .with_company(company)
                .with_context(allowed_company_ids=company.ids)
                .account_plan_current_id
            )
        lead = Lead.create(
            {
                "name": self.env._(
                    "Cross-sell %(categ)s to %(account)s",
                    categ=categ.display_name,
                    account=account.display_name,
                ),
                "type": "opportunity",
                "partner_id": account.id,
                "company_id": company.id,
                "user_id": account.sudo().account_manager_id.id or self.env.uid,
                "expected_revenue": expected,
                "account_mgmt_categ_id": categ.id,
            }
        )
        if plan:
            # sudo: the pipeline link of an approved plan is the workflow's own
            # field; the plan is the account's (checked above or found for it).
            plan.sudo().write({"lead_ids": [Command.link(lead.id)]})
        return lead.with_env(self.env)

    def _account_mgmt_open_action(self):
        """The form of the opportunity when the user may read it; a notice
        naming its salesperson otherwise."""
        self.ensure_one()
        if self.has_access("read"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "crm.lead",
                "res_id": self.id,
                "views": [(False, "form")],
                "target": "current",
            }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "The opportunity %(lead)s is %(user)s's.",
                    lead=self.sudo().name,
                    user=self.sudo().user_id.name,
                ),
            },
        }
