# Interactions with client accounts and the contact cadence.
from . import account_mgmt_interaction_type
from . import account_mgmt_interaction
from . import account_mgmt_interaction_stars
from . import account_mgmt_interaction_share
from . import res_partner_interaction
from . import res_company_interaction
from . import crm_lead
from . import mail_activity_interaction
