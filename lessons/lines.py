"""say(key, **args): prints the lesson's line `key` (its text in lessons.json) with the
loop's time and the running task's name.

`asyncdemo show LESSON --python` turns each say(...) into a plain print(...) of the text in
the chosen language. Run through lessons/twin.py, the lines come in the chosen language, or
as one JSON object per line ({"t", "task", "key", "args"}) for the twin test. Run alone
(python3 lessons/11_gather.py), a twin prints its lines in English.
"""
import asyncio
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
settings = {"lines": None, "lang": "en", "events": False, "renamed": {},
            "zero_based": False}


def load(slug=None):
    """The lines of lesson `slug` (the one running as __main__ when not given): the common
    ones, then its own."""
    with open(os.path.join(ROOT, "lessons.json"), encoding="utf-8") as f:
        catalogue = json.load(f)
    if slug is None:
        stem = os.path.basename(getattr(sys.modules["__main__"], "__file__", "00_"))
        number = int(stem.split("_", 1)[0])
        lesson = next(l for l in catalogue["lessons"] if l["number"] == number)
    else:
        lesson = next(l for l in catalogue["lessons"] if l["slug"] == slug)
    settings["lines"] = dict(catalogue.get("lines", {}), **lesson["lines"])
    return catalogue, lesson


def python_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "[" + ", ".join(python_text(v) for v in value) + "]"
    return str(value)


def number_text(value):
    """As asyncdemo prints a number: whole ones without a point, others with at most three
    decimals; a decimal comma in Portuguese and Ukrainian."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:.3f}".rstrip("0").rstrip(".")
    else:
        text = str(int(value))
    return text.replace(".", ",") if settings["lang"] != "en" else text


def plural(forms, n):
    lang = settings["lang"]
    whole = float(n).is_integer()
    i = int(abs(n))
    if lang == "en":
        index = 0 if whole and i == 1 else 1
    elif lang == "pt-BR":
        index = 0 if i <= 1 else 1
    elif not whole:
        index = 3 if len(forms) > 3 else 1
    elif i % 10 == 1 and i % 100 != 11:
        index = 0
    elif 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
        index = 1
    else:
        index = 2
    return forms[min(index, len(forms) - 1)]


def fill(template, args):
    # Plural blocks {n|one|other} pick a form; other fields are filled as str.format would.
    out, i = "", 0
    while i < len(template):
        if template[i] == "{" and "|" in template[i:template.find("}", i)]:
            end = template.find("}", i)
            name, *forms = template[i + 1:end].split("|")
            # An optional first form "=0:..." is the wording for zero; "#" is the number.
            if forms[0].startswith("=0:") and args[name] == 0:
                form = forms[0][3:]
            else:
                form = plural([f for f in forms if not f.startswith("=0:")], args[name])
            out += form.replace("#", "{" + name + "}")
            i = end + 1
            continue
        out += template[i]
        i += 1
    shown = {k: (number_text(v) if isinstance(v, (int, float)) and not isinstance(v, bool)
                 else python_text(v)) for k, v in args.items()}
    return out.format(**shown)


def say(key, **args):
    """Print the lesson's line `key` as the running task, with the loop's time."""
    key = settings["renamed"].get(key, key)
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    name = task.get_name() if task else ""
    t = loop.time()
    if settings["events"]:
        print(json.dumps({"t": round(t, 6), "task": name, "key": key, "args": args}),
              flush=True)
        return
    if settings["lines"] is None:
        load()
    text = fill(settings["lines"][key][settings["lang"]], args)
    if not settings["zero_based"]:  # a plain loop's clock: count from its first line
        t -= loop.__dict__.setdefault("first_line_at", t)
    stamp = f"{t:8.3f}"
    if settings["lang"] != "en":
        stamp = stamp.replace(".", ",")
    unit = "с" if settings["lang"] == "uk" else "s"
    print(f"{stamp} {unit}  {name:<8} │ {text}", flush=True)
