"""Conformance of the .aimodel writer with coreai-core (1.0.0b3) and Core AI's runtime.

For every corpus asset (test/data/aimodel/corpus), `aimodel-rewrite` (crates/coreai-aimodel:
read -> coreai op tree -> aicode -> bytes, the path of `coreai-opt in.aimodel -o out.aimodel`
with no pass) writes a new asset; then, each step in its own subprocess because coreai-core
aborts the interpreter on bad input:
  load     AIModelAsset.load(out) and its program verify;
  program  the program printed (generic, debug info, local scope) equals coreai-core's printing
           of the original asset (NAME.coreai.mlir);
  summary  summary(include_statistics=True) works and lists the same functions;
  run      Core AI's runtime runs every function of both assets on the same deterministic
           inputs and the outputs are bit-identical.
Also reports how many written main.mlirb are byte-identical to coreai-core's.

usage: python check_write.py [--rewrite PATH] [-k SUBSTR] [-v]
Last line: `aimodel-write: N passed, M failed`; exit 1 on any failure.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "test/data/aimodel/corpus"

LOAD = r'''
import sys
from coreai.authoring.asset import AIModelAsset
a = AIModelAsset.load(sys.argv[1])
m = a.program._module._mlir_module
m.operation.verify()
print(m.operation.get_asm(print_generic_op_form=True, enable_debug_info=True, use_local_scope=True,
                          large_elements_limit=None), end="")
'''

SUMMARY = r'''
import sys, json
from coreai.authoring.asset import AIModelAsset
s = AIModelAsset.load(sys.argv[1]).summary(include_statistics=True)
print(json.dumps({"functions": list(s.function_names), "compat": str(s._compatibility_version)}))
'''

# Deterministic runtime inputs for a function descriptor (dynamic dims as 1): booleans every
# third element, integers 0,1,2 repeating, floats in [0.1, 0.96]. Spliced into the RUN snippets.
INPUTS = r'''
def runtime_inputs(desc):
    inputs = {}
    for n in desc.input_names:
        nd = desc.input_descriptor(n)
        shape = [s if s is not None else 1 for s in nd.shape]
        dt = np.dtype(str(nd.dtype).lower())
        k = int(np.prod(shape))
        if dt == np.bool_:
            arr = (np.arange(k) % 3 == 0).reshape(shape)
        elif np.issubdtype(dt, np.integer):
            arr = (np.arange(k) % 3).astype(dt).reshape(shape)
        else:
            arr = ((np.arange(k) % 7) / 7.0 + 0.1).astype(dt).reshape(shape)
        inputs[n] = NDArray(arr)
    return inputs
'''

RUN = r'''
import asyncio, sys, json, hashlib
import numpy as np
from coreai.authoring.asset import AIModelAsset
from coreai.runtime._ndarray import NDArray
''' + INPUTS + r'''
async def main(path):
    asset = AIModelAsset.load(path)
    res = {}
    async with asset.executable() as model:
        for fname in model.function_names:
            fn = model.load_function(fname)
            d = fn.desc
            inputs = runtime_inputs(d)
            out = await fn(inputs)
            res[fname] = {k: hashlib.sha256(v.numpy().tobytes()).hexdigest() + str(v.numpy().shape) for k, v in out.items()}
    print(json.dumps(res, sort_keys=True))

asyncio.run(main(sys.argv[1]))
'''


def py(code, *args, timeout=600):
    p = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def main():
    args = sys.argv[1:]
    rewrite = os.environ.get("AIMODEL_REWRITE", str(ROOT / "target/debug/examples/aimodel-rewrite"))
    if "--rewrite" in args:
        rewrite = args[args.index("--rewrite") + 1]
    only = args[args.index("-k") + 1] if "-k" in args else None
    verbose = "-v" in args
    if not Path(rewrite).exists():
        print(f"aimodel-write: rewrite tool {rewrite} not built (cargo build -p coreai-aimodel --examples)")
        print("aimodel-write: 0 passed, 1 failed")
        sys.exit(1)
    tmp = Path(tempfile.mkdtemp(prefix="aimodel-write-"))
    passed = failed = identical = 0
    for src in sorted(CORPUS.glob("*.aimodel")):
        name = src.stem
        if only and only not in name:
            continue
        out = tmp / f"{name}.aimodel"
        problems = []
        p = subprocess.run([rewrite, str(src), str(out)], capture_output=True, text=True)
        if p.returncode != 0:
            problems.append(f"rewrite: {p.stderr.strip()[:300]}")
        else:
            if (out / "main.mlirb").read_bytes() == (src / "main.mlirb").read_bytes():
                identical += 1
            rc, so, se = py(LOAD, out)
            if rc != 0:
                problems.append(f"load: {(se.strip().splitlines() or ['abort'])[-1][:300]}")
            elif so.strip() != (CORPUS / f"{name}.coreai.mlir").read_text().strip():
                problems.append("program differs from the original's")
            rc, so, se = py(SUMMARY, out)
            rc0, so0, _ = py(SUMMARY, src)
            if rc != 0:
                problems.append(f"summary: {(se.strip().splitlines() or ['abort'])[-1][:300]}")
            elif json.loads(so)["functions"] != json.loads(so0)["functions"]:
                problems.append(f"summary functions {so.strip()} vs {so0.strip()}")
            rc, so, se = py(RUN, out)
            rc0, so0, se0 = py(RUN, src)
            if rc0 != 0:
                if verbose:
                    print(f"  note {name}: the runtime cannot run the original either: {(se0.strip().splitlines() or ['abort'])[-1][:200]}")
                if rc == 0:
                    problems.append("runtime runs ours but not the original")
            elif rc != 0:
                problems.append(f"run: {(se.strip().splitlines() or ['abort'])[-1][:300]}")
            elif so != so0:
                problems.append("runtime outputs differ from the original's")
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            passed += 1
            if verbose:
                print(f"ok   {name}")
    print(f"aimodel-write: {identical} of {passed + failed} written main.mlirb byte-identical to coreai-core's")
    print(f"aimodel-write: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
