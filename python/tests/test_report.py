"""sc_neurocore.report: the HTML plan report and the Pareto SVG, through the C++ renderer."""

import json
import os
import subprocess

import pytest

from conftest import REPO, cli_path

DATA = REPO / "tests" / "report" / "data"


def test_write_report_from_paths(tmp_path):
    from sc_neurocore.report import write_report

    out = write_report(DATA / "example_plan.json", tmp_path / "sub" / "report.html", build=DATA / "build")
    assert out == tmp_path / "sub" / "report.html"
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>")
    assert html.count('<table class="comparison"') == 3
    assert "<td>encoder</td>" in html and "No Pareto frontier given" in html
    assert "<script" not in html


def test_write_report_from_dicts_matches_paths(tmp_path):
    from sc_neurocore.report import write_report

    plan = json.loads((DATA / "escape_plan.json").read_text())
    pareto = json.loads((DATA / "escape_pareto.json").read_text())
    from_dicts = write_report(plan, tmp_path / "a.html", pareto=pareto).read_text()
    # The plot frames the budget's region (2 x 6,528 cells): 72 of the 78 plans are drawn, the rest counted.
    limit = 2 * max(plan["logic_cell_budget"], plan["total_luts"])
    assert from_dicts.count('<circle class="frontier-point') == sum(p["total_luts"] <= limit for p in pareto["points"]) == 72
    assert "<td>in&lt;&amp;&gt;&quot;put&#39;</td>" in from_dicts
    assert "in<&>" not in from_dicts
    # Only the lines naming the inputs differ (the files, or the dicts given in Python).
    from_paths = write_report(DATA / "escape_plan.json", tmp_path / "b.html", pareto=DATA / "escape_pareto.json")
    named = from_paths.read_text().replace(str(DATA / "escape_plan.json"), "plan (a dict given in Python)")
    assert named.replace(str(DATA / "escape_pareto.json"), "pareto (a dict given in Python)") == from_dicts


def test_pareto_svg_marks_the_chosen_plan_and_the_budget():
    from sc_neurocore.report import pareto_svg

    plan = json.loads((DATA / "escape_plan.json").read_text())
    svg = pareto_svg(DATA / "escape_pareto.json", plan=plan)
    assert svg.startswith('<?xml version="1.0"')
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert svg.count('<circle class="frontier-point') == 72
    assert "6 plans above 2 x the budget (up to 24,582 ICESTORM_LC) are off the plot to the right." in svg
    assert svg.count('class="chosen-plan"') == 1
    assert 'class="budget-line"' in svg and 'data-cells="6528.0"' in svg
    bare = pareto_svg(str(DATA / "escape_pareto.json"))
    assert 'class="chosen-plan"' not in bare and 'class="budget-line"' not in bare


def test_pareto_svg_is_what_the_cli_writes(tmp_path):
    from sc_neurocore.report import pareto_svg

    cli = cli_path()
    plan, pareto, svg = tmp_path / "plan.json", tmp_path / "pareto.json", tmp_path / "p.svg"
    subprocess.run([cli, "optimise", "--network", str(DATA / "escape_network.json"), "--target-profile",
                    "ice40-low-power", "--bitstream-lengths", "64,256", "--precisions", "4,8", "--out", str(plan),
                    "--pareto", str(pareto), "--pareto-svg", str(svg)], check=True, capture_output=True)
    assert svg.read_text() == pareto_svg(pareto, plan=plan)


def test_errors_name_the_file_and_field(tmp_path):
    from sc_neurocore.optimizer import write_report  # re-exported

    plan = json.loads((DATA / "example_plan.json").read_text())
    plan["layers"][0]["accuracy_score"] = "high"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(plan))
    with pytest.raises(ValueError, match=r"bad\.json: layer 0 \('decoder'\): accuracy_score must be a number"):
        write_report(bad, tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(FileNotFoundError, match="missing.json"):
        write_report(tmp_path / "missing.json", tmp_path / "x.html")
    with pytest.raises(ValueError, match=r"pareto \(a dict given in Python\): points\[0\] missing mean_accuracy"):
        write_report(DATA / "example_plan.json", tmp_path / "x.html", pareto={"points": [{"total_luts": 1}]})
    with pytest.raises(TypeError, match="plan must be a path, a dict or an optimiser result"):
        write_report(42, tmp_path / "x.html")


def test_write_report_is_deterministic(tmp_path):
    from sc_neurocore.report import write_report

    a = write_report(DATA / "example_plan.json", tmp_path / "a.html", build=DATA / "build").read_bytes()
    b = write_report(DATA / "example_plan.json", tmp_path / "b.html", build=DATA / "build").read_bytes()
    assert a == b
