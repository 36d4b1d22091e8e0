from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from workflow_runner import BUILD_LOG, clone, copy_workflow, made_once, recording_modules, snakemake

ROOT = Path(__file__).resolve().parents[1]


#: the tests marked ``rebuild`` (every job of the smoke build run again, about four minutes) run
#: only when asked: in CI, cluster/slurm_smoke.sh compares its SLURM build with the smoke build of
#: this run (FIGREPRO_KEEP_SMOKE_BUILD, below), the same comparison of two builds of every job
REBUILD = "--rebuild"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        REBUILD,
        action="store_true",
        help="also run the tests marked rebuild: every job of the smoke build rerun on one core (4 minutes)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the ``rebuild`` tests unless asked for; then the order pytest-xdist deals from
    (``--dist worksteal``: the first half to one worker, the rest to the other, an idle worker
    taking from the end of the other's): a rebuild, the workflow's tests, the library's. One worker
    builds the smoke build and goes on with the workflow's tests while the other runs the library's
    and then takes workflow tests from the end of the first one's queue."""
    if not config.getoption(REBUILD):
        skip = pytest.mark.skip(
            reason=f"every job rerun (4 minutes): pytest {REBUILD}; CI's SLURM smoke run compares two builds"
        )
        for item in items:
            if item.get_closest_marker("rebuild"):
                item.add_marker(skip)

    def rank(item: pytest.Item) -> int:
        if item.get_closest_marker("rebuild"):
            return 0
        return 1 if item.get_closest_marker("workflow") else 2

    items.sort(key=rank)  # stable: each group keeps its files' order


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what the collection imported (numpy, matplotlib, torch, the tests' modules): it lives as
    long as the run, and the cyclic garbage collector no longer walks it in each collection the tests
    trigger (the quick loop 16 -> 12 s here), as a script's command does with its imports."""
    gc.freeze()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def udl() -> dict:
    """The shipped config's ``udl`` section: the notebooks' own constants."""
    return yaml.safe_load((ROOT / "config.yaml").read_text())["udl"]


#: where to put a copy of the finished smoke build, if set (.ci/run: for cluster/slurm_smoke.sh)
KEEP_SMOKE_BUILD = "FIGREPRO_KEEP_SMOKE_BUILD"


def _build_smoke(work: Path) -> None:
    copy_workflow(work)
    # each job records the modules it ran; two jobs at a time on the machine's two cores, beside the
    # other worker's tests (four at a time spent more CPU switching between them)
    res = snakemake(work, "figures/all", cores=2, env=recording_modules(work))
    (work / BUILD_LOG).write_text(res.stdout + res.stderr)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    if os.environ.get(KEEP_SMOKE_BUILD):  # whole or not at all: cluster/slurm_smoke.sh waits for it
        kept = Path(os.environ[KEEP_SMOKE_BUILD])
        partial = kept.with_name(kept.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(kept, ignore_errors=True)
        clone(work, partial).rename(kept)


@pytest.fixture(scope="session")
def smoke_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the workflow built once with the smoke config, shared by every test that reads a
    build. Tests may dry-run it and edit files for a block; a test that runs jobs uses a clone.

    Under pytest-xdist it is built once for all workers (``made_once``) and each worker reads a
    clone of its own: a block's edit in one worker must not show in the other's dry runs."""
    built = made_once(tmp_path_factory, "smoke_build", _build_smoke)
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return built
    return clone(built, tmp_path_factory.mktemp("smoke_build") / "work")


#: Debian's packages chromium and chromium-driver, or the browser and driver these variables name
CHROMIUM = os.environ.get("FIGREPRO_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("FIGREPRO_CHROMEDRIVER", "/usr/bin/chromedriver")
#: flags for a headless Chromium on a machine without a display or network
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)


def _missing_browser() -> str | None:
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            return f"{path} not found (apt-get install {package}; .ci/run installs it)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -r requirements.txt)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    missing = _missing_browser()
    if missing:
        if os.environ.get("FIGREPRO_REQUIRE_BROWSER") == "1":
            pytest.fail(f"the report's browser test must run here: {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
