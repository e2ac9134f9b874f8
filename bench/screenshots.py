"""A PNG of every dashboard page over the coded sample corpus, taken by headless Chromium.

Usage: python bench/screenshots.py [DIR]   (default /tmp/legation-shots; prints the paths)

For looking at the pages without a desktop, and for reviews: the images are made, never
committed. Uses Debian's chromium and chromedriver, named explicitly so nothing is downloaded.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from serving import code_sample

from legation.web.server import serving

PAGES = {"timeline": ("/", "rect.bar"), "dyad": ("/dyad?a=USA&b=RUS", "rect.bar"),
         "network": ("/network", "line.edge"), "map": ("/map", "circle.point"),
         "docs": ("/docs", ".swagger-ui .info")}


def chromium(profile: str) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,1000",
                f"--user-data-dir={profile}"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"),
                            options=options)


def shoot(browser: webdriver.Chrome, url: str, ready: str, out: Path) -> Path:
    """Wait until the page script has drawn ``ready`` elements, then save the window."""
    browser.get(url)
    WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.CSS_SELECTOR, ready))
    browser.save_screenshot(str(out))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("/tmp/legation-shots"))
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, serving(code_sample(Path(tmp) / "s.duckdb")) as base:
        browser = chromium(str(Path(tmp) / "profile"))
        try:
            for name, (path, ready) in PAGES.items():
                print(shoot(browser, base + path, ready, out / f"{name}.png"))
            # The article of the first event listed: the page a click on the timeline leads to.
            browser.get(base + "/")
            link = WebDriverWait(browser, 15).until(
                lambda b: b.find_element(By.CSS_SELECTOR, "tr.event-row a"))
            print(shoot(browser, link.get_attribute("href"), "mark.event", out / "article.png"))
        finally:
            browser.quit()


if __name__ == "__main__":
    main()
