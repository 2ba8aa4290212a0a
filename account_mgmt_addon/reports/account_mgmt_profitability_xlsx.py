# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .account_mgmt_profitability_report import RATIO_FIELDS


class ProfitabilityXlsx(models.AbstractModel):
    """Client profitability as a spreadsheet (OCA report_xlsx), for the period,
    grouping and companies of an ``account_mgmt.profitability.export`` wizard."""

    _name = "report.account_mgmt_addon.profitability_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Client Profitability XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        # Public by report_xlsx's design: a client calling it directly gets a
        # clean answer, not an AttributeError.
        if not hasattr(workbook, "add_worksheet") or not isinstance(
            objs, models.BaseModel
        ):
            raise UserError(
                self.env._(
                    "The client profitability spreadsheet is made by its export "
                    "wizard (Export XLSX), not called directly."
                )
            )
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format(
            {"bold": True, "bottom": 1, "bg_color": "#F2F2F2", "text_wrap": True}
        )
        for wizard in objs:
            lines, total = wizard._get_lines()
            currency = wizard.currency_id
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
            percent_total = workbook.add_format(
                {"num_format": "0.00", "bold": True, "top": 1}
            )
            sheet = workbook.add_worksheet(self.env._("Client Profitability"))
            sheet.write(0, 0, self.env._("Client Profitability"), title)
            sheet.write(
                1,
                0,
                self.env._(
                    "%(start)s - %(end)s, %(companies)s, in %(currency)s",
                    start=format_date(self.env, wizard.date_from),
                    end=format_date(self.env, wizard.date_to),
                    companies=", ".join(wizard.company_ids.mapped("name")),
                    currency=currency.name,
                ),
            )
            groupby_label = dict(
                wizard._fields["groupby"]._description_selection(self.env)
            )[wizard.groupby]
            measures = wizard._get_measure_labels()
            row = 3
            sheet.write(row, 0, groupby_label, header)
            for col, (_fname, label) in enumerate(measures, start=1):
                sheet.write(row, col, label, header)
            sheet.set_row(row, 30)
            sheet.set_column(0, 0, 36)
            sheet.set_column(1, len(measures), 16)
            sheet.freeze_panes(row + 1, 1)
            for line in [*lines, total]:
                row += 1
                is_total = line is total
                sheet.write(row, 0, line["label"], bold if is_total else None)
                for col, (fname, _label) in enumerate(measures, start=1):
                    if fname in RATIO_FIELDS:
                        cell_format = percent_total if is_total else percent
                    else:
                        cell_format = money_total if is_total else money
                    sheet.write_number(row, col, line[fname], cell_format)
