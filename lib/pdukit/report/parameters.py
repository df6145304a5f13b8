"""Notebook parameters that cannot be mistaken: a misspelt name or an invalid value stops the run.

Each report notebook declares its parameters once, in the cell tagged `parameters`, as annotated assignments with a
one-line comment (which `papermill --help-notebook` shows):

    region: str = "Greater Manchester"  # probation region: one of the 12 in pdukit.REGIONS

The cell before it records the names that exist already (`parameters.begin(globals())`); the cell after it
(`parameters.check(globals(), region=REGIONS)`) runs after papermill's injected cell, whoever drives papermill
(`pdukit render`, the papermill CLI, a scheduler), and raises ParameterError for a name the parameters cell does not
declare, a value of the wrong type, or a value outside its valid ones. Run interactively with the defaults, it
passes and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from pdukit.errors import ParameterError

_BEFORE = "__pdukit_names_before_parameters__"
INJECTABLE = (str, int, float, bool, list, dict, type(None))  # what papermill can inject
IGNORED = {"In", "Out", "get_ipython", "exit", "quit", "open", "__annotations__", _BEFORE}
# The names IPython itself adds as cells run (the last outputs `_`, `__`, `___`, `_3`; the last inputs `_i`, `_ii`,
# `_iii`, `_i3`; the histories; a shell command's exit code): never a parameter. Any other name, `_region`
# included, that appears between the parameters cell and the check was injected, so it must be declared.
IPYTHON_NAME = re.compile(r"_{1,3}|_i{1,3}|_i\d+|_\d+|_ih|_oh|_dh|_exit_code|__\w+__")


def begin(namespace: dict) -> None:
    """Record the names defined before the parameters cell (call in the cell just above it)."""
    # annotations left by an earlier run would look declared; emptied, not removed: a module run as a plain script
    # (python notebooks/national.py) stores its later annotated assignments in this very dict
    if isinstance(namespace.get("__annotations__"), dict):
        namespace["__annotations__"].clear()
    else:
        namespace["__annotations__"] = {}
    namespace[_BEFORE] = frozenset(namespace) | {"__annotations__"}


def check(namespace: dict, **valid: Iterable | Callable) -> dict:
    """Check the parameters after papermill injected its values; return {name: value} of the declared ones.

    `valid` maps a parameter to its valid values (a collection) or to a function that returns the canonical value
    or raises ParameterError (for names resolved against the data, such as PDUs)."""
    declared = dict(namespace.get("__annotations__", {}))
    if not declared:
        raise ParameterError("the parameters cell declares nothing; expected annotated assignments (name: type = value)")
    before = namespace.get(_BEFORE, frozenset())
    unknown = sorted(n for n, v in namespace.items() if n not in before and n not in declared and n not in IGNORED
                     and not IPYTHON_NAME.fullmatch(n) and isinstance(v, INJECTABLE))
    listing = ", ".join(f"{n} ({getattr(t, '__name__', t)})" for n, t in declared.items())
    if unknown:
        raise ParameterError(f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
                             f"this notebook's parameters are: {listing}")
    values = {}
    for name, kind in declared.items():
        value = namespace[name]
        if isinstance(kind, type) and not isinstance(value, kind):
            raise ParameterError(f"parameter {name!r} is {value!r} ({type(value).__name__}); expected {kind.__name__}")
        rule = valid.get(name)
        if callable(rule):
            value = rule(value)
        elif rule is not None:
            choices = list(rule)
            if value not in choices:
                raise ParameterError(f"parameter {name!r} is {value!r}; expected one of: {', '.join(map(str, choices))}")
        values[name] = namespace[name] = value  # the canonical value, e.g. a region's official name
    return values


def region(value: str) -> str:
    """The official name of a region given in any case or as a slug; ParameterError lists all 12."""
    from pdukit.dataset.names import resolve_region
    from pdukit.dataset.schema import REGIONS

    try:
        return resolve_region(value)
    except ValueError:
        raise ParameterError(f"parameter 'region' is {value!r}; expected one of the 12 regions: "
                             + ", ".join(REGIONS)) from None
