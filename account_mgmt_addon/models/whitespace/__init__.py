from . import res_company_whitespace
from . import crm_lead_whitespace
from . import res_partner_whitespace
from . import account_mgmt_plan_whitespace
from . import whitespace_proposal
from . import account_mgmt_whitespace_line
