"""Re-derives crates/coreai-aimodel/src/ops_table.rs, the coreai <-> aicode op table, from the
installed coreai-core wheel.

Sources (all from coreai-core itself):
  * the 140 coreai ops: OPERATION_NAMEs of coreai/_compiler/dialects/_coreai_ops_gen.py;
  * the aicode ops: every `aicode.*` name in coreai-core's _mlir*.so that its context registers;
  * each aicode op's inherent attributes (properties): a name is an inherent attribute when
    parsing the op with that name bound to a wrong-typed value fails "property conversion"
    (candidates: identifier-like strings of the .so); required ones: the verifier's "requires
    attribute" messages in the same binary;
  * introduction dates: op_dates.json, written by `probe_dates.py` (coreai-core's own
    downgrade-to-version pass on every op and element type, one at a time).
  * decomposable: aicode ops without a category (they are written with a decomposition region).

usage: .venv-conformance/bin/python test/conformance/aimodel/gen_ops_table.py [--props-json F]
  --props-json F   reuse a JSON written by a previous run (or ../shared/tools/aimodel/samples/op_props.json)
"""
import glob
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "crates/coreai-aimodel/src/ops_table.rs"
DATES_JSON = Path(__file__).with_name("op_dates.json")

import coreai  # noqa: E402
import coreai.authoring  # noqa: E402,F401  (import before the dialect modules: circular import)
from coreai._compiler import ir  # noqa: E402
from coreai.authoring.asset import Context  # noqa: E402

PKG = Path(coreai.__file__).parent

# coreai op name (without "coreai.") -> aicode base name, where they differ.
RENAMES = {"and": "logical_and", "or": "logical_or", "xor": "logical_xor",
           "decomposable.broadcasting_and": "broadcasting_logical_and",
           "decomposable.broadcasting_or": "broadcasting_logical_or",
           "decomposable.broadcasting_xor": "broadcasting_logical_xor",
           "isolated_group": "isolated_group", "metal4_kernel": "metal4_kernel"}


def coreai_ops():
    src = (PKG / "_compiler/dialects/_coreai_ops_gen.py").read_text()
    return sorted(n[len("coreai."):] for n in re.findall(r'OPERATION_NAME = "(coreai\.[^"]+)"', src))


def aicode_ops_and_props(props_json):
    if props_json:
        return json.loads(Path(props_json).read_text())
    so = glob.glob(str(PKG / "_compiler/_mlir_libs/_mlir*.so"))[0]
    strings = subprocess.run(["strings", "-n", "3", so], capture_output=True, text=True).stdout.splitlines()
    names = sorted({m for s in strings for m in re.findall(r"aicode\.[A-Za-z0-9_.]+", s)})
    cands = sorted({s for s in strings if re.fullmatch(r"[a-z][A-Za-z0-9_]{1,30}", s)})
    required = {}
    for s in strings:
        for op, attr in re.findall(r"'(aicode\.[A-Za-z0-9_.]+)' op requires attribute '([A-Za-z0-9_]+)'", s):
            required.setdefault(op, set()).add(attr)
    ctx = Context()._mlir_context
    ctx.allow_unregistered_dialects = True
    out = {}
    for op in names:
        if not ctx.is_registered_operation(op):
            continue
        props = []
        for c in cands:
            try:
                with ctx:
                    ir.Module.parse(f'"{op}"() <{{{c} = "zz"}}> : () -> ()')
            except Exception as e:  # noqa: BLE001
                if "property conversion" in str(e):
                    props.append(c)
        out[op] = {"props": props, "required": sorted(required.get(op, ()))}
    return out


def split(aicode_name):
    """aicode.<category>.<base>_v<N> -> (category or '', base, N)."""
    rest = aicode_name[len("aicode."):]
    m = re.fullmatch(r"(?:(primitive|dataflow|controlflow|execution|udml|serialization|debuginfo|ax|metal)\.)?(.+?)(?:_v(\d+))?", rest)
    return m.group(1) or "", m.group(2), int(m.group(3)) if m.group(3) else 0


def main():
    props_json = sys.argv[sys.argv.index("--props-json") + 1] if "--props-json" in sys.argv else None
    ops = aicode_ops_and_props(props_json)
    dates = json.loads(DATES_JSON.read_text()) if DATES_JSON.exists() else {}
    by_base = {}
    rows = []
    for name in sorted(ops):
        cat, base, ver = split(name)
        layout = sorted(set(ops[name]["props"]) | set(ops[name]["required"]))
        req = set(ops[name]["required"])
        props = [(p, p not in req) for p in layout]
        date = dates.get(name, 0)
        rows.append((name[len("aicode."):], cat, base, ver, date, props, cat == ""))
        by_base.setdefault((cat, base), []).append((ver, name[len("aicode."):]))
    # coreai -> aicode mapping
    mapping = []
    for c in coreai_ops():
        base = RENAMES.get(c, c.removeprefix("decomposable."))
        hits = [(cat, b) for (cat, b) in by_base if b == base and cat not in ("serialization",)]
        if len(hits) != 1:
            # prefer the category that makes sense for a coreai op
            hits = [h for h in hits if h[0] in ("", "primitive", "dataflow", "controlflow", "execution", "metal")] or hits
        if not hits:
            mapping.append((c, None))
            continue
        cat, b = hits[0]
        mapping.append((c, (f"{cat}.{b}" if cat else b)))
    lines = [
        "// @generated by test/conformance/aimodel/gen_ops_table.py from coreai-core; do not edit.",
        "// Regenerate for a new coreai-core release (and re-run probe_dates.py first).",
        "",
        "use crate::op_types::{AicodeOp, Category, CoreaiOp, Prop};",
        "",
        f"/// Every registered aicode op of coreai-core ({len(rows)} ops), sorted by name.",
        "pub static AICODE_OPS: &[AicodeOp] = &[",
    ]
    catname = {"": "Decomposable", "primitive": "Primitive", "dataflow": "Dataflow", "controlflow": "Controlflow",
               "execution": "Execution", "udml": "Udml", "serialization": "Serialization", "debuginfo": "Debuginfo",
               "ax": "Ax", "metal": "Metal"}
    for (n, cat, base, ver, date, props, dec) in rows:
        ps = ", ".join(f'Prop {{ name: "{p}", optional: {str(o).lower()} }}' for p, o in props)
        lines.append(f'    AicodeOp {{ name: "{n}", category: Category::{catname[cat]}, base: "{base}", version: {ver}, date: {date}, props: &[{ps}] }},')
    lines.append("];")
    lines.append("")
    lines.append(f"/// Every coreai op ({len(mapping)} ops) and its aicode name without the `_vN` suffix, sorted.")
    lines.append("pub static COREAI_OPS: &[CoreaiOp] = &[")
    for c, a in mapping:
        a_s = f'Some("{a}")' if a else "None"
        lines.append(f'    CoreaiOp {{ name: "{c}", aicode: {a_s} }},')
    lines.append("];")
    # Type dates: keys like "!aicode.tensor_v1<!aicode.bool_v1>" name the innermost scalar.
    tdates = {}
    for k, v in dates.items():
        if k.startswith("!"):
            names = re.findall(r"aicode\.([A-Za-z0-9_.]+_v\d+)", k)
            if names:
                n = names[-1]
                tdates[n] = max(v, tdates.get(n, v))
    lines.append("")
    lines.append(f"/// Introduction dates of aicode types ({len(tdates)} probed), by mnemonic.")
    lines.append("pub static TYPE_DATES: &[(&str, u32)] = &[")
    for n in sorted(tdates):
        lines.append(f'    ("{n}", {tdates[n]}),')
    lines.append("];")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT}: {len(rows)} aicode ops, {len(mapping)} coreai ops, {sum(1 for _, a in mapping if a is None)} unmapped")


if __name__ == "__main__":
    main()
