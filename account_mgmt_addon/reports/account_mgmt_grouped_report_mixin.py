# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, models
from odoo.models import parse_read_group_spec
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.base.models.res_partner import Partner as BasePartner

_LINE_END = re.compile(r"\s+\n")


class AccountMgmtGroupedReportMixin(models.AbstractModel):
    """Grouped reads of reports with many groups, formatted as core does.

    A pivot of 50,000 accounts by quarter has 300,000 cells but only 50,000
    accounts and a few quarters. Core formats every cell on its own: a label per
    date (babel), a display name look-up and a domain per group value. Here each
    distinct value of a groupby is formatted once (by core's own method, on one
    row per value) and its result is shared by the rows that hold it; domains are
    combined as ``expression.AND`` does. The result is the same, dict for dict.
    """

    _name = "account_mgmt.grouped.report.mixin"
    _description = "Account Management: Grouped Report"

    # Percentages read as ratios of sums in any grouping, never as an average of
    # rows: {field: (numerator field, denominator field)}, x 100.
    _account_mgmt_ratio_fields = {}

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "__count":
            fname, __, func = parse_read_group_spec(aggregate_spec)
            ratio = self._account_mgmt_ratio_fields.get(fname)
            if ratio and func in ("avg", "sum"):
                numerator, denominator = ratio
                return SQL(
                    "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
                    self._field_to_sql(self._table, numerator, query),
                    self._field_to_sql(self._table, denominator, query),
                )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _read_group_format_result(self, rows_dict, lazy_groupby):
        fields_by_group = {
            group: self._fields[group.split(":")[0].split(".")[0]]
            for group in lazy_groupby
        }
        if not rows_dict or any(
            field.type in ("properties", "many2many")
            for field in fields_by_group.values()
        ):
            return super()._read_group_format_result(rows_dict, lazy_groupby)
        # the normalized domain of each row and its kind, the rows' own domain
        # (usually one list shared by all) normalized once
        bases = {}
        current = []
        for row in rows_dict:
            domain = row["__domain"]
            entry = bases.get(id(domain))
            if entry is None or entry[0] is not domain:
                form = expression.normalize_domain(domain)
                entry = bases[id(domain)] = (domain, (form, _kind(form), False))
            current.append(entry[1])
        for group in lazy_groupby:
            relational = fields_by_group[group].type == "many2one"

            def key(value, relational=relational):
                # records hash slowly: their ids stand for them
                return value._ids if relational else (type(value), value)

            # one row per distinct value, formatted by core
            samples = {}
            for row in rows_dict:
                value = row[group]
                samples.setdefault(key(value), value)
            labels = (
                self._account_mgmt_partner_labels(fields_by_group[group], samples)
                if relational and group == fields_by_group[group].name
                else {}
            )
            # core computes display names for the whole prefetch set: only for
            # the values left to it
            unlabelled = (
                tuple(
                    value.id
                    for value in samples.values()
                    if value and value.id not in labels
                )
                if labels
                else None
            )
            field_name = fields_by_group[group].name
            formatted = []
            to_core = []
            for value in samples.values():
                if relational and value and value.id in labels:
                    # what core gives for it (its domain for one value, the
                    # rows' domain aside, normalized by expression.AND)
                    formatted.append(
                        {
                            group: (value.id, labels[value.id]),
                            "__domain": [(field_name, "=", value.id)],
                        }
                    )
                    continue
                if relational and value and labels:
                    value = value.with_prefetch(unlabelled)
                sample = {group: value, "__domain": []}
                formatted.append(sample)
                to_core.append(sample)
            if to_core:
                super()._read_group_format_result(to_core, [group])
            by_value = {}
            for sample_key, sample in zip(samples, formatted, strict=True):
                form = sample["__domain"]
                by_value[sample_key] = (sample, (form, _kind(form), False))
            for index, row in enumerate(rows_dict):
                sample, right = by_value[key(row[group])]
                row[group] = sample[group]
                if "__range" in sample:
                    row.setdefault("__range", {})[group] = sample["__range"][group]
                current[index] = _and(current[index], right)
        for row, (domain, _kind_of, fresh) in zip(rows_dict, current, strict=True):
            # a list of its own for each row, as core gives
            row["__domain"] = domain if fresh else list(domain)
        return None

    # the context keys that change a partner's display name (core's
    # ``res.partner._compute_display_name``)
    _ACCOUNT_MGMT_PARTNER_NAME_CONTEXT = (
        "show_address",
        "partner_show_db_id",
        "address_inline",
        "show_email",
        "show_vat",
    )

    @api.model
    def _account_mgmt_partner_labels(self, field, samples):
        """Core's display name of the partners among ``samples`` whose name is
        their display name, read in one query: {partner id: label}.

        Core computes a partner's display name with a language context and a
        selection's translated labels for each partner, about 0.1 ms each (21,000
        accounts: 2 s per grouped read). A partner without parent and company
        name, or a company with a name, is displayed by its name alone
        (``_get_complete_name``), unless the context asks for an address, an
        email, a VAT number or an id; the labels of the others (contacts of a
        company) are left to core. Only when ``res.partner`` computes its
        display name as core does: a module that overrides it (hr, website, ...)
        gets core's own path.
        """
        if field.comodel_name != "res.partner":
            return {}
        partners = self.env["res.partner"]
        partner_class = type(partners)
        if (
            any(
                partners.env.context.get(k)
                for k in self._ACCOUNT_MGMT_PARTNER_NAME_CONTEXT
            )
            or partners._fields["display_name"].compute != "_compute_display_name"
            or partner_class._compute_display_name
            is not BasePartner._compute_display_name
            or partner_class._get_complete_name is not BasePartner._get_complete_name
        ):
            return {}
        ids = [value.id for value in samples.values() if value]
        if not ids:
            return {}
        partners.flush_model(["name", "parent_id", "company_name", "is_company"])
        # One primary key look-up per id (LIMIT keeps the planner from scanning
        # every partner for a hash join: 70 ms instead of 190 ms for 21,000).
        self.env.cr.execute(
            SQL(
                """
                SELECT partner.*
                  FROM unnest(%s::integer[]) AS wanted(id)
                 CROSS JOIN LATERAL (
                    SELECT id, name,
                           parent_id IS NULL AND COALESCE(company_name, '') = ''
                           OR is_company AND COALESCE(name, '') != ''
                      FROM res_partner
                     WHERE id = wanted.id
                     LIMIT 1
                 ) partner
                """,
                sorted(ids),
            )
        )
        # _compute_display_name on _get_complete_name's stripped name
        return {
            partner_id: _LINE_END.sub("\n", (name or "").strip()).strip()
            for partner_id, name, by_name in self.env.cr.fetchall()
            if by_name
        }


def _kind(domain):
    if domain == expression.TRUE_DOMAIN:
        return "true"
    if domain == expression.FALSE_DOMAIN:
        return "false"
    return "other"


def _and(left, right):
    """``expression.AND([left, right])`` for two normalized domains given as
    (domain, kind, whether the list belongs to one row only); returns the same."""
    if left[1] == "false" or right[1] == "false":
        return expression.FALSE_DOMAIN, "false", False
    if left[1] == "true":
        return right
    if right[1] == "true":
        return left
    return ["&", *left[0], *right[0]], "other", True
