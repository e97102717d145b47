"""What the terminal and the environment allow: escape codes, progress lines, CI.

- ``NO_COLOR`` set to anything but the empty string (https://no-color.org) or ``TERM=dumb``:
  no ANSI escape code at all, neither colour nor erasing a line.
- ``TERM=dumb``: no progress line either (such a terminal may not return the cursor).
- ``CI`` is read as a boolean: unset, empty, ``0``, ``false``, ``no`` or ``off`` (any case) is
  not CI; anything else is.
- Shell completion (click's) of saved query names and of their parameter names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

import click
from click.shell_completion import CompletionItem

from claimgraph.problems import printable

#: the values of a boolean environment variable that mean no
FALSE_VALUES = frozenset({"", "0", "false", "no", "off", "n", "f"})


def env_flag(name: str, environ: Mapping[str, str] | None = None) -> bool:
    """Whether the environment variable ``name`` is set to a true value (see :data:`FALSE_VALUES`)."""
    value = (os.environ if environ is None else environ).get(name)
    return value is not None and value.strip().lower() not in FALSE_VALUES


def under_ci(environ: Mapping[str, str] | None = None) -> bool:
    """Running under CI: ``CI`` is set to a true value (GitHub Actions and most services set ``CI=true``)."""
    return env_flag("CI", environ)


def _dumb(environ: Mapping[str, str]) -> bool:
    return environ.get("TERM", "").strip().lower() == "dumb"


def escape_codes_refused(environ: Mapping[str, str] | None = None) -> bool:
    """The environment forbids ANSI escape codes: ``NO_COLOR`` set and not empty, or ``TERM=dumb``."""
    environ = os.environ if environ is None else environ
    return bool(environ.get("NO_COLOR")) or _dumb(environ)


def escape_codes_allowed(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """ANSI escape codes may be written to ``stream``: a terminal, not dumb, and no ``NO_COLOR``."""
    return not escape_codes_refused(environ) and _isatty(stream)


def progress_wanted(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """A progress line may be drawn on ``stream``: a terminal that is not dumb, and not under CI
    (logs stay clean)."""
    environ = os.environ if environ is None else environ
    return _isatty(stream) and not _dumb(environ) and not under_ci(environ)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False


# -- shell completion (click's: eval "$(_CLAIMGRAPH_COMPLETE=bash_source claimgraph)") ----------

def _completion_root(ctx: click.Context) -> Path | None:
    """The project the command line names (``--project`` before or after the command, or
    ``CLAIMGRAPH_PROJECT``), else the one around the current folder; None outside any."""
    from claimgraph.pipeline import find_project_root  # the pipeline is loaded only when completing

    project = None
    context: click.Context | None = ctx
    while context is not None and project is None:
        project = (context.obj or {}).get("project") if isinstance(context.obj, dict) else None
        project = project or context.params.get("project")
        context = context.parent
    try:
        return find_project_root(Path(project) if project else Path.cwd())
    except Exception:  # completion must never fail loudly: no project, no candidates
        return None


def _saved_queries(ctx: click.Context) -> list:
    from claimgraph.queries.saved import list_queries

    root = _completion_root(ctx)
    try:
        return list_queries(root) if root is not None else []
    except Exception:  # a broken query file: complete nothing rather than print an error mid-line
        return []


def complete_query_name(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """``claimgraph query <TAB>``: the saved queries' names (with their summaries), or a path to a
    .rq file once the word looks like one."""
    if "/" in incomplete or incomplete.startswith("."):
        return [CompletionItem(incomplete, type="file")]
    items = [CompletionItem(query.name, help=printable(query.summary)) for query in _saved_queries(ctx)
             if query.name.startswith(incomplete)]
    return items or [CompletionItem(incomplete, type="file")]


def complete_parameter(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """``claimgraph query NAME -p <TAB>``: ``name=`` for each parameter of NAME (of every saved
    query when NAME is not known yet)."""
    from claimgraph.queries.saved import load_query

    saved = _saved_queries(ctx)
    # with an option still waiting for its value, click leaves the words it did not parse in args
    words = [ctx.params["name"]] if ctx.params.get("name") else [w for w in ctx.args if not w.startswith("-")]
    named = next((w for w in words if w.endswith(".rq") or any(q.name == w for q in saved)), None)
    queries = [query for query in saved if query.name == named]
    if named is not None and named.endswith(".rq") and Path(named).is_file():
        try:
            queries = [load_query(Path(named))]
        except Exception:
            queries = []
    if named is None:
        queries = saved
    described: dict[str, str] = {}
    for query in queries:
        for parameter in query.params:
            described.setdefault(parameter.name, ("required" if parameter.required else "optional")
                                 + (f", e.g. {parameter.example}" if parameter.example else ""))
    return [CompletionItem(f"{name}=", help=printable(help)) for name, help in sorted(described.items())
            if f"{name}=".startswith(incomplete)]
