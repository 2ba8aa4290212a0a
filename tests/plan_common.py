# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the account plan tests."""

from contextlib import contextmanager

from odoo import Command

from .common import AccountMgmtCommon


class PlanCommon(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["account_mgmt.plan"]
        cls.account = cls._account("Acme Group", account_manager_id=cls.user_manager.id)
        cls.contact = cls.env["res.partner"].create(
            {"name": "Alice Buyer", "parent_id": cls.account.id}
        )

    @classmethod
    def _plan(cls, account=None, user=None, objectives=None, **vals):
        """A draft plan of ``account`` (default Acme) for the first half of 2024,
        created by its owner (default the account manager, Anna).

        ``objectives``: [(metric, target)] or [(metric, target, name)].
        """
        account = account or cls.account
        user = user or cls.user_manager
        vals = {
            "name": f"{account.name} H1 2024",
            "partner_id": account.id,
            "date_start": "2024-01-01",
            "date_end": "2024-06-30",
            **vals,
        }
        if objectives:
            vals["objective_ids"] = [
                Command.create(
                    {
                        "metric": objective[0],
                        "target": objective[1],
                        "name": objective[2]
                        if len(objective) > 2
                        else f"{objective[0]} {objective[1]}",
                    }
                )
                for objective in objectives
            ]
        return cls.env["account_mgmt.plan"].with_user(user).create(vals)

    def _approve(self, plan):
        """Submit (as the owner) and approve (as the director) ``plan``."""
        plan.with_user(plan.user_id).action_submit()
        plan.with_user(self.user_director).action_approve()
        return plan

    @contextmanager
    def assertRaisesMessage(self, exception, regex):
        """Like assertRaisesRegex, in a savepoint rolled back on the error (as
        Odoo's assertRaises) so that the test goes on from a clean state."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)
