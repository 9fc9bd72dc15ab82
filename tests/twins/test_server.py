"""The lessons' test server for a Python program that talks to it: a twin (or its exported
program) that reads ASYNCDEMO_SERVER gets `asyncdemo serve` on a free port of 127.0.0.1 for
as long as it runs, as a student would start it in another terminal."""
import contextlib
import os
import re
import signal
import subprocess
import threading


def needs_server(twin_path):
    with open(twin_path, encoding="utf-8") as f:
        return "ASYNCDEMO_SERVER" in f.read()


@contextlib.contextmanager
def running_serve(binary):
    """`asyncdemo serve` on a free port of 127.0.0.1 while the block runs; its address."""
    server = subprocess.Popen([binary, "serve", "--port", "0", "--lang", "en"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline()  # "Test server at http://127.0.0.1:PORT ..."
        address = re.search(r"http://127\.0\.0\.1:\d+", first)
        if not address:
            raise SystemExit(f"asyncdemo serve did not say its address: {first!r}")
        # Its line per request is read away, so that a full pipe never stops the server.
        threading.Thread(target=server.stdout.read, daemon=True).start()
        yield address.group(0)
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: it stops cleanly
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextlib.contextmanager
def environment_for(binary, twin_path):
    """os.environ, with ASYNCDEMO_SERVER set to a running server's address when the twin
    needs one."""
    if not needs_server(twin_path):
        yield dict(os.environ)
        return
    with running_serve(binary) as address:
        yield dict(os.environ, ASYNCDEMO_SERVER=address)
