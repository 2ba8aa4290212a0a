# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every write of the add-on's records checks first, whoever calls it.

Loaded last, so that these overrides run before the models' own ``create`` and
``write`` (which read the values): the values are a dictionary of known fields of
the right types; the records they link to exist and the user may read them; the
accounts a user creates plans and interactions on are accounts they may work on;
the owners and authors they set are themselves or the account's people; the
technical links (activities, messages) are the add-on's to write. After a write,
the record rules are checked again on the *new* values: a rule granting access
through a relation (the account's manager, its team, the plan) must still hold.

Superuser code (jobs, the add-on's own sudo()) is trusted: it checks before.
"""

import datetime
from collections.abc import Mapping

from odoo import Command, api, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.models import NewId
from odoo.osv import expression

from ...tools.groups import (
    GROUP_DIRECTOR,
    GROUP_FINANCE,
    GROUP_PROFITABILITY,
    is_director,
)
from ..tier.res_partner_tier import FIGURE_FIELDS

# Plan objective metrics that are margins (the profitability audience's).
MARGIN_METRICS = frozenset({"gross_margin", "margin_percent"})
# Plan objective metrics that are the account's figures (revenue and margins).
FIGURE_METRICS = MARGIN_METRICS | {"revenue"}
MAX_ID = 2**31 - 1
# Report rows (SQL views) have bigint ids.
MAX_BIGINT = 2**63 - 1

# Field types and the Python values a client may send for them.
_SCALAR_TYPES = {
    "char": (str,),
    "text": (str,),
    "html": (str,),
    "integer": (int,),
    "float": (int, float),
    "monetary": (int, float),
    "boolean": (bool, int),
    "date": (str, datetime.date),
    "datetime": (str, datetime.datetime),
}


def _clean_ids(model, comodel, ids):
    """``ids`` as a list of positive integers, or a clean error."""
    if not all(
        isinstance(id_, int) and not isinstance(id_, bool) and 0 < id_ <= MAX_ID
        for id_ in ids
    ):
        raise UserError(
            model.env._(
                "%(model)s: %(value)s is not a record of %(comodel)s.",
                model=model._description,
                value=repr(ids)[:80],
                comodel=model.env[comodel]._description,
            )
        )
    return ids


def check_existing(model, comodel, ids):
    """The records ``ids`` of ``comodel`` exist."""
    records = model.env[comodel].browse(ids)
    missing = set(ids) - set(records.sudo().exists().ids)
    if missing:
        raise MissingError(
            model.env._(
                "%(model)s: the %(comodel)s with id %(ids)s doesn't exist or was "
                "deleted.",
                model=model._description,
                comodel=model.env[comodel]._description,
                ids=", ".join(map(str, sorted(missing))),
            )
        )
    return records


def check_linked(model, comodel, ids):
    """The records ``ids`` of ``comodel`` exist and the user may read them."""
    ids = _clean_ids(model, comodel, ids)
    if not ids:
        return
    records = check_existing(model, comodel, ids)
    # Raises AccessError naming no record the user may not read.
    records.check_access("read")


def _x2many_ids(model, field, value):
    """Ids that the x2many commands ``value`` link (create commands are checked
    by the comodel's own create)."""
    if not isinstance(value, list | tuple):
        raise UserError(
            model.env._(
                "%(field)s of %(model)s takes a list of commands.",
                field=field.string,
                model=model._description,
            )
        )
    ids = []
    for command in value:
        if isinstance(command, int) and not isinstance(command, bool):
            ids.append(command)  # a bare id (many2many shortcut)
            continue
        if not isinstance(command, list | tuple) or not command:
            raise UserError(
                model.env._(
                    "%(field)s of %(model)s: %(command)s is not a command.",
                    field=field.string,
                    model=model._description,
                    command=repr(command)[:80],
                )
            )
        code = command[0]
        if code in (Command.CREATE, Command.CLEAR):
            continue
        if code == Command.SET and len(command) == 3:
            ids.extend(command[2] if isinstance(command[2], list | tuple) else [None])
        elif (
            code
            in (
                Command.UPDATE,
                Command.DELETE,
                Command.UNLINK,
                Command.LINK,
            )
            and len(command) >= 2
        ):
            ids.append(command[1])
        else:
            raise UserError(
                model.env._(
                    "%(field)s of %(model)s: %(command)s is not a command.",
                    field=field.string,
                    model=model._description,
                    command=repr(command)[:80],
                )
            )
    return ids


def check_vals(model, vals, links=True):
    """``vals`` is a dictionary of fields of ``model`` whose values have the
    field's type; the records it links to exist and are readable."""
    env = model.env
    if not isinstance(vals, Mapping):
        raise UserError(
            env._(
                "The values to save on %(model)s must be a dictionary of field names "
                "and values, not %(value)s.",
                model=model._description,
                value=repr(vals)[:80],
            )
        )
    unknown = [
        fname for fname in vals if not isinstance(fname, str) or fname not in model
    ]
    if unknown:
        # Who may not change these records at all hears that first.
        if model:
            model.check_access("write")
        else:
            model.browse().check_access("create")
        raise UserError(
            env._(
                "%(model)s has no field %(fields)s.",
                model=model._description,
                fields=", ".join(repr(fname)[:40] for fname in unknown),
            )
        )
    for fname, value in vals.items():
        _check_value(model, model._fields[fname], value, links)


def _check_relational(model, field, value, links):
    env = model.env
    if field.type == "many2one":
        if isinstance(value, models.BaseModel):  # server code may pass a record
            value = value.id
        if not value:
            return
        if links and not env.su:
            check_linked(model, field.comodel_name, [value])
        else:
            _clean_ids(model, field.comodel_name, [value])
        return
    if value is False:
        return
    # x2many values are read as ids (names with the user's own rights): they
    # must exist, the user need not read them (a plan links the account's
    # opportunities, whoever's they are).
    ids = _clean_ids(model, field.comodel_name, _x2many_ids(model, field, value))
    if links and not env.su and ids:
        check_existing(model, field.comodel_name, ids)


def _check_value(model, field, value, links):
    """``value`` has the type of ``field``; the records it links exist and are
    readable (``links``)."""
    env = model.env
    if field.type in ("many2one", "one2many", "many2many"):
        _check_relational(model, field, value, links)
    elif field.type == "selection":
        if value is False or value is None:
            return
        allowed = field.get_values(env)
        if value not in allowed:
            raise UserError(
                env._(
                    "%(value)s is not a value of %(field)s (%(model)s).",
                    value=repr(value)[:40],
                    field=field.string,
                    model=model._description,
                )
            )
    elif field.type in _SCALAR_TYPES:
        if value is False or value is None and field.type != "boolean":
            return
        if not isinstance(value, _SCALAR_TYPES[field.type]) or (
            field.type in ("integer", "float", "monetary") and isinstance(value, bool)
        ):
            raise UserError(
                env._(
                    "%(value)s is not a valid value for %(field)s (%(model)s).",
                    value=repr(value)[:40],
                    field=field.string,
                    model=model._description,
                )
            )
        if field.type == "integer" and not -MAX_ID <= value <= MAX_ID:
            raise UserError(
                env._(
                    "%(value)s is out of range for %(field)s (%(model)s).",
                    value=value,
                    field=field.string,
                    model=model._description,
                )
            )
        if field.type in ("date", "datetime") and isinstance(value, str):
            try:
                field.to_date(value) if field.type == "date" else (
                    field.to_datetime(value)
                )
            except ValueError as error:
                raise UserError(
                    env._(
                        "%(value)s is not a valid date for %(field)s (%(model)s).",
                        value=repr(value)[:40],
                        field=field.string,
                        model=model._description,
                    )
                ) from error


def check_vals_list(model, vals_list, links=True):
    if isinstance(vals_list, Mapping):
        vals_list = [vals_list]
    if not isinstance(vals_list, list | tuple):
        raise UserError(
            model.env._(
                "The values to create %(model)s must be a dictionary or a list of "
                "dictionaries, not %(value)s.",
                model=model._description,
                value=repr(vals_list)[:80],
            )
        )
    for vals in vals_list:
        check_vals(model, vals, links=links)


def check_core_vals(model, vals_list):
    """Values for a core model the add-on extends: dictionaries of known fields;
    the add-on's own fields checked like the add-on's models' values."""
    if isinstance(vals_list, Mapping):
        vals_list = [vals_list]
    if not isinstance(vals_list, list | tuple) or not all(
        isinstance(vals, Mapping) for vals in vals_list
    ):
        check_vals_list(model, vals_list, links=False)  # raises the clean error
    for vals in vals_list:
        check_vals(
            model,
            {
                fname: value
                for fname, value in vals.items()
                if fname not in model._fields
                or model._fields[fname]._module == "account_mgmt_addon"
            },
        )


def refuse_technical(model, vals, fnames):
    """Technical links the add-on writes itself (as superuser)."""
    if model.env.su:
        return
    technical = sorted(set(vals) & set(fnames))
    if technical:
        raise UserError(
            model.env._(
                "%(fields)s of %(model)s are set by the add-on itself, not by hand.",
                fields=", ".join(model._fields[f].string for f in technical),
                model=model._description,
            )
        )


def check_ids(records):
    """The ids of ``records`` (from a client) are record ids."""
    for id_ in records._ids:
        if id_.__class__ is int:
            if not 0 <= id_ <= MAX_BIGINT:
                raise MissingError(
                    records.env._(
                        "%(model)s %(id)s doesn't exist.",
                        model=records._description,
                        id=id_,
                    )
                )
        elif id_ is not None and not isinstance(id_, NewId):
            # (None: the ORM's own placeholder for an empty many2one)
            raise UserError(
                records.env._(
                    "%(value)s is not an id of %(model)s.",
                    value=repr(id_)[:40],
                    model=records._description,
                )
            )
    return records


def check_named_ids(records):
    """Ids of records a client names exist (an action on "all" takes none)."""
    check_ids(records)
    if records and len(records.sudo().exists()) != len(records):
        raise MissingError(
            records.env._(
                "Some of the %(model)s records (ids %(ids)s) don't exist or were "
                "deleted.",
                model=records._description,
                ids=", ".join(map(str, records.ids[:10])),
            )
        )
    if records:
        records.check_access("read")
    return records


def ensure_one(records):
    """A clean error for actions on one record called with none or several."""
    check_ids(records)
    if len(records) != 1:
        raise UserError(
            records.env._(
                "This action works on one %(model)s at a time (%(count)s given).",
                model=records._description,
                count=len(records),
            )
        )
    return records


def check_workable_accounts(model, partners):
    """Accounts the user may work on: those whose account-manager rule lets them
    change (managed, on the team, or unassigned), or all for directors."""
    if is_director(model.env) or not partners:
        return
    accounts = partners.commercial_partner_id
    denied = accounts - accounts._filtered_access("write")
    if denied:
        raise AccessError(
            model.env._(
                "You can't work on account %(account)s: it is managed by another "
                "account manager and you are not on its team.",
                account=denied[0].sudo().display_name,
            )
        )


def account_people(partner):
    """The account manager and account team of ``partner``'s account."""
    account = partner.sudo().commercial_partner_id
    return account.account_manager_id | account.account_team_member_ids.user_id


def figures_restricted(env):
    """Account managers see the health and figures of their own accounts only;
    directors, finance and the add-on's own code see every account's."""
    return not (
        env.su
        or env.user.has_group(GROUP_DIRECTOR)
        or env.user.has_group(GROUP_FINANCE)
    )


def own_account_domain(env, path="commercial_partner_id"):
    """Partners (through ``path``) whose account the user manages or is on the
    team of."""
    uid = env.uid
    return [
        "|",
        (f"{path}.account_manager_id", "=", uid),
        (f"{path}.account_team_member_ids.user_id", "=", uid),
    ]


def own_account_ids(env, partners):
    """Ids of ``partners`` whose account the user manages or is on the team of
    (one query)."""
    if not partners:
        return set()
    return set(
        env["res.partner"]
        .sudo()
        .with_context(active_test=False)
        .search([("id", "in", partners.ids), *own_account_domain(env)])
        .ids
    )


def read_masked(result, masked, values):
    """Blank the ``masked`` values ({field: ids}) of the rows ``result`` of
    ``read``, with ``values`` ({field: value read instead})."""
    for fname, ids in masked.items():
        if not ids:
            continue
        for row in result:
            if row["id"] in ids and fname in row:
                row[fname] = values.get(fname, False)
    return result


def export_masked(records, fields, masked, values, export):
    """``export(records)`` (the rows of ``export_data``) with the ``masked``
    values ({field: ids}) blanked as ``read`` blanks them: the records are
    exported in runs that share the same masked fields, so that each record's
    lines (its main line and those of its x2many) are known."""
    masked = {fname: ids for fname, ids in masked.items() if ids}
    if not masked or not records:
        return export(records)
    columns = {
        fname: [i for i, path in enumerate(fields) if path and path[0] == fname]
        for fname in masked
    }
    # consecutive runs of records with the same masked fields, in their order
    runs = []
    for id_ in records.ids:
        key = frozenset(fname for fname, ids in masked.items() if id_ in ids)
        if runs and runs[-1][0] == key:
            runs[-1][1].append(id_)
        else:
            runs.append((key, [id_]))
    lines = []
    for key, ids in runs:
        chunk = export(records.browse(ids))
        for fname in key:
            value = values.get(fname, False)
            for index in columns[fname]:
                for line in chunk:
                    line[index] = "" if value is False else value
        lines += chunk
    return lines


class AccountMgmtAccessMixin(models.AbstractModel):
    """The checks of every model of the add-on, whoever calls it.

    A model gets them by inheriting this mixin before itself, in this file
    (loaded last, so the checks run before the model's own ``create`` and
    ``write``)::

        class AccountMgmtThing(models.Model):
            _name = "account_mgmt.thing"
            _inherit = ["account_mgmt.access.mixin", "account_mgmt.thing"]
            _account_mgmt_recheck_fields = ("partner_id",)

    ``ensure_one`` and ``browse`` answer bad ids with a clean error; ``create`` and
    ``write`` check the values (a dictionary of known fields of the right types,
    links to existing records the user may read), refuse the technical links,
    call the model's hooks, and check the record rules again after a write of a
    relation that grants access; ``read`` and ``export_data`` blank the values
    the user may not see on a given record (``_account_mgmt_masked``).
    """

    _name = "account_mgmt.access.mixin"
    _description = "Account Management Access Checks"

    # Relations a record rule grants access through: after a write of one of
    # them, the rules are checked again on the new values.
    _account_mgmt_recheck_fields = ()
    # Technical links the add-on writes itself (as superuser): refused to
    # clients.
    _account_mgmt_technical_fields = ()
    # What ``read`` shows instead of a masked value ({field: value}; default
    # False).
    _account_mgmt_mask_values = {}

    def ensure_one(self):
        """A clean error for actions on one record called with none or several."""
        return ensure_one(self)

    def browse(self, ids=None):
        """RPC calls browse the ids they are given: ids are record ids, not
        strings or dictionaries."""
        return check_ids(models.BaseModel.browse(self, ids))

    @api.model_create_multi
    def create(self, vals_list):
        check_vals_list(self, vals_list)
        if not self.env.su:
            for vals in vals_list:
                refuse_technical(self, vals, self._account_mgmt_technical_fields)
            self._account_mgmt_check_create(vals_list)
        records = super().create(vals_list)
        if not self.env.su:
            records._account_mgmt_check_created()
        return records

    def write(self, vals):
        check_vals(self, vals)
        if not self.env.su:
            refuse_technical(self, vals, self._account_mgmt_technical_fields)
            self._account_mgmt_check_write(vals)
        res = super().write(vals)
        if not self.env.su:
            self._account_mgmt_check_written(vals)
        return res

    def _account_mgmt_check_create(self, vals_list):
        """Hook: checks of valid values before a user's create."""

    def _account_mgmt_check_created(self):
        """Hook: checks of the records a user just created."""

    def _account_mgmt_check_write(self, vals):
        """Hook: checks of valid values before a user's write."""

    def _account_mgmt_check_written(self, vals):
        """The rules hold on the new values of the relations they go through."""
        if set(self._account_mgmt_recheck_fields) & set(vals):
            self.check_access("write")

    def _account_mgmt_masked(self, fnames):
        """{field: ids of ``self``} of the fields ``fnames`` whose values the
        user may not see on those records (none by default)."""
        return {}

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if result and fnames and not self.env.su:
            records = self.browse([row["id"] for row in result])
            read_masked(
                result,
                records._account_mgmt_masked(set(fnames)),
                self._account_mgmt_mask_values,
            )
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        def export(records):
            return super(AccountMgmtAccessMixin, records)._export_rows(  # noqa: UP008
                fields, _is_toplevel_call=_is_toplevel_call
            )

        fnames = {path[0] for path in fields if path}
        if self.env.su or not self:
            return export(self)
        return export_masked(
            self,
            fields,
            self._account_mgmt_masked(fnames),
            self._account_mgmt_mask_values,
            export,
        )


class AccountMgmtTeamMember(models.Model):
    _name = "account_mgmt.team.member"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.team.member"]

    # No moving a line to another manager's account: the rule must hold on the
    # new account (checked after every write).
    def _account_mgmt_check_written(self, vals):
        self.check_access("write")


class AccountMgmtInteraction(models.Model):
    _name = "account_mgmt.interaction"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.interaction"]

    _account_mgmt_recheck_fields = ("partner_id", "user_id")
    _account_mgmt_technical_fields = (
        "mail_message_id",
        "next_activity_id",
        "next_interaction_id",
    )

    def _account_mgmt_check_people(self, partner, user_ids, state):
        """Authors: oneself for a done interaction; a planned one may also go to
        the account's manager or team."""
        if is_director(self.env):
            return
        allowed = self.env.user
        if state != "done":
            allowed |= account_people(partner)
        for user_id in user_ids:
            if user_id and user_id not in allowed.ids:
                raise AccessError(
                    self.env._(
                        "You can log an interaction only as yourself, or plan it for "
                        "the account's manager or team: %(user)s is neither.",
                        user=self.env["res.users"].browse(user_id).sudo().name,
                    )
                )

    def _account_mgmt_check_create(self, vals_list):
        for vals in vals_list:
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            check_workable_accounts(self, partner)
            self._account_mgmt_check_people(
                partner, [vals.get("user_id")], vals.get("state", "done")
            )
            # the next step may be a colleague's (planned)
            self._account_mgmt_check_people(
                partner, [vals.get("next_user_id")], "planned"
            )

    def _account_mgmt_check_write(self, vals):
        if vals.get("partner_id"):
            check_workable_accounts(
                self, self.env["res.partner"].browse(vals["partner_id"])
            )
        if vals.get("user_id") or vals.get("next_user_id"):
            for interaction in self:
                partner = self.env["res.partner"].browse(
                    vals.get("partner_id") or interaction.partner_id.id
                )
                interaction._account_mgmt_check_people(
                    partner,
                    [vals.get("user_id")],
                    vals.get("state", interaction.state),
                )
                interaction._account_mgmt_check_people(
                    partner, [vals.get("next_user_id")], "planned"
                )


# Figures of a plan: revenue follows the account (its manager and team,
# directors); margins also need the profitability group (field groups=).
PLAN_FIGURES = frozenset(
    {
        "revenue_actual",
        "revenue_progress",
        "revenue_actual_final",
        "margin_actual",
        "margin_progress",
        "margin_actual_final",
    }
)


class AccountMgmtPlan(models.Model):
    _name = "account_mgmt.plan"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.plan"]

    _account_mgmt_recheck_fields = ("partner_id", "user_id", "team_user_ids")

    def _account_mgmt_check_owner(self):
        """A plan is owned by its account's manager or team member (or by its
        creator); only directors hand it to anyone else."""
        if is_director(self.env):
            return
        for plan in self:
            allowed = self.env.user | account_people(plan.partner_id)
            if plan.user_id not in allowed:
                raise AccessError(
                    self.env._(
                        "Plan %(plan)s can be owned by you, the account manager or "
                        "the account team of %(account)s only: not by %(user)s.",
                        plan=plan.name,
                        account=plan.partner_id.sudo().display_name,
                        user=plan.user_id.sudo().name,
                    )
                )

    def _account_mgmt_check_create(self, vals_list):
        check_workable_accounts(
            self,
            self.env["res.partner"].browse(
                {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
            ),
        )

    def _account_mgmt_check_created(self):
        self._account_mgmt_check_owner()

    def _account_mgmt_check_write(self, vals):
        if vals.get("partner_id"):
            check_workable_accounts(
                self, self.env["res.partner"].browse(vals["partner_id"])
            )

    def _account_mgmt_check_written(self, vals):
        if set(self._account_mgmt_recheck_fields) & set(vals):
            self._account_mgmt_check_owner()
            self.check_access("write")

    def _account_mgmt_masked(self, fnames):
        """The figures of plans on accounts the user doesn't manage and isn't on
        the team of (a plan on an unassigned account, or one they still own)."""
        fnames = PLAN_FIGURES & set(fnames)
        if not fnames or not figures_restricted(self.env):
            return {}
        plans = self.sudo()
        own = own_account_ids(self.env, plans.partner_id)
        hidden = {plan.id for plan in plans if plan.partner_id.id not in own}
        return dict.fromkeys(fnames, hidden)

    def _account_mgmt_figures_shown(self):
        """The plan's revenue and margin figures are the user's to see (the PDF
        shows them only then, as the form does)."""
        self.ensure_one()
        return self.id not in self._account_mgmt_masked({"revenue_actual"}).get(
            "revenue_actual", ()
        )


class AccountMgmtPlanObjective(models.Model):
    _name = "account_mgmt.plan.objective"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.plan.objective"]

    _account_mgmt_recheck_fields = ("plan_id",)
    _account_mgmt_mask_values = {"actual_final": 0.0}

    def _account_mgmt_margin_hidden(self):
        """Objectives whose measured figures the user may not see: margins
        without the profitability group (like the plan's margin fields), revenue
        and margins of accounts the user doesn't manage and isn't on the team of
        (like the account's figures)."""
        env = self.env
        if env.su:
            return self.browse()
        hidden = self.browse()
        if not env.user.has_group(GROUP_PROFITABILITY):
            hidden = self.filtered(lambda o: o.metric in MARGIN_METRICS)
        if figures_restricted(env):
            figures = (self - hidden).filtered(lambda o: o.metric in FIGURE_METRICS)
            own = own_account_ids(env, figures.sudo().plan_id.partner_id)
            hidden |= figures.filtered(
                lambda o: o.sudo().plan_id.partner_id.id not in own
            )
        return hidden

    @api.depends_context("uid")
    def _compute_actual(self):
        res = super()._compute_actual()
        for objective in self._account_mgmt_margin_hidden():
            objective.actual = 0.0
        return res

    @api.depends_context("uid")
    def _compute_progress(self):
        res = super()._compute_progress()
        for objective in self._account_mgmt_margin_hidden():
            objective.progress = 0.0
            objective.status = False
        return res

    def _account_mgmt_masked(self, fnames):
        # The final actual of a closed plan's objective: as its actual.
        if "actual_final" not in fnames:
            return {}
        return {"actual_final": set(self._account_mgmt_margin_hidden().ids)}


class AccountMgmtPlanAction(models.Model):
    _name = "account_mgmt.plan.action"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.plan.action"]

    _account_mgmt_recheck_fields = ("objective_id",)
    _account_mgmt_technical_fields = ("activity_id", "date_done")


class AccountMgmtPlanStakeholder(models.Model):
    _name = "account_mgmt.plan.stakeholder"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.plan.stakeholder"]

    _account_mgmt_recheck_fields = ("plan_id",)


# The models with the common checks only (no rule through a relation a user
# writes, or written by the add-on only).


class AccountMgmtPlanSendBack(models.TransientModel):
    _name = "account_mgmt.plan.send.back"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.plan.send.back"]


class AccountMgmtProfitabilityExport(models.TransientModel):
    _name = "account_mgmt.profitability.export"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.profitability.export"]


class AccountMgmtTierRecompute(models.TransientModel):
    _name = "account_mgmt.tier.recompute"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.tier.recompute"]


class AccountMgmtSettings(models.TransientModel):
    _name = "account_mgmt.settings"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.settings"]


class AccountMgmtProfitabilityRankingLine(models.TransientModel):
    _name = "account_mgmt.profitability.ranking.line"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.profitability.ranking.line"]


class AccountMgmtTierRecomputeLine(models.TransientModel):
    _name = "account_mgmt.tier.recompute.line"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.tier.recompute.line"]


class AccountMgmtTeamOverview(models.TransientModel):
    _name = "account_mgmt.team.overview"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.team.overview"]


class AccountMgmtTeamOverviewTier(models.TransientModel):
    _name = "account_mgmt.team.overview.tier"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.team.overview.tier"]


class AccountMgmtTeamOverviewWorkload(models.TransientModel):
    _name = "account_mgmt.team.overview.workload"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.team.overview.workload"]


class AccountMgmtTier(models.Model):
    _name = "account_mgmt.tier"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.tier"]


class AccountMgmtInteractionType(models.Model):
    _name = "account_mgmt.interaction.type"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.interaction.type"]


class AccountMgmtCostPool(models.Model):
    _name = "account_mgmt.cost.pool"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.cost.pool"]


class AccountMgmtHealthMeasure(models.Model):
    _name = "account_mgmt.health.measure"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.health.measure"]


class AccountMgmtHealthSnapshot(models.Model):
    _name = "account_mgmt.health.snapshot"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.health.snapshot"]


class AccountMgmtHealthSnapshotLine(models.Model):
    _name = "account_mgmt.health.snapshot.line"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.health.snapshot.line"]


class AccountMgmtTierHistory(models.Model):
    _name = "account_mgmt.tier.history"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.tier.history"]


class AccountMgmtCostAllocation(models.Model):
    _name = "account_mgmt.cost.allocation"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.cost.allocation"]


class AccountMgmtProfitabilityReport(models.Model):
    _name = "account_mgmt.profitability.report"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.profitability.report"]


class AccountMgmtReceivableReport(models.Model):
    _name = "account_mgmt.receivable.report"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.receivable.report"]


class AccountMgmtWhitespaceReport(models.Model):
    _name = "account_mgmt.whitespace.report"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.whitespace.report"]


class AccountMgmtBudgetReport(models.Model):
    _name = "account_mgmt.budget.report"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.budget.report"]


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        check_core_vals(self, vals_list)
        if not self.env.su:
            for vals in vals_list:
                if vals.get("account_mgmt_interaction_id"):
                    self._account_mgmt_check_interaction_link(
                        vals["account_mgmt_interaction_id"]
                    )
        return super().create(vals_list)

    def write(self, vals):
        check_core_vals(self, vals)
        if not self.env.su and vals.get("account_mgmt_interaction_id"):
            self._account_mgmt_check_interaction_link(
                vals["account_mgmt_interaction_id"]
            )
        return super().write(vals)

    @api.model
    def _account_mgmt_check_interaction_link(self, interaction_id):
        """Completing the activity completes the interaction (as superuser): only
        someone who may change that interaction links it."""
        check_linked(self, "account_mgmt.interaction", [interaction_id])
        self.env["account_mgmt.interaction"].browse(interaction_id).check_access(
            "write"
        )


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        check_core_vals(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_core_vals(self, vals)
        return super().write(vals)

    def action_account_mgmt_view_tier_history(self):
        ensure_one(self)
        return super().action_account_mgmt_view_tier_history()

    def action_log_interaction(self):
        ensure_one(self)
        return super().action_log_interaction()

    def action_view_interactions(self):
        ensure_one(self)
        return super().action_view_interactions()

    def action_view_account_plans(self):
        ensure_one(self)
        return super().action_view_account_plans()

    def action_open_account_profitability(self):
        ensure_one(self)
        return super().action_open_account_profitability()

    def action_open_account_receivables(self):
        ensure_one(self)
        return super().action_open_account_receivables()

    def action_send_payment_reminder(self):
        ensure_one(self)
        return super().action_send_payment_reminder()

    def action_view_account_health_history(self):
        ensure_one(self)
        return super().action_view_account_health_history()

    def action_view_account_whitespace(self):
        ensure_one(self)
        return super().action_view_account_whitespace()

    def action_open_account_budget(self):
        ensure_one(self)
        return super().action_open_account_budget()


# Health of an account on the partner (company-dependent columns written by the
# health recompute): an account manager reads, searches and groups by those of
# the accounts they manage or are on the team of only; directors and finance
# every account's.
HEALTH_FIELDS = frozenset(
    {
        "account_health_score",
        "account_health_band",
        "account_health_trend",
        "account_health_date",
        "account_health_main_reason",
    }
)
# Likewise the trailing-twelve-months figures (margins), for account managers the
# company setting lets see the profitability of *their* accounts.
OWN_ACCOUNT_FIELDS = HEALTH_FIELDS | frozenset(FIGURE_FIELDS)


def _names_health(domain):
    for leaf in domain or ():
        if (
            isinstance(leaf, list | tuple)
            and len(leaf) == 3
            and isinstance(leaf[0], str)
            and leaf[0].split(".")[0] in OWN_ACCOUNT_FIELDS
        ):
            return True
    return False


class ResPartnerHealth(models.Model):
    _inherit = "res.partner"

    def _account_mgmt_own_domain(self):
        return own_account_domain(self.env)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        if (
            _names_health(domain) or any(f in (order or "") for f in OWN_ACCOUNT_FIELDS)
        ) and figures_restricted(self.env):
            domain = expression.AND([list(domain), self._account_mgmt_own_domain()])
        return super()._search(
            domain, offset=offset, limit=limit, order=order, **kwargs
        )

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        spec = " ".join(str(item) for item in (*groupby, *aggregates))
        if any(f in spec for f in OWN_ACCOUNT_FIELDS) and figures_restricted(self.env):
            domain = expression.AND([list(domain), self._account_mgmt_own_domain()])
        return super()._read_group(domain, groupby, aggregates, *args, **kwargs)

    def _account_mgmt_masked(self, fnames):
        """{field: ids} of the health and figures (of ``fnames``) of the accounts
        the user doesn't manage and isn't on the team of (one query)."""
        hidden = OWN_ACCOUNT_FIELDS & set(fnames or ())
        if not hidden or not self or not figures_restricted(self.env):
            return {}
        others = set(self.ids) - own_account_ids(self.env, self)
        return dict.fromkeys(hidden, others)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if result and fnames:
            records = self.browse([row["id"] for row in result])
            read_masked(result, records._account_mgmt_masked(fnames), {})
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Exported as read: directly, or through a relation of another model
        (``partner_id/account_health_score``), which exports the partners here."""

        def export(records):
            return super(ResPartnerHealth, records)._export_rows(  # noqa: UP008
                fields, _is_toplevel_call=_is_toplevel_call
            )

        masked = self._account_mgmt_masked({path[0] for path in fields if path})
        return export_masked(self, fields, masked, {}, export)


class ResPartnerGlobalActions(models.Model):
    """Directors' actions on every account of the company (no ids needed): the
    ids a client names are still checked."""

    _inherit = "res.partner"

    def action_account_mgmt_recompute_tiers(self):
        check_named_ids(self)
        return super().action_account_mgmt_recompute_tiers()

    def action_account_mgmt_preview_tiers(self):
        check_named_ids(self)
        return super().action_account_mgmt_preview_tiers()

    def action_account_health_recompute(self):
        check_named_ids(self)
        return super().action_account_health_recompute()


class AccountMgmtHealthMeasureActions(models.Model):
    _inherit = "account_mgmt.health.measure"

    def action_recompute_health(self):
        check_named_ids(self)
        return super().action_recompute_health()


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def action_log_interaction(self):
        ensure_one(self)
        return super().action_log_interaction()

    def action_view_interactions(self):
        ensure_one(self)
        return super().action_view_interactions()


def _init_from_registry_only(self):
    """``init`` is the registry's schema hook (it runs as superuser when the
    add-on loads); its name makes it callable over RPC, where it is refused."""
    if not self.env.su:
        raise AccessError(
            self.env._(
                "%(model)s: init is run by Odoo itself.", model=self._description
            )
        )


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def init(self):
        _init_from_registry_only(self)
        return super().init()


class AccountMgmtProfitabilityReportInit(models.Model):
    _inherit = "account_mgmt.profitability.report"

    def init(self):
        _init_from_registry_only(self)
        return super().init()


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        check_core_vals(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_core_vals(self, vals)
        return super().write(vals)


class AccountMgmtTierRecomputeDefaults(models.TransientModel):
    _inherit = "account_mgmt.tier.recompute"

    @api.model
    def default_get(self, fields_list):
        if not isinstance(fields_list, list | tuple) or not all(
            isinstance(fname, str) for fname in fields_list
        ):
            raise UserError(
                self.env._("The default values are asked for a list of field names.")
            )
        return super().default_get(fields_list)


class AccountMgmtProfitabilityReportDomain(models.Model):
    _inherit = "account_mgmt.profitability.report"

    @api.model
    def _account_mgmt_check_domain(self, domain):
        """A domain of this report sent by a client: a list of valid conditions."""
        if not isinstance(domain, list | tuple):
            raise UserError(
                self.env._(
                    "The lines are opened for a domain (a list of conditions), "
                    "not %(value)s.",
                    value=repr(domain)[:40],
                )
            )
        try:
            expression.normalize_domain(list(domain))
            expression.expression(list(domain), self)
        except (ValueError, TypeError, AssertionError, KeyError) as error:
            raise UserError(
                self.env._(
                    "%(value)s is not a valid domain of the profitability report.",
                    value=repr(domain)[:80],
                )
            ) from error

    @api.model
    def action_open_journal_items_domain(self, domain):
        self._account_mgmt_check_domain(domain)
        return super().action_open_journal_items_domain(domain)

    @api.model
    def action_open_breakdown_domain(self, domain):
        self._account_mgmt_check_domain(domain)
        return super().action_open_breakdown_domain(domain)
