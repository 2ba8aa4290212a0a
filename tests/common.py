# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the add-on's tests.

AccountTestInvoicingCommon gives every test class its own company with a chart of
accounts (so demo data never leaks into figures) and an accounting user. On top of
it this class creates the add-on's people and a helper to post invoices of known
amounts quickly (straight create, no Form).
"""

from unittest.mock import patch

from odoo import Command
from odoo.models import BaseModel
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

GROUP_MANAGER = "account_mgmt_addon.group_account_manager"
GROUP_DIRECTOR = "account_mgmt_addon.group_account_director"
GROUP_FINANCE = "account_mgmt_addon.group_account_finance"


def read_group_as_core(report, *args, **kwargs):
    """``report.read_group`` as core does it: its query and order, its
    post-processing and formatting (the grouped report mixin's own methods set
    aside), to compare the mixin's result with, dict for dict."""
    with (
        patch.object(type(report), "_read_group", BaseModel._read_group),
        patch.object(
            type(report),
            "_read_group_postprocess_groupby",
            BaseModel._read_group_postprocess_groupby,
        ),
        patch.object(
            type(report),
            "_read_group_format_result",
            BaseModel._read_group_format_result,
        ),
    ):
        report.env.invalidate_all()
        return report.read_group(*args, **kwargs)


class AccountMgmtCommon(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = cls.env.company
        cls.company = company
        cls.user_manager = cls._new_user("am_anna", "Anna Manager", GROUP_MANAGER)
        cls.user_manager2 = cls._new_user("am_bruno", "Bruno Manager", GROUP_MANAGER)
        cls.user_director = cls._new_user("am_dora", "Dora Director", GROUP_DIRECTOR)
        cls.user_finance = cls._new_user("am_fred", "Fred Finance", GROUP_FINANCE)
        cls.user_plain = cls._new_user("am_paul", "Paul Plain", "base.group_user")
        cls.product_goods = cls._create_product(
            name="Widget", list_price=1000.0, standard_price=600.0
        )
        cls.product_service = cls._create_product(
            name="Consulting Day",
            type="service",
            list_price=800.0,
            standard_price=300.0,
        )

    @classmethod
    def _new_user(cls, login, name, groups, company=None):
        company = company or cls.env.company
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            email=f"{login}@example.com",
            groups=f"base.group_user,{groups}",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _account(cls, name, **vals):
        return cls.env["res.partner"].create({"name": name, "is_company": True, **vals})

    @classmethod
    def _post_move(
        cls,
        partner,
        date,
        lines,
        move_type="out_invoice",
        currency=None,
        company=None,
    ):
        """Post a customer invoice (or credit note) without taxes.

        ``lines``: [(product, quantity, unit price)]; amounts are in ``currency``
        (default: the company currency).
        """
        company = company or cls.env.company
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": date,
                    "date": date,
                    "currency_id": (currency or company.currency_id).id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": qty,
                                "price_unit": price,
                                "tax_ids": [Command.clear()],
                            }
                        )
                        for product, qty, price in lines
                    ],
                }
            )
        )
        move.action_post()
        return move
