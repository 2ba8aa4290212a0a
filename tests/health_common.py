# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the health tests: accounts with known interactions, invoices,
overdue items and plan objectives, scored on a frozen day.

Frozen day: Monday 15 June 2026. Trend periods: March to May 2026 against March
to May 2025. Sentiment window: the 90 days from 18 March 2026. Default weights:
contact recency 20, revenue trend 20, margin trend 15, overdue receivables 15,
sentiment 15, plan progress 15 (total 100). Products: Widget costs 600,
Consulting Day 300. The Key tier's contact cadence is 30 days.
"""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tools import SQL

from .common import AccountMgmtCommon

TODAY = date(2026, 6, 15)


class HealthCommon(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The recompute runs as superuser (scheduled action, director's button).
        cls.Snapshot = cls.env["account_mgmt.health.snapshot"].sudo()
        cls.tier_key = cls.env.ref("account_mgmt_addon.tier_key")
        Type = cls.env["account_mgmt.interaction.type"].sudo()
        cls.type_call = Type.create(
            {"name": "Health Call", "code": "H-CALL", "counts_as_contact": True}
        )
        cls.type_note = Type.create(
            {"name": "Health Note", "code": "H-NOTE", "counts_as_contact": False}
        )
        cls.at_risk_type = cls.env.ref(
            "account_mgmt_addon.mail_activity_type_account_at_risk"
        )
        cls.widget = cls.product_goods
        cls.consulting = cls.product_service

    # -- helpers ----------------------------------------------------------

    @classmethod
    def _managed_account(cls, name, manager=None, tier=None, created=None):
        account = cls._account(
            name,
            account_manager_id=(manager or cls.user_manager).id,
            # Invoices fall due on their date.
            property_payment_term_id=cls.env.ref(
                "account.account_payment_term_immediate"
            ).id,
            **({"account_tier_id": tier.id} if tier else {}),
        )
        if created:
            # The cadence of an account never contacted runs from its creation.
            cls.env.flush_all()
            cls.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET create_date = %s WHERE id = %s",
                    created,
                    account.id,
                )
            )
            account.invalidate_recordset(["create_date"])
        return account

    @classmethod
    def _interaction(cls, account, when, itype=None, **vals):
        return (
            cls.env["account_mgmt.interaction"]
            .sudo()
            .with_context(
                account_mgmt_no_summary=True, account_mgmt_health_no_refresh=True
            )
            .create(
                {
                    "partner_id": account.id,
                    "type_id": (itype or cls.type_call).id,
                    "date": when,
                    "user_id": cls.user_manager.id,
                    "company_id": cls.company.id,
                    **vals,
                }
            )
        )

    @classmethod
    def _pay(cls, invoice, amount, when):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create(
            {
                "amount": amount,
                "payment_date": when,
                "payment_difference_handling": "open",
            }
        )._create_payments()

    @classmethod
    def _approved_plan(cls, account, objectives):
        """An approved plan over 2026 with manual objectives [(name, actual)] of
        target 100 each."""
        plan = (
            cls.env["account_mgmt.plan"]
            .sudo()
            .create(
                {
                    "name": f"{account.name} 2026",
                    "partner_id": account.id,
                    "user_id": cls.user_manager.id,
                    "company_id": cls.company.id,
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 12, 31),
                    "objective_ids": [
                        Command.create(
                            {
                                "name": name,
                                "metric": "manual",
                                "target": 100.0,
                                "actual_manual": actual,
                            }
                        )
                        for name, actual in objectives
                    ],
                }
            )
        )
        plan = plan.with_user(cls.user_director)
        plan.action_submit()
        plan.action_approve()
        return plan.sudo()

    def _recompute(self, partners=None, day=TODAY):
        with freeze_time(datetime.combine(day, datetime.min.time()).replace(hour=12)):
            # Objective statuses and "today" move with the clock: read them fresh.
            self.env.invalidate_all()
            return self.Snapshot._recompute_accounts(
                partners=partners, companies=self.company, date=day
            )

    def _at_risk_activities(self, account):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", account.ids),
                ("activity_type_id", "=", self.at_risk_type.id),
            ]
        )


class HealthScenario(HealthCommon):
    """Acme, Beta and Gamma, the accounts whose figures the tests compute by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_acme()
        cls._setup_beta()
        cls._setup_gamma()

    @classmethod
    def _setup_acme(cls):
        """Every measure applies.

        - Last contact 1 May 2026 (a note of 10 June does not count as contact):
          45 days, cadence 30 -> 100 * (90 - 45) / 60 = 75.
        - Revenue March-May 2026: invoice of 10 April 3 x 800 + 1 x 600 = 3,000,
          credit note of 20 May -800 -> 2,200; March-May 2025: 2 x 1,000 = 2,000.
          +10 % -> 50 + 50 * 0.10 / 0.25 = 70.
        - Margin: 2026 cost 3 x 600 + 300 - 600 = 1,500 -> 700; 2025 cost 1,200
          -> 800. -12.5 % -> 50 - 50 * 0.125 / 0.5 = 37.5.
        - Receivable: April invoice 3,000 paid 2,200 -> 800 due 10 April (66 days
          late), credit note -800 (26 days), June invoice 1,000 (10 days): open
          1,000, overdue more than 30 days 800 -> s = 0.8 -> 100 * 0.2 = 20.
        - Sentiment in the window: positive, neutral, negative -> 150 / 3 = 50;
          satisfaction 5 and 2 -> 3.5 -> 62.5; blend 0.5 * 50 + 0.5 * 62.5 = 56.25.
        - Plan 2026 (45.48 % elapsed on 15 June): objectives done (100 %), on
          track (50 %), at risk (40 %), off track (10 %) -> 2 / 4 = 50.
        Total: 0.20 * 75 + 0.20 * 70 + 0.15 * 37.5 + 0.15 * 20 + 0.15 * 56.25
        + 0.15 * 50 = 15 + 14 + 5.625 + 3 + 8.4375 + 7.5 = 53.5625 -> amber.
        """
        cls.acme = cls._managed_account("Acme", tier=cls.tier_key)
        last_year = cls._post_move(cls.acme, "2025-04-10", [(cls.widget, 2, 1000.0)])
        cls._pay(last_year, 2000.0, "2025-05-01")
        april = cls._post_move(
            cls.acme,
            "2026-04-10",
            [(cls.widget, 3, 800.0), (cls.consulting, 1, 600.0)],
        )
        cls._pay(april, 2200.0, "2026-04-30")
        cls._post_move(
            cls.acme, "2026-05-20", [(cls.widget, 1, 800.0)], move_type="out_refund"
        )
        cls._post_move(cls.acme, "2026-06-05", [(cls.widget, 1, 1000.0)])
        cls._interaction(
            cls.acme, datetime(2026, 5, 1, 10), sentiment="positive", satisfaction=5
        )
        cls._interaction(cls.acme, datetime(2026, 4, 10, 10), sentiment="neutral")
        cls._interaction(
            cls.acme, datetime(2026, 3, 20, 10), sentiment="negative", satisfaction=2
        )
        # Before the window: no effect on sentiment, older than the last contact.
        cls._interaction(
            cls.acme, datetime(2026, 2, 1, 10), sentiment="positive", satisfaction=1
        )
        # A note is not a contact; a cancelled call neither counts.
        cls._interaction(cls.acme, datetime(2026, 6, 10, 10), itype=cls.type_note)
        cls._interaction(
            cls.acme, datetime(2026, 6, 12, 10), sentiment="negative", state="cancelled"
        )
        cls.acme_plan = cls._approved_plan(
            cls.acme,
            [("Done", 100.0), ("On track", 50.0), ("At risk", 40.0), ("Late", 10.0)],
        )

    @classmethod
    def _setup_beta(cls):
        """Two measures not applicable: nothing open to collect, no plan.

        Contact 10 days ago -> 100; revenue 1,000 vs 1,000 -> 50; margin 400 vs
        400 -> 50; one positive interaction -> 100. Weights 20 + 20 + 15 + 15 = 70:
        (20 * 100 + 20 * 50 + 15 * 50 + 15 * 100) / 70 = 5,250 / 70 = 75 (amber),
        where counting the two missing measures as 0 would give 52.5.
        """
        cls.beta = cls._managed_account("Beta", tier=cls.tier_key)
        for day in ("2025-03-15", "2026-03-15"):
            invoice = cls._post_move(cls.beta, day, [(cls.widget, 1, 1000.0)])
            cls._pay(invoice, 1000.0, day)
        cls._interaction(cls.beta, datetime(2026, 6, 5, 10), sentiment="positive")

    @classmethod
    def _setup_gamma(cls):
        """Red: never contacted since its creation on 1 June 2025 (379 days, no
        tier: company cadence 90, zero from 270 days) -> 0; its only invoice (10
        January 2026) is unpaid and 156 days late -> 0; no sales in either trend
        period, no interaction, no plan. (20 * 0 + 15 * 0) / 35 = 0."""
        cls.gamma = cls._managed_account("Gamma", created=datetime(2025, 6, 1, 9))
        cls._post_move(cls.gamma, "2026-01-10", [(cls.consulting, 1, 500.0)])
