# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Contact cadence: last contact, next contact due, overdue flag and the daily
reminders of the account managers."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionCadence(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.overdue_type = cls.env.ref(
            "account_mgmt_addon.mail_activity_type_contact_overdue"
        )
        cls.Partner = cls.env["res.partner"]

    def _reminders(self, partner):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("activity_type_id", "=", self.overdue_type.id),
            ]
        )

    def _run_cron(self):
        return self.Partner._cron_account_mgmt_contact_overdue()

    def test_key_account_overdue_then_contacted(self):
        today = fields.Date.today()
        call = self._interaction(self.acme, days_ago=47)
        # Key tier: a contact every 30 days. Last contact 47 days ago, so the next
        # one was due 47 - 30 = 17 days ago.
        self.assertEqual(self.acme.last_interaction_date, call.date)
        self.assertEqual(self.acme.next_contact_due, today - timedelta(days=17))
        self.assertEqual(self.acme.days_since_last_interaction, 47)
        self.assertTrue(self.acme.contact_overdue)
        self.assertIn(self.acme, self.Partner.search([("contact_overdue", "=", True)]))

        created = self._run_cron().filtered(lambda a: a.res_id == self.acme.id)
        reminder = self._reminders(self.acme)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(created, reminder)
        self.assertEqual(reminder.user_id, self.user_manager)
        self.assertEqual(reminder.date_deadline, today)
        self.assertEqual(
            reminder.summary,
            "Contact overdue: last contact 47 days ago, Key tier expects 30",
        )
        # Running the cron again creates no second reminder while the first is open.
        again = self._run_cron().filtered(lambda a: a.res_id == self.acme.id)
        self.assertFalse(again)
        self.assertEqual(len(self._reminders(self.acme)), 1)

        # Logging a call clears the flag: next due = today + 30, and the open
        # reminder is completed.
        self._interaction(self.acme)
        self.assertFalse(self.acme.contact_overdue)
        self.assertEqual(self.acme.next_contact_due, today + timedelta(days=30))
        self.assertEqual(self.acme.days_since_last_interaction, 0)
        self.assertNotIn(
            self.acme, self.Partner.search([("contact_overdue", "=", True)])
        )
        self.assertIn(self.acme, self.Partner.search([("contact_overdue", "=", False)]))
        self.assertFalse(self._reminders(self.acme))

    def test_overdue_moves_with_the_days(self):
        # Last contact 20 days ago on a 30-day cadence: due in 10 days. Nothing is
        # written on the partner in between, yet on day 11 the account is overdue.
        self._interaction(self.acme, days_ago=20)
        due = fields.Date.today() + timedelta(days=10)
        self.assertEqual(self.acme.next_contact_due, due)
        self.assertFalse(self.acme.contact_overdue)
        with freeze_time(due + timedelta(days=1)):
            self.acme.invalidate_recordset(["contact_overdue"])
            self.assertTrue(self.acme.contact_overdue)
            self.assertIn(
                self.acme, self.Partner.search([("contact_overdue", "=", True)])
            )

    def test_what_counts_as_contact(self):
        self._interaction(self.acme, days_ago=47)
        # A note, a planned or a cancelled call do not reset the clock.
        self._interaction(self.acme, itype=self.type_note)
        future = fields.Datetime.now() + timedelta(days=1)
        self._interaction(self.acme, date=future, state="planned")
        cancelled = self._interaction(self.acme, days_ago=1)
        cancelled.action_cancel()  # a done one can't be cancelled by the button
        self.assertEqual(cancelled.state, "done")
        cancelled.write({"state": "cancelled"})
        self.assertEqual(self.acme.days_since_last_interaction, 47)
        self.assertTrue(self.acme.contact_overdue)
        # Deleting the only contact leaves an account never contacted: its clock
        # starts at its creation (today), due in 30 days.
        self.Interaction.sudo().search([("partner_id", "=", self.acme.id)]).unlink()
        self.assertFalse(self.acme.last_interaction_date)
        self.assertEqual(
            self.acme.next_contact_due,
            self.acme.create_date.date() + timedelta(days=30),
        )

    def test_default_cadence_without_tier(self):
        # Globex has no tier: the company default applies (90 days by default).
        self.globex.company_id = self.company
        self._interaction(self.globex, days_ago=50, user=self.user_manager2)
        today = fields.Date.today()
        self.assertEqual(self.globex.next_contact_due, today + timedelta(days=40))
        self.assertFalse(self.globex.contact_overdue)
        # The company expects a contact every 45 days: 50 - 45 = due 5 days ago.
        self.company.account_mgmt_default_cadence_days = 45
        self.assertEqual(self.globex.next_contact_due, today - timedelta(days=5))
        self.assertTrue(self.globex.contact_overdue)
        reminder = self._run_cron().filtered(lambda a: a.res_id == self.globex.id)
        self.assertEqual(reminder.user_id, self.user_manager2)
        self.assertEqual(
            reminder.summary,
            "Contact overdue: last contact 50 days ago, the default cadence is 45 days",
        )

    def test_default_cadence_of_shared_account(self):
        # A shared account (no company) follows the default of its last contact's
        # company: 50 days ago on a 90-day default, then 45 days.
        self.assertFalse(self.globex.company_id)
        self._interaction(self.globex, days_ago=50, user=self.user_manager2)
        today = fields.Date.today()
        self.assertEqual(self.globex.next_contact_due, today + timedelta(days=40))
        self.company.account_mgmt_default_cadence_days = 45
        self.assertEqual(self.globex.next_contact_due, today - timedelta(days=5))

    def test_tier_change_moves_the_due_date(self):
        self._interaction(self.acme, days_ago=47)
        self.tier_key.sudo().contact_cadence_days = 60
        # 47 days ago + 60 = due in 13 days.
        self.assertEqual(
            self.acme.next_contact_due, fields.Date.today() + timedelta(days=13)
        )
        self.assertFalse(self.acme.contact_overdue)

    def test_cron_reminds_the_salesperson_or_nobody(self):
        # Never contacted, no manager: Initech has neither cadence nor reminder.
        initech = self._account("Initech")
        self.assertFalse(initech.next_contact_due)
        # With a salesperson but no account manager, the salesperson is reminded.
        self._interaction(initech, days_ago=100)
        self.assertTrue(initech.contact_overdue)
        initech.user_id = self.user_sales
        reminder = self._run_cron().filtered(lambda a: a.res_id == initech.id)
        self.assertEqual(reminder.user_id, self.user_sales)
        # An overdue account with nobody to remind gets no activity.
        hooli = self._account("Hooli")
        self._interaction(hooli, days_ago=100)
        self.assertTrue(hooli.contact_overdue)
        self.assertFalse(self._run_cron().filtered(lambda a: a.res_id == hooli.id))

    def test_contacts_are_not_accounts(self):
        self._interaction(self.acme_contact, days_ago=47)
        self.assertTrue(self.acme.contact_overdue)
        self.assertFalse(self.acme_contact.next_contact_due)
        self.assertFalse(self.acme_contact.contact_overdue)
