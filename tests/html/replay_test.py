"""Browser tests of the --html replay page, in headless Chromium (Debian's chromium,
chromium-driver and python3-selenium; run with /usr/bin/python3).

    replay_test.py ASYNCDEMO CASE OUT_DIR

CASE is one of: steps, compare, trace, languages, play, screenshot. Exits 77 (skipped, saying why) only
where Chromium, its driver or Selenium is absent. UPDATE_GOLDEN=1 rewrites the golden picture
of the screenshot case.
"""
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GOLDEN = os.path.join(HERE, "golden", "gather.en.png")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def skip(why):
    print("SKIPPED: " + why)
    sys.exit(77)


try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.keys import Keys
except ImportError:
    skip("python3-selenium is not installed (run with /usr/bin/python3; scripts/deps.sh)")
if not os.path.exists(CHROMIUM) or not os.path.exists(DRIVER):
    skip("Chromium or chromedriver is not installed (scripts/deps.sh installs them)")

ASYNCDEMO, CASE, OUT = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
os.makedirs(OUT, exist_ok=True)
MESSAGES = json.load(open(os.path.join(ROOT, "cli", "i18n", "messages.json"), encoding="utf-8"))
failures = []
checks = [0]


def check(condition, what):
    checks[0] += 1
    if not condition:
        failures.append(what)
        print("FAIL: " + what)


def export(args, name, lang="en"):
    """Runs asyncdemo with --html under the virtual clock; returns the page's path."""
    path = os.path.join(OUT, name)
    status = subprocess.run([ASYNCDEMO, "--lang", lang, *args, "--html", path],
                            stdout=subprocess.DEVNULL, timeout=60).returncode
    check(status == 0, f"asyncdemo {' '.join(args)} --html exits with 0 ({status})")
    check(os.path.exists(path), f"{name} was written")
    size = os.path.getsize(path)
    check(size < 300_000, f"{name} is under 300 KB ({size} bytes)")
    return path


def browser():
    options = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
              "--window-size=1600,900", "--force-device-scale-factor=1",
              "--disable-dev-shm-usage", "--font-render-hinting=none"):
        options.add_argument(a)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1600, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    return driver


def open_page(driver, path):
    driver.get("file://" + path)
    driver.get_log("performance")  # what loading the page itself logged is checked in quiet()


def quiet(driver, path):
    """No console error, and no request but the page's own file."""
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    check(not errors, f"no console error or warning on {os.path.basename(path)}: {errors}")
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    check(resources == [], f"no resource fetched by {os.path.basename(path)}: {resources}")
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url != "file://" + path:
                requests.append(url)
    check(requests == [], f"no network request from {os.path.basename(path)}: {requests}")


def press(driver, key, times=1):
    body = driver.find_element("tag name", "body")
    for _ in range(times):
        body.send_keys(key)


# The page's state, read in one call: its time, which lines show, each task row's state.
READ = """
const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
return {
  time: Number(document.body.dataset.time),
  lines: Array.from(document.querySelectorAll('#lines li')).map(shown),
  texts: Array.from(document.querySelectorAll('#lines li span')).map(s => s.textContent),
  rows: Array.from(document.querySelectorAll('#tasks li.task')).map(r => ({
    run: Number(r.dataset.run), index: Number(r.dataset.index), state: r.dataset.state,
    segment: r.dataset.segment, on: r.dataset.on,
    words: r.querySelector('.state').textContent})),
  summary: shown(document.getElementById('summary')),
};
"""


def reports_of(driver):
    embedded = driver.execute_script(
        "return JSON.parse(document.getElementById('report').textContent)")
    return embedded if isinstance(embedded, list) else [embedded]


def events_of(reports):
    """Every moment a line appears or a task changes state: the stops of → (the issue's
    'next event'), computed here from the JSON reports alone."""
    times = set()
    for r in reports:
        times.add(r["elapsed"])
        for line in r["output"]:
            times.add(line["t"])
        for task in r["tasks"]:
            times.add(task["created"])
            if task["finished"] is not None:
                times.add(task["finished"])
            for s in task["segments"]:
                times.update((s["start"], s["end"]))
    return sorted(t for t in times if t > 0)


def expected_state(report, task, t):
    """What the JSON report says task was doing at t: the segment under t (a task still
    waiting when the run stopped keeps its last wait at the very end), else how it ended,
    else ready."""
    if t < task["created"]:
        return ("absent", "", "")
    segments = task["segments"]
    for i, s in enumerate(segments):
        last = (i == len(segments) - 1 and task["finished"] is None
                and s["end"] >= report["elapsed"])
        if s["start"] <= t and (t < s["end"] or (last and t >= s["end"])):
            return ("segment", s["kind"], s.get("on", ""))
    if task["finished"] is not None and t >= task["finished"] and task["state"] != "pending":
        return (task["state"], "", "")
    return ("ready", "", "")


def check_moment(driver, reports, t, where):
    page = driver.execute_script(READ)
    check(abs(page["time"] - t) < 1e-9, f"{where}: the cursor is at {t} (page: {page['time']})")
    # Both runs' lines of a comparison interleave in the order they were printed.
    lines = sorted(((line["t"], r, i, line) for r, report in enumerate(reports)
                    for i, line in enumerate(report["output"])), key=lambda x: x[0])
    check(page["texts"] == [line["text"] for *_, line in lines],
          f"{where}: the page lists the report's lines, in order")
    want = [line["t"] <= t + 1e-9 for *_, line in lines]
    check(page["lines"] == want, f"{where}: exactly the lines up to t={t} show "
                                 f"({sum(page['lines'])} shown, {sum(want)} expected)")
    for row in page["rows"]:
        report = reports[row["run"]]
        task = report["tasks"][row["index"]]
        kind, segment, on = expected_state(report, task, t)
        if kind == "segment":
            ok = row["segment"] == segment and row["on"] == on and row["state"] not in (
                "absent", "ready", "done", "failed", "cancelled")
        else:
            ok = row["state"] == kind and row["segment"] == ""
        check(ok, f"{where}: {task['name']} at t={t} is {kind} {segment} {on} "
                  f"(page: {row['state']} {row['segment']} {row['on']})")
        check(row["words"].strip() != "", f"{where}: {task['name']}'s state has words")
    return page


def walk(driver, path, most=60):
    """Home, then → step by step through the events, then End."""
    open_page(driver, path)
    reports = reports_of(driver)
    events = events_of(reports)
    name = os.path.basename(path)
    end = max(r["elapsed"] for r in reports)
    press(driver, Keys.HOME)
    page = check_moment(driver, reports, 0, f"{name} at the start")
    # A run that took no lesson time (hello) is at its end from the start.
    check(not page["summary"] or end == 0, f"{name}: no summary before the end")
    for k, t in enumerate(events[:most], start=1):
        press(driver, Keys.ARROW_RIGHT if k % 2 else Keys.PAGE_DOWN)
        check_moment(driver, reports, t, f"{name} after {k} × →")
    if len(events) > 1:
        press(driver, Keys.ARROW_LEFT)
        back = events[min(len(events), most) - 2]
        check_moment(driver, reports, back, f"{name} after ←")
    press(driver, Keys.END)
    page = check_moment(driver, reports, end, f"{name} after End")
    check(page["summary"], f"{name}: the summary shows after End")
    check(page["lines"] == [] or page["lines"][-1], f"{name}: the last line shows after End")
    quiet(driver, path)
    return reports


def case_steps(driver):
    for slug in ("gather", "taskgroup-failure", "deadlock", "thread-pool"):
        path = export(["run", slug, "--clock", "virtual"], f"{slug}.en.html")
        reports = walk(driver, path)
        # The embedded report is the one `run --json` prints.
        printed = subprocess.run([ASYNCDEMO, "--lang", "en", "run", slug, "--clock", "virtual",
                                  "--json"], capture_output=True, text=True, timeout=60).stdout
        check(reports[0] == json.loads(printed), f"{slug}: the page embeds the run's JSON report")


def case_compare(driver):
    path = export(["compare", "sequential", "gather"], "compare.en.html")
    reports = walk(driver, path)
    check(len(reports) == 2, "compare embeds both runs' reports")
    rows = driver.execute_script("return Array.from(document.querySelectorAll('#tasks li.task'))"
                                 ".map(r => Number(r.dataset.run))")
    check(sorted(set(rows)) == [0, 1], "compare shows the tasks of both runs")


def case_trace(driver):
    """trace --html: a Python program's run replays like a lesson's."""
    if shutil.which("python3") is None:
        skip("no python3 on PATH for asyncdemo trace")
    program = os.path.join(ROOT, "tests", "trace", "programs", "gather_jobs.py")
    path = export(["trace", program, "--clock", "virtual"], "trace.en.html")
    reports = walk(driver, path)
    check(reports[0].get("program") == program, "trace embeds its own report")


def case_play(driver):
    """Space plays and pauses; with reduced motion the cursor steps from event to event."""
    path = export(["run", "gather", "--clock", "virtual"], "gather.play.html")
    open_page(driver, path)
    read = "return Number(document.body.dataset.time)"
    press(driver, " ")
    time.sleep(0.6)
    playing = driver.execute_script(read)
    check(0 < playing < 5, f"Space plays: the cursor moved to {playing}")
    press(driver, " ")
    paused = driver.execute_script(read)
    time.sleep(0.3)
    check(driver.execute_script(read) == paused, "Space again pauses")
    check(driver.find_element("id", "play").text.endswith("Play"), "the button offers Play again")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    press(driver, Keys.HOME)
    press(driver, " ")
    time.sleep(1.4)
    stepped = driver.execute_script(read)
    # A second per event: after 1.4 s the first event (1 s); a slow machine may reach the
    # second (3 s), but never a moment between events.
    check(stepped in events_of(reports_of(driver))[:2],
          f"reduced motion: the cursor jumps from event to event, no gliding ({stepped})")
    press(driver, " ")
    quiet(driver, path)


def case_languages(driver):
    for lang in ("pt-BR", "uk"):
        path = export(["run", "gather", "--clock", "virtual"], f"gather.{lang}.html", lang)
        open_page(driver, path)
        check(driver.execute_script("return document.documentElement.lang") == lang,
              f"the page's lang is {lang}")
        press(driver, Keys.END)
        text = driver.find_element("tag name", "body").text
        for key in ("replay.tasks", "replay.lines", "replay.speed", "legend.done"):
            check(MESSAGES[key][lang] in text, f"{lang}: '{MESSAGES[key][lang]}' ({key}) shows")
            check(MESSAGES[key]["en"] not in text, f"{lang}: no English '{MESSAGES[key]['en']}'")
        play = driver.find_element("id", "play").text
        check(MESSAGES["replay.play"][lang] in play, f"{lang}: the play button reads "
                                                      f"{MESSAGES['replay.play'][lang]} ({play})")
        quiet(driver, path)


def gray(path):
    """The picture as 320×180 gray pixels, slightly blurred: what a person sees at a glance,
    not each glyph's hinting."""
    return subprocess.run(["convert", path, "-resize", "320x180!", "-colorspace", "Gray",
                           "-blur", "0x1", "-depth", "8", "gray:-"],
                          capture_output=True, check=True).stdout


def case_screenshot(driver):
    path = export(["run", "gather", "--clock", "virtual"], "gather.shot.html")
    open_page(driver, path)
    press(driver, Keys.ARROW_RIGHT, 2)
    shot = os.path.join(OUT, "gather.en.png")
    driver.save_screenshot(shot)
    size = subprocess.run(["identify", "-format", "%wx%h", shot], capture_output=True,
                          text=True).stdout
    check(size == "1600x900", f"the screenshot is 1600×900 ({size})")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        subprocess.run(["convert", shot, "-resize", "320x180!", "-colorspace", "Gray",
                        "-depth", "8", "-strip", GOLDEN], check=True)
        print("golden written: " + GOLDEN)
        return
    a, b = gray(shot), gray(GOLDEN)
    check(len(a) == len(b), "the screenshot and the golden have the same size")
    diff = [abs(x - y) for x, y in zip(a, b)]
    mean = sum(diff) / max(len(diff), 1)
    far = sum(d > 80 for d in diff) / max(len(diff), 1)
    print(f"screenshot against the golden: mean difference {mean:.2f}/255, "
          f"{far:.2%} of pixels far off; saved as {shot}")
    # At 320×180 and blurred, another hinting of the same font moves little (the same page
    # measures 0.3 here); the cursor two events further on with the summary shown measures
    # 5.4, another lesson 10, the dark theme over 100.
    check(mean < 2.5 and far < 0.005, "the screenshot looks like the golden")


CASES = {"steps": case_steps, "compare": case_compare, "trace": case_trace,
         "languages": case_languages, "play": case_play, "screenshot": case_screenshot}
driver = browser()
try:
    CASES[CASE](driver)
finally:
    driver.quit()
if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print(f"ok: {checks[0]} checks")
