# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Whitespace and cross-sell (issue 18): the hand-computed scenario of the issue.

Four accounts of one industry, sales of the last 12 months (invoices on the 10th
of the month before last: inside the 12 complete months before the current one on
any day):

====  =====  =====  ====
      C1     C2     C3
====  =====  =====  ====
A     1,000  3,000
B     2,000  5,000
C       500  4,000  900
D     1,500
====  =====  =====  ====

A and D are Anna's, B and C Bruno's. For D: C2 has 3 peers, 3 buyers (100 %),
peer median 4,000, whitespace, expected 4,000; C3 33.33 % (not whitespace at
50 %; at 30 % it is, expected 1/3 x 900 = 300). For A: C3 33.33 %, median 900;
C1's peers B, C, D bought 2,000, 500 and 1,500: median 1,500 (A's own 1,000 left
out). E, of another industry, has no industry peer: its peers are the other
accounts of its tier (A and D).

The report reads the rows the monthly job stored (``setUpClass`` runs the job
as the cron runner does, batch after batch); a test that changes the ledger or
the accounts runs the job again (``_run_job``). ``test_stored_equals_live`` and
the fault tests compare the stored rows with the statement computed live.
"""

import numbers

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import format_datetime

from odoo.addons.account_mgmt_addon.tools.periods import last_12_months

from .common import GROUP_DIRECTOR, AccountMgmtCommon

REPORT = "account_mgmt.whitespace.report"
LINE = "account_mgmt.whitespace.line"
RUN = "account_mgmt.whitespace.run"
STORED = (
    "currency_id",
    "account_tier_id",
    "industry_id",
    "revenue",
    "peer_count",
    "peer_buyer_count",
    "penetration",
    "peer_median_revenue",
    "is_whitespace",
    "expected_value",
)


@tagged("post_install", "-at_install")
class TestWhitespace(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_b = cls.setup_other_company(name="Whitespace B")["company"]
        cls.user_bea = cls._new_user(
            "am_ws_bea", "Bea Director B", GROUP_DIRECTOR, company=cls.company_b
        )
        Category = env["product.category"]
        cls.categs = {
            name: Category.create({"name": f"WS {name}"}) for name in ("C1", "C2", "C3")
        }
        cls.products = {
            name: cls._create_product(
                name=f"WS product {name}",
                categ_id=categ.id,
                list_price=100.0,
                standard_price=10.0,
            )
            for name, categ in cls.categs.items()
        }
        industry = env["res.partner.industry"].create({"name": "WS Machines"})
        other_industry = env["res.partner.industry"].create({"name": "WS Food"})
        cls.tier = (
            env["account_mgmt.tier"]
            .sudo()
            .create({"name": "WS Key", "code": "WSK", "company_id": cls.company.id})
        )
        anna, bruno = cls.user_manager, cls.user_manager2
        cls.accounts = {
            key: cls._account(
                f"WS {key}",
                industry_id=industry.id,
                account_manager_id=manager.id,
            )
            for key, manager in (("A", anna), ("B", bruno), ("C", bruno), ("D", anna))
        }
        cls.accounts["E"] = cls._account(
            "WS E", industry_id=other_industry.id, account_manager_id=bruno.id
        )
        for key in ("A", "D", "E"):
            cls.accounts[key].with_company(cls.company).account_tier_id = cls.tier
        # The 10th of the month before last: in the last 12 months of any day
        # (also for a user whose today is already the next month).
        today = fields.Date.context_today(env["res.partner"])
        cls.day = (today.replace(day=1) - relativedelta(months=2)).replace(day=10)
        sales = {
            "A": {"C1": 1000, "C2": 3000},
            "B": {"C1": 2000, "C2": 5000},
            "C": {"C1": 500, "C2": 4000, "C3": 900},
            "D": {"C1": 1500},
            "E": {"C2": 10000, "C3": 5000},
        }
        for key, amounts in sales.items():
            cls._post_move(
                cls.accounts[key],
                cls.day,
                [(cls.products[c], 1, amount) for c, amount in amounts.items()],
            )
        # An old sale (outside the window) of C3 by D: D still bought nothing.
        cls._post_move(
            cls.accounts["D"],
            cls.day - relativedelta(months=13),
            [(cls.products["C3"], 1, 700)],
        )
        cls._run_job()

    @classmethod
    def _run_job(cls, recompute=True):
        """The monthly job's computation, batch after batch as the cron runner
        calls it (every company with a ledger, again when ``recompute``)."""
        Line = cls.env[LINE].sudo()
        if recompute:
            cls.env[RUN].sudo().search([]).unlink()
        for _call in range(50):
            _done, remaining = Line._cron_account_mgmt_compute_whitespace()
            if not remaining:
                break
        return Line._account_mgmt_companies_to_compute()

    def _live(self, companies):
        """The report's statement, live: {(account, category, company): row}."""
        Report = self.env[REPORT]
        date_from, date_to = Report._account_mgmt_window()
        self.env.cr.execute(Report._sql_whitespace(date_from, date_to, companies))
        return self._by_key(self.env.cr.dictfetchall())

    def _stored(self, companies):
        self.env.cr.execute(
            "SELECT * FROM account_mgmt_whitespace_line WHERE company_id IN %s",
            [tuple(companies.ids)],
        )
        return self._by_key(self.env.cr.dictfetchall())

    @staticmethod
    def _by_key(rows):
        def value(v):
            if isinstance(v, numbers.Number) and not isinstance(v, bool):
                return round(float(v), 2)
            return v

        return {
            (row["partner_id"], row["categ_id"], row["company_id"]): tuple(
                value(row[f]) for f in STORED
            )
            for row in rows
        }

    def _rows(self, env=None, **domain):
        Report = (env or self.env)[REPORT]
        rows = Report.search(
            [("partner_id", "in", [a.id for a in self.accounts.values()])]
            + [(k, "=", v) for k, v in domain.items()]
        )
        return {
            (
                next(k for k, a in self.accounts.items() if a == row.partner_id),
                next(k for k, c in self.categs.items() if c == row.categ_id),
            ): row
            for row in rows
        }

    def assertRow(self, row, **expected):
        for fname, value in expected.items():
            if isinstance(value, float):
                self.assertAlmostEqual(row[fname], value, places=2, msg=fname)
            else:
                self.assertEqual(row[fname], value, fname)

    def test_issue_scenario(self):
        rows = self._rows()
        # 5 accounts x 3 categories sold in the company
        self.assertEqual(len(rows), 15)
        self.assertRow(
            rows["D", "C2"],
            revenue=0.0,
            peer_count=3,
            peer_buyer_count=3,
            penetration=100.0,
            peer_median_revenue=4000.0,
            is_whitespace=True,
            expected_value=4000.0,
        )
        self.assertRow(
            rows["D", "C3"],
            revenue=0.0,
            peer_count=3,
            peer_buyer_count=1,
            penetration=33.33,
            peer_median_revenue=900.0,
            is_whitespace=False,
            expected_value=0.0,
        )
        self.assertRow(
            rows["A", "C3"],
            peer_count=3,
            peer_buyer_count=1,
            penetration=33.33,
            peer_median_revenue=900.0,
            is_whitespace=False,
        )
        # A's own purchase is not one of its peers': C1 median of 2,000, 500, 1,500
        self.assertRow(
            rows["A", "C1"],
            revenue=1000.0,
            peer_count=3,
            peer_buyer_count=3,
            penetration=100.0,
            peer_median_revenue=1500.0,
            is_whitespace=False,
            expected_value=0.0,
        )
        # B's C2 peers: A 3,000, C 4,000 (even count: the mean of the two)
        self.assertRow(
            rows["B", "C2"],
            revenue=5000.0,
            peer_buyer_count=2,
            peer_median_revenue=3500.0,
        )
        self.assertEqual(rows["D", "C2"].account_manager_id, self.user_manager)
        self.assertEqual(rows["D", "C2"].industry_id, self.accounts["D"].industry_id)
        self.assertEqual(rows["D", "C2"].account_tier_id, self.tier)
        # E has no industry peer: the other accounts of its tier, A and D
        self.assertRow(
            rows["E", "C1"],
            peer_count=2,
            peer_buyer_count=2,
            penetration=100.0,
            peer_median_revenue=1250.0,
            is_whitespace=True,
            expected_value=1250.0,
        )
        # Only D's C2 and E's C1 are whitespace at 50 %.
        self.assertEqual(
            {key for key, row in rows.items() if row.is_whitespace},
            {("D", "C2"), ("E", "C1")},
        )

    def test_threshold_30(self):
        self.company.account_mgmt_whitespace_threshold = 30.0
        rows = self._rows()
        self.assertRow(
            rows["D", "C3"], is_whitespace=True, expected_value=300.0, revenue=0.0
        )
        self.assertRow(rows["A", "C3"], is_whitespace=True, expected_value=300.0)
        self.assertRow(rows["B", "C3"], is_whitespace=True, expected_value=300.0)
        self.assertRow(rows["D", "C2"], is_whitespace=True, expected_value=4000.0)
        with self.assertRaises(UserError):
            self.company.account_mgmt_whitespace_threshold = 0.0
        with self.assertRaises(UserError):
            self.company.account_mgmt_whitespace_threshold = 120.0

    def test_other_industry_changes_nothing(self):
        """E's 10,000 of C2 and 5,000 of C3 are not in D's or A's figures."""
        self.accounts["E"].industry_id = False
        self._run_job()
        rows = self._rows()
        self.assertRow(rows["D", "C2"], peer_median_revenue=4000.0, peer_count=3)
        self.assertRow(rows["D", "C3"], peer_median_revenue=900.0, penetration=33.33)
        self.assertRow(rows["A", "C3"], peer_median_revenue=900.0)

    def test_credit_note_lowers_median(self):
        """A credit note of 2,500 in C2 for B: B's C2 revenue 2,500, D's peers'
        C2 revenues 3,000, 2,500 and 4,000, median 3,000."""
        self._post_move(
            self.accounts["B"],
            self.day,
            [(self.products["C2"], 1, 2500)],
            move_type="out_refund",
        )
        self._run_job()
        rows = self._rows()
        self.assertRow(rows["B", "C2"], revenue=2500.0)
        self.assertRow(
            rows["D", "C2"],
            peer_median_revenue=3000.0,
            is_whitespace=True,
            expected_value=3000.0,
        )

    def test_category_sold_nowhere_is_absent(self):
        unsold = self.env["product.category"].create({"name": "WS never sold"})
        self.assertFalse(self.env[REPORT].search([("categ_id", "=", unsold.id)]))

    def test_create_opportunity_twice_gives_one(self):
        row = self._rows(env=self.env(user=self.user_manager))["D", "C2"]
        action = row.action_create_opportunity()
        lead = self.env["crm.lead"].browse(action["res_id"])
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.accounts["D"])
        self.assertEqual(lead.user_id, self.user_manager)
        self.assertEqual(lead.expected_revenue, 4000.0)
        self.assertEqual(lead.account_mgmt_categ_id, self.categs["C2"])
        again = row.action_create_opportunity()
        self.assertEqual(again["res_id"], lead.id)
        self.assertEqual(
            self.env["crm.lead"].search_count(
                [
                    ("partner_id", "=", self.accounts["D"].id),
                    ("account_mgmt_categ_id", "=", self.categs["C2"].id),
                ]
            ),
            1,
        )
        # A lost (archived) one doesn't count: a new one can be made.
        lead.action_set_lost()
        third = row.action_create_opportunity()
        self.assertNotEqual(third["res_id"], lead.id)
        # Not whitespace: no opportunity from that row.
        not_ws = self._rows(env=self.env(user=self.user_manager))["A", "C1"]
        with self.assertRaises(UserError):
            not_ws.action_create_opportunity()

    def test_create_opportunity_links_plan(self):
        plan = (
            self.env["account_mgmt.plan"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "D growth",
                    "partner_id": self.accounts["D"].id,
                    "revenue_target": 10000.0,
                }
            )
        )
        action = plan.action_view_whitespace()
        rows = (
            self.env[REPORT]
            .with_user(self.user_manager)
            .with_context(action["context"])
            .search(action["domain"] + [("is_whitespace", "=", True)])
        )
        self.assertEqual(rows.categ_id, self.categs["C2"])
        lead_action = rows.action_create_opportunity()
        lead = self.env["crm.lead"].browse(lead_action["res_id"])
        self.assertEqual(plan.lead_ids, lead)
        self.assertEqual(plan.pipeline_amount, 4000.0)
        # the gap counts it: target - actual (1,500) - weighted pipeline
        self.assertAlmostEqual(
            plan.gap_amount,
            10000.0 - plan.revenue_actual - lead.prorated_revenue,
            places=2,
        )

    def test_partner_top_whitespace(self):
        self.company.account_mgmt_whitespace_threshold = 30.0
        partner = self.accounts["D"].with_user(self.user_manager)
        top = partner.account_whitespace_top_ids
        self.assertEqual(top.mapped("categ_id"), self.categs["C2"] | self.categs["C3"])
        self.assertEqual(top.mapped("expected_value"), [4000.0, 300.0])
        # Bruno manages neither A nor D: nothing on their forms for him.
        self.assertFalse(
            self.accounts["D"].with_user(self.user_manager2).account_whitespace_top_ids
        )

    def test_access_per_role_and_company(self):
        keys = {key for key in self.accounts}
        anna = self._rows(env=self.env(user=self.user_manager))
        self.assertEqual({k for k, _c in anna}, {"A", "D"})
        bruno = self._rows(env=self.env(user=self.user_manager2))
        self.assertEqual({k for k, _c in bruno}, {"B", "C", "E"})
        for user in (self.user_director, self.user_finance):
            rows = self._rows(env=self.env(user=user))
            self.assertEqual({k for k, _c in rows}, keys)
        with self.assertRaises(AccessError):
            self.env[REPORT].with_user(self.user_plain).search([])
        # Another company's director sees none of these rows
        self.assertFalse(self._rows(env=self.env(user=self.user_bea)))
        # Anna can't create an opportunity from Bruno's account's row
        row = self._rows()["B", "C3"]
        with self.assertRaises(AccessError):
            row.with_user(self.user_manager).action_create_opportunity()

    def test_team_member_sees_account(self):
        self.env["account_mgmt.team.member"].sudo().create(
            {"partner_id": self.accounts["B"].id, "user_id": self.user_manager.id}
        )
        anna = self._rows(env=self.env(user=self.user_manager))
        self.assertEqual({k for k, _c in anna}, {"A", "B", "D"})

    def test_monthly_proposal_one_todo_per_manager(self):
        self.company.account_mgmt_whitespace_threshold = 30.0
        Partner = self.env["res.partner"]
        activity_type = self.env.ref(
            "account_mgmt_addon.mail_activity_type_account_whitespace"
        )
        ours = [self.user_manager.id, self.user_manager2.id]

        def todos():
            return self.env["mail.activity"].search(
                [
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "in", ours),
                ]
            )

        created = self.env["mail.activity"]
        for _call in range(50):
            batch = Partner._cron_account_mgmt_propose_whitespace(batch_size=1)
            self.assertLessEqual(len(batch), 1)
            if not batch:
                break
            created |= batch
        found = todos()
        self.assertEqual(sorted(found.user_id.ids), sorted(ours))
        anna_todo = found.filtered(lambda a: a.user_id == self.user_manager)
        # Anna: D C2 (4,000), then D C3 and A C3 (300 each): on account D
        self.assertEqual(anna_todo.res_id, self.accounts["D"].id)
        self.assertIn("3", anna_todo.summary)
        self.assertIn("WS C2", str(anna_todo.note))
        self.assertNotIn("WS B", str(anna_todo.note))
        # Again this month: no second to-do
        Partner._cron_account_mgmt_propose_whitespace()
        self.assertEqual(todos(), found)

    def test_proposal_skips_open_opportunities(self):
        row = self._rows()["D", "C2"]
        row.with_user(self.user_manager).action_create_opportunity()
        rows = self.env["res.partner"]._account_mgmt_new_whitespace()
        ours = [
            (r["partner_id"], r["categ_id"])
            for r in rows
            if r["partner_id"] in [a.id for a in self.accounts.values()]
        ]
        self.assertEqual(ours, [(self.accounts["E"].id, self.categs["C1"].id)])

    def test_top_whitespace_queries_per_batch(self):
        """The partner form's and the portfolio's top 3: one read of the report
        for any number of accounts (the query count doesn't grow with them)."""
        self.company.account_mgmt_whitespace_threshold = 30.0
        Report = self.env[REPORT].with_user(self.user_director)
        one = self.accounts["D"]
        five = self.env["res.partner"].browse([a.id for a in self.accounts.values()])
        Report._account_top_whitespace(five)  # warm the caches (rules, fields)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        Report._account_top_whitespace(one)
        queries_one = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        with self.assertQueryCount(queries_one):
            top = Report._account_top_whitespace(five)
        self.assertEqual(
            {key: len(top[account.id]) for key, account in self.accounts.items()},
            {"A": 1, "B": 1, "C": 0, "D": 2, "E": 1},
        )

    def test_who_creates_opportunities(self):
        row = self._rows()["D", "C2"]
        with self.assertRaises(AccessError):
            row.with_user(self.user_finance).action_create_opportunity()
        action = row.with_user(self.user_director).action_create_opportunity()
        lead = self.env["crm.lead"].browse(action["res_id"])
        # the account manager is the salesperson, whoever clicks
        self.assertEqual(lead.user_id, self.user_manager)

    def test_medians_are_percentile_cont(self):
        """Every row's peer figures against PostgreSQL's percentile_cont(0.5)
        over its peers' revenues (the peers as the issue defines them)."""
        rows = self._rows()
        revenue = {key: row.revenue for key, row in rows.items()}
        industry = {k: a.industry_id for k, a in self.accounts.items()}
        tier = {
            k: a.with_company(self.company).account_tier_id
            for k, a in self.accounts.items()
        }
        for (key, categ), row in rows.items():
            peers = [
                k for k in self.accounts if k != key and industry[k] == industry[key]
            ]
            if len(peers) < 3:
                peers = [
                    k
                    for k in self.accounts
                    if k != key and tier[key] and tier[k] == tier[key]
                ]
            bought = [revenue[k, categ] for k in peers if revenue[k, categ] > 0]
            median = 0.0
            if bought:
                self.env.cr.execute(
                    "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) "
                    "FROM unnest(%s::numeric[]) v",
                    [bought],
                )
                median = self.env.cr.fetchone()[0]
            with self.subTest(account=key, categ=categ):
                self.assertEqual(row.peer_count, len(peers))
                self.assertEqual(row.peer_buyer_count, len(bought))
                self.assertAlmostEqual(row.peer_median_revenue, median, places=2)

    # ------------------------------------------------------------------
    # The stored rows (the monthly job)
    # ------------------------------------------------------------------
    def test_stored_equals_live(self):
        """Every stored row of the company is the live statement's row, figure
        for figure; the report reads them, and reads the statement live (the
        same rows) where the job hasn't run for the current period."""
        live = self._live(self.company)
        stored = self._stored(self.company)
        self.assertEqual(len(stored), len(live))
        self.assertEqual(stored, live)
        ours = [a.id for a in self.accounts.values()]
        self.assertEqual(
            len([key for key in stored if key[0] in ours]), 15, "5 accounts x 3"
        )
        # D's C2 as stored: 3 peers, 3 buyers, median 4,000, expected 4,000
        d_c2 = stored[self.accounts["D"].id, self.categs["C2"].id, self.company.id]
        self.assertEqual(
            d_c2[3:],
            (0.0, 3.0, 3.0, 100.0, 4000.0, True, 4000.0),
        )
        Report = self.env[REPORT]
        self.assertEqual(
            Report._account_mgmt_stored_companies(self.company), self.company
        )
        stored_rows = {(r.id, r.expected_value) for r in self._rows().values()}
        self.env[RUN].sudo().search([("company_id", "=", self.company.id)]).unlink()
        self.env.invalidate_all()
        self.assertFalse(Report._account_mgmt_stored_companies(self.company))
        live_rows = {(r.id, r.expected_value) for r in self._rows().values()}
        self.assertEqual(live_rows, stored_rows)

    def test_job_killed_after_first_batch(self):
        """The job computes one company per batch; killed after its first batch
        (the cron runner commits each batch), run again: the companies left are
        computed, the first one is not computed twice, no row is duplicated,
        and every company's rows are the live statement's."""
        companies = self.env["res.company"].search([("chart_template", "!=", False)])
        self.assertGreaterEqual(len(companies), 2)
        self.env[RUN].sudo().search([]).unlink()
        self.env.cr.execute("DELETE FROM account_mgmt_whitespace_line")
        Line = self.env[LINE].sudo()
        done, remaining = Line._cron_account_mgmt_compute_whitespace()
        self.assertEqual((done, remaining), (1, len(companies) - 1))
        first = self.env[RUN].sudo().search([])
        self.assertEqual(len(first), 1)
        first_run = first.computed_on
        # ... killed here. The next run completes the others only.
        self.assertFalse(self._run_job(recompute=False))
        runs = self.env[RUN].sudo().search([])
        self.assertEqual(runs.company_id, companies)
        self.assertEqual(first.computed_on, first_run)
        self.env.cr.execute(
            """
            SELECT COUNT(*) FROM (
                SELECT 1 FROM account_mgmt_whitespace_line
                 GROUP BY partner_id, categ_id, company_id HAVING COUNT(*) > 1
            ) duplicates
            """
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertEqual(self._stored(companies), self._live(companies))
        for run in runs:
            self.assertEqual(run.line_count, len(self._stored(run.company_id)))
        # Nothing left: a further call computes nothing.
        self.assertEqual(Line._cron_account_mgmt_compute_whitespace(), (0, 0))
        # A batch that fails halfway writes nothing: the rows before it stay.
        before = self._stored(self.company)
        with self.assertRaises(ZeroDivisionError), self.env.cr.savepoint():
            Line._account_mgmt_compute(self.company)
            raise ZeroDivisionError
        self.assertEqual(self._stored(self.company), before)

    def test_threshold_refreshes_stored_rows(self):
        """Changing the threshold updates the stored rows' whitespace and
        expected value at once (no new computation: the run stays)."""
        run = self.env[RUN].sudo().search([("company_id", "=", self.company.id)])
        computed_on = run.computed_on
        key = (self.accounts["D"].id, self.categs["C3"].id, self.company.id)
        self.assertEqual(self._stored(self.company)[key][-2:], (False, 0.0))
        self.company.account_mgmt_whitespace_threshold = 30.0
        self.assertEqual(self._stored(self.company)[key][-2:], (True, 300.0))
        self.assertEqual(self._stored(self.company), self._live(self.company))
        self.company.account_mgmt_whitespace_threshold = 50.0
        self.assertEqual(self._stored(self.company)[key][-2:], (False, 0.0))
        self.assertEqual(run.computed_on, computed_on)

    def test_period_on_screen(self):
        """The menu's action names the months of the figures and when they
        were computed, or that they are computed live."""
        Report = self.env[REPORT].with_user(self.user_manager)
        date_from, date_to = last_12_months(
            fields.Date.context_today(self.env["res.partner"])
        )
        months = self.env["res.partner"]._account_mgmt_months_label(date_from, date_to)
        run = self.env[RUN].sudo().search([("company_id", "=", self.company.id)])
        run.computed_on = "2026-12-01 05:00:03"
        # in the manager's time zone and language
        self.assertEqual(
            Report._account_mgmt_period_label(),
            f"Figures for {months}, computed on "
            + format_datetime(
                Report.env, fields.Datetime.to_datetime("2026-12-01 05:00:03")
            ),
        )
        action = Report._account_mgmt_action()
        self.assertEqual(action["res_model"], REPORT)
        self.assertTrue(
            action["name"].startswith(f"Whitespace {months}, computed "), action["name"]
        )
        self.assertNotIn("live", action["name"])
        self.env[RUN].sudo().search([]).unlink()
        self.assertEqual(
            Report._account_mgmt_period_label(),
            f"Figures for {months}, computed live",
        )
        action = Report._account_mgmt_action()
        self.assertEqual(action["name"], f"Whitespace {months}, computed live")

    def test_top_whitespace_only_stored(self):
        """The account form and the portfolio card never compute the whole
        company's statement: without stored rows of the current period, no top
        3 (the report's list still computes them live)."""
        partner = self.accounts["D"].with_user(self.user_manager)
        self.assertEqual(partner.account_whitespace_top_ids.categ_id, self.categs["C2"])
        self.env[RUN].sudo().search([]).unlink()
        self.env.invalidate_all()
        self.assertFalse(partner.account_whitespace_top_ids)
        self.assertTrue(self._rows(env=self.env(user=self.user_manager)))

    def test_monthly_cron_computes_then_proposes(self):
        """The monthly cron computes the stored whitespace first (a call per
        company), then proposes from it."""
        self.env[RUN].sudo().search([]).unlink()
        Partner = self.env["res.partner"]
        companies = self.env[LINE]._account_mgmt_companies_to_compute()
        for _company in companies:
            self.assertFalse(Partner._cron_account_mgmt_propose_whitespace())
        self.assertFalse(self.env[LINE]._account_mgmt_companies_to_compute())
        todos = Partner._cron_account_mgmt_propose_whitespace()
        self.assertIn(self.user_manager, todos.user_id)
        anna = todos.filtered(lambda a: a.user_id == self.user_manager)
        # Anna's only whitespace at 50 %: D's C2, 4,000
        self.assertEqual(anna.res_id, self.accounts["D"].id)
        self.assertIn("WS C2", str(anna.note))
