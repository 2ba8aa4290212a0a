# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The add-on's security groups (xml ids, defined in security/account_mgmt_security.xml)
and the one "is director" check every feature uses."""

GROUP_MANAGER = "account_mgmt_addon.group_account_manager"
GROUP_DIRECTOR = "account_mgmt_addon.group_account_director"
GROUP_FINANCE = "account_mgmt_addon.group_account_finance"
# Implied by Finance and Director, and by Account Manager when the company lets
# managers see profitability: who reads margins and costs.
GROUP_PROFITABILITY = "account_mgmt_addon.group_account_mgmt_profitability"
# An account's revenue follows the account: its manager and team (the others'
# read as empty, see models/common/account_mgmt_access.py), directors and finance.
GROUP_REVENUE = f"{GROUP_MANAGER},{GROUP_FINANCE}"
GROUP_SYSTEM = "base.group_system"


def is_director(env):
    """Account directors, the superuser, and administrators (who could make
    themselves directors)."""
    return (
        env.su or env.user.has_group(GROUP_DIRECTOR) or env.user.has_group(GROUP_SYSTEM)
    )
