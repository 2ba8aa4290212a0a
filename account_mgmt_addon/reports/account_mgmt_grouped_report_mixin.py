# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.osv import expression


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
        # each row's domain, by identity: (domain, normalized form, kind), the
        # domain kept alive here so that its id is not reused
        known = {}

        def normalized(domain):
            entry = known.get(id(domain))
            if entry is None or entry[0] is not domain:
                form = expression.normalize_domain(domain)
                entry = (domain, form, _kind(form))
                known[id(domain)] = entry
            return entry

        for group in lazy_groupby:
            # one row per distinct value, formatted by core
            samples = {}
            for row in rows_dict:
                value = row[group]
                samples.setdefault((type(value), value), value)
            formatted = [{group: value, "__domain": []} for value in samples.values()]
            super()._read_group_format_result(formatted, [group])
            by_value = {
                key: (sample, normalized(sample["__domain"]))
                for key, sample in zip(samples, formatted, strict=True)
            }
            for row in rows_dict:
                value = row[group]
                sample, right = by_value[type(value), value]
                row[group] = sample[group]
                if "__range" in sample:
                    row.setdefault("__range", {})[group] = sample["__range"][group]
                domain = _and(normalized(row["__domain"]), right)
                known[id(domain)] = (domain, domain, _kind(domain))
                row["__domain"] = domain
        return None


def _kind(domain):
    if domain == expression.TRUE_DOMAIN:
        return "true"
    if domain == expression.FALSE_DOMAIN:
        return "false"
    return "other"


def _and(left, right):
    """``expression.AND([left, right])`` for two (domain, normalized, kind)."""
    if left[2] == "false" or right[2] == "false":
        return list(expression.FALSE_DOMAIN)
    if left[2] == "true":
        return list(right[1])
    if right[2] == "true":
        return list(left[1])
    return ["&", *left[1], *right[1]]
