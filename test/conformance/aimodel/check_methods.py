"""Every compression method through `.aimodel`, on the real exported models
(test/data/models/*.aimodel), against coreai-core (1.0.0b3), Core AI's runtime and the
reference's figures (test/data/models/reference.json).

Per model and method (METHODS):
  write    `coreai-opt IN.aimodel PASS -o OUT.aimodel`, and the dense program our own decoder
           makes of it: `coreai-opt OUT.aimodel --coreai-decompress -o DENSE.aimodel`;
  load     coreai-core loads OUT and DENSE and their programs verify;
  program  coreai-core's printing of OUT equals coreai-opt's printing of the compressed IR
           (`coreai-opt IN.aimodel PASS`, without the writer's bookkeeping attribute
           `aimodel.decomposition`): the asset holds exactly our program;
  summary  summary(include_statistics=True) of OUT works and lists the input's functions;
  run      Core AI's runtime runs every function of OUT and of DENSE (main on the manifest's
           seeded inputs), each run retried once (the runtime aborts about one run in ten), and
           the outputs are BIT-IDENTICAL: the runtime decodes our chains exactly as we do;
  snr      (methods with a reference configuration) every weight of reference.json gets the
           reference's decision and, decoded by numpy_eval.py from coreai-core's printing of
           OUT, an SNR >= the reference's (models_check.compare_weights, same tolerances);
  error    the runtime's output error of OUT against the uncompressed model on the same inputs
           (worst relative RMS over the outputs) is printed next to the reference's
           (reference.json) and must be <= 1.5x it (a sanity bound: two equally good
           compressions differ by +-25% on one input).
Per reference-compressed asset (test/data/models/reference/*.aimodel; the reference writes FP4
unpacked, one code per byte): `coreai-opt REF --coreai-decompress -o DENSE` works, coreai-core
loads DENSE, and every weight of DENSE equals numpy_eval.py's decoding of REF exactly; the
runtime's outputs on both are reported.
coreai-core steps run in subprocesses (it aborts the interpreter on bad input).

usage: python check_methods.py [--coreai-opt PATH] [-k SUBSTR] [--methods a,b] [-v]
Last line: `aimodel-methods: N passed, M failed`; exit 1 on any failure.
"""
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CONF = HERE.parent
sys.path.insert(0, str(CONF))
sys.path.insert(0, str(HERE))
import export_models as em  # noqa: E402
import models_check as mc  # noqa: E402
from check_write import LOAD, SUMMARY, py  # noqa: E402

MODELS = ROOT / "test/data/models"

# name -> (reference configuration or None, coreai-opt pass arguments, SNR tolerance in dB).
METHODS = {
    "quantize_int8": ("quantize_int8", ["--coreai-quantize=dtype=int8"], mc.PRINTED),
    "quantize_int4_pb32": ("quantize_int4_pb32",
                           ["--coreai-quantize=dtype=int4 granularity=per_block block-size=32"], mc.PRINTED),
    "palettize_4bit": ("palettize_4bit", ["--coreai-palettize=n-bits=4"], 0.01),
    "palettize_2bit": (None, ["--coreai-palettize=n-bits=2"], None),
    "sparsify_50": ("sparsify_50", ["--coreai-sparsify=target-sparsity=0.5"], mc.PRINTED),
    "sparsify_50_block4_int8": ("sparsify_50_block4_int8",
                                ["--coreai-sparsify=target-sparsity=0.5 block-size=4 quantize-dtype=int8"],
                                mc.PRINTED),
    "sparsify_50_pal4": ("sparsify_50_pal4", ["--coreai-sparsify=target-sparsity=0.5 palettize-nbits=4"],
                         mc.PRINTED),
}
ERROR_BOUND = 1.5
BOOKKEEPING = [(re.compile(r", aimodel\.decomposition = \d+ : i64"), ""),
               (re.compile(r"aimodel\.decomposition = \d+ : i64, "), ""),
               (re.compile(r" (attributes )?\{aimodel\.decomposition = \d+ : i64\}"), "")]


def without_bookkeeping(text):
    """coreai-opt's printing without the writer's `aimodel.decomposition` attribute."""
    for pat, rep in BOOKKEEPING:
        text = pat.sub(rep, text)
    return text


def runtime(asset: Path, inputs: Path, out_npz: Path):
    """(ok, message): every function of the asset run in Core AI's runtime (em.run_asset in a
    subprocess, retried once when killed by a signal)."""
    r, _ = em._runtime(asset, inputs, out_npz, out_npz.with_suffix(".json"), attempts=2)  # noqa: SLF001
    if r.returncode != 0:
        r, _ = em._runtime(asset, inputs, out_npz, out_npz.with_suffix(".json"), attempts=1)  # noqa: SLF001
    return r.returncode == 0, em._tail(r)  # noqa: SLF001


def worst_rel_rms(errs: dict):
    """The worst relative RMS error over the outputs (inf when an output is missing, of
    another shape or not finite where the reference is)."""
    worst = 0.0
    for e in errs.values():
        if e.get("missing") or e.get("shape_mismatch") or e.get("finite") is False:
            return math.inf
        worst = max(worst, e.get("rel_rms") or 0.0)
    return worst


def check(opt, name, method, tmp: Path, inputs: Path, base_npz: Path, model: "mc.Model", ref):
    cfg, args, tol = METHODS[method]
    src = MODELS / f"{name}.aimodel"
    out, dense = tmp / f"{name}.{method}.aimodel", tmp / f"{name}.{method}.dense.aimodel"
    problems, notes = [], []
    p = subprocess.run([opt, str(src), *args, "-o", str(out)], capture_output=True, text=True)
    if p.returncode != 0:
        return [f"coreai-opt: {p.stderr.strip()[:300]}"], notes
    ours = subprocess.run([opt, str(src), *args], capture_output=True, text=True)
    p = subprocess.run([opt, str(out), "--coreai-decompress", "-o", str(dense)], capture_output=True, text=True)
    if p.returncode != 0:
        return [f"coreai-opt --coreai-decompress: {p.stderr.strip()[:300]}"], notes
    for what, asset in (("compressed", out), ("dense", dense)):
        rc, _, se = py(LOAD, asset)
        if rc != 0:
            problems.append(f"load {what}: {(se.strip().splitlines() or ['abort'])[-1][:200]}")
    if problems:
        return problems, notes
    printed = mc.core({"kind": "print", "asset": str(out)})
    core_text = tmp / f"{name}.{method}.core.mlir"
    core_text.write_text(printed["custom"])
    a, b = mc._normalize(without_bookkeeping(ours.stdout)), mc._normalize(printed["custom"])  # noqa: SLF001
    if a != b:
        problems.append("coreai-core's program differs from ours: " + mc._first_difference(a, b))  # noqa: SLF001
    rc, so, se = py(SUMMARY, out)
    _, so0, _ = py(SUMMARY, src)
    if rc != 0:
        problems.append(f"summary: {(se.strip().splitlines() or ['abort'])[-1][:200]}")
    elif json.loads(so)["functions"] != json.loads(so0)["functions"]:
        problems.append(f"summary functions {so.strip()} vs {so0.strip()}")
    out_npz, dense_npz = tmp / f"{name}.{method}.npz", tmp / f"{name}.{method}.dense.npz"
    ok1, m1 = runtime(out, inputs, out_npz)
    ok2, m2 = runtime(dense, inputs, dense_npz)
    if not ok1:
        problems.append(f"run compressed: {m1}")
    if not ok2:
        problems.append(f"run dense: {m2}")
    if ok1 and ok2:
        x, y = dict(np.load(out_npz)), dict(np.load(dense_npz))
        diff = [k for k in x if k not in y or x[k].shape != y[k].shape or x[k].tobytes() != y[k].tobytes()]
        if diff or set(x) != set(y):
            problems.append(f"runtime outputs of the compressed and the dense asset differ: {diff[:4]}")
        else:
            notes.append(f"{len(x)} outputs bit-identical to the dense program's")
        base = dict(np.load(base_npz))
        ours_err = worst_rel_rms(em._output_errors(base, x))  # noqa: SLF001
        if cfg:
            ref_rt = ref["models"][name]["configs"][cfg].get("runtime") or {}
            ref_err = worst_rel_rms(ref_rt) if ref_rt and "error" not in ref_rt else None
            notes.append(f"output rel. RMS {ours_err:.4g} (reference {ref_err if ref_err is None else f'{ref_err:.4g}'})")
            if ref_err is not None and math.isfinite(ref_err) and ours_err > ERROR_BOUND * ref_err + 1e-6:
                problems.append(f"output error {ours_err:.4g} > {ERROR_BOUND} x the reference's {ref_err:.4g}")
        else:
            notes.append(f"output rel. RMS {ours_err:.4g} (no reference configuration)")
    if cfg:
        dec = mc.core({"kind": "decode", "original": str(model.text_path("custom")), "output": str(core_text)})
        if "error" in dec:
            problems.append(dec["error"])
        else:
            weights = ref["models"][name]["configs"][cfg]["weights"]
            more, _, detail = mc.compare_weights(dec["weights"], weights, tol)
            problems += more[:6]
            notes.append(detail)
    return problems, notes


def check_reference_asset(opt, ref_asset: Path, tmp: Path, inputs: Path):
    """A reference-compressed asset (test/data/models/reference/, FP4 written unpacked, one code
    per byte): `coreai-opt REF --coreai-decompress -o DENSE` works, coreai-core loads DENSE, and
    every weight of DENSE equals numpy_eval.py's decoding of the reference asset (FP4 in either
    layout) exactly. The runtime's outputs on both are compared and reported."""
    problems, notes = [], []
    dense = tmp / f"{ref_asset.stem}.refdense.aimodel"
    p = subprocess.run([opt, str(ref_asset), "--coreai-decompress", "-o", str(dense)], capture_output=True, text=True)
    if p.returncode != 0:
        return [f"coreai-opt --coreai-decompress: {p.stderr.strip()[:300]}"], notes
    rc, _, se = py(LOAD, dense)
    if rc != 0:
        return [f"load: {(se.strip().splitlines() or ['abort'])[-1][:200]}"], notes
    texts = {}
    for what, asset in (("dense", dense), ("reference", ref_asset)):
        texts[what] = tmp / f"{ref_asset.stem}.{what}.core.mlir"
        texts[what].write_text(mc.core({"kind": "print", "asset": str(asset)})["custom"])
    dec = mc.core({"kind": "decode", "original": str(texts["dense"]), "output": str(texts["reference"])})
    if "error" in dec:
        return [dec["error"]], notes
    w = dec["weights"]
    chains = sum(1 for x in w.values() if x.get("chain"))
    bad = [k for k, x in w.items() if x.get("missing") or not x["finite"] or x["snr_db"] is not None]
    if bad or not chains:
        problems.append(f"{len(bad)} of {len(w)} weights of our dense program differ from numpy_eval's decoding "
                        f"of the reference asset: {bad[:4]}" if bad else "no compressed weight in the reference asset")
    else:
        notes.append(f"{len(w)} weights ({chains} decoded from chains) equal numpy_eval's decoding exactly")
    a_npz, b_npz = tmp / f"{ref_asset.stem}.ref.npz", tmp / f"{ref_asset.stem}.refdense.npz"
    ok1, m1 = runtime(ref_asset, inputs, a_npz)
    ok2, m2 = runtime(dense, inputs, b_npz)
    if not ok2:
        problems.append(f"run dense: {m2}")
    elif not ok1:
        notes.append(f"the runtime cannot run the reference asset: {m1}")
    else:
        x, y = dict(np.load(a_npz)), dict(np.load(b_npz))
        same = set(x) == set(y) and all(x[k].tobytes() == y[k].tobytes() for k in x)
        notes.append("runtime outputs on the reference asset and on our dense program "
                     + ("bit-identical" if same else "differ"))
    return problems, notes


def clean(tmp: Path, prefix: str):
    """Removes the scratch files of one check (the directory stays small)."""
    import shutil
    for f in tmp.glob(f"{prefix}*"):
        if f.is_dir():
            shutil.rmtree(f, ignore_errors=True)
        else:
            f.unlink(missing_ok=True)


def main():
    args = sys.argv[1:]
    opt = os.environ.get("COREAI_OPT", str(ROOT / "target/debug/coreai-opt"))
    if "--coreai-opt" in args:
        opt = args[args.index("--coreai-opt") + 1]
    only = args[args.index("-k") + 1] if "-k" in args else None
    methods = args[args.index("--methods") + 1].split(",") if "--methods" in args else list(METHODS)
    verbose = "-v" in args
    manifest = json.loads((MODELS / "manifest.json").read_text())
    ref = mc.reference()
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="aimodel-methods-") as d:
        tmp = Path(d)
        for m in sorted(manifest["models"], key=lambda m: m["name"]):
            name = m["name"]
            todo = [x for x in methods if not only or only in f"{name} {x}"]
            refs = [r for r in (MODELS / "reference").glob(f"{name}.*.aimodel")
                    if not only or only in f"{name} [reference {r.stem.split('.', 1)[1]}]"]
            if not todo and not refs:
                continue
            inputs = tmp / f"{name}.inputs.npz"
            np.savez(inputs, **em.make_inputs(m["inputs"], manifest.get("input_seed", em.INPUT_SEED)))
            base_npz = tmp / f"{name}.base.npz"
            ok, msg = runtime(MODELS / f"{name}.aimodel", inputs, base_npz)
            model = mc.Model(name, tmp / "prints")
            for method in todo:
                if not ok:
                    problems, notes = [f"the runtime cannot run the uncompressed model: {msg}"], []
                else:
                    try:
                        problems, notes = check(opt, name, method, tmp, inputs, base_npz, model, ref)
                    except Exception as e:  # noqa: BLE001  (a crash of a step is a failure)
                        problems, notes = [f"{type(e).__name__}: {str(e)[:300]}"], []
                label = f"{name} [{method}]"
                if problems:
                    failed += 1
                    print(f"FAIL {label}: " + "; ".join(problems + notes), flush=True)
                else:
                    passed += 1
                    print(f"ok   {label}" + (": " + "; ".join(notes) if verbose and notes else ""), flush=True)
                clean(tmp, f"{name}.{method}")
            for ref_asset in sorted((MODELS / "reference").glob(f"{name}.*.aimodel")):
                label = f"{name} [reference {ref_asset.stem.split('.', 1)[1]}]"
                if only and only not in label:
                    continue
                try:
                    problems, notes = check_reference_asset(opt, ref_asset, tmp, inputs)
                except Exception as e:  # noqa: BLE001
                    problems, notes = [f"{type(e).__name__}: {str(e)[:300]}"], []
                if problems:
                    failed += 1
                    print(f"FAIL {label}: " + "; ".join(problems + notes), flush=True)
                else:
                    passed += 1
                    print(f"ok   {label}" + (": " + "; ".join(notes) if verbose and notes else ""), flush=True)
                clean(tmp, ref_asset.stem)
    print(f"aimodel-methods: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
