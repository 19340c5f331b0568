"""Benchmark of the web atlas on loopback: ``blocmap serve`` in one process, clients in another.

    PYTHONPATH=src python benchmarks/web.py [--rate 500] [--clients 200] [--duration 20]

Starts the real server (``python -m blocmap serve``) on a free 127.0.0.1 port, then drives it
with an open-loop load: ``--clients`` keep-alive connections that together send ``--rate``
requests per second, for ``--duration`` seconds per target.  Latency is measured from the
moment a request was *due*, so a slow server cannot hide queueing (no coordinated omission).
Targets, one after the other: a static file (the baseline), ``/api/members`` on varying days
and orgs, the home page on 300 different days (each rendered once, then cached), and the same
home pages again (``home-warm``).  Prints requests per second, p50/p99 latency,
errors, and the ratios of each target's latencies to the baseline's from the same run.

Goal on a 2-core machine: /api/members p99 under 20 ms at 500 requests per second, no errors.

``--targets mixed`` is the mixed load of issue #15, all at once: the API at 200 requests per
second, home pages of never-seen days at 20 per second and Euler diagrams of never-seen days at
1 per second.  Goal: API p99 under 50 ms and pages under 250 ms, with no errors.
``--targets cold,static`` is the same mixed load from the moment the port answers (issue 20, item
7): no warm-up request comes first (each connection is opened with one request for the static
file, and the first request is due once every connection is open).  Goal: API p99 under 50 ms
and pages p99 under 250 ms from the first second; the p99 of the first two seconds is printed
apart.  For every target the script says where the CPU went: this client (the load generator,
on uvloop: on a 2-core machine it shares the cores with the server), the server's process and
the processes it started (pages, drawings, font), with the load average.
``--targets slider,first-diagram`` measures what one reader waits for (issue #13), against a
baseline in the same run:

- ``slider``: in headless chromium (Playwright, ``$BLOCMAP_CHROMIUM`` or /usr/bin/chromium), the
  home page is opened and, 200 times, the slider is moved as a drag moves it (an ``input``
  event on a day far from the last, so the map's colours change); the time from the event to
  the next frame after it (a ``requestAnimationFrame`` callback, then a task queued from it,
  which runs once that frame is painted) is compared with the same wait without an event (an
  empty frame round-trip on the same page).  Goal: p99 under 50 ms.
- ``first-diagram``: once the server has prepared the diagrams of the change days (it does so
  at start; the script waits ``--prepare-wait`` seconds), 40 days never asked before (not change
  days) are asked for their Euler diagram one after the other, on one keep-alive connection;
  baseline: the static file, asked the same way.  Goal: p99 under 100 ms.

Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
ORGS = ["cis", "csto", "eaeu", "customs_union", "union_state", "sco", "guam", "eurasec"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def random_day(rng: random.Random, first: int = 726468) -> str:
    day = first + rng.randrange(0, 12700 - (first - 726468))  # 1991-01-01 + up to ~35 years (proleptic ordinal)
    return time.strftime("%Y-%m-%d", time.gmtime((day - 719163) * 86400))


#: 2014-06-01, after every organization of ORGS had its first event (a day before an
#: organization's first event is refused, as in every door)
API_FIRST = 735385
#: The first seconds of a run, reported apart (``early p99``): for a cold server, its first visitors.
FIRST_SECONDS = 2.0


def paths(target: str, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    if target == "static":
        return ["/static/favicon.svg"] * n
    if target == "api":
        return [f"/api/members?org={rng.choice(ORGS)}&on={random_day(rng, API_FIRST)}" for _ in range(n)]
    if target in ("home-new", "euler-new"):  # every request a day not asked before
        days = sorted({random_day(rng) for _ in range(4 * n)})
        if target == "euler-new":  # days with a diagram (before 1991-12-10 nobody is inside: a 404)
            days = [day for day in days if day >= "1991-12-10"]
        rng.shuffle(days)
        page = "/" if target == "home-new" else "/euler.svg"
        return [f"{page}?on={day}" for day in days[:n]]
    if target in ("home", "home-warm"):  # home-warm: the same days again, now cached
        # a few hundred distinct days, as slider users would produce (and shared links repeat)
        days = [random_day(rng) for _ in range(300)]
        return [f"/?on={rng.choice(days)}" for _ in range(n)]
    raise ValueError(target)


async def read_response(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 response (Content-Length or chunked); return its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def connect(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A keep-alive connection, opened with one unmeasured request for the static file (so
    that connection setup is not counted as latency, and nothing is warmed by it)."""
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(f"GET /static/favicon.svg HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode())
    await read_response(reader)
    return reader, writer


async def client(port: int, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter], due: list[float],
                 urls: list[str], start: float, results: list, errors: list) -> None:
    reader, writer = connection
    try:
        for at, url in zip(due, urls):
            delay = start + at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            writer.write(f"GET {url} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: keep-alive\r\n\r\n".encode())
            try:
                status = await asyncio.wait_for(read_response(reader), timeout=10)
            except (TimeoutError, asyncio.IncompleteReadError, ConnectionError) as exc:
                errors.append(f"{url}: {exc!r}")
                return
            done = time.perf_counter()
            if status != 200:
                errors.append(f"{url}: HTTP {status}")
            results.append((at, done - (start + at)))
    finally:
        writer.close()


async def run_mixed(port: int, duration: float) -> list[dict]:
    """The API, never-seen home pages and never-seen diagrams at once (issue #15's mixed load)."""
    return list(await asyncio.gather(run_target(port, "api", 200, 50, duration),
                                     run_target(port, "home-new", 20, 10, duration),
                                     run_target(port, "euler-new", 1, 2, duration)))


async def run_target(port: int, target: str, rate: float, clients: int, duration: float) -> dict:
    total = int(rate * duration)
    urls = paths(target, total)
    # Request k is due at k / rate; connection k % clients sends it (even spacing per client).
    schedule: list[list[float]] = [[] for _ in range(clients)]
    by_client: list[list[str]] = [[] for _ in range(clients)]
    for k in range(total):
        schedule[k % clients].append(k / rate)
        by_client[k % clients].append(urls[k])
    results: list[tuple[float, float]] = []
    errors: list[str] = []
    connections = await asyncio.gather(*(connect(port) for _ in range(clients)))
    start = time.perf_counter()  # the first request is due once every connection is open
    await asyncio.gather(*(client(port, connections[c], schedule[c], by_client[c], start, results, errors)
                           for c in range(clients)))
    elapsed = time.perf_counter() - start
    lat = sorted(latency for _, latency in results)
    early = sorted(latency for at, latency in results if at < FIRST_SECONDS)

    def pct(values: list[float], p: float) -> float:
        return values[min(len(values) - 1, int(p * len(values)))] * 1000 if values else float("nan")

    return {"target": target, "requests": len(lat), "rps": len(lat) / elapsed if elapsed else 0.0,
            "p50": pct(lat, 0.50), "p99": pct(lat, 0.99), "mean": statistics.fmean(lat) * 1000 if lat else float("nan"),
            "early_p99": pct(early, 0.99), "max": pct(lat, 1.0),
            "errors": len(errors), "first_errors": errors[:3]}


def _summary(target: str, times: list[float], baseline: list[float], extra: str = "") -> dict:
    def pct(values: list[float], p: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

    return {"target": target, "n": len(times), "p50": pct(times, 0.5), "p99": pct(times, 0.99),
            "base_p50": pct(baseline, 0.5), "base_p99": pct(baseline, 0.99), "extra": extra}


def run_first_diagram(port: int, n: int = 40, seed: int = 11) -> dict:
    """The Euler diagram of ``n`` days never asked before (no change day among them), one after
    the other on a keep-alive connection, against the static file asked the same way."""
    import http.client

    sys.path.insert(0, str(ROOT / "src"))
    import blocmap
    from blocmap.core.model import POST_SOVIET
    from blocmap.features.figures.api import change_days

    changes = {d.isoformat() for d in change_days(blocmap.load(), list(POST_SOVIET))}
    rng = random.Random(seed)
    days: list[str] = []
    while len(days) < n:
        day = random_day(rng)
        if day >= "1991-12-10" and day not in changes and day not in days and day <= time.strftime("%Y-%m-%d"):
            days.append(day)
    connection = http.client.HTTPConnection(HOST, port, timeout=30)

    def get(url: str) -> float:
        start = time.perf_counter()
        connection.request("GET", url)
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200 or not body:
            raise SystemExit(f"{url}: HTTP {response.status}")
        return elapsed

    get("/static/favicon.svg")
    baseline = [get("/static/favicon.svg") for _ in range(n)]
    times = [get(f"/euler.svg?on={day}") for day in days]
    connection.close()
    return _summary("first-diagram", times, baseline)


SLIDER_SCRIPT = """async (n) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();          // runs after the frame is painted
    channel.port1.onmessage = () => done();
    channel.port2.postMessage(0);
  }));
  const controls = document.getElementById('controls');
  const first = Date.parse(controls.dataset.first + 'T00:00:00Z');
  const slider = document.getElementById('slider');
  const russia = document.querySelector('#map path[data-iso3="RUS"]');
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const base = [], slide = [];
  let changed = 0;
  for (let i = 0; i < n; i++) {
    await frame();
    let start = performance.now();
    await frame();
    base.push(performance.now() - start);
    // alternately a day in 1992-1999 and one in 2015-2024: Russia's colour changes each time
    const year = i % 2 ? 1992 + Math.floor(random() * 8) : 2015 + Math.floor(random() * 10);
    const day = Date.UTC(year, Math.floor(random() * 12), 1 + Math.floor(random() * 28));
    await frame();
    const before = getComputedStyle(russia).fill;
    start = performance.now();
    slider.value = String(Math.round((day - first) / 86400000));
    slider.dispatchEvent(new Event('input', {bubbles: true}));
    if (getComputedStyle(russia).fill !== before) changed++;
    await frame();
    slide.push(performance.now() - start);
  }
  return {base, slide, changed};
}"""


def run_slider(port: int, n: int = 200) -> dict:
    """Slider input → the next painted frame, in headless chromium, against an empty frame."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("BLOCMAP_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"http://{HOST}:{port}/?on=2016-01-01")
            page.wait_for_selector('#controls[data-ready="true"]', state="attached", timeout=30_000)
            result = page.evaluate(SLIDER_SCRIPT, n)
        finally:
            browser.close()
    return _summary("slider", result["slide"], result["base"], f"map changed on {result['changed']} of {n} moves")


def print_reader_rows(rows: list[dict]) -> None:
    print(f"{'target':14} {'n':>4} {'p50':>8} {'p99':>8} {'base p50':>9} {'base p99':>9} {'p50/base':>9} {'goal':>10}")
    goals = {"slider": 50.0, "first-diagram": 100.0}
    for r in rows:
        goal = goals[r["target"]]
        print(f"{r['target']:14} {r['n']:4d} {r['p50']:8.2f} {r['p99']:8.2f} {r['base_p50']:9.2f} {r['base_p99']:9.2f}"
              f" {r['p50'] / r['base_p50']:9.2f} {('p99 < %g ms: ' % goal) + ('met' if r['p99'] < goal else 'NOT met'):>10}")
        if r["extra"]:
            print("   ", r["extra"])


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc; 0 where it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """The processes under ``pid`` (the server's drawing and font processes), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class CPUMeter:
    """Where the CPU went while a target ran: this client (the load generator: on a small
    machine it shares the cores with the server, so its cost is said), the server's process
    and the processes it started, in CPU seconds per second of the run."""

    def __init__(self, server: int):
        self.server = server
        self.start = self._sample()

    def _sample(self) -> tuple[float, float, float, dict[int, float]]:
        return (time.perf_counter(), time.process_time(), cpu_seconds(self.server),
                {pid: cpu_seconds(pid) for pid in descendants(self.server)})

    def report(self) -> str:
        wall, client, server, helpers = self._sample()
        wall0, client0, server0, helpers0 = self.start
        span = wall - wall0
        helper = sum(used - helpers0.get(pid, 0.0) for pid, used in helpers.items())
        load = os.getloadavg()[0]
        return (f"CPU per second of the run: client (load generator) {(client - client0) / span:.2f}, "
                f"server {(server - server0) / span:.2f}, its helper processes {helper / span:.2f}; "
                f"{os.cpu_count()} cores, load average {load:.1f}")


def wait_until_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/static/favicon.svg", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=500.0, help="offered requests per second")
    parser.add_argument("--clients", type=int, default=200, help="concurrent keep-alive connections")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per target")
    parser.add_argument("--targets", default="static,api,home,home-warm",
                        help="load targets (static, api, home, home-warm, home-new, euler-new, mixed) "
                             "and/or what one reader waits for (slider, first-diagram)")
    parser.add_argument("--prepare-wait", type=float, default=20.0,
                        help="seconds to let the server prepare its diagrams before first-diagram")
    args = parser.parse_args()
    try:  # the load generator shares the cores with the server: its own loop as cheap as the server's
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:
        pass

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-m", "blocmap", "serve", "--host", HOST, "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(port)
        cold = args.targets.split(",")[0] == "cold"
        # Warm up: caches, JIT-free but first-request costs (templates, map projection); a cold
        # run measures from the moment the port answers, with no warm-up.
        for url in () if cold else ("/", "/api/members?org=csto&on=2008-06-01", "/static/favicon.svg"):
            urllib.request.urlopen(f"http://{HOST}:{port}{url}").read()
        print(f"blocmap serve on {HOST}:{port}; offered {args.rate:g} req/s over {args.clients} connections, "
              f"{args.duration:g} s per target (latency from the due time, ms)")
        rows = []
        reader_rows = []
        meters = []
        for t in args.targets.split(","):
            meter = CPUMeter(server.pid)
            if t == "slider":
                reader_rows.append(run_slider(port))
            elif t == "first-diagram":
                time.sleep(args.prepare_wait)
                reader_rows.append(run_first_diagram(port))
            elif t == "mixed":
                rows += asyncio.run(run_mixed(port, args.duration))
            elif t == "cold":
                rows += [{**r, "target": "cold-" + r["target"]} for r in asyncio.run(run_mixed(port, args.duration))]
            else:
                rows.append(asyncio.run(run_target(port, t, args.rate, args.clients, args.duration)))
            meters.append(f"{t}: {meter.report()}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    if reader_rows:
        print("what one reader waits for, ms (baseline: an empty frame / the static file, same run)")
        print_reader_rows(reader_rows)
    if not rows:
        return 0
    base = next((r for r in rows if r["target"] == "static"), rows[0])
    print(f"{'target':14} {'requests':>8} {'req/s':>8} {'p50':>8} {'p99':>8} {'mean':>8} {'max':>8}"
          f" {'p99 0-%gs' % FIRST_SECONDS:>9} {'errors':>6} {'p50/base':>9} {'p99/base':>9}")
    for r in rows:
        print(f"{r['target']:14} {r['requests']:8d} {r['rps']:8.1f} {r['p50']:8.2f} {r['p99']:8.2f} {r['mean']:8.2f}"
              f" {r['max']:8.2f} {r['early_p99']:9.2f} {r['errors']:6d} {r['p50'] / base['p50']:9.2f}"
              f" {r['p99'] / base['p99']:9.2f}")
        for e in r["first_errors"]:
            print("   error:", e)
    for line in meters:
        print(line)
    for name in ("cold", "mixed"):
        if name not in args.targets.split(","):
            continue
        prefix = "cold-" if name == "cold" else ""
        api, home, euler = (next(r for r in rows if r["target"] == prefix + t) for t in ("api", "home-new", "euler-new"))
        ok = api["p99"] < 50 and home["p99"] < 250 and not (api["errors"] or home["errors"] or euler["errors"])
        if name == "mixed":  # warm: the diagrams too
            ok = ok and euler["p99"] < 250
        print(f"goal ({name}: API p99 < 50 ms, pages p99 < 250 ms{'' if name == 'cold' else ', diagrams < 250 ms'},"
              f" no errors): {'met' if ok else 'NOT met'} (diagrams p99 {euler['p99']:.0f} ms)")
    if {"mixed", "cold"} & set(args.targets.split(",")):
        return 0
    api = next((r for r in rows if r["target"] == "api"), None)
    if api is not None:
        ok = api["p99"] < 20 and api["errors"] == 0 and api["rps"] >= 0.95 * args.rate
        print(f"goal (/api/members p99 < 20 ms at {args.rate:g} req/s, no errors): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
