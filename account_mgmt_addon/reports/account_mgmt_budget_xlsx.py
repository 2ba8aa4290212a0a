# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .account_mgmt_budget_report import RATIO_FIELDS

AMOUNT_FIELDS = ("budget_amount", "forecast_amount", "actual_revenue", "variance")


class BudgetXlsx(models.AbstractModel):
    """The selected rows of the budget report as a spreadsheet (OCA
    report_xlsx), with a total whose percentages are ratios of its sums."""

    _name = "report.account_mgmt_addon.budget_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Budget vs Actual XLSX"

    def _get_lines(self, rows):
        """The rows' values and their total (percentages: ratios of sums;
        False without a budget)."""
        rows = rows.sorted(lambda row: (row.partner_id.display_name or "", row.date))
        lines = [
            {
                "account": row.partner_id.display_name or "",
                "month": row.date,
                "category": row.categ_id.display_name or "",
                **{fname: row[fname] for fname in AMOUNT_FIELDS},
                **{
                    fname: row[fname] if row.budget_amount else False
                    for fname in RATIO_FIELDS
                },
            }
            for row in rows
        ]
        total = {fname: sum(line[fname] for line in lines) for fname in AMOUNT_FIELDS}
        for fname, (numerator, denominator) in RATIO_FIELDS.items():
            total[fname] = (
                100.0 * total[numerator] / total[denominator]
                if total[denominator]
                else False
            )
        return lines, total

    def generate_xlsx_report(self, workbook, data, objs):
        # Public by report_xlsx's design: a client calling it directly gets a
        # clean answer, not an AttributeError.
        if (
            not hasattr(workbook, "add_worksheet")
            or not isinstance(objs, models.BaseModel)
            or objs._name != "account_mgmt.budget.report"
        ):
            raise UserError(
                self.env._(
                    "The budget spreadsheet is printed from the rows of the Budget "
                    "vs Actual report (Print > Budget vs Actual (XLSX)), not called "
                    "directly."
                )
            )
        lines, total = self._get_lines(objs)
        currency = self.env.company.currency_id
        money = workbook.add_format(
            {"num_format": self._report_xlsx_currency_format(currency)}
        )
        money_total = workbook.add_format(
            {
                "num_format": self._report_xlsx_currency_format(currency),
                "bold": True,
                "top": 1,
            }
        )
        percent = workbook.add_format({"num_format": "0.00"})
        percent_total = workbook.add_format({"num_format": "0.00", "bold": True})
        bold = workbook.add_format({"bold": True, "top": 1})
        title = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format(
            {"bold": True, "bottom": 1, "bg_color": "#F2F2F2", "text_wrap": True}
        )
        fields = self.env["account_mgmt.budget.report"]._fields
        measures = [*AMOUNT_FIELDS, *RATIO_FIELDS]
        sheet = workbook.add_worksheet(self.env._("Budget vs Actual"))
        sheet.write(0, 0, self.env._("Budget vs Actual"), title)
        sheet.write(1, 0, self.env._("In %(currency)s", currency=currency.name))
        row = 3
        columns = [
            self.env._("Account"),
            self.env._("Month"),
            self.env._("Product Category"),
            *(fields[fname]._description_string(self.env) for fname in measures),
        ]
        for col, label in enumerate(columns):
            sheet.write(row, col, label, header)
        sheet.set_row(row, 30)
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 2, 18)
        sheet.set_column(3, len(columns), 16)
        sheet.freeze_panes(row + 1, 1)
        for line in lines:
            row += 1
            sheet.write(row, 0, line["account"])
            sheet.write(
                row, 1, format_date(self.env, line["month"], date_format="MMM y")
            )
            sheet.write(row, 2, line["category"])
            for col, fname in enumerate(measures, start=3):
                if line[fname] is False:
                    continue
                sheet.write_number(
                    row, col, line[fname], percent if fname in RATIO_FIELDS else money
                )
        row += 1
        sheet.write(row, 0, self.env._("Total"), bold)
        for col, fname in enumerate(measures, start=3):
            if total[fname] is False:
                continue
            sheet.write_number(
                row,
                col,
                total[fname],
                percent_total if fname in RATIO_FIELDS else money_total,
            )
