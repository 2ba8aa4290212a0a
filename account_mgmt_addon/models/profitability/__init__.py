# Client profitability: cost pools and their allocations, the account's figures and
# receivables (the report models are in reports/).
from . import account_mgmt_cost_pool
from . import account_mgmt_cost_allocation
from . import res_partner_profitability
