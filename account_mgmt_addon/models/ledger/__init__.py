# The one ledger: the SQL builders on journal items (sales lines, cost of a line,
# open items) every feature reads, and the unit cost captured at posting.
from . import account_move_line
from . import account_move
