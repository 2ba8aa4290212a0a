# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the access matrix and the public methods tests.

The README's roles table as a table: role x model x operation x record.

Roles (users): Anna and Bruno are account managers, Dora a director, Fred finance,
Sam a plain sales user, Paul an internal user without any of these groups, and Bea
the director of another company.

Records, seen from Anna: ``own`` (Anna manages it), ``team`` (Bruno manages it,
Anna is on its team), ``other`` (Bruno's, Anna has nothing to do with it),
``unassigned`` (no account manager) and ``b`` (an account of company B, Bea's).
Each account has one record of every per-account model (interaction, team line,
tier change, health snapshot and breakdown, profitability and receivable rows,
plan, objective, action, stakeholder).

The test enumerates the add-on's models and its fields restricted by ``groups=``:
a model or a restricted field without a row in the tables below fails it.
"""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from .plan_common import PlanCommon

GROUP_MANAGER = "account_mgmt_addon.group_account_manager"
GROUP_DIRECTOR = "account_mgmt_addon.group_account_director"
GROUP_FINANCE = "account_mgmt_addon.group_account_finance"

ROLES = ("anna", "bruno", "dora", "fred", "sam", "paul", "bea")
A = frozenset({"own", "team", "other", "unassigned"})
ALL = A | {"b"}
ANNA = frozenset({"own", "team"})
BRUNO = frozenset({"team", "other"})
B = frozenset({"b"})
NONE = frozenset()
NO_RIGHT = None  # no access right on the model at all: AccessError

# Per-account models: who reads (search) the record of which account.
PER_ACCOUNT_READ = {
    "account_mgmt.interaction": {
        "anna": ANNA,
        "bruno": BRUNO,
        "dora": A,
        "fred": NO_RIGHT,
        "sam": NONE,  # sales users: their own interactions (none here)
        "paul": NO_RIGHT,
        "bea": B,
    },
    "account_mgmt.team.member": {
        # Account teams are people, not figures: every internal user of the
        # company reads them (to know whom to ask); only the manager edits them.
        "anna": A,
        "bruno": A,
        "dora": A,
        "fred": A,
        "sam": A,
        "paul": A,
        # The accounts are partners shared by the companies, so are their teams
        # (people, the same in every company).
        "bea": ALL,
    },
    "account_mgmt.tier.history": {
        "anna": ANNA,
        "bruno": BRUNO,
        "dora": A,
        "fred": A,
        "sam": NO_RIGHT,
        "paul": NO_RIGHT,
        "bea": B,
    },
    "account_mgmt.health.snapshot": {
        "anna": ANNA,
        "bruno": BRUNO,
        "dora": A,
        "fred": A,
        "sam": NO_RIGHT,
        "paul": NO_RIGHT,
        "bea": B,
    },
    "account_mgmt.health.snapshot.line": {
        "anna": ANNA,
        "bruno": BRUNO,
        "dora": A,
        "fred": A,
        "sam": NO_RIGHT,
        "paul": NO_RIGHT,
        "bea": B,
    },
    # Setting "account managers see the profitability of their accounts" off
    # (test_profitability_setting for on).
    "account_mgmt.profitability.report": {
        "anna": NONE,
        "bruno": NONE,
        "dora": A,
        "fred": A,
        "sam": NO_RIGHT,
        "paul": NO_RIGHT,
        "bea": B,
    },
    # A profitability cell's lines: the report's rules.
    "account_mgmt.profitability.breakdown": {
        "anna": NONE,
        "bruno": NONE,
        "dora": A,
        "fred": A,
        "sam": NO_RIGHT,
        "paul": NO_RIGHT,
        "bea": B,
    },
    "account_mgmt.receivable.report": {
        "anna": ANNA,
        "bruno": BRUNO,
        "dora": A,
        "fred": A,
        "sam": NO_RIGHT,
        "paul": NO_RIGHT,
        "bea": B,
    },
    # Whitespace rows (account x category, last 12 months): the account's team,
    # directors and finance; peer figures are aggregates of the row.
    "account_mgmt.whitespace.report": {
        "anna": ANNA,
        "bruno": BRUNO,
        "dora": A,
        "fred": A,
        "sam": NO_RIGHT,
        "paul": NO_RIGHT,
        "bea": B,
    },
    # Budget vs actual rows (account x month): revenue follows the account (its
    # team, directors, finance).
    "account_mgmt.budget.report": {
        "anna": ANNA,
        "bruno": BRUNO,
        "dora": A,
        "fred": A,
        "sam": NO_RIGHT,
        "paul": NO_RIGHT,
        "bea": B,
    },
    # ... and the stored rows the monthly job writes (the same rules).
    "account_mgmt.whitespace.line": {
        "anna": ANNA,
        "bruno": BRUNO,
        "dora": A,
        "fred": A,
        "sam": NO_RIGHT,
        "paul": NO_RIGHT,
        "bea": B,
    },
}
PLAN_READ = {
    "anna": ANNA,
    "bruno": BRUNO,
    "dora": A,
    "fred": NO_RIGHT,
    "sam": NO_RIGHT,
    "paul": NO_RIGHT,
    "bea": B,
}
for _model in (
    "account_mgmt.plan",
    "account_mgmt.plan.objective",
    "account_mgmt.plan.action",
    "account_mgmt.plan.stakeholder",
):
    PER_ACCOUNT_READ[_model] = PLAN_READ

# Who changes (write, then unlink) the record of which account.
PER_ACCOUNT_WRITE = {
    "account_mgmt.interaction": (
        {"outcome": "Noted"},
        {"anna": ANNA, "bruno": BRUNO, "dora": A, "bea": B},
    ),
    "account_mgmt.team.member": (
        {"region": "North"},
        {"anna": {"own"}, "bruno": BRUNO, "dora": A, "bea": ALL},
    ),
    "account_mgmt.plan": (
        {"strategy": "<p>Grow</p>"},
        {"anna": ANNA, "bruno": BRUNO, "dora": A, "bea": B},
    ),
    "account_mgmt.plan.objective": (
        {"description": "Measured"},
        {"anna": ANNA, "bruno": BRUNO, "dora": A, "bea": B},
    ),
    "account_mgmt.plan.action": (
        {"note": "Call first"},
        {"anna": ANNA, "bruno": BRUNO, "dora": A, "bea": B},
    ),
    "account_mgmt.plan.stakeholder": (
        {"notes": "Decides"},
        {"anna": ANNA, "bruno": BRUNO, "dora": A, "bea": B},
    ),
    # Written by the add-on only (jobs, reports): nobody changes them.
    "account_mgmt.tier.history": ({"reason": "x"}, {}),
    "account_mgmt.health.snapshot": ({"score": 1.0}, {}),
    "account_mgmt.health.snapshot.line": ({"score": 1.0}, {}),
    "account_mgmt.profitability.report": ({"revenue": 1.0}, {}),
    "account_mgmt.receivable.report": ({"amount_residual": 1.0}, {}),
    "account_mgmt.profitability.breakdown": ({"revenue": 1.0}, {}),
    "account_mgmt.whitespace.report": ({"revenue": 1.0}, {}),
    "account_mgmt.budget.report": ({"budget_amount": 1.0}, {}),
    "account_mgmt.whitespace.line": ({"revenue": 1.0}, {}),
}

# Who creates a record on which account (as themselves).
PER_ACCOUNT_CREATE = {
    "account_mgmt.interaction": {
        "anna": ANNA | {"unassigned"},
        "bruno": BRUNO | {"unassigned"},
        "dora": A,
        "bea": B,
    },
    "account_mgmt.plan": {
        "anna": ANNA | {"unassigned"},
        "bruno": BRUNO | {"unassigned"},
        "dora": A,
        "bea": B,
    },
    "account_mgmt.team.member": {
        "anna": {"own"},
        "bruno": BRUNO,
        "dora": A,
        "bea": ALL,
    },
}

# Configuration models, one record per company ("a", "b"): who reads, who writes.
CONFIG = {
    "account_mgmt.tier": (
        {"description": "Ours"},
        {r: {"a"} for r in ROLES if r != "bea"} | {"bea": {"b"}},
        {"dora": {"a"}, "bea": {"b"}},
    ),
    "account_mgmt.interaction.type": (
        {"default_duration": 0.75},
        {r: {"a"} for r in ROLES if r != "bea"} | {"bea": {"b"}},
        {"dora": {"a"}, "bea": {"b"}},
    ),
    "account_mgmt.health.measure": (
        {"description": "Ours"},
        {"anna": {"a"}, "bruno": {"a"}, "dora": {"a"}, "fred": {"a"}, "bea": {"b"}},
        {"dora": {"a"}, "bea": {"b"}},
    ),
    "account_mgmt.cost.pool": (
        {"name": "Renamed"},
        {"dora": {"a"}, "fred": {"a"}, "bea": {"b"}},
        {"dora": {"a"}, "fred": {"a"}, "bea": {"b"}},
    ),
}

# Wizards: their creator's only (read, write, run), lines follow the wizard.
WIZARDS = {
    "account_mgmt.profitability.export": "fred",
    "account_mgmt.profitability.ranking.line": "fred",
    "account_mgmt.tier.recompute": "dora",
    "account_mgmt.tier.recompute.line": "dora",
    "account_mgmt.plan.send.back": "dora",
    "account_mgmt.settings": "dora",
    "account_mgmt.team.overview": "dora",
    "account_mgmt.team.overview.tier": "dora",
    "account_mgmt.team.overview.workload": "dora",
}

# Read-only rows of finance: no per-account record here (cost allocations are
# made by cost pools); access rights only.
RIGHTS_ONLY = {
    "account_mgmt.cost.allocation": {"dora", "fred", "bea"},
    # Team workload: rows per person and objective, directors of the company only
    # (test_workload_per_company).
    "account_mgmt.workload.report": {"dora", "bea"},
    # When each company's stored whitespace was computed: whoever reads it.
    "account_mgmt.whitespace.run": {"anna", "bruno", "dora", "fred", "bea"},
    # What a run of automatic tiering still has to write: the job's, read by
    # administrators only.
    "account_mgmt.tiering.queue": set(),
}

# Abstract models and report renderers: no records (their public methods are
# called in test_public_methods).
NO_RECORDS = {
    "account_mgmt.access.mixin",
    "account_mgmt.grouped.report.mixin",
    "account_mgmt.demo",
    "report.account_mgmt_addon.profitability_xlsx",
    "report.account_mgmt_addon.report_client_profitability",
    "report.account_mgmt_addon.report_account_review",
    "report.account_mgmt_addon.budget_xlsx",
}

# Fields restricted by groups=: who may read, search, order and group by them.
# "profitability": finance, directors, and account managers while a company lets
# them see the profitability of their accounts.
PROFITABILITY = {"dora", "fred", "bea"}
# Non-stored figures computed for the accounts the user may see (zero for the
# others), shown to account managers (directors included) and finance.
MANAGERS_FINANCE = {"anna", "bruno", "dora", "fred", "bea"}
MANAGERS = {"anna", "bruno", "dora", "bea"}
RESTRICTED_FIELDS = {
    **dict.fromkeys(
        (
            ("res.partner", fname)
            for fname in (
                "account_profit_visible",
                "account_profit_revenue",
                "account_profit_gross_margin",
                "account_profit_net_contribution",
                "account_profit_margin_percent",
                "account_receivable_visible",
                "account_open_receivable",
                "account_overdue_amount",
                "account_unapplied_credits",
                "account_oldest_overdue_days",
                "account_dso",
                "account_dso_defined",
                "account_mgmt_overdue_ids",
                "account_whitespace_top_ids",
                "account_budget_visible",
                "account_budget_amount",
                "account_budget_forecast",
                "account_budget_actual",
                "account_budget_attainment",
                "account_budget_has_budget",
            )
        ),
        MANAGERS_FINANCE,
    ),
    **dict.fromkeys(
        (
            ("res.partner", fname)
            for fname in (
                "interaction_ids",
                "interaction_count",
                "interaction_account_count",
                "account_plan_status",
                "account_plan_progress",
                "account_plan_missing",
                "account_plan_ids",
                "account_plan_current_id",
                "account_plan_count",
                "account_plan_objective_count",
                "account_plan_objective_ok_count",
                "account_plan_card_status",
            )
        ),
        MANAGERS,
    ),
    ("crm.lead", "interaction_count"): MANAGERS,
    ("account_mgmt.interaction", "plan_id"): MANAGERS,
    ("account_mgmt.interaction", "objective_id"): MANAGERS,
    # Health on the account: account managers (their own accounts' values; the
    # others' read as empty), directors and finance.
    **dict.fromkeys(
        (
            ("res.partner", fname)
            for fname in (
                "account_health_score",
                "account_health_band",
                "account_health_trend",
                "account_health_date",
                "account_health_main_reason",
                "account_health_line_ids",
            )
        ),
        MANAGERS_FINANCE,
    ),
    # An account's revenue follows the account (its people, directors, finance:
    # the other accounts' read as empty, MASKED below); margins the profitability
    # audience.
    ("res.partner", "account_annual_revenue"): MANAGERS_FINANCE,
    ("res.partner", "account_gross_margin"): PROFITABILITY,
    ("res.partner", "account_margin_percent"): PROFITABILITY,
    ("res.partner", "account_group_revenue"): MANAGERS_FINANCE,
    ("res.partner", "account_group_gross_margin"): PROFITABILITY,
    ("res.partner", "account_group_margin_percent"): PROFITABILITY,
    ("res.partner", "account_group_share"): MANAGERS_FINANCE,
    ("account_mgmt.tier.history", "annual_revenue"): MANAGERS_FINANCE,
    ("account_mgmt.tier.history", "gross_margin"): PROFITABILITY,
    ("account_mgmt.tier.history", "margin_percent"): PROFITABILITY,
    ("account_mgmt.tier.history", "reason"): PROFITABILITY,
    ("account_mgmt.plan", "margin_actual"): PROFITABILITY,
    ("account_mgmt.plan", "margin_progress"): PROFITABILITY,
    ("account_mgmt.plan", "margin_actual_final"): PROFITABILITY,
}

# Values masked record by record (read, export_data, and the search, order and
# group by of stored ones): an account manager sees those of the accounts she
# manages or is on the team of ("own" and "team" for Anna), the others read
# as empty; directors and finance see every account's. Margins among them also
# need the profitability group (RESTRICTED_FIELDS). The test finds the masked
# fields in the code: a new one without a row here fails it.
HEALTH_AND_FIGURES = (
    "account_health_score",
    "account_health_band",
    "account_health_trend",
    "account_health_date",
    "account_health_main_reason",
    "account_annual_revenue",
    "account_gross_margin",
    "account_margin_percent",
    "account_group_revenue",
    "account_group_gross_margin",
    "account_group_margin_percent",
    "account_group_share",
)
PLAN_FIGURES = (
    "revenue_actual",
    "revenue_progress",
    "revenue_actual_final",
    "margin_actual",
    "margin_progress",
    "margin_actual_final",
)
MASKED = {
    **{("res.partner", fname): "account" for fname in HEALTH_AND_FIGURES},
    **{("account_mgmt.plan", fname): "account" for fname in PLAN_FIGURES},
    # the final actual of a margin objective: as its actual (computed, masked)
    ("account_mgmt.plan.objective", "actual_final"): "account",
}


# Budgets and forecasts (issue 19): a live forecast version per company, one line
# per account (and its logged creation). Account managers read the lines of their
# accounts and change their accounts' live forecast; finance and directors all.
BUDGET_LINE_READ = {
    "anna": ANNA,
    "bruno": BRUNO,
    "dora": A,
    "fred": A,
    "sam": NO_RIGHT,
    "paul": NO_RIGHT,
    "bea": B,
}
PER_ACCOUNT_READ["account_mgmt.budget.line"] = BUDGET_LINE_READ
PER_ACCOUNT_READ["account_mgmt.budget.adjustment"] = BUDGET_LINE_READ
PER_ACCOUNT_WRITE["account_mgmt.budget.line"] = (
    {"amount": 1500.0, "adjustment_reason": "Matrix"},
    {"anna": ANNA, "bruno": BRUNO, "dora": A, "fred": A, "bea": B},
)
# Written by the add-on only.
PER_ACCOUNT_WRITE["account_mgmt.budget.adjustment"] = ({"reason": "x"}, {})
CONFIG["account_mgmt.budget"] = (
    {"note": "<p>Ours</p>"},
    {"anna": {"a"}, "bruno": {"a"}, "dora": {"a"}, "fred": {"a"}, "bea": {"b"}},
    {"dora": {"a"}, "fred": {"a"}, "bea": {"b"}},
)
WIZARDS["account_mgmt.budget.baseline"] = "fred"
RESTRICTED_FIELDS[("account_mgmt.budget.line", "margin_amount")] = PROFITABILITY


class AccessCommon(PlanCommon):
    """Roles, accounts and one record of every per-account model each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_b = cls.setup_other_company(name="Company B")["company"]
        cls.users = {
            "anna": cls.user_manager,
            "bruno": cls.user_manager2,
            "dora": cls.user_director,
            "fred": cls.user_finance,
            "sam": cls._new_user(
                "am_sam", "Sam Sales", "sales_team.group_sale_salesman"
            ),
            "paul": cls.user_plain,
            "bea": cls._new_user(
                "am_bea", "Bea Director B", GROUP_DIRECTOR, company=cls.company_b
            ),
        }
        cls.user_carla = cls._new_user("am_carla", "Carla Support", GROUP_MANAGER)
        # Exports are allowed to everyone here (Odoo's own group): what the
        # add-on shows in them is what is tested.
        export = env.ref("base.group_allow_export")
        for user in cls.users.values():
            user.groups_id = [Command.link(export.id)]
        u = cls.users
        Partner = env["res.partner"]
        cls.accounts = {
            "own": cls._account("Own Ltd", account_manager_id=u["anna"].id),
            "team": cls._account("Team Ltd", account_manager_id=u["bruno"].id),
            "other": cls._account("Other Ltd", account_manager_id=u["bruno"].id),
            "unassigned": cls._account("Free Ltd"),
            "b": cls._account(
                "Bravo Ltd",
                account_manager_id=u["bea"].id,
                company_id=cls.company_b.id,
            ),
        }
        authors = {
            "own": u["anna"],
            "team": u["bruno"],
            "other": u["bruno"],
            "unassigned": u["dora"],
            "b": u["bea"],
        }
        cls.companies = {key: cls.company for key in A} | {"b": cls.company_b}
        TeamMember = env["account_mgmt.team.member"].sudo()
        cls.records = {model: {} for model in PER_ACCOUNT_READ}
        itype = env.ref("account_mgmt_addon.interaction_type_call")
        # The 10th of the month before last: in the last 12 months of any day.
        recent = (
            fields.Date.context_today(env["res.partner"]).replace(day=1)
            - relativedelta(months=2)
        ).replace(day=10)
        for key, account in cls.accounts.items():
            company = cls.companies[key]
            member = u["anna"] if key == "team" else cls.user_carla
            if key == "b":
                member = u["bea"]
            cls.records["account_mgmt.team.member"][key] = TeamMember.create(
                {"partner_id": account.id, "user_id": member.id}
            )
            cls.records["account_mgmt.interaction"][key] = (
                env["account_mgmt.interaction"]
                .sudo()
                .with_company(company)
                .create(
                    {
                        "partner_id": account.id,
                        "type_id": itype.id,
                        "user_id": authors[key].id,
                        "company_id": company.id,
                        "date": "2024-03-10 10:00:00",
                    }
                )
            )
            cls.records["account_mgmt.tier.history"][key] = (
                env["account_mgmt.tier.history"]
                .sudo()
                .create(
                    {
                        "partner_id": account.id,
                        "company_id": company.id,
                        "trigger": "auto",
                        "reason": "Revenue 12,000.00",
                        "annual_revenue": 12000.0,
                        "gross_margin": 4000.0,
                        "margin_percent": 33.33,
                    }
                )
            )
            cls._post_move(
                account,
                "2024-03-15",
                [(cls.product_goods, 2, 1000.0)],
                company=company,
            )
            # ... and one in the last 12 months on any day (whitespace rows)
            cls._post_move(
                account, recent, [(cls.product_goods, 1, 500.0)], company=company
            )
            contact = Partner.create({"name": f"{account.name} buyer"})
            contact.parent_id = account
            plan = (
                env["account_mgmt.plan"]
                .sudo()
                .with_company(company)
                .create(
                    {
                        "name": f"{account.name} 2024",
                        "partner_id": account.id,
                        "user_id": authors[key].id,
                        "company_id": company.id,
                        "date_start": "2024-01-01",
                        "date_end": "2024-12-31",
                        "margin_target": 1000.0,
                        "objective_ids": [
                            Command.create(
                                {
                                    "name": "Margin",
                                    "metric": "gross_margin",
                                    "target": 1000.0,
                                }
                            )
                        ],
                        "stakeholder_ids": [Command.create({"contact_id": contact.id})],
                    }
                )
            )
            cls.records["account_mgmt.plan"][key] = plan
            cls.records["account_mgmt.plan.objective"][key] = plan.objective_ids
            cls.records["account_mgmt.plan.stakeholder"][key] = plan.stakeholder_ids
            cls.records["account_mgmt.plan.action"][key] = (
                env["account_mgmt.plan.action"]
                .sudo()
                .create(
                    {
                        "objective_id": plan.objective_ids.id,
                        "name": "Meet the buyer",
                        "user_id": authors[key].id,
                        "date_deadline": "2024-06-30",
                    }
                )
            )
        cls.config_records = {model: {} for model in CONFIG}
        for key, company in (("a", cls.company), ("b", cls.company_b)):
            records = cls.config_records
            records["account_mgmt.tier"][key] = (
                env["account_mgmt.tier"]
                .sudo()
                .create({"name": "Matrix", "code": "MTX", "company_id": company.id})
            )
            records["account_mgmt.interaction.type"][key] = (
                env["account_mgmt.interaction.type"]
                .sudo()
                .create({"name": "Matrix", "code": "MTX", "company_id": company.id})
            )
            records["account_mgmt.health.measure"][key] = (
                env["account_mgmt.health.measure"]
                .sudo()
                .search([("company_id", "=", company.id)], limit=1)
            )
            records["account_mgmt.cost.pool"][key] = (
                env["account_mgmt.cost.pool"]
                .sudo()
                .create(
                    {
                        "name": "Service desk",
                        "company_id": company.id,
                        "date_from": "2024-03-01",
                        "date_to": "2024-03-31",
                        "amount_source": "fixed",
                        "fixed_amount": 900.0,
                        "driver": "equal",
                    }
                )
            )
        Snapshot = env["account_mgmt.health.snapshot"].sudo()
        day = fields.Date.to_date("2024-04-01")
        for company in (cls.company, cls.company_b):
            keys = [k for k in ALL if cls.companies[k] == company]
            Snapshot._recompute_accounts(
                partners=Partner.browse([cls.accounts[k].id for k in keys]),
                companies=company,
                date=day,
            )
        # The monthly job's stored whitespace of both companies.
        env["account_mgmt.whitespace.line"].sudo()._account_mgmt_compute(
            cls.company | cls.company_b
        )
        for key, account in cls.accounts.items():
            domain = [
                ("partner_id", "=", account.id),
                ("company_id", "=", cls.companies[key].id),
            ]
            cls.records["account_mgmt.health.snapshot"][key] = Snapshot.search(domain)
            cls.records["account_mgmt.health.snapshot.line"][key] = (
                env["account_mgmt.health.snapshot.line"].sudo().search(domain)
            )
            for report in (
                "account_mgmt.profitability.report",
                "account_mgmt.profitability.breakdown",
                "account_mgmt.receivable.report",
                "account_mgmt.whitespace.report",
                "account_mgmt.budget.report",
                "account_mgmt.whitespace.line",
            ):
                cls.records[report][key] = env[report].sudo().search(domain)
        # Budgets and forecasts: a live forecast per company, a line per account.
        month = fields.Date.context_today(env["res.partner"]).replace(day=1)
        for key, company in (("a", cls.company), ("b", cls.company_b)):
            cls.config_records["account_mgmt.budget"][key] = (
                env["account_mgmt.budget"]
                .sudo()
                .create(
                    {
                        "name": "Matrix forecast",
                        "kind": "forecast",
                        "company_id": company.id,
                        "date_from": month,
                        "date_to": month + relativedelta(months=1, days=-1),
                    }
                )
            )
        for key, account in cls.accounts.items():
            company_key = "b" if key == "b" else "a"
            line = (
                env["account_mgmt.budget.line"]
                .sudo()
                .create(
                    {
                        "budget_id": cls.config_records["account_mgmt.budget"][
                            company_key
                        ].id,
                        "partner_id": account.id,
                        "date": month,
                        "amount": 1000.0,
                        "margin_amount": 400.0,
                    }
                )
            )
            cls.records["account_mgmt.budget.line"][key] = line
            cls.records["account_mgmt.budget.adjustment"][key] = line.adjustment_ids

    def _fingerprint(self):
        """Rows of the add-on's tables and of the partners, as text."""
        cr = self.env.cr
        cr.flush()  # the ORM's pending writes and the pre-commit hooks (health)
        cr.execute(
            """
            SELECT table_name FROM information_schema.tables
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
               AND table_name LIKE 'account\\_mgmt\\_%'
               AND table_name NOT IN ('account_mgmt_profitability_dirty')
             ORDER BY table_name
            """
        )
        tables = [row[0] for row in cr.fetchall()] + ["res_partner", "mail_activity"]
        fingerprint = {}
        for table in tables:
            cr.execute(
                f"SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM \"{table}\" t"  # noqa: E501
            )
            fingerprint[table] = cr.fetchone()[0]
        return fingerprint

    # ------------------------------------------------------------------
    # Completeness: a new model or restricted field needs its row here.
    # ------------------------------------------------------------------
    def _addon_models(self):
        models = self.env["ir.model"].sudo().search([])
        return {
            m.model
            for m in models
            if "account_mgmt_addon" in (m.modules or "").split(", ")
            and (
                m.model.startswith("account_mgmt.")
                or m.model.startswith("report.account_mgmt_addon")
            )
        }

    def _all_records(self, model):
        return self.env[model].browse(
            [rec.id for recs in self.records[model].values() for rec in recs]
        )

    def _keys(self, model, records):
        return {
            key for key, recs in self.records[model].items() if recs & records.sudo()
        }
