"""The ``claimgraph`` command: a thin layer over :mod:`claimgraph.pipeline` and friends.

Exit codes: 0 clean; 1 problems found in the data (all reported); 2 usage or
configuration error; 3 internal error (a bug: please report it). No tracebacks unless
``CLAIMGRAPH_DEBUG=1``.
"""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import signal
import sys
import time
from pathlib import Path

import click

import claimgraph
from claimgraph import __version__
from claimgraph import cache
from claimgraph.checks.fastreason import UnsupportedOntologyError
from claimgraph.checks.shacl import ENGINES as VALIDATORS, ValidatorError
from claimgraph.packaged import PackagingError
from claimgraph.diff import DEFAULT_ROWS, DIFF_FORMATS, SideError
from claimgraph.git import GitError, normalized_prefix, repository_prefix
from claimgraph.paths import UnsafePathError
from claimgraph.pipeline import REASONERS, ProjectError, find_project_root
from claimgraph.problems import Problem, format_problems, relative_path, safe_line, with_path_prefix
from claimgraph.progress import Progress
from claimgraph.project import BuiltFileError, parse_graph_overrides
from claimgraph.queries.formats import ALL_FORMATS, FormatError, table_text
from claimgraph.queries.saved import INLINE, MAX_QUERY_BYTES, ParameterError, QueryError, parse_assignments
from claimgraph.rdf.vocabulary import MODALITY
from claimgraph.rdf.serialization import REPLACED
from claimgraph.starter import InitError, init_project
from claimgraph.terminal import (complete_parameter, complete_query_name, escape_codes_allowed, escape_codes_refused,
                                 progress_wanted)
from claimgraph.stores.embedded import EngineError, QueryEngine
from claimgraph.stores.remote import Endpoint, EndpointConfigError, EndpointError, LoadState, endpoint_for
from claimgraph.why import ClaimsError, TermError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
FORMATS = click.Choice(["text", "github", "json"])


class ProblemsFound(click.ClickException):
    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(self.message, err=True)


class SetupError(click.ClickException):
    """A usage or environment error told in one line, without click's usage text (exit 2)."""
    exit_code = 2


def _root(ctx: click.Context) -> Path:
    project = ctx.obj.get("project")
    try:
        return find_project_root(Path(project) if project else Path.cwd())
    except ProjectError as exc:
        raise click.UsageError(str(exc)) from None


def _notice(line: str | None) -> None:
    """One line on stderr about the query store (filled again, or not usable)."""
    if line:
        click.echo(safe_line(line), err=True)


def _report(problems: list[Problem], fmt: str, root: Path | None = None, prefix: str | None = None) -> None:
    """Print the problems; with ``root``, their paths start at the git repository's top: after
    ``prefix`` (``--path-prefix``), or the project's folder in its repository when not given."""
    if problems:
        if root is not None:
            problems = with_path_prefix(problems, repository_prefix(root) if prefix is None else prefix)
        click.echo(format_problems(problems, fmt))


def _path_prefix(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return None if value is None else normalized_prefix(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


PATH_PREFIX = click.option("--path-prefix", metavar="PREFIX", callback=_path_prefix,
                           help="Put PREFIX before the paths of problems (the project's folder in its repository; "
                                "default: asked from git, none outside a repository; '' for none).")


def _finish(problems: list[Problem], what: str) -> None:
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    if errors:
        raise ProblemsFound(f"{what}: {errors} error(s), {warnings} warning(s)")
    click.echo(f"{what}: ok ({warnings} warning(s))", err=True)


def endpoint_options(*, loading: bool):
    """The flags every command that talks to a SPARQL server shares."""

    def decorate(command):
        options = [
            click.option("--endpoint", required=loading, metavar="URL",
                         help="SPARQL query URL (Oxigraph http://HOST:7878/query, Fuseki "
                              "http://HOST:3030/DATASET/query, Virtuoso http://HOST:8890/sparql)."),
            click.option("--store-url", metavar="URL", help="Graph Store Protocol URL (derived for known servers)."),
            click.option("--update-url", metavar="URL", help="SPARQL Update URL (derived for known servers)."),
            click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True,
                         help="Seconds to wait for an answer (connecting waits at most 5 s)."),
            click.option("--insecure", is_flag=True, help="Do not verify TLS certificates (not recommended)."),
        ]
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


class TerminalProgress(Progress):
    """One status line on stderr, rewritten in place: the stage, and files done for loading.

    Only on an interactive terminal that is not dumb and never under CI, so logs and pipes
    stay clean; with ``NO_COLOR`` without escape codes (:mod:`claimgraph.terminal`); redrawn
    at most ten times a second.
    """

    def __init__(self) -> None:
        self.name = ""
        self.started = time.monotonic()
        self.drawn = 0.0
        self.shown = False
        self.erase = "" if escape_codes_refused() else "\033[K"  # drawn only on a terminal (wanted())
        self.width = 0  # of the last line drawn: without escape codes, spaces wipe what is left of it

    @staticmethod
    def wanted() -> bool:
        return progress_wanted(sys.stderr)

    def stage(self, name: str) -> None:
        self.name = name
        self._draw(f"{name}...", force=True)

    def step(self, done: int, total: int, unit: str = "files") -> None:
        def amount(n: int) -> str:
            return f"{n / 2**20:.1f}" if unit == "bytes" else str(n)
        shown_unit = "MB" if unit == "bytes" else unit
        if total <= 0:  # not known: the amount so far
            self._draw(f"{self.name} {amount(done)} {shown_unit}")
            return
        width = 24
        filled = width * min(done, total) // total
        self._draw(f"{self.name} [{'#' * filled}{'.' * (width - filled)}] {amount(done)}/{amount(total)} {shown_unit}",
                   force=done == total)

    def finish(self) -> None:
        if self.shown:
            click.echo(f"\r{self.erase or ' ' * self.width + chr(13)}", nl=False, err=True)
            self.shown = False

    def _draw(self, text: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.drawn < 0.1:
            return
        self.drawn = now
        self.shown = True
        line = f"{now - self.started:6.1f}s  {text}"
        click.echo(f"\r{self.erase}{line}{' ' * (0 if self.erase else self.width - len(line))}", nl=False, err=True)
        self.width = len(line)


def _progress() -> Progress | None:
    return TerminalProgress() if TerminalProgress.wanted() else None


class _Group(click.Group):
    """Configuration errors raised inside any command are usage errors (exit 2), not bugs."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's own handling, except: messages are shown with control characters escaped
        (a value from the data cannot act on the terminal or on CI), Ctrl-C exits 130, and a
        file that cannot be read or written is an environment error (exit 2), not a bug."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        REPLACED.clear()  # what this command replaces (a test runs many in one process)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            click.echo(interruption_message("interrupted"), err=True)
            sys.exit(130)
        except click.ClickException as exc:
            exc.message = safe_line(exc.message)  # type: ignore[misc]  # click's Final is about its own code
            exc.show()
            sys.exit(exc.exit_code)
        except OSError as exc:
            click.echo(f"Error: {safe_line(_os_error_text(exc))}", err=True)
            sys.exit(2)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (ProjectError, ValidatorError, UnsupportedOntologyError, QueryError, EndpointConfigError) as exc:
            raise click.UsageError(str(exc)) from None
        except (EngineError, BuiltFileError) as exc:  # EndpointError is an EngineError
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="claimgraph")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), envvar="CLAIMGRAPH_PROJECT",
              show_envvar=True,
              help="Project folder (default: the folder above the current one that has data/claims/).")
@click.pass_context
def cli(ctx: click.Context, project: Path | None) -> None:
    """Claims from business news as a validated, reasoned, queryable knowledge graph.

    \b
    Typical use:
      claimgraph build                      # claims -> data/build/*.ttl
      claimgraph check                      # everything CI checks
      claimgraph query shareholders -p company="Mistral AI"
    """
    ctx.ensure_object(dict)
    ctx.obj["project"] = project


def _project_here(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    """``--project`` after the command name too (``claimgraph check --project DIR``); it wins."""
    if value is not None:
        ctx.ensure_object(dict)["project"] = value


PROJECT = click.option("--project", type=click.Path(file_okay=False, path_type=Path), expose_value=False,
                       callback=_project_here, is_eager=True,
                       help="Project folder, as before the command name (CLAIMGRAPH_PROJECT).")

REASONER = click.option("--reasoner", type=click.Choice(REASONERS), default="fast", show_default=True,
                        help="OWL 2 RL engine: fast (compiled rules) or owlrl (the reference, slower).")
SHACL = click.option("--shacl", "validator", type=click.Choice(VALIDATORS), default="fast", show_default=True,
                     help="SHACL engine: fast (compiled shapes) or pyshacl (the reference, slower).")


@cli.command("build")
@PROJECT
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True,
              help="How to print problems.")
@PATH_PREFIX
@REASONER
@SHACL
@click.pass_context
def build_command(ctx: click.Context, fmt: str, path_prefix: str | None, reasoner: str, validator: str) -> None:
    """Validate, reason and write the built graphs under data/build/.

    Nothing is written unless every stage passes; the files are then replaced together.

    \b
    Example:
      claimgraph build
    """
    root = _root(ctx)
    report = claimgraph.build(root, reasoner=reasoner, validator=validator, progress=_progress())
    _notice(report.notice)
    _report(report.problems, fmt, root, path_prefix)
    if report.ok:
        t = report.triples
        click.echo(f"built {report.claims} claims: {t['asserted']} asserted, {t['hypothetical']} hypothetical, "
                   f"{t['inferred']} inferred triples -> {relative_path(root / 'data/build', root)}/", err=True)
    _finish(report.problems, "build")


@cli.command("validate")
@PROJECT
@click.argument("claim_files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@PATH_PREFIX
@SHACL
@click.pass_context
def validate_command(ctx: click.Context, claim_files: tuple[Path, ...], fmt: str, path_prefix: str | None,
                     validator: str) -> None:
    """Check claim files: format, entities, evidence quotes and SHACL shapes.

    With CLAIM_FILES, only those files are checked (for a pre-commit hook); without, all
    of data/claims/. Reasoning and built files are left to `claimgraph check`.

    \b
    Example:
      claimgraph validate data/claims/techzine-2025-09-09-asml-mistral.yaml
    """
    root = _root(ctx)
    only = None
    if claim_files:
        missing = [str(p) for p in claim_files if not p.is_file()]
        if missing:
            raise click.BadParameter(f"no such file: {', '.join(missing)}", param_hint="CLAIM_FILES")
        only = list(claim_files)
    report = claimgraph.validate(root, only, validator=validator, progress=_progress())
    _report(report.problems, fmt, root, path_prefix)
    _finish(report.problems, f"validate ({report.claims} claims)")


@cli.command("check")
@PROJECT
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True,
              help="text for people, github for GitHub Actions annotations, json for tools.")
@PATH_PREFIX
@REASONER
@SHACL
@click.option("--no-cache", is_flag=True,
              help="Run every stage even if no input changed since the last check.")
@click.option("--verify-build", is_flag=True,
              help="Make every built file again and compare bytes, instead of trusting the digests in "
                   "data/build/build.json.")
@click.pass_context
def check_command(ctx: click.Context, fmt: str, path_prefix: str | None, reasoner: str, validator: str,
                  no_cache: bool, verify_build: bool) -> None:
    """Everything CI needs: input checks, evidence, SHACL, reasoning, freshness, query answers.

    Exit 0 when clean, 1 when any problem is found (all of them are listed).

    \b
    Example:
      claimgraph check --format github
    """
    root = _root(ctx)
    report = claimgraph.check(root, reasoner=reasoner, validator=validator, use_cache=not no_cache,
                              verify_build=verify_build, progress=_progress())
    if report.reused == "all":
        click.echo(f"check: no input changed since the last check; its findings are reused from "
                   f"{cache.CHECK_CACHE.as_posix()} (--no-cache runs every stage)", err=True)
    elif report.reused == "first-stages":
        click.echo(f"check: {report.changed_files} claim file(s) changed since the last check and do not load; the "
                   f"other files' findings are reused from {cache.CHECK_CACHE.as_posix()} (--no-cache runs "
                   "every stage)", err=True)
    _report(report.problems, fmt, root, path_prefix)
    _finish(report.problems, f"check ({report.claims} claims)")


@cli.command("queries")
@PROJECT
@click.pass_context
def queries_command(ctx: click.Context) -> None:
    """List the saved queries: name, summary and parameters.

    \b
    Parameters marked * are required; the others filter when given.
    Example:
      claimgraph queries
    """
    saved = claimgraph.load_project(_root(ctx)).queries
    rows = [[q.name, q.summary, " ".join(("*" if p.required else "") + p.name for p in q.params)]
            for q in saved]
    click.echo(table_text(["name", "summary", "parameters"], rows), nl=False)


@cli.command("query")
@PROJECT
@click.argument("name", required=False, shell_complete=complete_query_name)
@click.option("-e", "--execute", "inline", metavar="QUERY", help="Run this query text (the project's prefixes "
              "are declared; no '#+' header needed) instead of NAME.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", shell_complete=complete_parameter,
              help="A parameter value: an IRI, a CURIE, or an entity label or alias (repeatable).")
@click.option("--source", "sources", multiple=True, metavar="ID",
              help="Only claims of this source (its id, as data/claims/ID.yaml; repeatable).")
@click.option("--published-since", metavar="YYYY-MM-DD", help="Only claims of sources published on or after this day.")
@click.option("--published-until", metavar="YYYY-MM-DD", help="Only claims of sources published on or before it.")
@click.option("--modality", "modalities", multiple=True, type=click.Choice(list(MODALITY)),
              help="Only claims with this modality (repeatable).")
@click.option("--format", "fmt", type=click.Choice(ALL_FORMATS), default=None,
              help="table (default for SELECT/ASK), csv, tsv, json, xml (SPARQL 1.1 results) or turtle (CONSTRUCT).")
@click.option("--lang", type=click.Choice(["en", "nl", "fr"]), default="en", show_default=True,
              help="Language of the labels shown in a table.")
@click.option("--asserted-only", is_flag=True, help="Answer from asserted facts alone, without inferred ones.")
@click.option("--page", type=click.IntRange(min=1), metavar="K",
              help="Only page K of a listing (a query with '#+ pagination: N'), in any format.")
@click.option("--all", "all_rows", is_flag=True,
              help="Every row of a listing in a table too (csv, tsv, json and xml always give every row).")
@endpoint_options(loading=False)
@click.pass_context
def query_command(ctx: click.Context, name: str | None, inline: str | None, params: tuple[str, ...],
                  sources: tuple[str, ...], published_since: str | None, published_until: str | None,
                  modalities: tuple[str, ...], fmt: str | None, lang: str, asserted_only: bool,
                  page: int | None, all_rows: bool, endpoint: str | None, **http: object) -> None:
    """Run a saved query (by NAME, a path to a .rq file, - for standard input, or -e TEXT).

    A query file outside queries/, standard input and -e need no '#+' header, and the
    project's prefixes (cg:, cgi:, prov:, rdfs:, xsd:, ...) are declared for every query.
    --source, --published-since, --published-until and --modality limit the answer to the
    claims in scope, in the query and its sub-queries (docs/queries.md).

    \b
    Examples:
      claimgraph query shareholders -p company="Mistral AI"
      claimgraph query partners -p org=cgi:openai --format csv
      claimgraph query entity -p entity=ASML            # CONSTRUCT -> Turtle
      claimgraph query my-question.rq --asserted-only
      claimgraph query - < question.rq                  # from standard input
      claimgraph query inferred --page 2                # a listing: 100 rows a page
      claimgraph query -e 'SELECT ?event WHERE { ?event a cg:Event }'
      claimgraph query investments --source techzine-2025-09-09-asml-mistral
      claimgraph query unconfirmed --published-since 2025-01-01 --modality rumour
      claimgraph query partners -p org=OpenAI --endpoint http://localhost:7878/query
    """
    root = _root(ctx)
    if (name is None) == (inline is None):
        raise click.UsageError("give a query: NAME, a .rq file, - for standard input, or -e 'SELECT ...' (one of them)")
    if page is not None and all_rows:
        raise click.UsageError("--page and --all exclude each other: give one")
    try:
        values = parse_assignments(params)
    except ParameterError as exc:
        raise click.UsageError(str(exc)) from None
    engine: QueryEngine | None = None
    if endpoint:
        engine = claimgraph.open_endpoint(_endpoint(endpoint, http))
    text = inline
    if name == "-":  # at most one byte more than a query may have: the size check then says so
        text = sys.stdin.read(MAX_QUERY_BYTES + 1)
    scope = claimgraph.Scope(sources, published_since, published_until, modalities)
    try:
        answer = claimgraph.run_query(root, INLINE if inline is not None else name or "", values,
                                      asserted_only=asserted_only, engine=engine, progress=_progress(), text=text,
                                      scope=scope, page=page, paged=fmt in (None, "table") and not all_rows)
        _notice(answer.notice)
        output = answer.render(fmt, lang=lang, width=_table_width())
    except (ParameterError, FormatError) as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(output, nl=False)


@cli.command("load")
@PROJECT
@endpoint_options(loading=True)
@click.option("--graph", "graph_iris", multiple=True, metavar="NAME=IRI",
              help="Load graph NAME (ontology, asserted, hypothetical, inferred) into IRI instead of the default.")
@click.option("--replace/--append", default=True, show_default=True,
              help="Replace all graphs at once (staging graphs, count checks, one MOVE request), or add to "
                   "each graph in turn (not atomic).")
@click.option("--clean-staging", is_flag=True,
              help="Only remove the staging graphs that interrupted loads left on the server, then exit.")
@click.pass_context
def load_command(ctx: click.Context, endpoint: str, graph_iris: tuple[str, ...], replace: bool, clean_staging: bool,
                 **http) -> None:
    """Upload the built graphs to a SPARQL server, each into its own named graph.

    Uses the SPARQL 1.1 Graph Store HTTP Protocol, streaming each file. --replace (the default)
    uploads every graph into a staging graph (urn:claimgraph:staging:RUN:NAME), checks each
    count, then swaps all of them in with one update request: on a store that runs an update
    request as one transaction (Oxigraph, Fuseki) the server holds all the old graphs or all the
    new ones, whatever fails or is killed. Every load first removes staging graphs that earlier,
    killed loads left. --append writes into the graphs directly and is not atomic.
    Credentials come from CLAIMGRAPH_ENDPOINT_USER / CLAIMGRAPH_ENDPOINT_PASSWORD or ~/.netrc;
    a URL with a user name or password is refused.

    \b
    Examples:
      claimgraph load --endpoint http://localhost:7878/query                  # Oxigraph
      claimgraph load --endpoint http://localhost:3030/claims/query           # Fuseki
      claimgraph load --endpoint http://localhost:8890/sparql                 # Virtuoso
      claimgraph load --endpoint http://h:7200/repositories/claims \\
          --store-url http://h:7200/repositories/claims/rdf-graphs/service \\
          --update-url http://h:7200/repositories/claims/statements            # GraphDB
      claimgraph load --endpoint http://localhost:7878/query --clean-staging
    """
    root = _root(ctx)
    remote = _endpoint(endpoint, http)
    state = LoadState("replace" if replace else "append")
    try:
        if clean_staging:
            removed = claimgraph.remove_staging(remote)
            click.echo(f"load: removed {removed} staging graph(s) left by earlier loads", err=True)
            return
        try:
            uploads = claimgraph.built_graph_files(root, parse_graph_overrides(graph_iris))
        except (ValueError, EndpointConfigError) as exc:
            raise click.BadParameter(str(exc), param_hint="--graph") from None
        total = sum(u.path.stat().st_size for u in uploads)
        show = progress_wanted(sys.stderr) and escape_codes_allowed(sys.stderr) and total > 5_000_000
        with click.progressbar(length=total, label="uploading", file=sys.stderr,
                               hidden=not show) as bar:
            report = claimgraph.upload(root, remote, files=uploads, replace=replace,
                                       on_bytes=bar.update, state=state)
    except EndpointError as exc:
        raise click.ClickException(str(exc)) from None
    except EndpointConfigError as exc:
        raise click.UsageError(str(exc)) from None
    except KeyboardInterrupt:  # what holds on the server, not main()'s words about output files
        click.echo(f"claimgraph: interrupted; {state.after_stop()}", err=True)
        sys.exit(130)
    except Terminated:
        click.echo(f"claimgraph: terminated; {state.after_stop()}", err=True)
        sys.exit(143)
    if report.stale_removed:
        click.echo(f"load: removed {report.stale_removed} staging graph(s) left by earlier loads", err=True)
    for upload in report.loaded:
        click.echo(f"{report.mode}d <{upload.graph}> with {upload.triples} triples from "
                   f"{relative_path(upload.path, root)}", err=True)
    click.echo(f"load: ok ({len(report.loaded)} graphs)", err=True)


@cli.command("init")
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.pass_context
def init_command(ctx: click.Context, folder: Path) -> None:
    """Start a new project in DIR that passes `claimgraph check` at once.

    DIR must be new or empty. It gets the ontology, shapes, saved queries, registry, reference
    data, one example article with its claims, the built graphs, expected answers, a .gitignore
    and a pre-commit configuration; all at once (made beside DIR, then renamed), or nothing.

    \b
    Example:
      claimgraph init my-claims && cd my-claims && claimgraph check
    """
    try:
        report = init_project(folder, progress=_progress())
    except (InitError, PackagingError) as exc:
        raise SetupError(str(exc)) from None
    click.echo(safe_line(f"init: ok ({len(report.files)} files, {report.claims} claims) -> {folder}; "
                         f"next: cd {shlex.quote(str(folder))} && claimgraph check"), err=True)


@cli.command("update-expected")
@PROJECT
@click.argument("names", nargs=-1)
@click.pass_context
def update_expected_command(ctx: click.Context, names: tuple[str, ...]) -> None:
    """Rewrite the expected answers of saved queries (all, or NAMES) from the current data.

    Review the diff before you commit: an expected answer is the contract CI protects.

    \b
    Example:
      claimgraph update-expected shareholders
    """
    root = _root(ctx)
    try:
        update = claimgraph.update_expected(root, names, progress=_progress())
    except ParameterError as exc:
        raise click.ClickException(f"a query's parameter example does not fit the data: {exc}; "
                                   "fix the example in its '#+ parameters' header") from None
    if not update.ok:
        _report(update.problems, "text")
        _finish(update.problems, "update-expected")
    for path in update.changed:
        added, removed = update.rows.get(path, (0, 0))
        click.echo(f"updated {relative_path(path, root)}: +{added} -{removed} rows", err=True)
    click.echo(f"update-expected: {len(update.changed)} file(s) changed", err=True)


#: the width a table is fitted to when standard output is not a terminal
TABLE_WIDTH = 120


def _table_width() -> int:
    """The terminal's width for a table on a terminal, else :data:`TABLE_WIDTH`."""
    return shutil.get_terminal_size((TABLE_WIDTH, 24)).columns if sys.stdout.isatty() else TABLE_WIDTH


@cli.command("why")
@PROJECT
@click.argument("subject")
@click.argument("predicate")
@click.argument("object_", metavar="OBJECT")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: an indented tree; json: the same for tools.")
@click.pass_context
def why_command(ctx: click.Context, subject: str, predicate: str, object_: str, fmt: str) -> None:
    """Explain a triple: the claims and quotes it comes from, or the rule, axiom and premises it follows from.

    Each term is an entity's id, label or alias, a CURIE (cg:investsIn, cgi:asml) or an IRI; the
    predicate may also be `a` (rdf:type) or a property's label ("invests in"). An inferred triple is explained rule by rule down to the
    quotes of the claims it rests on. Exit 0 when the triple holds; 1 when it does not, with the
    claims that come closest (and the chain that would give it, were rumours and plans facts).

    \b
    Examples:
      claimgraph why ASML cg:investsIn "Mistral AI"
      claimgraph why cgi:asml cg:partnerOf cgi:mistral-ai --format json
      claimgraph why ASML a cg:Organization
    """
    root = _root(ctx)
    try:
        explanation = claimgraph.explain(root, subject, predicate, object_)
    except TermError as exc:
        raise SetupError(str(exc)) from None
    except UnsupportedOntologyError as exc:  # why follows the fast reasoner's rules: owlrl is no way out
        what = str(exc).split("; run with --reasoner owlrl")[0]
        raise SetupError(f"{what}, so `claimgraph why` cannot explain what it infers") from None
    except ClaimsError as exc:
        _report(exc.problems, "text")
        _finish(exc.problems, "why")
    click.echo(explanation.render(fmt), nl=False)
    if not explanation.holds:
        ctx.exit(1)


@cli.command("diff")
@PROJECT
@click.argument("base")
@click.argument("head", required=False)
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="markdown", show_default=True,
              help="markdown for a pull request's comment or job summary, json for tools (sorted keys).")
@click.option("--rows", type=click.IntRange(min=0), default=DEFAULT_ROWS, show_default=True,
              help="Rows shown of each list (triples, a query's changed rows); counts are always complete.")
@click.pass_context
def diff_command(ctx: click.Context, base: str, head: str | None, fmt: str, rows: int) -> None:
    """What changes from git revision BASE to HEAD (default: the work tree, as it is).

    Claims added, removed or changed (with their quotes), asserted and inferred triples added
    and removed, and every saved query whose answer changed. BASE is read with `git archive`
    into a temporary folder; nothing in the work tree is written. Exit 0 whether or not
    anything changed, 1 when a side's data has errors, 2 for a bad revision.

    \b
    Examples:
      claimgraph diff origin/main >> "$GITHUB_STEP_SUMMARY"
      claimgraph diff v1.0 v1.1 --format json
    """
    root = _root(ctx)
    try:
        found = claimgraph.diff(root, base, head, rows=rows)
    except GitError as exc:
        raise SetupError(str(exc)) from None
    except SideError as exc:
        raise ProblemsFound(f"Error: {exc}") from None
    click.echo(found.render(fmt), nl=False)


def _endpoint(url: str, http: dict) -> "Endpoint":
    try:
        return endpoint_for(url, store_url=http.get("store_url"), update_url=http.get("update_url"),
                            read_timeout=http.get("timeout") or 120.0, verify_tls=not http.get("insecure"))
    except EndpointConfigError as exc:
        raise click.UsageError(str(exc)) from None


def interruption_message(what: str) -> str:
    """What is true of the outputs after an interruption: files are replaced whole, so each is
    either as before or completely new."""
    if not REPLACED:
        return f"claimgraph: {what}; no output file was changed"
    names = ", ".join(sorted({relative_path(p, Path.cwd()) for p in REPLACED}))
    return f"claimgraph: {what} after these outputs were completely replaced: {names}; every other output is unchanged"


def _os_error_text(exc: OSError) -> str:
    """A file that could not be read or written: which, why, and what to do."""
    if isinstance(exc, UnsafePathError):
        return str(exc)
    where = f"{exc.filename}: " if exc.filename else ""
    reason = exc.strerror or type(exc).__name__
    hints = {errno.ENOSPC: "free some disk space and run it again",
             errno.EDQUOT: "free some disk space (quota) and run it again",
             errno.EACCES: "make it writable (or readable) for this user",
             errno.EPERM: "make it writable (or readable) for this user",
             errno.EROFS: "the file system is read-only: work in a writable copy of the project"}
    hint = hints.get(exc.errno or 0, "check the path and its permissions")
    return f"{where}{reason}; {hint}; no output file was changed" if not REPLACED else f"{where}{reason}; {hint}"


class Terminated(BaseException):
    """SIGTERM arrived (a cancelled CI job, ``kill``): unwound like Ctrl-C, so that temporary
    files are removed and the message says what holds on the way out."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def main() -> None:
    """Console-script entry point: no tracebacks for users, documented exit codes."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(prog_name="claimgraph", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo(interruption_message("interrupted"), err=True)
        sys.exit(130)
    except Terminated:
        click.echo(interruption_message("terminated"), err=True)
        sys.exit(143)
    except SystemExit:
        raise
    except Exception as exc:  # a bug: one line, not a traceback, unless asked for
        if os.environ.get("CLAIMGRAPH_DEBUG"):
            raise
        click.echo(f"claimgraph: internal error: {type(exc).__name__}: {exc} "
                   "(set CLAIMGRAPH_DEBUG=1 for details and please report it)", err=True)
        sys.exit(3)
