#!/usr/bin/env python3
"""The sample outputs pasted in the READMEs, regenerated from the binary.

A README marks each sample it wants kept current like this:

    <!-- output: asyncdemo run gather --clock virtual | sed -n '/^What the tasks print/,$p' -->
    ```
    ...what that command prints...
    ```
    <!-- /output -->

The marker holds a shell command (bash), run with the binary first on PATH, without colour,
80 columns wide, in a UTF-8 locale with no language chosen by the environment (so the README's
own `--lang` decides), and with a progress folder of its own. Only what is between the fences
changes.

    scripts/readme_outputs.py [--binary PATH]          rewrites the blocks that differ
    scripts/readme_outputs.py --check [--binary PATH]  changes nothing; exit 1 if a block differs

The default binary is build/cli/asyncdemo.
"""
import argparse
import difflib
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
READMES = ["README.md", "README.pt-BR.md", "README.uk.md"]
BLOCK = re.compile(
    r"^(?P<open><!-- output: (?P<command>[^\n]*?) -->\n```[a-z]*\n)"
    r"(?P<body>.*?)(?P<close>^```\n<!-- /output -->)",
    re.S | re.M,
)
MARKER = re.compile(r"^<!-- output: ", re.M)
# A command that hangs (a prompt waiting for input) must not hang the test.
TIMEOUT_SECONDS = 60


def environment(binary: pathlib.Path, state: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ASYNCDEMO_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG",
                       "ASYNCDEMO_CATALOGUE", "CLICOLOR_FORCE", "FORCE_COLOR")
    }
    env.update({
        "PATH": f"{binary.parent}{os.pathsep}{env.get('PATH', '')}",
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "LINES": "24",
        "LC_ALL": "C.UTF-8",
        "XDG_STATE_HOME": state,
    })
    return env


def run(command: str, env: dict) -> str:
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    if not result.stdout:
        raise SystemExit(f"readme_outputs: `{command}` printed nothing "
                         f"(exit {result.returncode}): {result.stderr.strip()}")
    return result.stdout if result.stdout.endswith("\n") else result.stdout + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="Regenerates or checks the READMEs' sample outputs.")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when a block differs from what the binary prints")
    parser.add_argument("--binary", default=str(ROOT / "build" / "cli" / "asyncdemo"))
    args = parser.parse_args()
    binary = pathlib.Path(args.binary).resolve()
    if not os.access(binary, os.X_OK):
        print(f"readme_outputs: no binary at {binary} (build it, or pass --binary)", file=sys.stderr)
        return 2

    stale = []
    blocks = 0
    with tempfile.TemporaryDirectory() as state:
        env = environment(binary, state)
        for name in READMES:
            path = ROOT / name
            text = path.read_text(encoding="utf-8")

            def regenerate(match: re.Match) -> str:
                nonlocal blocks
                blocks += 1
                command, body = match.group("command"), match.group("body")
                now = run(command, env)
                if now != body:
                    line = text.count("\n", 0, match.start()) + 1
                    stale.append((name, line, command, body, now))
                return match.group("open") + now + match.group("close")

            new_text = BLOCK.sub(regenerate, text)
            found = len(BLOCK.findall(text))
            if found != len(MARKER.findall(text)) or any(
                    "<!-- output: " in m.group("body") for m in BLOCK.finditer(text)):
                print(f"readme_outputs: {name}: an <!-- output: ... --> marker is not followed by "
                      "a fenced block and <!-- /output -->", file=sys.stderr)
                return 1
            if not args.check and new_text != text:
                path.write_text(new_text, encoding="utf-8")

    if blocks == 0:
        print("readme_outputs: no <!-- output: ... --> block found in the READMEs", file=sys.stderr)
        return 1
    if not stale:
        print(f"readme_outputs: all {blocks} sample outputs match what the binary prints")
        return 0
    verb = "differs from" if args.check else "was rewritten from"
    for name, line, command, old, new in stale:
        print(f"{name}:{line}: the block `{command}` {verb} what the binary prints now:",
              file=sys.stderr)
        diff = difflib.unified_diff(old.splitlines(), new.splitlines(), "README", "binary",
                                    lineterm="", n=1)
        for diff_line in diff:
            print("    " + diff_line, file=sys.stderr)
    if args.check:
        print(f"{len(stale)} of {blocks} README sample outputs are stale; regenerate them with "
              "`python3 scripts/readme_outputs.py` (after building), then read the diff.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
