# Budgets and rolling forecasts per account (issue 19). The access checks of these
# models (account_mgmt_budget_access) are imported last, by the add-on's __init__.
from . import account_mgmt_budget
from . import account_mgmt_budget_line
from . import account_mgmt_budget_adjustment
