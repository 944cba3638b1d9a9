"""Makes the .aimodel corpus of crates/coreai-aimodel's tests with coreai-core (1.0.0b3).

Each program is built with coreai-core's authoring API (or parsed from MLIR text), saved with
`AIProgram.save_asset` into test/data/aimodel/corpus/NAME.aimodel, and printed twice next to it:
  NAME.coreai.mlir   AIModelAsset.load(p).program, generic form, debug info, local scope
                     (location aliases inlined), SSA names normalized (%0.. per isolated region
                     as coreai-core prints them), with the dense_resource trailer;
  NAME.aicode.mlir   main.mlirb as coreai-core parses it: generic aicode with debug info.
Every step runs in a subprocess (coreai-core aborts the interpreter on some bad inputs).

usage: .venv-conformance/bin/python test/conformance/aimodel/make_corpus.py [--only NAME ...] [--list]
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "test/data/aimodel/corpus"
PROGS = Path(__file__).with_name("progs")

CHILD = r'''
import sys, json
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import corpus_programs as cp
name, out = sys.argv[2], Path(sys.argv[3])
cp.save(name, out)
'''

PRINT = r'''
import sys
from pathlib import Path
import coreai.authoring  # noqa: F401
from coreai._compiler import ir
from coreai.authoring.asset import AIModelAsset, Context
p = Path(sys.argv[1])
which = sys.argv[2]
if which == "coreai":
    a = AIModelAsset.load(p)
    m = a.program._module._mlir_module
    print(m.operation.get_asm(print_generic_op_form=True, enable_debug_info=True, use_local_scope=True,
                              large_elements_limit=None), end="")
else:
    ctx = Context()._mlir_context
    with ctx:
        m = ir.Module.parse((p / "main.mlirb").read_bytes())
        print(m.operation.get_asm(print_generic_op_form=True, enable_debug_info=True,
                                  large_elements_limit=None), end="")
'''


def run(args, timeout=300):
    p = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def main():
    sys.path.insert(0, str(Path(__file__).parent))
    import corpus_programs as cp  # noqa: PLC0415

    names = list(cp.PROGRAMS)
    if "--list" in sys.argv:
        print("\n".join(names))
        return
    if "--only" in sys.argv:
        names = sys.argv[sys.argv.index("--only") + 1:]
    OUT.mkdir(parents=True, exist_ok=True)
    ok, failed = [], []
    for name in names:
        asset = OUT / f"{name}.aimodel"
        rc, so, se = run(["-c", CHILD, str(Path(__file__).parent), name, str(asset)])
        if rc != 0:
            failed.append(name)
            print(f"FAIL {name}: save: {(se or so).strip().splitlines()[-1] if (se or so).strip() else rc}")
            continue
        good = True
        for which in ("coreai", "aicode"):
            rc, so, se = run(["-c", PRINT, str(asset), which])
            if rc != 0:
                good = False
                print(f"FAIL {name}: print {which}: {(se.strip().splitlines() or ['?'])[-1][:300]}")
                continue
            (OUT / f"{name}.{which}.mlir").write_text(so + "\n")
        (ok if good else failed).append(name)
        size = (asset / "main.mlirb").stat().st_size
        print(f"ok   {name}: main.mlirb {size} bytes")
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"corpus: {len(ok)} ok, {len(failed)} failed ({' '.join(failed)}); {total} bytes in {OUT}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
