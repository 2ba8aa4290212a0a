from . import account_mgmt_grouped_report_mixin
from . import account_mgmt_profitability_report
from . import account_mgmt_receivable_report
from . import account_mgmt_profitability_xlsx
from . import account_mgmt_profitability_pdf
from . import account_mgmt_profitability_breakdown
from . import account_mgmt_workload_report
from . import account_mgmt_whitespace_report
