# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The interactions list and the partner kanban (with the cadence fields) read
their records in a number of queries that does not grow with the records."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install", "is_query_count")
class TestInteractionPerformance(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        accounts = Partner.create(
            [
                {
                    "name": f"Client {n:03d}",
                    "is_company": True,
                    "account_manager_id": cls.user_manager.id,
                    "account_tier_id": cls.tier_key.id if n % 2 else False,
                }
                for n in range(100)
            ]
        )
        contacts = Partner.create(
            [
                {"name": f"Person {n:03d}", "parent_id": a.id}
                for n, a in enumerate(accounts)
            ]
        )
        now = fields.Datetime.now()
        types = [cls.type_call, cls.type_meeting, cls.type_email]
        interactions = cls.Interaction.with_context(
            account_mgmt_no_summary=True
        ).create(
            [
                {
                    "partner_id": account.id,
                    "contact_ids": [(6, 0, contact.ids)],
                    "type_id": types[n % 3].id,
                    "date": now - timedelta(days=n),
                    "user_id": cls.user_manager.id,
                    "sentiment": "positive",
                    "company_id": cls.company.id,
                }
                for n, (account, contact) in enumerate(
                    zip(accounts, contacts, strict=True)
                )
            ]
        )
        cls.accounts = accounts
        cls.interactions = interactions

    def _specification(self, model, view_type, view_xmlid=None):
        """web_search_read specification of the fields a view displays."""
        Model = self.env[model].with_user(self.user_manager)
        view_id = self.env.ref(view_xmlid).id if view_xmlid else False
        views = Model.get_views([(view_id, view_type)])
        spec = {}
        for name, field in views["models"][model]["fields"].items():
            if field["type"] in ("many2one", "one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return Model, spec

    def _assert_constant(self, Model, spec, small, large):
        """Reading ``large`` takes as many queries as reading ``small``, a sample
        of it with the same variety (accounts with and without a tier, recent and
        overdue, with and without activities): a model met only in the large set
        would add its one-off queries."""

        def read(records):
            self.env.invalidate_all()
            result = Model.web_search_read(
                [("id", "in", records.ids)], spec, limit=len(records)
            )
            self.assertEqual(result["length"], len(records))

        def count(records):
            # Same flushes as assertQueryCount (pending pre-commit work of the
            # set-up runs before, not inside, the measure).
            self.env.flush_all()
            self.env.cr.flush()
            start = self.cr.sql_log_count
            read(records)
            self.env.flush_all()
            self.env.cr.flush()
            return self.cr.sql_log_count - start

        count(small)  # warm the caches (access rules, views, ...)
        queries = count(small)
        self.assertGreater(queries, 0)
        # Ten times the records, the same number of queries.
        with self.assertQueryCount(queries):
            read(large)

    def test_interaction_list(self):
        Model, spec = self._specification("account_mgmt.interaction", "list")
        self.assertTrue({"type_icon", "contact_ids", "partner_id"} <= spec.keys())
        self._assert_constant(Model, spec, self.interactions[::9], self.interactions)

    def test_partner_kanban(self):
        Model, spec = self._specification("res.partner", "kanban")
        self.assertTrue({"contact_overdue", "next_contact_due"} <= spec.keys())
        self._assert_constant(Model, spec, self.accounts[::9], self.accounts)
        # The figures are right: Client 001 (Key, 30 days) was contacted a day ago.
        client = self.accounts[1]
        self.assertEqual(
            client.next_contact_due,
            (self.interactions[1].date + timedelta(days=30)).date(),
        )

    def test_accounts_list(self):
        Model, spec = self._specification(
            "res.partner", "list", "account_mgmt_addon.res_partner_view_list_accounts"
        )
        self.assertTrue({"last_interaction_date", "next_contact_due"} <= spec.keys())
        self._assert_constant(Model, spec, self.accounts[::9], self.accounts)
