"""The single source of every str-valued enum of the platform.

Each domain keeps its enums in its own module (with ``__all__``); this module re-exports them all,
so ``from quant_shared.enums import X`` works for every enum.
"""

from quant_shared.enums.gen_ai import *  # noqa: F403
from quant_shared.enums.market_data import *  # noqa: F403
from quant_shared.enums.ml import *  # noqa: F403
from quant_shared.enums.paper_trading import *  # noqa: F403
from quant_shared.enums.system import *  # noqa: F403
from quant_shared.enums.trading import *  # noqa: F403
from quant_shared.enums.user import *  # noqa: F403
