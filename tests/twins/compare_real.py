#!/usr/bin/env python3
"""The real-clock twin test of the HTTP lessons (33 to 36, and 39's blocking GET): one `asyncdemo serve` on a free port of
127.0.0.1; the C++ lesson and its Python twin both run against it under the real clock (told
its address by ASYNCDEMO_SERVER), one after the other, for a few small param sets. They must
say the same lines (key), from the same tasks, in the same order, at times within a generous
real-clock bound of each other; and after each run the server's /stats must show what that
run asked of it: http-limit never above its limit, http-retry's tries, http-partial's
abandoned requests, for C++ and for Python alike, as counted by the same server.

usage: compare_real.py ASYNCDEMO_BINARY LESSONS_DIR SLUG
"""
import json
import os
import sys
import urllib.request

from compare_twin import canonical, cpp_events, event_problems, twin_events, unordered_keys
from test_server import running_serve

# Seconds two twins' times may differ by: the real clock, a loaded CI machine, a sanitizer.
TOLERANCE = 0.3

# Small params: each run takes well under a second of lesson time.
CASES = {
    "http-fetch": [{"latencies": [0.1, 0.3, 0.2]}],
    "http-limit": [{"requests": 6, "limit": 2, "latency": 0.15},
                   {"requests": 3, "limit": 5, "latency": 0.1}],
    "http-retry": [{"max_tries": 3, "fail_times": 2, "backoff": 0.1},
                   {"max_tries": 2, "fail_times": 3, "backoff": 0.05}],
    "http-partial": [{"latencies": [0.1, 0.7, 0.2], "timeout": 0.4},
                     {"latencies": [0.1], "timeout": 0.5}],
    # Ticks at 0.25 and 0.5 s, the answer at 0.6 s: 0.1 s from either side.
    "run-in-executor": [{"latency": 0.6}],
}


def settings_of(params):
    return [f"{name}={','.join(map(str, v)) if isinstance(v, list) else v}"
            for name, v in params.items()]


def server_stats(address, reset=False):
    url = address + ("/stats?reset=1" if reset else "/stats")
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


def route(stats, name):
    zero = {"requests": 0, "in_flight": 0, "peak_in_flight": 0, "failures": 0, "abandoned": 0}
    return stats["routes"].get(name, zero)


def server_problems(slug, params, stats):
    """What the server counted for one run of `slug`, against what that run must ask of it."""
    problems = []

    def expect(what, got, want):
        if got != want:
            problems.append(f"server counted {what} = {got}, expected {want}")

    delay = route(stats, "/delay")
    if slug == "http-fetch":
        n = len(params["latencies"])
        expect("/delay requests", delay["requests"], 2 * n)  # one by one, then together
        expect("/delay peak in flight", delay["peak_in_flight"], n)
        expect("/delay abandoned", delay["abandoned"], 0)
    elif slug == "http-limit":
        requests, limit = params["requests"], params["limit"]
        expect("/delay requests", delay["requests"], requests)
        if delay["peak_in_flight"] > limit:
            problems.append(f"server held {delay['peak_in_flight']} at once, above the limit "
                            f"{limit}")
        # Every request waits `latency` at the server, so the first `limit` overlap.
        expect("/delay peak in flight", delay["peak_in_flight"], min(requests, limit))
    elif slug == "http-retry":
        tries = min(params["fail_times"] + 1, params["max_tries"])
        flaky = route(stats, "/flaky")
        expect("/flaky requests", flaky["requests"], tries)
        expect("/flaky failures", flaky["failures"], min(params["fail_times"],
                                                         params["max_tries"]))
        expect("tries per /flaky key", sorted(stats["flaky_tries"].values()), [tries])
    elif slug == "http-partial":
        latencies, timeout = params["latencies"], params["timeout"]
        expect("/delay requests", delay["requests"], len(latencies))
        expect("/delay abandoned", delay["abandoned"], sum(1 for x in latencies if x > timeout))
    elif slug == "run-in-executor":
        expect("/delay requests", delay["requests"], 1)
    expect("requests in flight after the run", stats["total"]["in_flight"], 0)
    return problems


def run_case(binary, lessons_dir, slug, params, address, keys):
    settings = settings_of(params)
    env = dict(os.environ, ASYNCDEMO_SERVER=address)
    label = slug + " " + " ".join(settings)
    problems, runs = [], {}
    for language, run in (("C++", lambda: cpp_events(binary, slug, settings, "real", env)),
                          ("Python", lambda: twin_events(binary, lessons_dir, slug, settings,
                                                         "real", env))):
        server_stats(address, reset=True)  # the counts of this run alone, whatever the lesson does
        runs[language] = canonical(run(), keys)
        problems += [f"  {language}: {p}" for p in server_problems(slug, params,
                                                                  server_stats(address))]
    cpp, py = runs["C++"], runs["Python"]
    problems += event_problems(cpp, py, TOLERANCE)
    if problems:
        print(f"real-clock twin mismatch for {label} against {address}:")
        print("\n".join(problems[:20]))
        return False
    print(f"real-clock twin ok: {label}: {len(cpp)} events match, server counts as expected")
    return True


def main():
    binary, lessons_dir, slug = sys.argv[1:]
    keys = unordered_keys(lessons_dir, slug)
    with running_serve(binary) as address:
        ok = all([run_case(binary, lessons_dir, slug, params, address, keys)
                  for params in CASES[slug]])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
