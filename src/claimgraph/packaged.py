"""The project files a wheel ships, and where an installed claimgraph finds them.

A wheel holds, under ``claimgraph/_project/``, what ``claimgraph init`` copies into a new
project: the ontology and shapes, the saved queries, the entity registry, the reference data,
one example article with its claims, and the CI files of the repository (pre-commit hooks,
the GitHub workflow) when there are any. ``setup.py`` copies them there at build time; an
editable install or a source checkout reads them from the repository itself.

Only the standard library is used here: ``setup.py`` loads this file before claimgraph is
installed.
"""

from __future__ import annotations

import fnmatch
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

#: the folder inside the installed package that holds the shipped project files
SHIPPED_DIR = "_project"

#: the example article: its text and its claims (the seed every test project starts from)
EXAMPLE_SOURCE = "techzine-2025-09-09-asml-mistral"

#: what a new project gets, as patterns relative to the repository root (one folder level each)
STARTER_PATTERNS = (
    "ontology/*.ttl",
    "queries/*.rq",
    "data/entities.yaml",
    "data/reference/*.yaml",
    f"seeds/{EXAMPLE_SOURCE}.*.txt",
    f"data/claims/{EXAMPLE_SOURCE}.yaml",
)

#: shipped when they exist: the example's source record (a text kept as published has none),
#: and the CI files of the repository, which ``init`` turns into the new project's own
#: pre-commit configuration and workflow
OPTIONAL_PATTERNS = (
    f"seeds/{EXAMPLE_SOURCE}.source.yaml",
    ".pre-commit-hooks.yaml",
    "examples/github-workflow.yml",
)


class PackagingError(Exception):
    """The installed claimgraph has no project files (a broken install: exit 2)."""


def starter_root() -> Traversable:
    """Where the shipped project files are: inside the installed package, or (editable install,
    source checkout) the repository the package comes from."""
    shipped = resources.files("claimgraph") / SHIPPED_DIR
    if shipped.is_dir():
        return shipped
    source = Path(__file__).resolve().parents[2]
    if (source / "pyproject.toml").is_file() and (source / "ontology/claimgraph.ttl").is_file():
        return source
    raise PackagingError("this claimgraph install has no project files (claimgraph/_project/ is missing); "
                         "reinstall it from a wheel or a source checkout: pip install --force-reinstall claimgraph")


def starter_files(root: Traversable | None = None) -> dict[str, Traversable]:
    """Relative path -> file, for every shipped file under ``root`` (default: :func:`starter_root`),
    sorted by path. The required patterns must each match; the optional ones may match nothing."""
    root = starter_root() if root is None else root
    found: dict[str, Traversable] = {}
    for pattern in STARTER_PATTERNS + OPTIONAL_PATTERNS:
        folder, _, name = pattern.rpartition("/")
        directory = root.joinpath(folder) if folder else root
        matches = [entry for entry in directory.iterdir()
                   if entry.is_file() and fnmatch.fnmatchcase(entry.name, name)] if directory.is_dir() else []
        if not matches and pattern in STARTER_PATTERNS:
            raise PackagingError(f"{pattern}: not among the installed project files; reinstall claimgraph "
                                 "(pip install --force-reinstall claimgraph)")
        for entry in matches:
            found[f"{folder}/{entry.name}" if folder else entry.name] = entry
    return dict(sorted(found.items()))
