"""``claimgraph diff BASE [HEAD]`` on a scratch git repository: claims added, removed and
changed, triples, saved-query answers; Markdown and JSON; bad revisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.diff import ClaimView, Side, compare, md_text
from conftest import CLAIM_FILE, Project
from gitrepo import commit_all, git, init_repository

REMOVED = '''  - id: asml-holds-11-percent
    type: shareholding
    modality: fact
    holder: ASML
    company: Mistral AI
    percentage: 11 procent
    since: 2025-09-09
    evidence: "ASML dat vanaf vandaag 11 procent van Mistral AI bezit"

'''
ADDED = '''  - id: asml-main-shareholder
    type: shareholding
    modality: fact
    holder: ASML
    company: Mistral AI
    largest: "true"
    as_of: 2025-09-09
    summary: ASML is the largest shareholder of Mistral AI.
    evidence: "ASML wordt hoofdaandeelhouder Mistral AI"

'''
OLD_QUOTE = ("Naast een investering van 1,3 miljard euro en een belang van 11 procent in het Franse Mistral AI gaat "
             "chipmachinebouwer ASML voor meer.")
NEW_QUOTE = "Naast een investering van 1,3 miljard euro"


def change_claims(project: Project) -> None:
    """Add a claim, change a quote, remove a claim."""
    project.edit(CLAIM_FILE, REMOVED, ADDED)
    project.edit(CLAIM_FILE, OLD_QUOTE, NEW_QUOTE)


@pytest.fixture
def history(project) -> tuple[Project, str, str]:
    """The seed project in a git repository: a first commit, then one that changes claims;
    the work tree is as the second commit."""
    init_repository(project.root)
    (project.root / ".gitignore").write_text(".claimgraph-cache/\n", encoding="utf-8")
    base = commit_all(project.root, "the seed article")
    change_claims(project)
    head = commit_all(project.root, "one claim added, one quote changed, one claim removed")
    return project, base, head
