"""The `atlas` section of the conformance suite: every recorded op variant
(fixtures/<family>.json, made by make_atlas.py from coreai-core's own prints) against
coreai-opt and coreai-core.

Per variant, all of:
1. coreai-core still builds it: it parses and verifies the recorded custom text and prints it
   back unchanged (so the fixture is what this coreai-core prints);
2. coreai-opt parses coreai-core's custom text and prints it back byte-identical (up to the
   final newline MlirOptMain adds after the module), without and with debug locations (`--mlir-print-debuginfo` on the `get_asm(enable_debug_info=True)`
   text);
3. coreai-opt's generic form (`--mlir-print-op-generic`) equals coreai-core's generic form,
   without and with debug locations;
4. coreai-core parses and verifies coreai-opt's custom print and coreai-opt's generic print.

coreai-opt runs once per family and check with `-split-input-file` (every variant on its
own if that run fails); coreai-core runs in one subprocess per family, with a subprocess per
variant when it crashes (coreai_core.run_batch).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import coreai_core  # noqa: E402

SPLIT = "// -----"

# (name, coreai-opt flags, input form, expected form)
OURS = [
    ("custom", [], "custom", "custom"),
    ("custom_debug", ["--mlir-print-debuginfo"], "custom_debug", "custom_debug"),
    ("generic", ["--mlir-print-op-generic"], "custom", "generic"),
    ("generic_debug", ["--mlir-print-op-generic", "--mlir-print-debuginfo"], "custom_debug",
     "generic_debug"),
]


def load_families():
    """{family: [record, ...]} from the committed fixtures."""
    return {p.stem: json.loads(p.read_text()) for p in sorted((HERE / "fixtures").glob("*.json"))}


def _run_opt(opt, flags, text, timeout=600):
    r = subprocess.run([opt, "-", *flags], input=text, capture_output=True, text=True, timeout=timeout)
    return r.returncode, r.stdout, r.stderr


def _normalize(text):
    """What must be byte-identical. coreai-opt (MlirOptMain) ends its output with one more
    newline than the printed module. An op the parser creates (the implicit terminator of an
    `if` or an isolated group) gets the parse position as its location, which names the input
    buffer: "-" in coreai-core's Python parser, "<stdin>" in coreai-opt."""
    return text.rstrip("\n").replace('loc("<stdin>":', 'loc("-":')


def _ours(opt, flags, texts, batch=True):
    """coreai-opt's print of each text: [(ok, output or error)], batched with
    -split-input-file when that works."""
    if batch:
        joined = f"\n{SPLIT}\n".join(texts)
        rc, out, err = _run_opt(opt, ["-split-input-file", *flags], joined)
        if rc == 0:
            chunks = out.split(f"{SPLIT}\n")
            if len(chunks) == len(texts):
                return [(True, c) for c in chunks]
    results = []
    for t in texts:
        rc, out, err = _run_opt(opt, flags, t)
        results.append((rc == 0, out if rc == 0 else err.strip()[:400]))
    return results


def _first_difference(a, b):
    la, lb = a.split("\n"), b.split("\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"line {i + 1}: ours `{x.strip()[:160]}` vs coreai-core `{y.strip()[:160]}`"
    return f"ours has {len(la)} lines, coreai-core {len(lb)}"


def check_family(opt, records, python=sys.executable):
    """[(record, status, detail)] for the records of one family."""
    problems = {r["vid"]: [] for r in records}
    ours = {}
    for name, flags, src, expected in OURS:
        outs = _ours(opt, flags, [r[src] for r in records])
        for r, (ok, out) in zip(records, outs):
            if ok and _normalize(out) != _normalize(r[expected]) and len(records) > 1:
                # In a -split-input-file batch, the parse positions (the locations of
                # the ops the parser creates) count lines of the whole batch: compare a
                # difference again with the variant on its own.
                ok, out = _ours(opt, flags, [r[src]], batch=False)[0]
            if not ok:
                problems[r["vid"]].append(f"coreai-opt rejects the {src} text: {out}")
                continue
            ours[(r["vid"], name)] = out
            if _normalize(out) != _normalize(r[expected]):
                problems[r["vid"]].append(
                    f"{name} print differs: {_first_difference(_normalize(out), _normalize(r[expected]))}")
    jobs = []
    for r in records:
        jobs.append({"id": f"{r['vid']}/fixture", "text": r["custom"], "print": "custom"})
        for name in ("custom", "generic"):
            if (r["vid"], name) in ours:
                jobs.append({"id": f"{r['vid']}/{name}", "text": ours[(r["vid"], name)], "print": None})
    core = coreai_core.run_batch(jobs, python)
    for r in records:
        fx = core[f"{r['vid']}/fixture"]
        if not fx["ok"]:
            problems[r["vid"]].insert(0, f"coreai-core no longer builds the fixture: {fx['error'][:300]}")
        elif fx["printed"] != r["custom"]:
            problems[r["vid"]].insert(0, "coreai-core prints the fixture differently now "
                                         f"({_first_difference(fx['printed'], r['custom'])}); rerun make_atlas.py")
        for name in ("custom", "generic"):
            res = core.get(f"{r['vid']}/{name}")
            if res is not None and not res["ok"]:
                problems[r["vid"]].append(f"coreai-core rejects our {name} print: {res['error'][:300]}")
    return [(r, "FAIL" if problems[r["vid"]] else "PASS", "; ".join(problems[r["vid"]])) for r in records]


def check_invalid(python=sys.executable):
    """[(name, status, detail)]: every case of lit/Dialect/CoreAI/<family>-invalid.mlir (the
    verifier rules modelled on coreai-core's) is rejected by coreai-core too, with the message
    the lit case expects from coreai-opt."""
    import re
    lit = HERE.parent.parent.parent / "lit" / "Dialect" / "CoreAI"
    jobs, expected = [], {}
    for path in sorted(lit.glob("*-invalid.mlir")):
        for i, chunk in enumerate(path.read_text().split(SPLIT)):
            m = re.search(r"expected-error@[^{]*\{\{(.*?)\}\}", chunk)
            if m:
                name = f"{path.stem}#{i}"
                jobs.append({"id": name, "text": chunk, "print": None})
                expected[name] = m.group(1)
    out = []
    for name, r in coreai_core.run_batch(jobs, python).items():
        if r["ok"]:
            out.append((name, "FAIL", "coreai-core accepts it"))
        elif expected[name] not in r["error"]:
            out.append((name, "FAIL", f"coreai-core says {r['error'][:300]!r}, not {expected[name]!r}"))
        else:
            out.append((name, "PASS", f"coreai-core rejects it too: {expected[name][:100]}"))
    return out
