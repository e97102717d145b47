"""claimgraph: claims from business news as a validated, reasoned, queryable knowledge graph.

The library's front door (each call returns a dataclass; problems in the data are in its
``problems``, never raised)::

    project = claimgraph.load_project(".")
    claimgraph.build(project)                  # -> BuildReport: writes data/build/
    claimgraph.check(project)                  # -> CheckReport: everything CI checks
    claimgraph.run_query(project, "shareholders", {"company": "Mistral AI"}).render()
    claimgraph.update_expected(project)        # -> ExpectedUpdate
    claimgraph.diff(project, "origin/main").render("markdown")   # what a pull request changes
    claimgraph.upload(project, claimgraph.endpoint_for("http://localhost:7878/query"))
    claimgraph.init_project("new-project")     # -> InitReport: a new project that passes check
    claimgraph.explain(project, "ASML", "cg:investsIn", "Mistral AI").render()  # -> Explanation

The stages, in data-flow order: ``claims/`` (YAML, the claim format, values, the registry,
evidence) -> ``rdf/`` (mapping, Turtle) -> ``checks/`` (SHACL, OWL 2 RL) -> ``queries/``
(saved queries, formats, expected answers) -> ``stores/`` (embedded and remote);
``pipeline`` composes them, ``project`` is this front door, ``cli`` a thin layer over it.
"""

__version__ = "0.1.0"

from claimgraph.checks.fastreason import UnsupportedOntologyError  # noqa: E402
from claimgraph.checks.shacl import ValidatorError  # noqa: E402
from claimgraph.packaged import PackagingError  # noqa: E402
from claimgraph.diff import ProjectDiff, SideError  # noqa: E402
from claimgraph.git import GitError  # noqa: E402
from claimgraph.paths import UnsafePathError  # noqa: E402
from claimgraph.pipeline import ProjectError  # noqa: E402
from claimgraph.problems import Location, Problem  # noqa: E402
from claimgraph.progress import Progress  # noqa: E402
from claimgraph.project import (BuildReport, BuiltFileError, CheckReport, ExpectedUpdate, Project,  # noqa: E402
                                QueryAnswer, build, built_graph_files, check, diff, load_project, open_dataset,
                                open_endpoint, parse_graph_overrides, remove_staging, run_query, update_expected,
                                upload, validate)
from claimgraph.queries.formats import FormatError  # noqa: E402
from claimgraph.queries.saved import ParameterError, QueryError  # noqa: E402
from claimgraph.queries.scope import Scope  # noqa: E402
from claimgraph.stores.embedded import EngineError  # noqa: E402
from claimgraph.starter import InitError, InitReport, init_project  # noqa: E402
from claimgraph.stores.remote import Endpoint, EndpointConfigError, EndpointError, endpoint_for  # noqa: E402
from claimgraph.why import ClaimsError, Explanation, TermError, explain  # noqa: E402

__all__ = [
    "__version__",
    # calls
    "load_project", "build", "validate", "check", "update_expected", "run_query", "open_dataset",
    "open_endpoint", "endpoint_for", "built_graph_files", "parse_graph_overrides", "upload", "remove_staging",
    "init_project", "explain", "diff",
    # what they return or take
    "Project", "BuildReport", "CheckReport", "ExpectedUpdate", "QueryAnswer", "Problem", "Location",
    "Progress", "Endpoint", "InitReport", "Explanation", "Scope", "ProjectDiff",
    # what they raise
    "ProjectError", "QueryError", "ParameterError", "FormatError", "EngineError", "EndpointError",
    "EndpointConfigError", "ValidatorError", "UnsupportedOntologyError", "UnsafePathError", "BuiltFileError",
    "InitError", "PackagingError", "TermError", "ClaimsError", "GitError", "SideError",
]
