"""Re-derives op_dates.json: the introduction date (aicode version) of every aicode op and
element type, from coreai-core's own `downgrade-to-version` pass (the pass `save_asset` runs
to cap a program at an OS's dialect version).

Each construct is probed alone, in its own subprocess (coreai-core aborts on some inputs):
  op X     a module `asset { graph(args) { %r = X(args); output(%r) } }` (built with
           Operation.create, verifier off, so no valid operand types are needed) downgraded to
           version 1: the pass refuses "'X' op with version N could not be downgraded" (X is
           checked first); N is X's date. An op the pass can rewrite into an older form (the
           `_v1` of a `_v2`; a decomposable op into its region) is not refused: its date is the
           smallest cap at which the pass keeps X (binary search from the graph/output date,
           20250707). Where the rewrite needs valid operands (it may abort otherwise), X is
           probed the same way inside a committed corpus or model asset that holds it.
  type T   a module `asset { graph(T) { output(arg) } }` downgraded by binary search over
           the cap: the smallest cap at which "op type 'T' could not be downgraded" is not
           reported. The graph and output ops are dated themselves (20250707) and refused
           first below that, so older types show as 0 ("not newer"): every asset has a graph,
           so they never decide an asset version.
Writes {"aicode.<op>": date, "!aicode.<type>": date}; 0 = never refused (undated). Then run
gen_ops_table.py, which reads this file into crates/coreai-aimodel/src/ops_table.rs.

usage: .venv-conformance/bin/python test/conformance/aimodel/probe_dates.py [NAME ...]
"""
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATES = Path(__file__).with_name("op_dates.json")
TABLE = ROOT / "crates/coreai-aimodel/src/ops_table.rs"
MAX = 20991231
SCALARS = ["bool_v1", "float64_v1", "float32_v1", "float16_v1", "bfloat16_v1", "float8E5M2_v1",
           "float8E4M3FN_v1", "complex_float64_v1", "complex_float32_v1", "complex_float16_v1",
           "complex_bfloat16_v1", "complex_float8E5M2_v1", "complex_float8E4M3FN_v1", "sint64_v1",
           "sint32_v1", "sint16_v1", "sint8_v1", "sint4_v1", "sint2_v1", "uint64_v1", "uint32_v1",
           "uint16_v1", "uint8_v1", "uint4_v1", "uint2_v1", "uint1_v1", "uint6_v1", "uint3_v1",
           "tfloat32_v1", "float4E2M1FN_v1", "float8E8M0FN_v1"]
OTHER_TYPES = {"token_v1": "!aicode.token_v1", "param.symbol_v1": "!aicode.param.symbol_v1",
               "handle_v1": "!aicode.handle_v1<!aicode.tensor_v1<[2] : !aicode.float16_v1>>"}

CHILD = r'''
import json, re, sys
import coreai.authoring  # noqa: F401
from coreai._compiler import ir
from coreai._compiler.passmanager import PassManager
from coreai.authoring.asset import Context

LOC = '#aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 0, startColumn = 0, endLine = 0, endColumn = 0>, scope = #aicode.unit_v1>'
BOOL = "#aicode.serialization.integer<(1bit unsigned) 0>"

def module(ins, outs):
    args = ", ".join(f"%arg{i}: {t} loc({LOC})" for i, t in enumerate(ins))
    return f""""builtin.module"() ({{
  "aicode.serialization.asset"() ({{
    "aicode.dataflow.graph_v1"() <{{argAttrs = #aicode.serialization.array<>, externalize = {BOOL}, functionType = #aicode.serialization.type<!aicode.function_v1<(operands {", ".join(ins)}) -> (results {", ".join(outs)})>>, isPrivate = {BOOL}, name = #aicode.serialization.string<"main">, noInline = {BOOL}, paramDecls = #aicode.serialization.array<>, resAttrs = #aicode.serialization.array<>}}> ({{
    ^bb0({args}):
      "aicode.dataflow.output_v1"(%arg0) : ({ins[0]}) -> () loc({LOC})
    }}) : () -> () loc({LOC})
  }}) : () -> () loc({LOC})
}}) : () -> ()"""

ctx = Context()._mlir_context
TERMINATORS = {"aicode.controlflow.condition_v1", "aicode.serialization.terminator", "aicode.udml.return_v1",
               "aicode.dataflow.yield_v1", "aicode.dataflow.output_v1"}

def downgrade(text, cap, op=None):
    """Runs the pass; returns (error message or "", whether `op` is still in the module)."""
    with ctx, ir.Location.unknown():
        m = ir.Module.parse(text)
        g = m.body.operations[0].regions[0].blocks[0].operations[0]
        blk = g.regions[0].blocks[0]
        if op:
            blk.operations[0].erase()  # the placeholder output; X and an output of X replace it
            loc = ir.Location.from_attr(ir.Attribute.parse(LOC))
            with ir.InsertionPoint(blk):
                t = blk.arguments[0].type
                if op in TERMINATORS:  # ends the graph itself
                    ir.Operation.create(op, results=[], operands=list(blk.arguments), loc=loc)
                else:
                    x = ir.Operation.create(op, results=[t], operands=list(blk.arguments), loc=loc)
                    ir.Operation.create("aicode.dataflow.output_v1", results=[], operands=list(x.results), loc=loc)
        pm = PassManager.parse("builtin.module(aicode.serialization.asset(downgrade-to-version{"
                               f"target-version={cap} enable-opaque-fallback=false}}))")
        pm.enable_verifier(False)
        try:
            pm.run(m.operation)
            msg = ""
        except Exception as e:  # noqa: BLE001
            msg = " ".join(str(e).split())
        kept = bool(op) and any(o.operation.name == op for o in blk.operations)
        return msg, kept

kind, name = sys.argv[1], sys.argv[2]
MAX = int(sys.argv[3])
T = "!aicode.tensor_v1<[2] : !aicode.float16_v1>"
if kind == "skeleton":
    # The graph and output ops themselves: refused in turn as the cap rises.
    cap, found = 1, {}
    while True:
        msg, _ = downgrade(module([T], [T]), cap)
        hit = re.search(r"'([^']+)' op with version (\d+) could not be downgraded", msg)
        if not hit or int(hit.group(2)) <= cap:
            break
        found[hit.group(1)] = cap = int(hit.group(2))
    print(json.dumps({"found": found}))
elif kind == "op":
    # The refusal names X and its date when X has no older form; an op that the pass can
    # rewrite into an older form (a `_v1` of a `_v2`, a decomposable op's region) is not
    # refused: its date is then the smallest cap at which the pass keeps it.
    floor = int(sys.argv[4])
    msg, _ = downgrade(module([T], [T]), 1, name)
    hit = re.search(r"'([^']+)' op with version (\d+) could not be downgraded", msg)
    if hit and hit.group(1) == name:
        print(json.dumps({"date": int(hit.group(2)), "how": "refused"}))
    elif not msg:
        print(json.dumps({"date": 0, "how": "never refused"}))
    else:
        def kept(cap):
            m2, k = downgrade(module([T], [T]), cap, name)
            hit = re.search(r"'([^']+)' op with version (\d+) could not be downgraded", m2)
            return k and not (hit and hit.group(1) == name)
        if not kept(MAX):
            print(json.dumps({"date": None, "msg": msg[:300]}))
        else:
            lo, hi = floor, MAX
            while lo < hi:
                mid = (lo + hi) // 2
                if kept(mid):
                    hi = mid
                else:
                    lo = mid + 1
            print(json.dumps({"date": 0 if lo == floor else lo, "how": "kept"}))
elif kind == "asset":
    # X inside a real asset (valid operands): the smallest cap at which the pass keeps every X.
    data = open(sys.argv[4], "rb").read()
    def count(m):
        n = 0
        def walk(op):
            nonlocal n
            n += op.name == name
            for r in op.regions:
                for b in r.blocks:
                    for o in b.operations:
                        walk(o.operation)
        walk(m.operation)
        return n
    def kept(cap):
        with ctx:
            m = ir.Module.parse(data)
            before = count(m)
            pm = PassManager.parse("builtin.module(aicode.serialization.asset(downgrade-to-version{"
                                   f"target-version={cap} enable-opaque-fallback=false}}))")
            pm.enable_verifier(False)
            try:
                pm.run(m.operation)
                msg = ""
            except Exception as e:  # noqa: BLE001
                msg = " ".join(str(e).split())
            hit = re.search(r"'([^']+)' op with version (\d+) could not be downgraded", msg)
            return before > 0 and count(m) == before and not (hit and hit.group(1) == name)
    if not kept(MAX):
        print(json.dumps({"date": None, "msg": "not kept at the maximum cap"}))
    else:
        lo, hi = int(sys.argv[5]), MAX
        while lo < hi:
            mid = (lo + hi) // 2
            if kept(mid):
                hi = mid
            else:
                lo = mid + 1
        print(json.dumps({"date": 0 if lo == int(sys.argv[5]) else lo, "how": "kept in " + sys.argv[4]}))
else:
    t = sys.argv[4]
    text = module([t], [t])
    pat = re.compile(r"type '[^']*" + re.escape(name) + r"[^']*' could not be downgraded")
    def refused(cap):
        msg, _ = downgrade(text, cap)
        return bool(pat.search(msg)), msg
    # Below the graph and output ops' date (20250707) they are refused first, which hides the
    # type: such types are reported as that date (a bound; it never decides an asset version).
    lo = int(sys.argv[5])
    r, msg = refused(lo)
    if not r:
        print(json.dumps({"date": 0, "bound": lo, "msg": msg[:300]}))
    else:
        hi = MAX
        while lo < hi:
            mid = (lo + hi) // 2
            if refused(mid)[0]:
                lo = mid + 1
            else:
                hi = mid
        print(json.dumps({"date": lo if lo < MAX else None}))
'''


def child(*args):
    p = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, timeout=600)
    lines = p.stdout.strip().splitlines()
    if p.returncode != 0 or not lines:
        return {"date": None, "msg": (p.stderr.strip().splitlines() or ["abort"])[-1][:300]}
    return json.loads(lines[-1])


def main():
    only = set(sys.argv[1:])
    ops = re.findall(r'AicodeOp \{ name: "([^"]+)"', TABLE.read_text())
    dates = json.loads(DATES.read_text()) if DATES.exists() else {}
    failed = []
    assets = sorted(ROOT.glob("test/data/aimodel/corpus/*.aimodel/main.mlirb")) + sorted(
        ROOT.glob("test/data/models/*.aimodel/main.mlirb"))
    skeleton = child("skeleton", "", str(MAX)).get("found", {})
    print(f"graph and output ops: {skeleton}")
    floor = max(skeleton.values(), default=1)
    for op in ops:
        key = f"aicode.{op}"
        if key in skeleton:
            dates[key] = skeleton[key]
            continue
        if only and key not in only and op not in only:
            continue
        r = child("op", key, str(MAX), str(floor))
        if r["date"] is None:
            # The single-op probe needs valid operands for the pass's rewrite: use a real asset.
            for a in assets:
                if key.encode() in a.read_bytes() or op.encode() in a.read_bytes():
                    r = child("asset", key, str(MAX), str(a), str(floor))
                    break
        if r["date"] is None:
            failed.append(key)
            print(f"{key}: no date ({r.get('msg', '')[:200]})")
            continue
        dates[key] = r["date"]
        print(f"{key}: {r['date']}")
    types = {s: f"!aicode.tensor_v1<[2] : !aicode.{s}>" for s in SCALARS} | OTHER_TYPES
    for name, text in types.items():
        key = f"!aicode.{name}"
        if only and key not in only and name not in only:
            continue
        r = child("type", f"aicode.{name}", str(MAX), text, str(floor))
        if r["date"] is None:
            failed.append(key)
            print(f"{key}: no date ({r.get('msg', '')[:200]})")
            continue
        if r["date"] == 0 and dates.get(key):
            # Not refused at the graph/output date: the type is not newer, and its own date is
            # hidden behind theirs. Keep a date found otherwise (serializer refusals of whole
            # programs, op_versions.py): it never decides an asset version either.
            r["date"] = dates[key]
        dates[key] = r["date"]
        print(f"{key}: {r['date'] or 'not newer than the graph/output ops'}")
    DATES.write_text(json.dumps(dict(sorted(dates.items())), indent=1) + "\n")
    print(f"{len(dates)} dated constructs -> {DATES}; {len(failed)} without a date: {failed}")


if __name__ == "__main__":
    main()
