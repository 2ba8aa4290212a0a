# Budgets and rolling forecasts per account (issue 19). The access checks of these
# models (account_mgmt_budget_access) are imported last, by the add-on's __init__.
from . import account_mgmt_budget
from . import account_mgmt_budget_line
from . import account_mgmt_budget_adjustment

# Where budgets show (the budget report's figures): the account form and card,
# health, account plans.
from . import res_partner_budget
from . import account_mgmt_health_budget
from . import account_mgmt_plan_budget

# The demo budget and forecast (demo/account_mgmt_budget_demo.xml).
from . import account_mgmt_budget_demo
