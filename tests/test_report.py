"""`kzgov report`: the page written from the seeds, opened in a real headless Chromium with the network cut off.

The browser tests need Debian's `chromium-headless-shell` (or `chromium`); `.ci/run` installs it, and under CI
a missing browser fails the test instead of skipping it.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from kzgov.cli import main

BROWSERS = ("chromium-headless-shell", "chromium", "chrome-headless-shell")
WINDOW = (1280, 1800)

# Put first in the page's head: records uncaught errors, failed resource loads (a blocked network fetch
# among them), rejected promises, console.error and any alert(), then writes them into the DOM once the
# page has settled, where --dump-dom shows them.
PROBE = """<script>
(function () {
  var seen = [];
  window.addEventListener("error", function (e) {
    seen.push("error: " + (e.message || (e.target && e.target.outerHTML) || String(e)));
  }, true);
  window.addEventListener("unhandledrejection", function (e) { seen.push("rejection: " + e.reason); });
  var original = console.error;
  console.error = function () {
    seen.push("console.error: " + Array.prototype.join.call(arguments, " "));
    return original.apply(console, arguments);
  };
  window.alert = function (message) { seen.push("alert: " + message); };
  window.addEventListener("load", function () {
    setTimeout(function () {
      var out = document.createElement("pre");
      out.id = "kzgov-probe";
      out.textContent = JSON.stringify(seen);
      document.body.appendChild(out);
    }, 1000);
  });
})();
</script>"""


def _browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> str:
    found = _browser()
    if found is None:
        reason = "no headless Chromium here: apt-get install chromium-headless-shell (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@dataclass
class Opened:
    dom: str
    errors: list[str]
    console: list[str]  # the browser's own log of console messages (stderr)

    def svg_texts(self) -> list[str]:
        return [html.unescape(t) for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", self.dom)]


def _run_browser(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        browser,
        "--headless",
        "--no-sandbox",  # as root (CI) Chromium refuses to start with its sandbox
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # no network: a page that fetched anything would fail to render
        "--enable-logging=stderr",
        "--v=0",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--virtual-time-budget=15000",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def open_page(browser: str, page: Path, tmp_path: Path) -> Opened:
    """The page's DOM after it settled in Chromium, with the errors the probe and the browser's log saw."""
    probed = page.with_name(f"probed-{page.name}")
    text = page.read_text(encoding="utf-8")
    probed.write_text(text.replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    done = _run_browser(browser, tmp_path / "profile-dom", "--dump-dom", probed.as_uri())
    found = re.search(r'<pre id="kzgov-probe">(.*?)</pre>', done.stdout, re.S)
    assert found, "the probe never reported: the page did not finish loading"
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return Opened(done.stdout, json.loads(html.unescape(found.group(1))), console)


def screenshot(browser: str, url: str, tmp_path: Path, name: str) -> bytes:
    shot = tmp_path / name
    _run_browser(browser, tmp_path / f"profile-{name}", f"--screenshot={shot}", url)
    return shot.read_bytes()


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the (still filtered) pixel rows of a PNG, its structure and checksums verified."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, width, height, idat = 8, 0, 0, b""
    while offset < len(data):
        length = int.from_bytes(data[offset : offset + 4], "big")
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        crc = int.from_bytes(data[offset + 8 + length : offset + 12 + length], "big")
        assert zlib.crc32(kind + body) == crc, f"bad checksum in chunk {kind!r}"
        if kind == b"IHDR":
            width, height = int.from_bytes(body[:4], "big"), int.from_bytes(body[4:8], "big")
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    return width, height, zlib.decompress(idat)


def looks_blank(data: bytes) -> bool:
    """True when a PNG is (nearly) one colour: its filtered rows are then almost all one byte value."""
    import numpy as np

    _w, _h, rows = png_pixels(data)
    counts = np.bincount(np.frombuffer(rows, dtype=np.uint8), minlength=256)
    return bool(counts.max() > 0.995 * counts.sum())


def _cli(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def seeded(database_url: str) -> str:
    loaded = _cli("load", "--database-url", database_url)
    assert loaded.exit_code == 0, loaded.output
    return database_url


@pytest.fixture
def seeds_report(seeded: str, tmp_path: Path) -> Path:
    out = tmp_path / "report.html"
    made = _cli("report", "-o", str(out), "--database-url", seeded)
    assert made.exit_code == 0, made.output
    assert made.stdout == (
        f"wrote {out}: 18 tenures of 6 offices, 8 conflicts, 17 compositions of 5 bodies, 5 party seat counts,"
        " 5 elections with 3 results, from 4 sources\n"
    )
    return out


def test_report_is_one_self_contained_page(seeds_report: Path) -> None:
    text = seeds_report.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", text), "the page must fetch nothing"
    assert "plotly.js v" in text  # the library itself, inlined
    for section in ("offices", "conflicts", "chambers", "parties", "elections", "sources"):
        assert f'<section id="{section}">' in text
    # The conflicts, with the sources' words.
    assert "There are 44 judges on the Supreme Court of Kazakhstan." in text
    assert "There are 65 judges on the Supreme Court of the Republic of Kazakhstan" in text
    # Bounds as precisely as the sources give them, and an unknown one never given a date (hover texts).
    assert "from 2024-02-06 until an unknown date (explicit)" in text  # Bektenov, as one source says
    assert "(end unknown: no date given)" in text
    assert "from an unknown date until 2022-01-05 (exclusive) (explicit)" in text  # Mamin
    assert "from 2019-03 until an unknown date (inferred)" in text  # Tokayev, to the month
    assert "at one unknown moment between 2024-02-06 and 2026-11-25" in text  # a window
    # Conflicts over a holder are highlighted in that office's chart, and only there.
    charts = {m.group(1): m.group(0) for m in re.finditer(r'id="(office-\d+)".*?</script>', text, re.S)}
    assert '"text":"Prime Minister"' in charts["office-6"] and "rgba(214, 39, 40, 0.35)" in charts["office-6"]
    assert '"text":"Party Leader"' in charts["office-4"] and "rgba(214, 39, 40, 0.35)" not in charts["office-4"]
    # Elections with their results.
    assert "Tokayev was subsequently re-elected with 71% of the vote." in text
    assert "Amirjan Qosanov" in text


def test_report_in_chromium_renders_every_section_without_errors(
    browser: str, seeds_report: Path, tmp_path: Path
) -> None:
    opened = open_page(browser, seeds_report, tmp_path)
    assert opened.errors == []
    assert not [line for line in opened.console if "Uncaught" in line or "rror" in line], opened.console
    texts = opened.svg_texts()
    # The timelines' holders, drawn by plotly as SVG text.
    for holder in ("Oljas Bektenov", "Älihan Smaiylov", "Kassym-Jomart Tokayev", "Mamin", "Nurlan Nigmatulin"):
        assert holder in texts, holder
    for title in ("Prime Minister", "President", "Mazhilis", "Supreme Court"):
        assert title in texts, title
    assert "000_612d0cc27c4ad863" in texts  # a source's row of lanes
    # One chart per office, per body with seats, per chamber of party seats, each drawn.
    assert len(re.findall(r'<div class="plot-container plotly"', opened.dom)) >= 10
    # Conflicts are listed in the DOM with their quotes, the disagreeing values side by side.
    # Found by what they are about: a conflict's id is derived from row ids, which depend on load order.
    supreme = re.search(
        r'<div class="conflict" id="conflict-[0-9a-f]+"><h3>Supreme Court: total seats</h3>(.*?)</div>',
        opened.dom,
        re.S,
    )
    assert supreme is not None
    assert re.search(r'class="value">44<.*There are 44 judges', supreme.group(1), re.S)
    assert re.search(r'class="value">65<.*There are 65 judges', supreme.group(1), re.S)
    prime_minister = re.search(
        r'<div class="conflict" id="conflict-[0-9a-f]+"><h3>Prime Minister: holder</h3>(.*?)</div>', opened.dom, re.S
    )
    assert prime_minister is not None  # Smaiylov or Bektenov
    assert "Oljas Bektenov" in prime_minister.group(1) and "Älihan Smaiylov" in prime_minister.group(1)


def test_report_screenshot_is_not_blank(browser: str, seeds_report: Path, tmp_path: Path) -> None:
    shot = screenshot(browser, seeds_report.as_uri(), tmp_path, "report.png")
    width, height, _rows = png_pixels(shot)
    assert (width, height) == WINDOW
    assert not looks_blank(shot)
    # The check itself tells a blank page from a drawn one.
    empty = tmp_path / "empty.html"
    empty.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    assert looks_blank(screenshot(browser, empty.as_uri(), tmp_path, "empty.png"))


def test_probe_sees_errors_and_alerts(browser: str, tmp_path: Path) -> None:
    """The error detection itself works: a page that throws, logs an error and alerts is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><head></head><body><script>console.error('logged'); alert('hi');"
        " throw new Error('thrown')</script></body></html>",
        encoding="utf-8",
    )
    opened = open_page(browser, page, tmp_path)
    assert opened.errors == ["console.error: logged", "alert: hi", "error: Uncaught Error: thrown"]
    assert any("Uncaught Error: thrown" in line for line in opened.console)


HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)> & <b>bold</b>"


def test_report_shows_hostile_quotes_as_text(browser: str, seeded: str, tmp_path: Path) -> None:
    """A quote or a name from a user's file holding markup is text in the page and in the charts: nothing runs."""
    tenures = tmp_path / "hostile.csv"
    tenures.write_text(
        "office,person,valid_from,valid_until,quote\n"
        f'Prime Minister,Ruslan <b>Evilov</b>,2023-01-01,2023-06-01,"{HOSTILE} became premier."\n',
        encoding="utf-8",
    )
    loaded = _cli("load", str(tenures), "--published", "2023-07-01", "--database-url", seeded)
    assert loaded.exit_code == 0, loaded.output
    out = tmp_path / "report.html"
    made = _cli("report", "-o", str(out), "--database-url", seeded)
    assert made.exit_code == 0, made.output
    text = out.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text and "<img src=x" not in text
    opened = open_page(browser, out, tmp_path)
    assert opened.errors == []
    # Evilov's tenure overlaps Smaiylov's: the conflict lists his quote, shown as the text it is.
    shown = re.sub(r"<[^>]+>", "", opened.dom)
    assert html.escape(f"{HOSTILE} became premier.", quote=False) in shown
    assert "Ruslan <b>Evilov</b>" in opened.svg_texts()  # a name with markup is drawn as the text it is


def test_report_of_an_empty_database_says_there_is_nothing(database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    made = _cli("report", "-o", str(out), "--database-url", database_url)
    assert made.exit_code == 0, made.output
    text = out.read_text(encoding="utf-8")
    assert "No source names a holder of any office." in text
    assert "The sources agree wherever they overlap." in text
    assert "No source names an election." in text
    assert "<h2>Sources (0)</h2>" in text


def test_report_to_a_missing_directory_is_one_line_and_writes_nothing(seeded: str, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "report.html"
    made = _cli("report", "-o", str(target), "--database-url", seeded)
    assert made.exit_code == 1
    assert made.output == f"Error: cannot write the report to {target}: no directory {target.parent}\n"
    assert not target.parent.exists()


def test_report_onto_a_directory_is_one_line(seeded: str, tmp_path: Path) -> None:
    made = _cli("report", "-o", str(tmp_path), "--database-url", seeded)
    assert made.exit_code == 1
    assert made.output == f"Error: cannot write the report to {tmp_path}: it is a directory\n"


def test_failed_report_leaves_the_previous_one_whole(tmp_path: Path) -> None:
    """A report that fails (here: no database) leaves the file it would replace as it was, and no temporary."""
    target = tmp_path / "report.html"
    target.write_text("the previous report", encoding="utf-8")
    made = _cli("report", "-o", str(target), "--database-url", "postgresql://nobody@127.0.0.1:1/none")
    assert made.exit_code == 1
    assert made.output.startswith("Error: cannot reach the database:") and made.output.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_report_replaces_an_older_report(seeded: str, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("the previous report", encoding="utf-8")
    made = _cli("report", "-o", str(target), "--database-url", seeded)
    assert made.exit_code == 0, made.output
    assert "Oljas Bektenov" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # as any file the user makes, not private


def test_report_without_plotly_says_what_to_install(tmp_path: Path) -> None:
    """Without plotly importable, one line names the extra to install (checked before the database is asked)."""
    script = (
        "import sys; sys.modules['plotly'] = None\n"  # makes `import plotly` fail as if it were not installed
        "from kzgov.cli import main\n"
        f"main(['report', '-o', {str(tmp_path / 'r.html')!r}], prog_name='kzgov')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr == "Error: the report needs plotly: pip install 'kzgov[report]'\n"
    assert not (tmp_path / "r.html").exists()
