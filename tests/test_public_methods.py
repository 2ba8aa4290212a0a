# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every public method of the add-on, called the way RPC calls it
(``odoo.api.call_kw``, what /web/dataset/call_kw and /jsonrpc run), as every role,
with bad input: no ids, several ids with a missing one, missing ids, ids of
records the user can't read, ids of the wrong type, malformed values.

Pass: the call raises UserError, ValidationError, AccessError or MissingError
(in the user's words), or succeeds; whatever it does, a fingerprint of the
add-on's tables and of the partners taken before and after shows nothing changed
(a failed RPC call is rolled back: here a savepoint does it; a call that
succeeds must not have changed anything either, as its input was bad). An
exception of another kind is accepted only when none of the add-on's frames is in
its traceback (Odoo refusing the ids before any add-on code runs).
"""

import inspect
import traceback

from odoo import api, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import tagged

from .access_common import ALL, AccessCommon

CLEAN = (UserError, ValidationError, AccessError, MissingError)
MISSING_ID = 2_000_000_000
ADDON = "/account_mgmt_addon/"

# Core models the add-on extends: only the public methods it adds or overrides.
EXTENDED = ("res.partner", "res.company", "crm.lead", "mail.activity", "account.move")
# Inherited from Odoo and the same for every model: exercised for create, write,
# unlink and copy only (read and search are core's and covered by the matrix).
CRUD = ("create", "write", "unlink", "copy")
# Methods the web client calls during normal use, with their own argument
# conventions (onchange, web_read...) are core's, not listed.
BAD_VALS = (
    "text",
    42,
    [1, 2],
    {"no_such_field": 1},
    {"partner_id": "x"},
    {"partner_id": -5},
    {"partner_id": 2**40},
    {"company_id": {"id": 1}},
    {"name": ["a"]},
)

# The core models the add-on extends get bad values of the add-on's own fields
# (their other fields are Odoo's to check).
_BAD_STRUCTURE = ("text", 42, [1, 2], {"no_such_field": 1})
BAD_VALS_OF = {
    "res.partner": (
        *_BAD_STRUCTURE,
        {"account_manager_id": "x"},
        {"account_manager_id": -5},
        {"account_tier_id": 2**40},
        {"account_tier_locked": "yes"},
        {"account_tier_lock_reason": ["a"]},
    ),
    "res.company": (
        *_BAD_STRUCTURE,
        {"account_mgmt_default_cadence_days": "x"},
        {"account_mgmt_managers_see_profitability": "on"},
        {"account_mgmt_health_green_min": 2**40},
    ),
    "mail.activity": (
        *_BAD_STRUCTURE,
        {"account_mgmt_interaction_id": "x"},
        {"account_mgmt_interaction_id": -1},
        {"account_mgmt_interaction_id": 2**40},
    ),
}

# Directors' actions on every account of their company, whatever the selection.
GLOBAL_ACTIONS = {
    ("res.partner", "action_account_mgmt_recompute_tiers"),
    ("res.partner", "action_account_health_recompute"),
    ("account_mgmt.health.measure", "action_recompute_health"),
}


def _addon_methods(model):
    """Public methods defined by the add-on's classes of ``model``."""
    names = set()
    for cls in type(model).__mro__:
        module = getattr(cls, "__module__", "") or ""
        if not module.startswith("odoo.addons.account_mgmt_addon"):
            continue
        for name, member in vars(cls).items():
            if name.startswith("_") or not callable(member):
                continue
            if hasattr(models.BaseModel, name) and name not in CRUD:
                continue  # an ORM method (browse, ensure_one, init...) made safe
            if isinstance(member, staticmethod | classmethod):
                continue
            names.add(name)
    return names


@tagged("post_install", "-at_install")
class TestPublicMethods(AccessCommon):
    def _models(self):
        models = sorted(self._addon_models())
        return [*models, *EXTENDED]

    def _methods(self, model_name):
        model = self.env[model_name]
        names = _addon_methods(model)
        if model_name not in EXTENDED:
            names |= set(CRUD)
        # init() is Odoo's schema hook, refused outside the registry's load.
        return sorted(names)

    def _ids_for(self, model_name, user):
        """(readable ids, unreadable ids) of ``model_name`` for ``user``."""
        Model = self.env[model_name].sudo()
        if model_name in self.records:
            ours = self._all_records(model_name)
        elif model_name == "res.partner":
            ours = self.env["res.partner"].browse(
                [a.id for a in self.accounts.values()]
            )
        else:
            try:
                ours = Model.search([], limit=20)
            except Exception:  # noqa: BLE001 - abstract models have no table
                return [], []
        try:
            readable = (
                self.env[model_name].with_user(user).search([("id", "in", ours.ids)])
            )
        except AccessError:
            readable = ours.browse()
        return readable.ids, (ours - readable.sudo()).ids

    def _call(self, user, model_name, method, args):
        Model = self.env[model_name].with_user(user)
        func = getattr(type(Model), method)
        is_model = getattr(func, "_api", None) in ("model", "model_create")
        if is_model and args and isinstance(args[0], list) and method != "create":
            args = args[1:]
        return api.call_kw(Model, method, list(args), {})

    def _check(self, user, model_name, method, args, failures, fingerprint=True):
        before = self._fingerprint() if fingerprint else None
        try:
            with self.env.cr.savepoint():
                self._call(user, model_name, method, args)
                if fingerprint:
                    after = self._fingerprint()
                    if after != before:
                        changed = sorted(t for t in after if after[t] != before[t])
                        failures.append(
                            f"{user.login} {model_name}.{method}{args!r:.60}: "
                            f"succeeded and changed {changed}"
                        )
                raise _Rollback
        except _Rollback:
            pass
        except CLEAN:
            pass
        except Exception as error:  # noqa: BLE001 - what the test looks for
            frames = traceback.extract_tb(error.__traceback__)
            addon = [f for f in frames if ADDON in f.filename]
            if addon:
                failures.append(
                    f"{user.login} {model_name}.{method}{args!r:.60}: "
                    f"{type(error).__name__}: {error!s:.100} "
                    f"(at {addon[-1].filename.split(ADDON)[-1]}:{addon[-1].lineno})"
                )
        self.env.invalidate_all()
        if fingerprint and self._fingerprint() != before:
            failures.append(f"{user.login} {model_name}.{method}: left changes")

    def _fuzz(self, roles):
        failures = []
        # Work the set-up left for the commit (health refresh, its alerts) done
        # first: the fingerprints then compare the calls only.
        while self._fingerprint() != self._fingerprint():
            pass
        for role in roles:
            user = self.users[role]
            for model_name in self._models():
                readable, unreadable = self._ids_for(model_name, user)
                for method in self._methods(model_name):
                    func = getattr(type(self.env[model_name]), method, None)
                    if not callable(func):
                        continue
                    bad_vals = BAD_VALS_OF.get(model_name, BAD_VALS)
                    if method == "create":
                        inputs = [[bad] for bad in bad_vals] + [[list(bad_vals)]]
                    elif method == "write":
                        ids = readable[:1] or unreadable[:1]
                        inputs = [[ids, bad] for bad in bad_vals]
                        inputs += [[unreadable[:1], {}]] if unreadable else []
                    else:
                        params = list(inspect.signature(func).parameters)[1:]
                        extra = [None] * len(
                            [
                                p
                                for p in params
                                if inspect.signature(func).parameters[p].default
                                is inspect.Parameter.empty
                            ]
                        )
                        inputs = [
                            [[], *extra],
                            [[MISSING_ID], *extra],
                            [[*readable[:1], MISSING_ID], *extra],
                            [[-3], *extra],
                            [[2**40], *extra],
                            [["abc"], *extra],
                            [[{"id": 1}], *extra],
                        ]
                        if unreadable:
                            inputs.append([unreadable[:2], *extra])
                    for args in inputs:
                        # An action on every account, run by a director with no
                        # ids, does its job: a change is expected there.
                        expected = (
                            (model_name, method) in GLOBAL_ACTIONS
                            and args[0] == []
                            and role in ("dora", "bea")
                        )
                        self._check(
                            user,
                            model_name,
                            method,
                            args,
                            failures,
                            fingerprint=not expected,
                        )
                    if method not in CRUD and len(readable) >= 2:
                        # several readable records: a clean answer (the fingerprint
                        # may change: a multi-record action may legitimately work)
                        self._check(
                            user,
                            model_name,
                            method,
                            [readable[:2]]
                            + [None]
                            * (
                                len(
                                    [
                                        p
                                        for p in list(
                                            inspect.signature(func).parameters.values()
                                        )[1:]
                                        if p.default is inspect.Parameter.empty
                                    ]
                                )
                            ),
                            failures,
                            fingerprint=False,
                        )
        return failures

    def test_fuzz_managers(self):
        self.assertEqual(set(self.records["account_mgmt.plan"]), ALL)
        failures = self._fuzz(("anna", "sam"))
        self.assertFalse(failures, "\n".join(failures))

    def test_fuzz_directors_and_finance(self):
        failures = self._fuzz(("dora", "fred", "bea"))
        self.assertFalse(failures, "\n".join(failures))

    def test_fuzz_plain_user(self):
        failures = self._fuzz(("paul",))
        self.assertFalse(failures, "\n".join(failures))

    def test_methods_listed(self):
        """The enumeration finds the add-on's public methods (a sample)."""
        self.assertIn("action_submit", self._methods("account_mgmt.plan"))
        self.assertIn(
            "generate_xlsx_report",
            self._methods("report.account_mgmt_addon.profitability_xlsx"),
        )
        self.assertIn(
            "action_account_mgmt_recompute_tiers", self._methods("res.partner")
        )
        self.assertNotIn("write", self._methods("crm.lead"))


class _Rollback(Exception):
    """Undo a call that succeeded (the savepoint rolls it back)."""
