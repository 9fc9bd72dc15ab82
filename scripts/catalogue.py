#!/usr/bin/env python3
"""Edits lessons.json safely when several people (or sessions) add lessons at once.

  scripts/catalogue.py add FILE.json      add or replace the lessons in FILE.json (a list of
                                          lesson objects, or {"lessons": [...], "lines": {...}})
  scripts/catalogue.py check              parse and report texts that are missing

The full check (format_version, each param's type and range, defaults and examples, each
lesson's program, twin and lines) is the program's own: `asyncdemo check lessons.json`.

The file is locked while it is rewritten, lessons stay sorted by number, and the output keeps
the file's format (UTF-8, one-space indent).
"""
import fcntl
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATH = os.path.join(ROOT, "lessons.json")
LANGS = ("en", "pt-BR", "uk")


def add(source):
    incoming = json.load(open(source, encoding="utf-8"))
    lessons = incoming if isinstance(incoming, list) else incoming.get("lessons", [])
    lines = {} if isinstance(incoming, list) else incoming.get("lines", {})
    with open(PATH + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        catalogue = json.load(open(PATH, encoding="utf-8"))
        by_number = {l["number"]: l for l in catalogue["lessons"]}
        for lesson in lessons:
            by_number[lesson["number"]] = lesson
        catalogue["lessons"] = [by_number[n] for n in sorted(by_number)]
        catalogue.setdefault("lines", {}).update(lines)
        tmp = PATH + ".tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump(catalogue, out, ensure_ascii=False, indent=1)
            out.write("\n")
        os.replace(tmp, PATH)
    print(f"lessons.json: {len(lessons)} lesson(s) added or replaced, {len(lines)} common line(s)")


def check():
    catalogue = json.load(open(PATH, encoding="utf-8"))
    problems = []

    def walk(node, where):
        if isinstance(node, dict):
            if set(node) and set(node) <= set(LANGS):
                for lang in LANGS:
                    if not isinstance(node.get(lang), str) or not node[lang].strip():
                        problems.append(f"{where}: no {lang} text")
                return
            for k, v in node.items():
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")

    walk(catalogue, "lessons.json")
    print("\n".join(problems) or f"lessons.json: {len(catalogue['lessons'])} lessons, complete")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "add":
        add(sys.argv[2])
    elif len(sys.argv) == 2 and sys.argv[1] == "check":
        sys.exit(check())
    else:
        sys.exit(__doc__)
