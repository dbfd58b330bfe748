"""scripts/check-function-length on a miniature tree (fixtures/lengths): which functions it finds, how long it
says they are, and its exit status at the limit, one over it, and on a missing tree."""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = HERE.parent.parent / "scripts" / "check-function-length"
FIXTURE = HERE / "fixtures" / "lengths"


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          env={"PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"}, timeout=60)


def listed(root=FIXTURE):
    result = run("--root", root, "--list")
    assert result.returncode == 0, result.stderr
    return {line.split()[2]: int(line.split()[0]) for line in result.stdout.splitlines()}


def test_lists_every_function_with_its_length_from_name_to_closing_brace():
    assert listed() == {"eighty_lines": 80, "eighty_one_lines": 81, "braces_in_text": 6, "Widget": 5, "sum": 4}


def test_braces_in_literals_and_comments_and_namespace_scope_lambdas_are_not_functions():
    # braces_in_text holds "{{{{", '}', /* }}} */ and a raw string; were they counted, its block would not
    # close where it does and the functions after it would be lost.
    assert listed()["braces_in_text"] == 6
    assert "twice" not in listed()


def test_one_line_over_the_limit_fails_naming_the_file_line_and_function():
    result = run("--root", FIXTURE)
    assert result.returncode == 1
    assert result.stdout == "src/demo/lengths.cpp:89: eighty_one_lines is 81 lines (limit 80)\n"
    assert "1 function(s) over 80 lines" in result.stderr


def test_a_higher_limit_passes_and_a_lower_one_names_both_long_functions():
    assert run("--root", FIXTURE, "--limit", "81").returncode == 0
    lower = run("--root", FIXTURE, "--limit", "79")
    assert lower.returncode == 1
    assert [line.split(":")[2].split()[0] for line in lower.stdout.splitlines()] == ["eighty_lines",
                                                                                    "eighty_one_lines"]


def test_a_root_without_src_is_a_usage_error(tmp_path):
    result = run("--root", tmp_path)
    assert result.returncode == 2
    assert "no src/ folder" in result.stderr
