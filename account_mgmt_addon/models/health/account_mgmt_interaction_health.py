# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import models

REFRESH_KEY = "account_mgmt.health.refresh"


class AccountMgmtInteraction(models.Model):
    _inherit = "account_mgmt.interaction"

    def _account_mgmt_on_done(self):
        res = super()._account_mgmt_on_done()
        self._account_mgmt_health_refresh_later()
        return res

    def _account_mgmt_health_refresh_later(self):
        """Rescore the accounts of these (done) interactions when the transaction
        commits: the account manager who logs a call sees its health move at
        once. One recompute per transaction, whatever the number of interactions
        logged in it. Context key ``account_mgmt_health_no_refresh`` skips it
        (mass imports: the nightly recompute will do)."""
        if self.env.context.get("account_mgmt_health_no_refresh"):
            return
        precommit = self.env.cr.precommit
        pending = precommit.data.setdefault(REFRESH_KEY, set())
        if not pending:
            env = self.env

            @precommit.add
            def refresh():
                pairs = precommit.data.pop(REFRESH_KEY, set())
                by_company = defaultdict(set)
                for partner_id, company_id in pairs:
                    by_company[company_id].add(partner_id)
                # sudo: the recompute reads every figure of the account and
                # writes its snapshot, whoever logged the interaction.
                Snapshot = env["account_mgmt.health.snapshot"].sudo()
                for company_id, partner_ids in by_company.items():
                    Snapshot._recompute_accounts(
                        partners=env["res.partner"].sudo().browse(partner_ids),
                        companies=env["res.company"].browse(company_id),
                    )

        pending.update((i.partner_id.id, i.company_id.id) for i in self)
