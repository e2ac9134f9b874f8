"""The dashboard in a real headless Chromium: every page draws, charts lead to articles, and the
article marks are exactly the coded spans."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
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


def test_timeline_draws_bars_and_rows(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/")
    assert count(browser, "svg.bars rect.bar") > 0
    assert count(browser, "tr.event-row") > 10


def test_timeline_filters_reach_the_api(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/?source=RUS")
    assert count(browser, "tr.event-row") > 0
    sources = {r.find_elements(By.TAG_NAME, "td")[1].text
               for r in browser.find_elements(By.CSS_SELECTOR, "tr.event-row")}
    assert all(s.startswith("RUS") for s in sources), sources


def test_dyad_has_cooperation_and_links_to_events(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/dyad?a=USA&b=RUS")
    assert count(browser, "svg.bars rect.bar") > 0
    link = browser.find_element(By.CSS_SELECTOR, "svg.bars a")
    link.click()
    WebDriverWait(browser, 10).until(lambda b: "source=" in b.current_url)
    assert count(browser, "tr.event-row") > 0


def test_network_draws_nodes_and_edges(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/network")
    assert count(browser, "svg.network circle.node") > 1
    assert count(browser, "svg.network line.edge") > 0


def test_map_draws_outlines_and_points(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/map")
    assert count(browser, "svg.map path.country") > 100, "run npm ci --prefix src/legation/web"
    assert count(browser, "svg.map circle.point") > 0
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
