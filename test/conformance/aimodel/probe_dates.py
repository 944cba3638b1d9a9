"""Re-derives op_dates.json: the introduction date (aicode version) of every aicode op and type
that the corpus programs use, from coreai-core's serializer refusals (as op_versions.py in the
format spec's oracle scripts): serializing with a `dialect_version` cap below a construct's date
fails naming it ("'aicode.X' op with version N could not be downgraded", or "op type 'T' could
not be downgraded", whose date is then binary-searched).

usage: .venv-conformance/bin/python test/conformance/aimodel/probe_dates.py   (then gen_ops_table.py)
"""
import json
import re
import sys
import tempfile
from pathlib import Path

import coreai.authoring  # noqa: F401
from coreai._compiler import ir
from coreai._compiler._mlir_libs._coreaiIR._bindings.compiler import serialize_module_to_bytecode
from coreai._compiler._mlir_libs._coreaiIR._bindings.mlir import clone_module
from coreai.authoring.asset import Context

ROOT = Path(__file__).resolve().parents[3]
MAX = 20260409
OUT = Path(tempfile.mkdtemp()) / "x.mlirb"
DATES = Path(__file__).with_name("op_dates.json")


def complaint(m, cap):
    try:
        serialize_module_to_bytecode(module=clone_module(module=m), package_path=OUT, dialect_version=cap, bytecode_version=6)
        return None
    except Exception as e:  # noqa: BLE001
        msg = " ".join(str(e).split())
        hit = re.search(r"'([^']+)' op with version (\d+) could not be downgraded", msg)
        if hit:
            return hit.group(1), int(hit.group(2))
        hit = re.search(r"op (type|attribute) '([^']+)' could not be downgraded", msg)
        if hit:
            return hit.group(2), None
        return msg[:200], None


def probe(m, found):
    cap = 1
    while (c := complaint(m, cap)) is not None:
        name, ver = c
        if ver is None:
            lo, hi = cap, MAX
            while lo < hi:
                mid = (lo + hi) // 2
                c2 = complaint(m, mid)
                if c2 is not None and c2[0] == name:
                    lo = mid + 1
                else:
                    hi = mid
            ver = lo
        found.setdefault(name, ver)
        if ver <= cap:
            print("no progress at", cap, name, file=sys.stderr)
            break
        cap = ver
    return cap


def child(path):
    found = {}
    ctx = Context()._mlir_context
    with ctx:
        m = ir.Module.parse(Path(path).read_text())
    v = probe(m, found)
    print(json.dumps({"version": v, "found": found}))


def main():
    import subprocess  # noqa: PLC0415
    found = json.loads(DATES.read_text()) if DATES.exists() else {}
    for f in sorted((ROOT / "test/data/aimodel/corpus").glob("*.coreai.mlir")):
        p = subprocess.run([sys.executable, __file__, "--child", str(f)], capture_output=True, text=True)
        if p.returncode != 0 or not p.stdout.strip():
            print(f"{f.stem}: probe failed: {(p.stderr.strip().splitlines() or ['abort'])[-1][:200]}")
            continue
        r = json.loads(p.stdout.strip().splitlines()[-1])
        for k, v in r["found"].items():
            found.setdefault(k, v)
        print(f"{f.stem}: asset version {r['version']}")
    # Names: ops as 'aicode.<name>', types as given by the message.
    DATES.write_text(json.dumps(dict(sorted(found.items())), indent=1) + "\n")
    print(f"{len(found)} dated constructs -> {DATES}")


if __name__ == "__main__":
    if "--child" in sys.argv:
        child(sys.argv[sys.argv.index("--child") + 1])
    else:
        main()
