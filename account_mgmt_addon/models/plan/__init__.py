# Account development plans: the plan and its live measures, objectives, actions,
# stakeholders, and the plan's extensions of partners, activities and interactions.
from . import account_mgmt_plan
from . import account_mgmt_plan_measures
from . import account_mgmt_plan_objective
from . import account_mgmt_plan_action
from . import account_mgmt_plan_stakeholder
from . import res_partner_plan
from . import mail_activity_plan
from . import account_mgmt_interaction_plan
from . import res_partner_plan_card
from . import account_mgmt_plan_notify
from . import account_mgmt_plan_objective_health
