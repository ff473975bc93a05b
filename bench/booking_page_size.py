#!/usr/bin/env python3
"""The booking page's size, as an applicant's browser shows it (issue 14, docs/research/booking-page-*.md).

    python3 bench/booking_page_size.py [--intake BIN] [--load BIN] [--screenshots DIR] [--skip-journey]

Builds nothing: build first with `cargo build --release --bin intake --example load` (or pass the
binaries of another build with --intake and --load, e.g. an older commit's, to measure the page before
a change). Needs psql, chromium and chromedriver; only Python's standard library (WebDriver is spoken
over HTTP directly).

What it does, as the research notes describe:
1. Starts intake on a throwaway database (made on the server of DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/postgres, and dropped at the end) with the migrations' default
   availability, as `bench/run` starts it (rate and booking limits off, emails written as files).
2. `load drafts BASE 1 OUT` starts one GTS draft; SQL marks every GTS page answered and the
   assessment seen (`completed_steps`, `prescreen = '[]'`), which is all the booking page's gate reads.
3. Headless Chromium through ChromeDriver, its zone UTC (the page's script moves a first visit to the
   browser's zone): at 390 px (mobile emulation, 390x844, device pixel ratio 1) and at 1280 px (window
   1280 wide), loads `/en/apply/gts/booking` as a first visit, with `?night=1`, and with
   `?time_zone=Asia/Kolkata` (alone and with `night=1`), and reads `document.documentElement.scrollHeight`,
   the number of `input[name=slot]`, the first one's distance from the top of the document, and how many
   Tab presses from the top of the page (nothing focused) reach it.
4. With --screenshots DIR: full-page PNGs of the booking page (both widths, UTC and Kolkata), the
   booking page's error (Continue without a time: 422), and, for a second draft answered page by page
   over HTTP, the check page, the confirmation, the manage page from the emailed link, its move
   confirmation and its cancel confirmation. --skip-journey leaves out the second draft (for builds
   before issue 14, whose pages differ).

Prints one line per measurement and a Markdown table. Clicks that ChromeDriver reports as intercepted
(the site's smooth scrolling keeps it from scrolling a button into view) are done by the page's script.
KEEP_TMP=1 keeps the scratch directory (intake's log, the emails).
"""

import argparse
import base64
import email
import email.policy
import glob
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COOKIE = "intake_session"
GTS_PAGES = [
    "about-you", "location", "canadian-status", "route", "education", "job-offer", "employer",
    "work-region", "referral", "job", "job-details", "admissibility", "consent",
]
DUTIES = "Design and build distributed payment services, review code and mentor two junior engineers."
# The pages `load drafts` leaves unanswered, as examples/load.rs answers them.
REMAINING = [
    ("education", {"highest_education": "master", "field_of_study": "Computer science", "years_it_experience": "6"}),
    ("job-offer", {"job_offer_status": "written", "employer_will_file_gts_lmia": "yes", "gts_referral_status": "none"}),
    ("employer", {"employer_legal_name": "Maple Inc.", "employer_city": "Toronto", "employer_province": "ON"}),
    ("work-region", {"work_economic_region": "unknown"}),
    ("job", {"job_title": "Software engineer", "job_duties": DUTIES, "noc_2021_code": "21231",
             "offered_wage": "145000", "wage_unit": "annual", "hours_per_week": "40",
             "years_specialized_experience": "7"}),
    ("admissibility", {"prior_refusal_or_removal": "no", "criminal_history": "no"}),
    ("consent", {"ack_not_legal_advice": "yes"}),
]
TAB = "\ue004"


def say(*args):
    print("==", *args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"booking_page_size: {what} did not come up")


# --- WebDriver over HTTP ------------------------------------------------------------------------


class ClickIntercepted(Exception):
    pass


class Browser:
    """One WebDriver session."""

    def __init__(self, driver, capabilities):
        self.driver = driver
        value = self._call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self.sid = value["sessionId"]

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.driver + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.loads(r.read())["value"]
        except urllib.error.HTTPError as e:
            if e.code == 400 and path.endswith("/click"):
                raise ClickIntercepted(json.loads(e.read())["value"]["message"].split("\n")[0])
            raise SystemExit(f"WebDriver {method} {path}: {e.code} {e.read()[:500]!r}")

    def call(self, method, path, body=None):
        return self._call(method, f"/session/{self.sid}{path}", body)

    def js(self, script, *args):
        return self.call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def get(self, url):
        self.call("POST", "/url", {"url": url})
        self.settle()

    def settle(self):
        """Waits until the page stops moving (the time-zone script may load the page again)."""
        last, stable = None, 0
        for _ in range(100):
            time.sleep(0.1)
            state = self.js("return [document.readyState, location.href]")
            stable = stable + 1 if state == last and state[0] == "complete" else 0
            last = state
            if stable >= 5:
                return last[1]
        return last[1]

    def url(self):
        return self.call("GET", "/url")

    def add_cookie(self, name, value):
        self.call("POST", "/cookie", {"cookie": {"name": name, "value": value, "path": "/"}})

    def delete_cookies(self):
        self.call("DELETE", "/cookie")

    def cookie(self, name):
        for c in self.call("GET", "/cookie"):
            if c["name"] == name:
                return c["value"]
        return None

    def find(self, css):
        found = self.call("POST", "/elements", {"using": "css selector", "value": css})
        return [list(e.values())[0] for e in found]

    def click(self, css):
        elements = self.find(css)
        if not elements:
            raise SystemExit(f"booking_page_size: nothing matches {css} on {self.url()}")
        try:
            self._call("POST", f"/session/{self.sid}/element/{elements[0]}/click", {})
        except ClickIntercepted as e:
            # Another element lies over it: say which (a page fault worth seeing), then click by script.
            over = self.js("""var t = document.querySelector(arguments[0]), r = t.getBoundingClientRect();
                var e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                return e ? e.outerHTML.slice(0, 160) : '';""", css)
            say(f"click on {css} intercepted ({e}); on top: {over}")
            self.js("document.querySelector(arguments[0]).click()", css)
        return self.settle()

    def press_tab(self):
        self.call("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": TAB}, {"type": "keyUp", "value": TAB}]}]})

    def tabs_to_first_slot(self, limit=600):
        """Tab presses from the top of the page (nothing focused) to the first slot radio; None if never."""
        if not self.js("return document.querySelector('input[name=slot]') !== null"):
            return None
        self.js("window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur();")
        for n in range(1, limit + 1):
            self.press_tab()
            if self.js("return document.activeElement === document.querySelector('input[name=slot]')"):
                return n
        return None

    def measure(self):
        return self.js("""return {
            height: document.documentElement.scrollHeight,
            slots: document.querySelectorAll('input[name=slot]').length,
            width: window.innerWidth,
            zone: (document.querySelector('select[name=time_zone]') || {}).value || '',
            days: document.querySelectorAll('[data-day]').length,
            first_top: (function () {
                var r = document.querySelector('input[name=slot]');
                return r ? Math.round(r.getBoundingClientRect().top + window.scrollY) : null; })(),
            url: location.pathname + location.search}""")

    def screenshot(self, path):
        size = self.js("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        shot = self.call("POST", "/goog/cdp/execute", {"cmd": "Page.captureScreenshot", "params": {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        say(f"screenshot {path} ({size[0]}x{size[1]})")

    def quit(self):
        try:
            self._call("DELETE", f"/session/{self.sid}")
        except SystemExit:
            pass


# --- intake over HTTP (the second draft's answers) -------------------------------------------------


class Applicant:
    def __init__(self, port, cookie, csrf):
        self.port, self.cookie, self.csrf = port, cookie, csrf

    def request(self, method, path, form=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": self.cookie}
        body = None
        if form is not None:
            body = urllib.parse.urlencode({"csrf_token": self.csrf, **form})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        text = r.read().decode()
        for name, value in r.getheaders():
            if name.lower() == "set-cookie" and value.startswith(COOKIE + "="):
                self.cookie = value.split(";")[0]
        conn.close()
        return r.status, text

    def answer(self, slug, fields):
        status, _ = self.request("POST", f"/en/apply/gts/{slug}", fields)
        if status != 303:
            raise SystemExit(f"booking_page_size: POST {slug} answered {status}")


# --- main -----------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--intake", default=os.path.join(ROOT, "target/release/intake"))
    ap.add_argument("--load", default=os.path.join(ROOT, "target/release/examples/load"))
    ap.add_argument("--screenshots", help="directory for full-page PNGs")
    ap.add_argument("--skip-journey", action="store_true", help="no second draft (builds before issue 14)")
    args = ap.parse_args()

    admin_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    server_url = admin_url.split("?")[0].rsplit("/", 1)[0]
    db = f"intake_measure_{os.getpid()}"
    db_url = f"{server_url}/{db}"
    tmp = tempfile.mkdtemp(prefix="intake-measure.")
    procs, browsers = [], []

    def psql(url, sql):
        return subprocess.run(["psql", url, "-qXAt", "-v", "ON_ERROR_STOP=1", "-c", sql],
                              check=True, capture_output=True, text=True).stdout.strip()

    try:
        psql(admin_url, f'create database "{db}"')
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items()
               if k not in ("RUST_LOG", "INTAKE_LOG_FORMAT", "INTAKE_SMTP_URL", "INTAKE_BASE_URL")}
        env.update(INTAKE_DATABASE_URL=db_url, INTAKE_LISTEN=f"127.0.0.1:{port}",
                   INTAKE_DATA_DIR=os.path.join(tmp, "intake"), INTAKE_RATE_LIMIT="off",
                   INTAKE_METRICS_LISTEN="off", INTAKE_BOOKINGS_PER_BLOCK_PER_DAY="off",
                   INTAKE_BOOKING_ALERT_PER_HOUR="off",
                   INTAKE_SESSION_KEY=base64.b64encode(os.urandom(64)).decode())
        os.makedirs(env["INTAKE_DATA_DIR"])
        log = open(os.path.join(tmp, "intake.log"), "w")
        procs.append(subprocess.Popen([args.intake, "serve"], cwd=tmp, env=env, stdout=log, stderr=log))
        wait_for(lambda: urllib.request.urlopen(base + "/readyz", timeout=1).status == 200, 60, "intake")

        def new_draft(out):
            subprocess.run([args.load, "drafts", base, "1", out], check=True, stdout=subprocess.DEVNULL)
            cookie, csrf = open(out).read().split("\n")[0].split("\t")
            return cookie, csrf

        cookie_a, _ = new_draft(os.path.join(tmp, "a.tsv"))
        pages = ",".join(f"'{p}'" for p in GTS_PAGES)
        psql(db_url, f"update application set completed_steps = array[{pages}], prescreen = '[]'::jsonb")

        driver_port = free_port()
        procs.append(subprocess.Popen(["chromedriver", f"--port={driver_port}"],
                                      env={**os.environ, "TZ": "UTC"},
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        driver = f"http://127.0.0.1:{driver_port}"
        wait_for(lambda: urllib.request.urlopen(driver + "/status", timeout=1).status == 200, 30, "chromedriver")
        common = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"]
        sessions = {
            390: {"browserName": "chrome", "goog:chromeOptions": {"args": common, "mobileEmulation": {
                "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 1}}}},
            1280: {"browserName": "chrome", "goog:chromeOptions": {"args": common + ["--window-size=1280,900"]}},
        }
        shots = args.screenshots
        if shots:
            os.makedirs(shots, exist_ok=True)

        def shoot(b, name):
            if shots:
                b.screenshot(os.path.join(shots, name))

        rows = []
        for width, caps in sessions.items():
            b = Browser(driver, caps)
            browsers.append(b)
            b.get(base + "/en/")
            b.add_cookie(COOKIE, cookie_a.split("=", 1)[1])
            for label, query in [("first visit", ""), ("night=1", "?night=1"),
                                 ("Asia/Kolkata", "?time_zone=Asia/Kolkata"),
                                 ("Asia/Kolkata, night=1", "?time_zone=Asia/Kolkata&night=1")]:
                b.get(base + "/en/apply/gts/booking" + query)
                m = b.measure()
                # Screenshots before the Tab presses, so that no focus ring shows.
                if label == "first visit":
                    shoot(b, f"booking-{width}.png")
                elif label == "Asia/Kolkata":
                    shoot(b, f"booking-kolkata-{width}.png")
                m["tabs"] = b.tabs_to_first_slot()
                m.update(width_asked=width, how=label)
                rows.append(m)
                print(json.dumps(m), flush=True)
            # Continue with a way to meet but no time: the page again, 422, with its error.
            b.get(base + "/en/apply/gts/booking")
            if b.find("input[name=consultation_mode][value=video]"):
                b.click("input[name=consultation_mode][value=video]")
            b.click("[data-continue], form[method=post] button[type=submit]:not([name])")
            title = b.js("return document.title")
            say(f"{width}: Continue without a time: {title!r}")
            shoot(b, f"booking-error-{width}.png")

        if not args.skip_journey:
            journey(args, base, port, tmp, new_draft, browsers, shoot)

        print()
        print("| width (CSS px) | page | zone shown | document height (`scrollHeight`) | slot radio buttons"
              " | first time's radio from the top | Tab presses to the first time |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for m in rows:
            print(f"| {m['width_asked']} | {m['how']} | {m['zone']} | {m['height']:,} px | {m['slots']}"
                  f" | {m['first_top']:,} px | {m['tabs']} |")
        return 0
    finally:
        for b in browsers:
            b.quit()
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        try:
            psql(admin_url, f'drop database if exists "{db}" with (force)')
        except subprocess.CalledProcessError as e:
            say(f"could not drop {db}: {e.stderr}")
        if os.environ.get("KEEP_TMP"):
            say(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def journey(args, base, port, tmp, new_draft, browsers, shoot):
    """A second draft answered page by page, booked through the pages, then managed from its email."""
    cookie, csrf = new_draft(os.path.join(tmp, "b.tsv"))
    a = Applicant(port, cookie, csrf)
    for slug, fields in REMAINING:
        a.answer(slug, fields)
    status, _ = a.request("GET", "/en/apply/gts/assessment")
    assert status == 200, f"assessment {status}"
    status, _ = a.request("POST", "/en/apply/gts/booking", {
        "consultation_mode": "video", "consultation_language": "en", "consultant": "any", "time_zone": "UTC"})
    say(f"POST /en/apply/gts/booking without a time: {status}")
    mobile, desk = browsers[0], browsers[1]
    for b in (mobile, desk):
        b.delete_cookies()
        b.add_cookie(COOKIE, a.cookie.split("=", 1)[1])
    b = desk
    b.get(base + "/en/apply/gts/booking")
    b.click("input[name=consultation_mode][value=video]")
    b.click("input[name=slot]")
    b.click("[data-continue]")
    if "/check" not in b.url():
        raise SystemExit(f"booking_page_size: the booking page did not move on to the check page: {b.url()}")
    shoot(b, "check-1280.png")
    mobile.delete_cookies()
    mobile.add_cookie(COOKIE, b.cookie(COOKIE))
    mobile.get(base + "/en/apply/gts/check")
    shoot(mobile, "check-390.png")
    b.click("form[action$='/check'] button")
    say(f"after submitting: {b.url()}")
    shoot(b, "confirmation-1280.png")
    mobile.delete_cookies()
    mobile.add_cookie(COOKIE, b.cookie(COOKIE))
    mobile.get(b.url())
    shoot(mobile, "confirmation-390.png")

    token = None
    for _ in range(100):
        for path in sorted(glob.glob(os.path.join(tmp, "intake", "mail", "**", "*.eml"), recursive=True)):
            with open(path, "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.default)
            part = msg.get_body(preferencelist=("plain",))
            found = re.search(r"/en/booking/([A-Za-z0-9_-]{16,})", part.get_content() if part else "")
            if found:
                token = found.group(1)
                say(f"manage link from {os.path.basename(path)} ({msg['Subject']})")
                break
        if token:
            break
        time.sleep(0.2)
    if not token:
        raise SystemExit("booking_page_size: no manage link in the emails written")
    manage = f"{base}/en/booking/{token}"
    for w, br in ((390, mobile), (1280, desk)):
        br.get(manage)
        m = br.measure()
        shoot(br, f"manage-{w}.png")
        m["tabs"] = br.tabs_to_first_slot()
        m.update(width_asked=w, how="manage page")
        print(json.dumps(m), flush=True)
    for w, br in ((390, mobile), (1280, desk)):
        br.get(manage)
        if not br.find("input[name=slot]"):
            br.click("button[data-day]")
        # Not the first time: on the booking's own day it is the booking's own time.
        br.click(".choice:nth-child(2) input[name=slot]")
        br.click("[data-continue]")
        shoot(br, f"manage-move-confirm-{w}.png")
    for w, br in ((390, mobile), (1280, desk)):
        br.get(manage + "/cancel")
        shoot(br, f"manage-cancel-confirm-{w}.png")


if __name__ == "__main__":
    sys.exit(main())
