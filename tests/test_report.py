"""`snakemake --report` of the smoke build, browsed in headless Chromium: every figure is listed
under its source and notebook (the notebooks in the book's order) by its file and title, one
renders, and its caption carries the catalog's words.

Needs Debian's chromium and chromium-driver (`.ci/run` installs them); without them the test
skips and says so, unless FIGREPRO_REQUIRE_BROWSER=1 (as in CI), where it fails instead.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from workflow_runner import manifest, snakemake

from figrepro.records import RECORDS, all_figures, report_subcategory


@pytest.fixture(scope="module")
def report_html(smoke_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    res = snakemake(smoke_build, "--report", str(out / "report.zip"))
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    with zipfile.ZipFile(out / "report.zip") as archive:
        archive.extractall(out)
    return out / "report" / "report.html"


def xpath_string(text: str) -> str:
    """``text`` as an XPath string literal (which knows no escapes: a figure space stays itself)."""
    assert '"' not in text
    return f'"{text}"'


#: the script behind ``texts``: what Selenium's ``WebElement.text`` gives (the rendered text, trimmed)
TEXTS = """
const [xpath, cells] = arguments;
const found = document.evaluate(xpath, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
const shown = (e) => e.innerText.trim();
const out = [];
for (let i = 0; i < found.snapshotLength; i++) {
  const e = found.snapshotItem(i);
  out.push(cells ? Array.from(e.getElementsByTagName(cells), shown) : [shown(e)]);
}
return out;
"""


def wait_for(condition: Callable[[], object], timeout: float = 20.0) -> object:
    """Poll ``condition`` until it returns something true (the report is a script-built page)."""
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


@pytest.mark.workflow
def test_the_report_lists_every_figure_and_shows_one(
    browser, report_html: Path, smoke_build: Path, tmp_path: Path
) -> None:
    from selenium.common.exceptions import (
        ElementClickInterceptedException,
        StaleElementReferenceException,
    )
    from selenium.webdriver.common.by import By

    def click(find: Callable[[], list]) -> bool:
        """Click what ``find`` finds once the page lets it (the loading screen and re-renders may
        cover it or replace it for a moment)."""

        def attempt() -> bool:
            found = find()
            try:
                found and found[0].click()
            except (ElementClickInterceptedException, StaleElementReferenceException):
                return False
            return bool(found)

        return bool(wait_for(attempt))

    def texts(xpath: str, cells: str = "") -> list[list[str]]:
        """The shown text of each element ``xpath`` finds (of each of its ``cells``, if given), read
        in the page in one call: one call to the driver per element would take seconds a page."""
        return browser.execute_script(TEXTS, xpath, cells)

    def click_text(text: str) -> None:
        clicked = click(lambda: browser.find_elements(By.XPATH, f"//nav//*[text()={xpath_string(text)}]"))
        assert clicked, f"{text!r} is not in the report's menu"

    def listed_rows() -> list[tuple[str, str]]:
        """(file, title) of each figure listed: the first two cells of its row."""
        rows = texts("//nav//tr", "td")
        return [(r[0], r[1]) for r in rows if len(r) > 2 and r[0].startswith("figures/")]

    def menu_order(names: set[str]) -> list[str]:
        """The names among ``names`` as the menu shows them, top to bottom."""
        shown = [t for (t,) in texts("//nav//*[text()]")]
        return list(dict.fromkeys(t for t in shown if t in {n.strip() for n in names}))

    def menu_has(text: str) -> bool:
        return bool(browser.find_elements(By.XPATH, f"//nav//*[text()={xpath_string(text)}]"))

    groups: dict[str, set[str]] = {}
    for fig in all_figures():
        groups.setdefault(RECORDS[fig.source].category, set()).add(report_subcategory(fig.source))
    listed: set[tuple[str, str]] = set()
    for category, subcategories in sorted(groups.items()):
        browser.get(report_html.as_uri())
        click_text(category)
        if len(subcategories) == 1:  # the report lists a lone notebook's figures at once
            listed |= set(wait_for(listed_rows) or [])
            continue
        # the notebooks in the book's order (1.1, 3.1, ..., 9.4, 16.3, ..., 21.1), the blog after them
        book = sorted(subcategories, key=lambda n: [int(p) for p in re.findall(r"\d+", n)] or [99])
        assert wait_for(lambda s=subcategories: len(menu_order(s)) == len(s))
        assert menu_order(subcategories) == [n.strip() for n in book]
        for subcategory in sorted(subcategories):
            assert wait_for(lambda s=subcategory: menu_has(s)), f"{subcategory!r} is not under {category!r}"
            click_text(subcategory)
            rows = wait_for(listed_rows)
            assert rows, f"no figures under {category} / {subcategory}"
            listed |= set(rows)
            click_text(category)  # the breadcrumb, back to the notebooks
    # every figure, listed by its file and its title, as the manifest has them: stating the config's values
    assert listed == {(row[0], row[2]) for row in manifest(smoke_build)[1:]}
    assert {file for file, _ in listed} == {fig.path("pdf") for fig in all_figures()}
    assert ("figures/udl/17_1/02_likelihood.pdf", "Fig. 17.3b: likelihood Pr(x1,x2|z=1.8)") in listed

    # one figure, viewed: its image loads; its caption has the catalog's title and the source's numbers
    figure = next(f for f in RECORDS["lecture4"].figures if f.slug == "kl_mode_seeking")
    browser.get(report_html.as_uri())
    click_text(RECORDS["lecture4"].category)
    row = f"//tr[td[text()='{figure.path('pdf')}']]"
    assert click(lambda: browser.find_elements(By.XPATH, f"{row}//a[@iconname='eye']"))
    image = wait_for(
        lambda: [
            i
            for i in browser.find_elements(By.TAG_NAME, "img")
            if figure.slug in (i.get_attribute("src") or "") and int(i.get_attribute("naturalWidth") or 0) > 0
        ]
    )
    assert image, f"{figure.slug} did not render"
    screenshot = tmp_path / "report_figure.png"
    assert browser.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 10_000
    assert click(lambda: browser.find_elements(By.XPATH, f"{row}//a[@iconname='information-circle']"))
    caption = wait_for(lambda: figure.title in browser.find_element(By.TAG_NAME, "body").text)
    text = browser.find_element(By.TAG_NAME, "body").text
    assert caption, text[-2000:]
    assert "mode_seeking_mu" in text and "lecture4.search.grid_points" in text
    if os.environ.get("FIGREPRO_KEEP_SCREENSHOT"):
        shutil.copy(screenshot, os.environ["FIGREPRO_KEEP_SCREENSHOT"])
