# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The README's roles table, enforced: role x model x operation x record (the
tables are in access_common.py), and one failing-before example of each class of
holes of issue 14."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .access_common import (
    ALL,
    ANNA,
    BRUNO,
    CONFIG,
    GROUP_DIRECTOR,
    GROUP_FINANCE,
    GROUP_MANAGER,
    MASKED,
    NO_RECORDS,
    NO_RIGHT,
    PER_ACCOUNT_CREATE,
    PER_ACCOUNT_READ,
    PER_ACCOUNT_WRITE,
    RESTRICTED_FIELDS,
    RIGHTS_ONLY,
    ROLES,
    WIZARDS,
    A,
    AccessCommon,
)


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessCommon):
    # ------------------------------------------------------------------
    # Completeness: a new model or restricted field needs its row here.
    # ------------------------------------------------------------------
    def test_every_model_has_a_row(self):
        listed = (
            set(PER_ACCOUNT_READ)
            | set(CONFIG)
            | set(WIZARDS)
            | set(RIGHTS_ONLY)
            | NO_RECORDS
        )
        self.assertEqual(self._addon_models() - listed, set())
        self.assertEqual(listed - self._addon_models(), set())
        for model in PER_ACCOUNT_READ:
            self.assertIn(model, PER_ACCOUNT_WRITE)
            for key in ALL:
                self.assertTrue(
                    self.records[model][key], f"{model} has no record of {key}"
                )

    def test_every_restricted_field_has_a_row(self):
        restricted = set()
        for model in (*self._addon_models(), "res.partner", "crm.lead"):
            for fname, field in self.env[model]._fields.items():
                if field.groups and "account_mgmt_addon." in field.groups:
                    restricted.add((model, fname))
        self.assertEqual(restricted, set(RESTRICTED_FIELDS))

    # ------------------------------------------------------------------
    # Per-account records
    # ------------------------------------------------------------------
    def test_read(self):
        for model, expected in PER_ACCOUNT_READ.items():
            ours = self._all_records(model)
            for role, keys in expected.items():
                user = self.users[role]
                Model = self.env[model].with_user(user)
                with self.subTest(model=model, role=role):
                    if keys is NO_RIGHT:
                        with self.assertRaises(AccessError):
                            Model.search([("id", "in", ours.ids)])
                        continue
                    found = Model.search([("id", "in", ours.ids)])
                    self.assertEqual(self._keys(model, found), set(keys))
                    # read() agrees with search(), record by record
                    for key in ALL - set(keys):
                        self.env.invalidate_all()
                        record = self.records[model][key][:1].with_user(user)
                        try:
                            rows = record.read(["company_id"])
                        except AccessError:
                            rows = []
                        # (a report row of another company isn't even there)
                        self.assertFalse(rows, f"{role} reads {model} of {key}")

    def test_write_and_unlink(self):
        for model, (vals, writers) in PER_ACCOUNT_WRITE.items():
            for role in ROLES:
                allowed = writers.get(role, set())
                for key in ALL:
                    record = self.records[model][key][:1].with_user(self.users[role])
                    with self.subTest(model=model, role=role, record=key):
                        if key in allowed:
                            record.write(vals)
                        else:
                            with self.assertRaises(UserError):
                                record.write(vals)
                            with self.assertRaises(UserError):
                                record.unlink()

    def test_create(self):
        for model, creators in PER_ACCOUNT_CREATE.items():
            for role in ROLES:
                user = self.users[role]
                allowed = creators.get(role, set())
                for key in ALL:
                    account = self.accounts[key]
                    vals = {
                        "account_mgmt.interaction": {
                            "partner_id": account.id,
                            "company_id": self.companies[key].id,
                            "type_id": self.env.ref(
                                "account_mgmt_addon.interaction_type_call"
                            ).id,
                        },
                        "account_mgmt.plan": {
                            "name": "New plan",
                            "partner_id": account.id,
                            "user_id": user.id,
                            "company_id": self.companies[key].id,
                        },
                        "account_mgmt.team.member": {
                            "partner_id": account.id,
                            "user_id": self.users["paul"].id,
                        },
                    }[model]
                    company = self.companies[key]
                    if company not in user.company_ids:
                        company = user.company_id
                    Model = self.env[model].with_user(user).with_company(company)
                    with self.subTest(model=model, role=role, record=key):
                        if key in allowed:
                            Model.create(vals).sudo().unlink()
                        else:
                            with self.assertRaises(UserError):
                                Model.create(vals)

    # ------------------------------------------------------------------
    # Configuration, wizards, rights-only models
    # ------------------------------------------------------------------
    def test_configuration(self):
        for model, (vals, readers, writers) in CONFIG.items():
            for role in ROLES:
                user = self.users[role]
                for key, record in self.config_records[model].items():
                    with self.subTest(model=model, role=role, record=key):
                        self.assertTrue(record)
                        if key in readers.get(role, set()):
                            record.with_user(user).read(["display_name"])
                        else:
                            with self.assertRaises(AccessError):
                                record.with_user(user).read(["display_name"])
                        if key in writers.get(role, set()):
                            with self.env.cr.savepoint():
                                record.with_user(user).write(vals)
                        else:
                            with self.assertRaises(AccessError):
                                record.with_user(user).write(vals)

    def test_rights_only(self):
        for model, readers in RIGHTS_ONLY.items():
            for role in ROLES:
                Model = self.env[model].with_user(self.users[role])
                with self.subTest(model=model, role=role):
                    if role in readers:
                        Model.search([])
                    else:
                        with self.assertRaises(AccessError):
                            Model.search([])

    def test_workload_per_company(self):
        """The team workload of a company is its directors' only."""
        Workload = self.env["account_mgmt.workload.report"]
        for role, company in (("dora", self.company), ("bea", self.company_b)):
            with self.subTest(role=role):
                rows = Workload.with_user(self.users[role]).search([])
                everything = Workload.sudo().search([("company_id", "=", company.id)])
                self.assertTrue(everything)
                self.assertEqual(rows, everything.with_user(self.users[role]))

    def test_wizards_are_their_creators(self):
        """Class 3: Fred's ranking and Dora's tier preview aren't Anna's, Bruno's or
        another director's to read, change or run."""
        fred, dora = self.users["fred"], self.users["dora"]
        export = (
            self.env["account_mgmt.profitability.export"]
            .with_user(fred)
            .create({"date_from": "2024-01-01", "date_to": "2024-12-31"})
        )
        export.action_rank_accounts()
        self.assertTrue(export.ranking_line_ids)
        preview = (
            self.env["account_mgmt.tier.recompute"]
            .with_user(dora)
            .create({"company_id": self.company.id})
        )
        send_back = (
            self.env["account_mgmt.plan.send.back"]
            .with_user(dora)
            .create(
                {
                    "plan_id": self.records["account_mgmt.plan"]["own"].id,
                    "reason": "More detail",
                }
            )
        )
        settings = self.env["account_mgmt.settings"].with_user(dora).create({})
        Overview = self.env["account_mgmt.team.overview"].with_user(dora)
        overview = Overview.create(
            Overview.default_get(["tier_line_ids", "workload_line_ids"])
        )
        self.assertTrue(overview.tier_line_ids)
        wizards = {
            "account_mgmt.settings": settings,
            "account_mgmt.profitability.export": export,
            "account_mgmt.profitability.ranking.line": export.ranking_line_ids,
            "account_mgmt.tier.recompute": preview,
            "account_mgmt.tier.recompute.line": preview.line_ids,
            "account_mgmt.plan.send.back": send_back,
            "account_mgmt.team.overview": overview,
            "account_mgmt.team.overview.tier": overview.tier_line_ids,
            "account_mgmt.team.overview.workload": overview.workload_line_ids,
        }
        other_director = self._new_user("am_dino", "Dino Director", GROUP_DIRECTOR)
        other_finance = self._new_user("am_fanny", "Fanny Finance", GROUP_FINANCE)
        for model, records in wizards.items():
            creator = self.users[WIZARDS[model]]
            Model = self.env[model]
            with self.subTest(model=model):
                self.assertEqual(
                    Model.with_user(creator).search([("id", "in", records.ids)]),
                    records,
                )
                for user in (
                    self.users["anna"],
                    self.users["bruno"],
                    other_director,
                    other_finance,
                ):
                    try:
                        found = Model.with_user(user).search(
                            [("id", "in", records.ids)]
                        )
                    except AccessError:
                        continue  # no right on the model at all
                    self.assertFalse(found)
                    if records:
                        with self.assertRaises(AccessError):
                            records[:1].with_user(user).read(["id"])
                        with self.assertRaises(AccessError):
                            records[:1].with_user(user).write({})
                            records[:1].with_user(user).unlink()
        for user in (self.users["anna"], other_finance):
            with self.assertRaises(AccessError):
                export.with_user(user).action_rank_accounts()
        with self.assertRaises(AccessError):
            preview.with_user(other_director).action_apply()

    # ------------------------------------------------------------------
    # Restricted fields: read, search, order, read_group, name_search
    # ------------------------------------------------------------------
    def _restricted_record(self, model):
        if model == "res.partner":
            return self.env["res.partner"].browse(
                [a.id for a in self.accounts.values()]
            )
        if model == "crm.lead":
            return self.env["crm.lead"].sudo().search([], limit=1)
        return self._all_records(model)

    def test_restricted_fields(self):
        """Class 4: margins are no oracle for those who may not read them."""
        for (model, fname), audience in RESTRICTED_FIELDS.items():
            field = self.env[model]._fields[fname]
            for role in ROLES:
                user = self.users[role]
                Model = self.env[model].with_user(user)
                try:
                    visible = Model.search(
                        [("id", "in", self._restricted_record(model).ids)]
                    )
                except AccessError:
                    continue  # no right on the model: nothing to read anyway
                operations = {"read": lambda v=visible, f=fname: v[:1].read([f])}
                if visible:  # (an empty export reads nothing)
                    operations["export"] = lambda v=visible, f=fname: v[:1].export_data(
                        [f]
                    )
                if field.store and field.column_type:  # a column: search, order, group
                    operations.update(
                        {
                            "search": lambda M=Model, f=fname: M.search_count(
                                [(f, "!=", False)]
                            ),
                            "oracle": lambda M=Model, f=fname: M.search_count(
                                [("id", "=", 1), (f, "!=", False)]
                            ),
                            "order": lambda M=Model, f=fname: M.search(
                                [], order=f"{f} desc", limit=1
                            ),
                            "name_search": lambda M=Model, f=fname: M.name_search(
                                "", args=[(f, "!=", False)], limit=1
                            ),
                            "aggregate": lambda M=Model, f=fname: M.read_group(
                                [], [f"{f}:count"], []
                            ),
                            "group_by": lambda M=Model, f=fname: M.read_group(
                                [], ["id:count"], [f], lazy=False
                            ),
                        }
                    )
                for name, operation in operations.items():
                    with self.subTest(model=model, field=fname, role=role, op=name):
                        if role in audience:
                            operation()
                        else:
                            with self.assertRaises(AccessError):
                                operation()

    # ------------------------------------------------------------------
    # Values masked record by record: read and export_data agree
    # ------------------------------------------------------------------
    def _masked_records(self):
        """{model: {key: record}} of the models of MASKED, with a plan of Anna on
        the unassigned account (hers to read, not her account's figures)."""
        plans = self.records["account_mgmt.plan"]
        anna_plan = plans["unassigned"].sudo().copy({"user_id": self.users["anna"].id})
        plans = {key: plans[key] for key in A} | {"anna_plan": anna_plan}
        return {
            "res.partner": {key: self.accounts[key] for key in A},
            "account_mgmt.plan": plans,
            "account_mgmt.plan.objective": {
                key: plan.objective_ids for key, plan in plans.items()
            },
        }

    def _masked_values(self, records):
        """Known, non-empty values of every masked field."""
        self.company.account_mgmt_managers_see_profitability = True
        for account in records["res.partner"].values():
            account.sudo().write(
                {
                    "account_health_score": 55.0,
                    "account_health_band": "amber",
                    "account_health_trend": "down",
                    "account_health_date": "2024-04-01",
                    "account_health_main_reason": "Revenue down 20 %",
                    "account_annual_revenue": 24000.0,
                    "account_gross_margin": 9600.0,
                    "account_margin_percent": 40.0,
                    "account_group_revenue": 30000.0,
                    "account_group_gross_margin": 12000.0,
                    "account_group_margin_percent": 40.0,
                    "account_group_share": 80.0,
                }
            )
        for plan in records["account_mgmt.plan"].values():
            plan.sudo().write(
                {
                    "revenue_target": 4000.0,
                    "margin_target": 1000.0,
                    "revenue_actual_final": 1500.0,
                    "margin_actual_final": 600.0,
                }
            )
            plan.objective_ids.sudo().actual_final = 750.0

    def test_masked_fields_listed(self):
        """Every value the code masks record by record has its row in MASKED."""
        records = self._masked_records()
        anna = self.users["anna"]
        found = set()
        for model in self.env.registry:
            Model = self.env[model]
            if Model._abstract or not hasattr(Model, "_account_mgmt_masked"):
                continue
            if model in records:
                ids = [rec.id for recs in records[model].values() for rec in recs]
            elif model in self.records:
                ids = self._all_records(model).ids
            else:
                ids = Model.sudo().search([], limit=50).ids
            try:  # (values of the records she reads)
                readable = Model.with_user(anna).search([("id", "in", ids)])
            except AccessError:
                continue
            masked = readable._account_mgmt_masked(set(Model._fields))
            found |= {(model, fname) for fname, hidden in masked.items() if hidden}
        self.assertEqual(found, set(MASKED))

    def test_export_as_read(self):
        """Item 1 of issue 14: export_data shows a masked value as read does
        (empty), on its own records and through a relation; the others' values
        are exported as they are read. Anna (with the profitability setting on)
        sees her accounts' (own, team) health and figures; Bruno his (team,
        other); Dora every account's; nobody's plan on the unassigned account has
        the account's figures for an account manager (Anna's own plan there)."""
        records = self._masked_records()
        self._masked_values(records)
        expected = {
            "anna": {"own", "team"},
            "bruno": {"team", "other"},
            "dora": A | {"anna_plan"},
            "fred": A,
        }
        for model, fname in MASKED:
            by_id = {
                rec.id: key for key, recs in records[model].items() for rec in recs
            }
            for role, keys in expected.items():
                Model = self.env[model].with_user(self.users[role])
                try:
                    visible = Model.search([("id", "in", list(by_id))])
                except AccessError:
                    continue  # no right on the model (finance and plans)
                with self.subTest(model=model, field=fname, role=role):
                    self.assertTrue(visible)
                    read = {row["id"]: row[fname] for row in visible.read([fname])}
                    exported = {
                        int(row[0]): row[1]
                        for row in visible.export_data([".id", fname])["datas"]
                    }
                    for record in visible:
                        key = by_id[record.id]
                        if key in keys:
                            self.assertTrue(read[record.id], key)
                            self.assertNotIn(exported[record.id], ("", False), key)
                        else:
                            self.assertFalse(read[record.id], key)
                            self.assertIn(exported[record.id], ("", 0.0), key)
        # Through a relation: every account's team line is Anna's to read, its
        # account's health isn't.
        lines = self._all_records("account_mgmt.team.member").filtered(
            lambda line: (
                line.partner_id in self.accounts["other"] | self.accounts["own"]
            )
        )
        rows = lines.with_user(self.users["anna"]).export_data(
            ["partner_id/.id", "partner_id/account_health_band"]
        )["datas"]
        self.assertEqual(
            {int(account_id): band for account_id, band in rows},
            {self.accounts["own"].id: "Amber", self.accounts["other"].id: ""},
        )
        # The figures of the plans: the exported figures are those of the read.
        plan = records["account_mgmt.plan"]["own"].with_user(self.users["anna"])
        self.assertEqual(
            plan.export_data(["revenue_actual", "revenue_progress", "margin_actual"])[
                "datas"
            ],
            [[2000.0, 50.0, 800.0]],  # 2 x 1,000 invoiced, 2 x (1,000 - 600)
        )

    def test_plan_pdf_as_read(self):
        """The plan's PDF shows its revenue (and margin) figures only where the
        form shows them: not on Anna's own plan of the unassigned account."""
        anna = self.users["anna"]
        mine = self._masked_records()["account_mgmt.plan"]["anna_plan"]
        Report = self.env["ir.actions.report"].with_user(anna)
        report = "account_mgmt_addon.report_account_mgmt_plan"
        own = self.records["account_mgmt.plan"]["own"]
        html = str(Report._render_qweb_html(report, own.ids)[0])
        self.assertIn("2,000.00", html)  # 2 x 1,000 invoiced in 2024
        self.assertEqual(
            own.with_user(anna).read(["revenue_actual"])[0]["revenue_actual"], 2000.0
        )
        html = str(Report._render_qweb_html(report, mine.ids)[0])
        self.assertNotIn("2,000.00", html)
        self.assertFalse(
            mine.with_user(anna).read(["revenue_actual"])[0]["revenue_actual"]
        )

    def test_profitability_setting(self):
        """The company setting makes Account Manager imply the profitability group:
        Anna reads her accounts' margins and profitability rows, never Bruno's."""
        anna = self.users["anna"]
        own, other = self.accounts["own"], self.accounts["other"]
        with self.assertRaises(AccessError):
            own.with_user(anna).read(["account_gross_margin"])
        self.company.account_mgmt_managers_see_profitability = True
        self.assertTrue(
            anna.has_group("account_mgmt_addon.group_account_mgmt_profitability")
        )
        own.with_user(anna).read(["account_gross_margin"])
        # ... of her accounts only: Bruno's read empty and aren't found
        self.accounts["other"].sudo().account_gross_margin = 5000.0
        own.sudo().account_gross_margin = 800.0
        self.assertEqual(
            own.with_user(anna).read(["account_gross_margin"])[0][
                "account_gross_margin"
            ],
            800.0,
        )
        self.assertFalse(
            other.with_user(anna).read(["account_gross_margin"])[0][
                "account_gross_margin"
            ]
        )
        ids = [self.accounts[key].id for key in sorted(A)]
        with_margin = (
            self.env["res.partner"]
            .with_user(anna)
            .search([("id", "in", ids), ("account_gross_margin", "!=", 12345.0)])
        )
        self.assertEqual(with_margin, self.accounts["own"] | self.accounts["team"])
        Report = self.env["account_mgmt.profitability.report"].with_user(anna)
        found = Report.search(
            [("id", "in", self._all_records("account_mgmt.profitability.report").ids)]
        )
        self.assertEqual(self._keys("account_mgmt.profitability.report", found), ANNA)
        plan = self.records["account_mgmt.plan"]["own"].with_user(anna)
        self.assertEqual(plan.margin_actual, 800.0)  # 2 x (1,000 - 600)
        self.assertEqual(plan.objective_ids.actual, 800.0)
        with self.assertRaises(AccessError):
            self.records["account_mgmt.plan"]["other"].with_user(anna).read(
                ["margin_actual"]
            )
        # Off again: the group goes, directors and finance keep it.
        self.company.account_mgmt_managers_see_profitability = False
        self.env.invalidate_all()
        self.assertFalse(
            anna.has_group("account_mgmt_addon.group_account_mgmt_profitability")
        )
        for role in ("dora", "fred"):
            self.assertTrue(
                self.users[role].has_group(
                    "account_mgmt_addon.group_account_mgmt_profitability"
                )
            )
        with self.assertRaises(AccessError):
            plan.read(["margin_actual"])
        self.assertEqual(plan.objective_ids.actual, 0.0)  # masked
        plan.objective_ids.sudo().actual_final = 750.0
        self.assertEqual(
            plan.objective_ids.read(["actual_final"])[0]["actual_final"], 0.0
        )
        self.assertEqual(plan.objective_ids.sudo().actual_final, 750.0)
        self.assertEqual(plan.objective_ids.progress, 0.0)
        self.assertEqual(plan.sudo().objective_ids.actual, 800.0)
        self.assertEqual(plan.sudo().objective_ids.progress, 80.0)  # 800 / 1,000

    def test_profitability_setting_is_global(self):
        """Item 4 of issue 14: the setting gives account managers a group, and
        groups are global. Set from company A only, it lets Bob, an account
        manager of company B alone, read the margins of his own accounts in
        company B (as the setting's help and the README say); never the other
        accounts' there. The profitability report follows each row's company's
        setting: none of company B's rows for him."""
        bob = self._new_user(
            "am_bob", "Bob Manager B", GROUP_MANAGER, company=self.company_b
        )
        bobs = self._account(
            "Bob Ltd", account_manager_id=bob.id, company_id=self.company_b.id
        )
        self._post_move(
            bobs,
            "2024-03-15",
            [(self.product_goods, 1, 1000.0)],
            company=self.company_b,
        )
        in_b = self.env["res.partner"].with_company(self.company_b).sudo()
        in_b.browse(bobs.id).account_gross_margin = 700.0
        in_b.browse(self.accounts["b"].id).account_gross_margin = 900.0
        self.assertFalse(self.company_b.account_mgmt_managers_see_profitability)
        Partner = self.env["res.partner"].with_user(bob).with_company(self.company_b)
        with self.assertRaises(AccessError):
            Partner.browse(bobs.id).read(["account_gross_margin"])
        self.company.account_mgmt_managers_see_profitability = True  # company A
        self.env.invalidate_all()
        self.assertTrue(
            bob.has_group("account_mgmt_addon.group_account_mgmt_profitability")
        )
        rows = {
            row["id"]: row["account_gross_margin"]
            for row in Partner.browse([bobs.id, self.accounts["b"].id]).read(
                ["account_gross_margin"]
            )
        }
        self.assertEqual(rows, {bobs.id: 700.0, self.accounts["b"].id: False})
        Report = self.env["account_mgmt.profitability.report"]
        self.assertTrue(Report.sudo().search([("partner_id", "=", bobs.id)]))
        self.assertFalse(
            Report.with_user(bob)
            .with_company(self.company_b)
            .search([("partner_id", "=", bobs.id)])
        )

    # ------------------------------------------------------------------
    # The classes of holes, one example each (all fail before the fix)
    # ------------------------------------------------------------------
    def test_team_line_moved_to_another_account(self):
        """Class 1: the rule is checked on the new account of the team line."""
        anna = self.users["anna"]
        line = (
            self.env["account_mgmt.team.member"]
            .with_user(anna)
            .create({"partner_id": self.accounts["own"].id, "user_id": anna.id})
        )
        with self.assertRaises(AccessError):
            line.write({"partner_id": self.accounts["other"].id})
        # and so she never gets the other account's receivables
        receivables = self.env["account_mgmt.receivable.report"].with_user(anna)
        self.assertFalse(
            receivables.search([("partner_id", "=", self.accounts["other"].id)])
        )
        # An interaction or plan moved to another account: refused too.
        interaction = self.records["account_mgmt.interaction"]["own"].with_user(anna)
        with self.assertRaises(AccessError):
            interaction.write({"partner_id": self.accounts["other"].id})
        plan = self.records["account_mgmt.plan"]["own"].with_user(anna)
        with self.assertRaises(AccessError):
            plan.write({"partner_id": self.accounts["other"].id})

    def test_plan_on_another_account(self):
        """Class 2: no plan on an account she can't work on, no handing it over."""
        anna = self.users["anna"]
        Plan = self.env["account_mgmt.plan"].with_user(anna)
        with self.assertRaisesRegex(AccessError, "You can't work on account Other"):
            Plan.create(
                {
                    "name": "Spy",
                    "partner_id": self.accounts["other"].id,
                    "user_id": anna.id,
                    "date_start": "2020-01-01",
                    "date_end": "2030-12-31",
                }
            )
        plan = Plan.create({"name": "Mine", "partner_id": self.accounts["own"].id})
        with self.assertRaisesRegex(AccessError, "can be owned by you"):
            plan.write({"user_id": self.users["paul"].id})
        plan.write({"user_id": self.user_carla.id})  # on the account's team
        with self.assertRaises(AccessError):
            plan.with_user(anna).read(["margin_actual"])

    def test_links_checked_at_write(self):
        """Class 5: links to other people's things are checked before any sudo."""
        anna = self.users["anna"]
        bruno_interaction = self.records["account_mgmt.interaction"]["other"]
        planned = bruno_interaction.sudo().copy(
            {"state": "planned", "date": "2030-01-01 10:00:00"}
        )
        # A plan action pointed at Bruno's activity: refused.
        activity = planned.sudo().activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.users["bruno"].id
        )
        action = self.records["account_mgmt.plan.action"]["own"].with_user(anna)
        with self.assertRaises(UserError):  # can't read it; set by the add-on
            action.write({"activity_id": activity.id})
        own_todo = self.accounts["own"].activity_schedule(
            "mail.mail_activity_data_todo", user_id=anna.id
        )
        with self.assertRaisesRegex(UserError, "set by the add-on itself"):
            action.write({"activity_id": own_todo.id})
        # Her own activity linked to Bruno's planned interaction: refused.
        own_activity = (
            self.accounts["own"]
            .with_user(anna)
            .activity_schedule("mail.mail_activity_data_todo", user_id=anna.id)
        )
        with self.assertRaises(AccessError):
            own_activity.write({"account_mgmt_interaction_id": planned.id})
        self.assertEqual(planned.state, "planned")
        # Forged author, and a link to a lead she can't read (whose name the
        # display would disclose).
        Interaction = self.env["account_mgmt.interaction"].with_user(anna)
        vals = {
            "partner_id": self.accounts["own"].id,
            "type_id": self.env.ref("account_mgmt_addon.interaction_type_call").id,
        }
        with self.assertRaisesRegex(AccessError, "only as yourself"):
            Interaction.create(dict(vals, user_id=self.users["bruno"].id))
        # A next step is planned for a colleague of the account, not anyone.
        with self.assertRaisesRegex(AccessError, "Paul Plain is neither"):
            Interaction.create(dict(vals, next_user_id=self.users["paul"].id))
        logged = Interaction.create(dict(vals, next_user_id=self.user_carla.id))
        self.assertEqual(logged.user_id, anna)
        secret = self.env["crm.lead"].create(
            {
                "name": "Secret deal",
                "partner_id": self.accounts["own"].id,
                "user_id": self.users["bruno"].id,
            }
        )
        with self.assertRaises(AccessError):
            Interaction.create(dict(vals, lead_id=secret.id))

    def test_tiering_context_key_from_rpc(self):
        """Class 6: a director's write with the internal context key still
        records the change in the tier history."""
        dora = self.users["dora"]
        tier = self.env["account_mgmt.tier"].search(
            [("company_id", "in", (False, self.company.id))], limit=1
        )
        account = self.accounts["own"].with_user(dora)
        History = self.env["account_mgmt.tier.history"].sudo()
        before = History.search_count([("partner_id", "=", account.id)])
        account.with_context(account_mgmt_tiering=True).write(
            {"account_tier_id": tier.id}
        )
        self.assertEqual(
            History.search_count([("partner_id", "=", account.id)]), before + 1
        )

    def test_health_of_other_accounts(self):
        """Class 7: an account manager reads, filters and groups the health of
        her accounts only; directors and finance every account's."""
        ids = [self.accounts[key].id for key in sorted(A)]
        sudo_rows = {
            row["id"]: row
            for row in self.env["res.partner"]
            .browse(ids)
            .read(["account_health_band", "account_health_main_reason"])
        }
        self.assertTrue(all(row["account_health_band"] for row in sudo_rows.values()))
        for role, keys in (("anna", ANNA), ("bruno", BRUNO), ("dora", A), ("fred", A)):
            Partner = self.env["res.partner"].with_user(self.users[role])
            own = {self.accounts[key].id for key in keys}
            with self.subTest(role=role):
                for row in Partner.browse(ids).read(
                    ["account_health_band", "account_health_main_reason"]
                ):
                    expected = sudo_rows[row["id"]] if row["id"] in own else {}
                    self.assertEqual(
                        row["account_health_band"],
                        expected.get("account_health_band", False),
                    )
                    self.assertEqual(
                        row["account_health_main_reason"],
                        expected.get("account_health_main_reason", False),
                    )
                found = Partner.search(
                    [("id", "in", ids), ("account_health_band", "!=", False)]
                )
                self.assertEqual(set(found.ids), own)
                groups = Partner.read_group(
                    [("id", "in", ids)], ["id:count"], ["account_health_band"]
                )
                self.assertEqual(
                    sum(g["account_health_band_count"] for g in groups),
                    len(own) if role in ("anna", "bruno") else 4,
                )

    def test_health_no_oracle_paths(self):
        """Item 6 of issue 14: name_search args, order, read_group (lazy, and
        by month of the health date) and a domain through another model's
        relation that name a masked field only find Anna's accounts."""
        anna = self.users["anna"]
        Partner = self.env["res.partner"].with_user(anna)
        ids = [self.accounts[key].id for key in sorted(A)]
        own = {self.accounts["own"].id, self.accounts["team"].id}
        self.assertFalse(
            Partner.name_search("Other", args=[("account_health_band", "!=", False)])
        )
        self.assertEqual(
            {
                id_
                for id_, _name in Partner.name_search(
                    "Ltd", args=[("account_health_score", ">=", 0)], limit=10
                )
                if id_ in ids
            },
            own,
        )
        ordered = Partner.search([("id", "in", ids)], order="account_health_score")
        self.assertEqual(set(ordered.ids), own)
        for groupby, lazy in (
            (["account_health_band", "account_health_trend"], True),
            (["account_health_date:month"], False),
        ):
            groups = Partner.read_group(
                [("id", "in", ids)], ["id:count"], groupby, lazy=lazy
            )
            count = "__count" if not lazy else f"{groupby[0]}_count"
            self.assertEqual(sum(g[count] for g in groups), 2, groupby)
        lines = (
            self.env["account_mgmt.team.member"]
            .with_user(anna)
            .search(
                [
                    ("partner_id", "in", ids),
                    ("partner_id.account_health_band", "!=", False),
                ]
            )
        )
        self.assertEqual(set(lines.partner_id.ids), own)

    def test_directors_configure(self):
        """Class 8: a director opens and saves the add-on's settings (Odoo's
        Settings save for administrators only); others can't."""
        dora = self.users["dora"]
        Settings = self.env["account_mgmt.settings"]
        settings = Settings.with_user(dora).create({})
        self.assertEqual(settings.company_id, self.company)
        self.assertEqual(settings.account_mgmt_default_cadence_days, 90)
        settings.write(
            {
                "account_mgmt_managers_see_profitability": True,
                "account_mgmt_default_cadence_days": 45,
            }
        )
        settings.action_save()
        self.assertTrue(self.company.account_mgmt_managers_see_profitability)
        self.assertEqual(self.company.account_mgmt_default_cadence_days, 45)
        self.assertTrue(
            self.users["anna"].has_group(
                "account_mgmt_addon.group_account_mgmt_profitability"
            )
        )
        # the company's own checks still apply
        settings.write({"account_mgmt_health_amber_min": 90})
        with self.assertRaises(ValidationError):
            settings.action_save()
        for role in ("anna", "fred", "paul"):
            with self.assertRaises(AccessError):
                Settings.with_user(self.users[role]).create({})
        # Bea directs company B, not this company
        settings_b = Settings.with_user(self.users["bea"]).create({})
        self.assertEqual(settings_b.company_id, self.company_b)
        settings_b.sudo().company_id = self.company
        with self.assertRaises(AccessError):
            settings_b.with_user(self.users["bea"]).action_save()

    def test_clean_errors_on_bad_values(self):
        """Class 9: bad values get a clean error in the user's words."""
        anna = self.users["anna"]
        Interaction = self.env["account_mgmt.interaction"].with_user(anna)
        for bad in ("abc", [1, 2], {"partner_id": "x"}, {"partner_id": -4}):
            with self.subTest(bad=bad), self.assertRaises(UserError):
                Interaction.create(bad)
        with self.assertRaises(UserError):
            self.records["account_mgmt.plan"]["own"].with_user(anna).write("oops")
        with self.assertRaisesRegex(UserError, "one Account Plan at a time"):
            self.env["account_mgmt.plan"].with_user(anna).action_send_back()
