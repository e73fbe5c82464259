"""Importing this defers the backtest engine's ``__init__`` until one of its names is first used.

``quant_trading.engine``'s ``__init__`` imports the whole simulation (the backtest, its KPIs with
SciPy's statistics, portfolios); the API needs only its ``signals`` submodule (parameter schemas,
strategy validation) to build its routes, and Python runs a package's ``__init__`` before any
submodule. So the package is registered with its search path but without running the ``__init__``;
the first access to a name it defines (``from quant_trading.engine import run_backtest``,
``engine.OHLCV``) runs it, once, under a lock. Submodules (``quant_trading.engine.signals``,
``from quant_trading.engine import indicators``) import as usual meanwhile. Imported by the API
package before its routers; code that imports the engine first gets the ordinary eager package.
A lazy ``__init__`` in the engine itself (PEP 562 ``__getattr__``) would make this module unneeded.
"""

import importlib.util
import sys
import threading
import types

ENGINE = "quant_trading.engine"
_lock = threading.RLock()
_running: set[str] = set()  # packages whose __init__ is executing (re-entrant access: a normal miss)


class DeferredPackage(types.ModuleType):
    """A package whose ``__init__`` runs on the first lookup of a name it has not got yet."""

    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if importlib.util.find_spec(f"{self.__name__}.{name}") is not None:
            raise AttributeError(name)  # a submodule not imported yet: ``from pkg import sub`` imports it
        with _lock:
            if type(self) is DeferredPackage and self.__name__ not in _running:
                _running.add(self.__name__)
                try:
                    self.__spec__.loader.exec_module(self)
                    self.__class__ = types.ModuleType
                finally:
                    _running.discard(self.__name__)
        return object.__getattribute__(self, name)


def defer_package_init(name: str) -> None:
    """Register package ``name`` with its ``__init__`` deferred (nothing to do when already imported)."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError(f"{name} is not a package")
    module = importlib.util.module_from_spec(spec)
    module.__class__ = DeferredPackage
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


defer_package_init(ENGINE)
