"""The dashboard in a real headless Chromium: every page draws, charts lead to articles, and the
article marks are exactly the coded spans."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import httpx
import pytest

from legation.web.server import serving

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    if os.environ.get("CI"):
        pytest.fail("CI needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them)",
                    pytrace=False)
    pytest.skip("no Debian chromium/chromedriver here", allow_module_level=True)

from selenium import webdriver  # noqa: E402  (only once the browser is known to exist)
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def base(corpus_db: Path) -> Iterator[str]:
    """The sample corpus coded and served over real HTTP on loopback."""
    with serving(corpus_db) as url:
        yield url


def chromium(profile: str) -> webdriver.Chrome:
    """Debian's browser and driver named explicitly, so Selenium Manager downloads nothing."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1200,900",
                f"--user-data-dir={profile}"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    profile = tempfile.mkdtemp(prefix="legation-chromium-")
    driver = chromium(profile)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def count(browser: webdriver.Chrome, css: str) -> int:
    """How many ``css`` elements, once the page's script has drawn some (or 0 after 10 s)."""
    try:
        return WebDriverWait(browser, 10).until(
            lambda b: len(b.find_elements(By.CSS_SELECTOR, css)))
    except TimeoutException:
        return 0


def test_timeline_draws_a_continuous_axis_with_legend(browser: webdriver.Chrome,
                                                      base: str) -> None:
    series = httpx.get(f"{base}/api/timeline").json()["items"]
    months = [r["period"] for r in series]
    assert len(months) > 12 and any(r["events"] == 0 for r in series)  # quiet months are kept
    for earlier, later in pairwise(months):  # and follow one another
        year, month = map(int, earlier.split("-"))
        assert later == (f"{year + 1}-01" if month == 12 else f"{year}-{month + 1:02d}")
    browser.get(base + "/")
    assert count(browser, "svg.timechart rect.bar") > 0
    assert count(browser, "svg.timechart text.tick.y") >= 2  # a y-axis
    assert count(browser, "svg.timechart polyline.goldstein") == 1
    assert count(browser, "p.legend .swatch.quad4") == 1
    drawn = {b.get_attribute("data-period") for b in browser.find_elements(
        By.CSS_SELECTOR, "svg.timechart rect.bar")}
    assert drawn == {r["period"] for r in series if r["events"]}
    assert count(browser, "tr.event-row") > 10
    labels = httpx.get(f"{base}/api/codes").json()["items"]
    cell = browser.find_element(By.CSS_SELECTOR, "tr.event-row td.code")
    code = cell.find_element(By.TAG_NAME, "strong").text
    assert cell.text == f"{code} {next(c['label'] for c in labels if c['code'] == code)}"


def test_timeline_filters_reach_the_api(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/?source=RUS")
    assert count(browser, "tr.event-row") > 0
    sources = {r.find_elements(By.TAG_NAME, "td")[1].text
               for r in browser.find_elements(By.CSS_SELECTOR, "tr.event-row")}
    assert all(s.startswith("RUS") for s in sources), sources


def test_dyad_has_cooperation_and_links_to_events(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/dyad?a=USA&b=RUS")
    assert count(browser, "svg.timechart rect.bar") > 0
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.timechart")) == 2  # both directions
    assert count(browser, "p.legend .swatch.goldstein") == 1
    filled = httpx.get(f"{base}/api/dyad", params={"a": "USA", "b": "RUS", "fill": "true"}).json()
    assert len({r["period"] for r in filled["items"]}) * 2 == filled["total"]
    link = browser.find_element(By.CSS_SELECTOR, "svg.timechart a")
    link.click()
    WebDriverWait(browser, 10).until(lambda b: "source=" in b.current_url)
    assert count(browser, "tr.event-row") > 0


@pytest.fixture(scope="module")
def sectors_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store whose network has actors without a country (rebels, police) beside states."""
    from legation.run import Coder, code_inputs
    from legation.store import Store

    folder = tmp_path_factory.mktemp("sectors")
    (folder / "clash.txt").write_text(
        "March 2, 2016\n\nRebels attacked soldiers near the border. Police arrested dozens of "
        "protesters. Russia condemned Turkey over the clashes.\n", encoding="utf-8")
    db = folder / "s.duckdb"
    with Store(db) as store:
        code_inputs([str(folder / "clash.txt")], store, Coder())
    with serving(db) as url:
        yield url


def test_network_hides_or_groups_actors_without_a_country(browser: webdriver.Chrome,
                                                          sectors_base: str) -> None:
    from selenium.webdriver.support.ui import Select

    base = sectors_base
    nodes = httpx.get(f"{base}/api/network").json()["nodes"]
    countries = {n["id"] for n in nodes if n["country"]}
    assert countries and len(countries) < len(nodes)  # the corpus has both kinds
    browser.get(base + "/network")
    assert count(browser, "svg.network line.edge") > 0
    shown = {c.get_attribute("data-id") for c in browser.find_elements(
        By.CSS_SELECTOR, "svg.network circle.node")}
    assert shown <= countries  # hidden by default
    Select(browser.find_element(By.ID, "sectors")).select_by_value("group")
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(
        By.CSS_SELECTOR, 'circle.node.sector[data-id="no country"]'))
    Select(browser.find_element(By.ID, "sectors")).select_by_value("show")
    WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(
        By.CSS_SELECTOR, "svg.network circle.node")) == len(nodes))


def test_map_draws_outlines_and_points(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/map")
    assert count(browser, "svg.map path.country") > 100, "run npm ci --prefix src/legation/web"
    assert count(browser, "svg.map circle.point") > 0
    assert count(browser, "svg.map text.place-label") > 0
    events = httpx.get(f"{base}/api/events", params={"limit": 1000}).json()
    placed = [e for e in events["items"] if e["place"] and e["place"]["lat"] is not None]
    points = {(e["place"]["lat"], e["place"]["lon"]) for e in placed}
    caption = browser.find_element(By.ID, "status").text
    assert caption.startswith(f"{len(points)} places for the {len(placed)} events that have a "
                              f"place, of {events['total']} events")
    svg = browser.find_element(By.CSS_SELECTOR, "svg.map")
    whole = svg.get_dom_attribute("viewBox")
    browser.find_element(By.ID, "zoom-in").click()
    assert svg.get_dom_attribute("viewBox") != whole
    assert svg.get_dom_attribute("data-zoom") == "2.00"
    browser.find_element(By.ID, "zoom-reset").click()
    assert svg.get_dom_attribute("viewBox") == whole
    browser.find_elements(By.CSS_SELECTOR, "circle.point")[-1].click()  # drawn last: on top
    assert count(browser, "#list tr.event-row") > 0


def test_click_through_to_highlighted_article(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/")
    assert count(browser, "tr.event-row a") > 0
    browser.find_element(By.CSS_SELECTOR, "tr.event-row a").click()
    WebDriverWait(browser, 10).until(lambda b: "/articles/" in b.current_url)
    assert count(browser, "mark.event") > 0
    article_id = browser.current_url.split("/articles/", 1)[1].split("#")[0]
    text = httpx.get(f"{base}/api/articles/{article_id}").json()["text"]
    marks = browser.find_elements(By.CSS_SELECTOR, "#text mark")
    classes = {m.get_attribute("class") for m in marks}
    assert {"event", "actor"} <= classes
    legend = {m.get_attribute("class") for m in browser.find_elements(
        By.CSS_SELECTOR, "#marks-legend mark")}
    assert legend == {"event", "actor", "quote"}
    for mark in marks:
        start, end = int(mark.get_attribute("data-start")), int(mark.get_attribute("data-end"))
        assert mark.get_attribute("textContent") == text[start:end]
    assert count(browser, "tr.event-row") > 0


def test_story_page_shows_reports_and_outlets_side_by_side(browser: webdriver.Chrome,
                                                           base: str) -> None:
    stories = httpx.get(f"{base}/api/stories", params={"limit": 1000}).json()["items"]
    browser.get(base + "/stories")
    assert count(browser, "tr.story-row") == len(stories)
    widest = max(stories, key=lambda s: (len(s["outlets"]), len(s["merged_ids"])))
    browser.get(f"{base}/stories/{widest['story_id']}")
    told = httpx.get(f"{base}/api/compare/{widest['story_id']}").json()["outlets"]
    assert count(browser, "section.outlet") == len(told) > 0
    reports = sum(len(m["reports"]) for m in httpx.get(
        f"{base}/api/stories/{widest['story_id']}").json()["merged"])
    assert count(browser, "tr.report-row") == reports


def test_api_docs_work_offline(browser: webdriver.Chrome, base: str) -> None:
    page = httpx.get(f"{base}/docs").text
    scripts = [src for src in page.split('src="')[1:]]
    assert scripts and all(src.startswith("/vendor/swagger-ui-dist/") for src in scripts)
    assert "cdn" not in page.lower()
    browser.get(base + "/docs")
    assert count(browser, ".swagger-ui .opblock") > 10  # drawn from the local bundle


def test_a_bad_filter_is_said_in_words(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/?since=soon")
    WebDriverWait(browser, 10).until(lambda b: "422" in b.find_element(By.ID, "status").text)
    text = browser.find_element(By.ID, "status").text
    assert "since" in text and "not a date" in text and "[object Object]" not in text
