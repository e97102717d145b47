"""The fast SHACL engine on every W3C and DASH test case (core and SPARQL) that pySHACL's sdist
ships: it gives the expected report, or refuses the shapes with one line. Never a silent
difference.

The suites come from ``python .ci/get-shacl-tests`` (into the git-ignored ``.shacl-tests/``);
without them these tests are skipped locally and fail in CI.
"""

from __future__ import annotations

import pytest

import shacl_manifests as manifests

CASES = manifests.all_cases()


def _missing():
    if manifests.in_ci():
        pytest.fail(manifests.HOW_TO_GET)
    pytest.skip(manifests.HOW_TO_GET)


@pytest.mark.parametrize("case", CASES or [None], ids=[c.id for c in CASES] or ["suites-missing"])
def test_the_fast_engine_gives_the_expected_report_or_refuses(case):
    if case is None:
        _missing()
    outcome, detail = manifests.run_fast(case)
    assert outcome in ("same", "refused"), f"{case.id}: {detail}"
    if outcome == "refused":
        assert "\n" not in detail and detail.strip() == detail
        if manifests.load(case).result != manifests.SHT.Failure:
            # valid shapes: refused only for what the engine does not implement, naming the reference
            assert detail.endswith("run with --shacl pyshacl"), detail


def test_every_case_of_the_suites_is_read():
    """Both suites' core and SPARQL parts: 121 W3C entries and 93 DASH files (pySHACL 0.40.1)."""
    if not CASES:
        _missing()
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    sht = [i for i in ids if i.startswith("sht/")]
    dash = [i for i in ids if i.startswith("dash/")]
    assert len(sht) == 121 and len(dash) == 93
    assert {i.split("/")[1] for i in ids} == {"core", "sparql"}


def test_the_comparison_sees_a_wrong_report():
    """The comparison is not blind: a result dropped, changed or added is a difference."""
    if not CASES:
        _missing()
    case = next(c for c in CASES if c.id == "sht/core/node/class-001")
    loaded = manifests.load(case)
    conforms, expected = manifests.expected_results(loaded, loaded.result)
    assert conforms is False and expected
    assert manifests.differences(expected, conforms, dict(expected)) == []
    key = next(iter(expected))
    assert manifests.differences(expected, conforms, {}) != []
    changed = {manifests.ResultKey(key.focus, key.value, key.path, manifests.SH.Warning, key.shape,
                                   key.component): set()}
    assert manifests.differences(expected, conforms, changed) != []
    wrong_component = {manifests.ResultKey(key.focus, key.value, key.path, key.severity, key.shape,
                                           manifests.SH.NodeConstraintComponent): set()}
    assert manifests.differences(expected, conforms, wrong_component) != []
