# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

ICON_PATTERN = re.compile(r"^fa-[a-z0-9-]+$")


class AccountMgmtInteractionType(models.Model):
    _name = "account_mgmt.interaction.type"
    _description = "Interaction Type"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short technical code, unique per company (e.g. CALL, EMAIL).",
    )
    icon = fields.Char(
        default="fa-comment-o",
        help="Font Awesome icon class shown in the timelines, e.g. fa-phone.",
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    counts_as_contact = fields.Boolean(
        default=True,
        help="A done interaction of this type resets the account's contact cadence "
        "clock. Internal notes, for instance, do not.",
    )
    default_duration = fields.Float(
        string="Default Duration (Hours)",
        help="Proposed duration of new interactions of this type.",
    )
    activity_type_ids = fields.Many2many(
        comodel_name="mail.activity.type",
        relation="account_mgmt_interaction_type_activity_type_rel",
        column1="interaction_type_id",
        column2="activity_type_id",
        string="Activity Types",
        help="When an activity of one of these types is marked as done on a client, "
        "one of its leads or sale orders, an interaction of this type is logged on "
        "the account.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to share the type between companies.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Two interaction types of the same company can't share a code.",
        ),
        (
            "default_duration_range",
            "CHECK(default_duration >= 0 AND default_duration <= 24)",
            "The default duration of a type must be between 0 and 24 hours.",
        ),
    ]

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        # The SQL constraint misses two shared types (company NULL) with one code.
        for itype in self:
            domain = [
                ("id", "!=", itype.id),
                ("code", "=", itype.code),
                ("company_id", "=", itype.company_id.id),
            ]
            if self.with_context(active_test=False).search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "Another interaction type already uses the code %(code)s.",
                        code=itype.code,
                    )
                )

    @api.constrains("icon")
    def _check_icon(self):
        for itype in self:
            if itype.icon and not ICON_PATTERN.match(itype.icon):
                raise ValidationError(
                    self.env._(
                        "The icon of %(type)s must be a Font Awesome class such as "
                        "fa-phone.",
                        type=itype.name,
                    )
                )

    @api.constrains("activity_type_ids", "company_id", "active")
    def _check_activity_types_unique(self):
        """An activity type feeds one interaction type, so marking it done is
        unambiguous."""
        for itype in self.filtered("active"):
            domain = [
                ("id", "!=", itype.id),
                ("activity_type_ids", "in", itype.activity_type_ids.ids),
            ]
            if itype.company_id:
                domain.append(("company_id", "in", [itype.company_id.id, False]))
            others = self.sudo().search(domain, limit=1)
            if others:
                shared = itype.activity_type_ids & others.activity_type_ids
                raise ValidationError(
                    self.env._(
                        "Activity type %(activity)s already logs %(other)s "
                        "interactions: it can't also log %(type)s.",
                        activity=shared[:1].name,
                        other=others.name,
                        type=itype.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        groups = (
            self.env["account_mgmt.interaction"]
            .sudo()  # count every interaction, whatever the user may read
            ._read_group([("type_id", "in", self.ids)], ["type_id"], ["__count"])
        )
        for itype, count in groups:
            raise UserError(
                self.env._(
                    "Interaction type %(type)s is used by %(count)s interactions: "
                    "archive it instead of deleting it.",
                    type=itype.name,
                    count=count,
                )
            )

    @api.model
    def _for_activity_types(self, activity_types):
        """Interaction types that log each of ``activity_types``.

        :return: {mail.activity.type id: account_mgmt.interaction.type records}
        """
        mapping = {}
        if not activity_types:
            return mapping
        # sudo: the mapping is configuration, whoever completes the activity.
        types = self.sudo().search(
            [("activity_type_ids", "in", activity_types.ids)],
            order="company_id, sequence, id",
        )
        for itype in types:
            for activity_type in itype.activity_type_ids & activity_types:
                mapping.setdefault(activity_type.id, self.sudo().browse())
                mapping[activity_type.id] |= itype
        return mapping

    @api.model
    def _pick_for_company(self, types, company):
        """The type of ``company`` among ``types`` (a shared one otherwise)."""
        if not types:
            return self.browse()
        own = types.filtered(lambda t: t.company_id == company)
        return own[:1] or types.filtered(lambda t: not t.company_id)[:1]
