"""The `models` section of the conformance suite: the real exported programs
(test/data/models/*.aimodel, made by export_models.py) through coreai-opt, against coreai-core
and the reference's per-weight results (test/data/models/reference.json).

Per model (`roundtrip`), all of:
1. coreai-core prints the program (`AIModelAsset.load(p).program`: `str(program)`, and
   `get_asm(enable_debug_info=True)`); the texts are made here, in a subprocess, not committed;
2. coreai-opt parses each text and prints it back byte-identical (the debug text with
   `--mlir-print-debuginfo`), up to the final newline MlirOptMain adds;
3. coreai-core parses and verifies both coreai-opt prints.

Per model and method (`compress`: quantize int8 per channel, int4 per block of 32, palettize
4-bit (default fast mode, and exact mode), sparsify 50%; each the reference configuration of the
same name, with coreai-opt's defaults otherwise; METHODS), coreai-opt compresses coreai-core's
texts, and:
1. coreai-core parses and verifies the output;
2. the text with locations compresses to the same program (printed without locations,
   byte-identical), its output verifies in coreai-core, and every decompression chain carries the
   location of the constant it replaces;
3. every weight of reference.json (float constants above the threshold, identified by their uses
   "graph:ordinal:op#operand", numpy_eval.py's keys) gets the reference's decision: compressed
   by us exactly where the reference compressed it;
4. every weight both compress decodes (numpy_eval.py, independent of coreai-opt) at an SNR >=
   the reference's, within its printed precision (3 decimals; see METHODS for fast-mode
   palettization).
coreai-core steps run in subprocesses (this file's `_worker`): it aborts the process on some bad
inputs.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MODELS = ROOT / "test" / "data" / "models"

# Check name -> (reference configuration, coreai-opt pass argument: the same method and options,
# SNR tolerance in dB). The tolerance is the reference's printed precision, except for fast-mode
# palettization: there both sides cluster the weights rounded to 4 decimals, the reference in f16
# and coreai-opt in f32 (spec F.4; on BERT's 128x128 query weight 997 of 16384 values round
# differently), so the exact k-means of both sees different values and ours may land up to
# ~0.002 dB below; the quality section's 0.01 dB applies. `palettize_4bit_exact` (no rounding)
# is held to the printed precision.
PRINTED = 0.0005
METHODS = {
    "quantize_int8": ("quantize_int8", "--coreai-quantize=dtype=int8", PRINTED),
    "quantize_int4_pb32": ("quantize_int4_pb32",
                           "--coreai-quantize=dtype=int4 granularity=per_block block-size=32", PRINTED),
    "palettize_4bit": ("palettize_4bit", "--coreai-palettize=n-bits=4", 0.01),
    "palettize_4bit_exact": ("palettize_4bit", "--coreai-palettize=n-bits=4 enable-fast-kmeans-mode=false",
                             PRINTED),
    "sparsify_50": ("sparsify_50", "--coreai-sparsify=target-sparsity=0.5", PRINTED),
}
FORMS = {"custom": [], "debug": ["--mlir-print-debuginfo"]}


def model_names():
    return sorted(m["name"] for m in json.loads((MODELS / "manifest.json").read_text())["models"])


def reference():
    return json.loads((MODELS / "reference.json").read_text())


# ---------------------------------------------------------------------------------------------
# coreai-core, in a subprocess
# ---------------------------------------------------------------------------------------------
def _worker(job):
    import coreai.authoring  # noqa: F401  (before coreai._compiler: circular import otherwise)

    if job["kind"] == "print":
        from coreai.authoring.asset import AIModelAsset
        prog = AIModelAsset.load(Path(job["asset"])).program
        m = prog._module._mlir_module  # noqa: SLF001
        return {"custom": str(prog), "debug": m.operation.get_asm(enable_debug_info=True)}
    if job["kind"] == "verify":
        import numpy_eval as ne
        out = {}
        for name, path in job["texts"].items():
            try:
                m, _ = ne.parse(Path(path).read_text())
                out[name] = _chain_locations(m, ne.CHAIN_OPS, job.get("original")) if job.get("original") else ""
            except Exception as e:  # noqa: BLE001  (a rejection is a result)
                out[name] = f"{type(e).__name__}: {str(e)[:300]}"
        return out
    if job["kind"] == "decode":
        import numpy as np

        import numpy_eval as ne
        orig = ne.evaluate(Path(job["original"]).read_text())
        try:
            ours = ne.evaluate(Path(job["output"]).read_text(), fp4_layout="auto")
        except Exception as e:  # noqa: BLE001
            return {"error": f"coreai-core rejects the output: {type(e).__name__}: {str(e)[:300]}"}
        res = {}
        for key, w in orig.weights.items():
            dec = ours.weights.get(key)
            if dec is None:
                res[key] = {"missing": True}
                continue
            o = np.asarray(w, np.float64)
            d = np.asarray(dec, np.float64)
            err = d - o
            se = float((err * err).sum())
            finite = bool(np.isfinite(d).all())
            res[key] = {"chain": ours.chains[key], "finite": finite,
                        "snr_db": (None if not finite or se == 0 else
                                   10 * math.log10(float((o * o).sum()) / se))}
        return {"weights": res}
    raise ValueError(job["kind"])


def _chain_locations(module, chain_ops, original):
    """'' when every decompression chain of `module` carries one location, the location of a
    constant of the `original` program (the weight it replaces); else what is wrong. A chain is
    a decompression op (blockwise_shift_scale, lut_to_dense, ...), the constants and chain ops
    it reads, and a cast of its result (programs have casts of their own: those are not chains)."""
    import numpy_eval as ne

    def ops(m):
        for g in m.body.operations:
            if g.operation.name == "coreai.graph":
                for block in g.operation.regions[0].blocks:
                    yield from (o.operation for o in block.operations)

    decoders = chain_ops - {"coreai.constant", "coreai.cast"}
    orig, _ = ne.parse(Path(original).read_text())
    known = {str(o.location) for o in ops(orig) if o.name == "coreai.constant"}
    chains = 0
    for op in ops(module):
        operands = [v.owner for v in op.operands if hasattr(v.owner, "name")]
        if op.name == "coreai.cast" and any(o.name in decoders for o in operands):
            pass
        elif op.name not in decoders:
            continue
        chains += 1
        loc = str(op.location)
        if loc not in known:
            return f"{op.name} has location {loc[:160]}, which no constant of the program has"
        for owner in operands:
            if owner.name in chain_ops and str(owner.location) != loc:
                return (f"{op.name} at {loc[:120]} decodes {owner.name} at another location "
                        f"{str(owner.location)[:120]}")
    return "" if chains else "no decompression op in the output"


def core(job, timeout=1800):
    """Runs one coreai-core job in a subprocess; raises RuntimeError when it crashes."""
    p = subprocess.run([sys.executable, __file__, "_worker"], input=json.dumps(job), capture_output=True, text=True,
                       timeout=timeout, cwd=HERE)
    if p.returncode != 0 or not p.stdout.strip():
        tail = (p.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"coreai-core crashed (exit {p.returncode}): {tail[:300]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------------------------
def _normalize(text):
    return text.rstrip("\n")


def _first_difference(a, b):
    la, lb = a.split("\n"), b.split("\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"line {i + 1}: ours `{x.strip()[:160]}` vs coreai-core `{y.strip()[:160]}`"
    return f"ours has {len(la)} lines, coreai-core {len(lb)}"


class Model:
    """One exported model: its coreai-core prints, in a scratch directory."""

    def __init__(self, name, scratch: Path):
        self.name = name
        self.dir = scratch / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self._printed = False
        self._lock = threading.Lock()  # run.py runs a model's checks in parallel

    def text_path(self, form):
        with self._lock:
            if not self._printed:
                texts = core({"kind": "print", "asset": str(MODELS / f"{self.name}.aimodel")})
                for f, t in texts.items():
                    (self.dir / f"{f}.mlir").write_text(t)
                self._printed = True
        return self.dir / f"{form}.mlir"

    def text(self, form):
        return self.text_path(form).read_text()


def _opt(opt, args, src: Path, dst: Path, timeout=1800):
    r = subprocess.run([opt, str(src), *args, "-o", str(dst)], capture_output=True, text=True, timeout=timeout)
    return r.returncode, r.stderr


def roundtrip(opt, model: Model):
    """(ok, detail): coreai-opt prints coreai-core's texts back unchanged and coreai-core
    parses the prints."""
    problems, sizes, ours = [], [], {}
    for form, flags in FORMS.items():
        src = model.text_path(form)
        dst = model.dir / f"{form}.ours.mlir"
        rc, err = _opt(opt, flags, src, dst)
        if rc != 0:
            problems.append(f"coreai-opt rejects the {form} text: {err.strip()[:300]}")
            continue
        a, b = _normalize(dst.read_text()), _normalize(src.read_text())
        if a != b:
            problems.append(f"{form} print differs: {_first_difference(a, b)}")
        ours[form] = str(dst)
        sizes.append(f"{form} {src.stat().st_size / 1e6:.2f} MB")
    if ours:
        for form, err in core({"kind": "verify", "texts": ours}).items():
            if err:
                problems.append(f"coreai-core rejects our {form} print: {err}")
    if problems:
        return False, "; ".join(problems)
    return True, f"byte-identical, parsed by coreai-core ({', '.join(sizes)})"


def compare_weights(got: dict, ref_weights: list, tolerance: float):
    """(problems, table, detail): the decoded weights of our output (`got`: the decode job's
    "weights") against the reference's, weight by weight: the same compression decision, and an
    SNR >= the reference's within `tolerance` dB.
    table: [(weight id, reference compressed, ours compressed, reference snr, our snr, uses)]."""
    problems, table = [], []
    n_ref = n_ours = n_snr = n_below = 0
    worst = math.inf
    for w in ref_weights:
        uses = [got.get(k, {"missing": True}) for k in w["uses"]]
        missing = [k for k, u in zip(w["uses"], uses) if u.get("missing")]
        if missing:
            problems.append(f"weight {w['id']}: uses {missing} not found in our output")
            continue
        ours_c = any(u["chain"] for u in uses)
        # An exact decoding (no error) has an infinite SNR.
        ours_snr = min((math.inf if u["snr_db"] is None else u["snr_db"] for u in uses if u["chain"]),
                       default=None)
        n_ref += w["compressed"]
        n_ours += ours_c
        table.append((w["id"], w["compressed"], ours_c, w["snr_db"], ours_snr, w["uses"]))
        if ours_c != w["compressed"]:
            problems.append(f"weight {w['id']} {w['shape']} used by {', '.join(w['uses'])}: reference "
                            f"{'compresses' if w['compressed'] else 'leaves'} it, we "
                            f"{'compress' if ours_c else 'leave'} it")
            continue
        if not ours_c:
            continue
        if not all(u["finite"] for u in uses):
            problems.append(f"weight {w['id']}: our decoding is not finite")
            continue
        if w["snr_db"] is None:
            continue  # the reference's decoding is exact or not finite: nothing to compare
        n_snr += 1
        margin = ours_snr - w["snr_db"]
        worst = min(worst, margin)
        n_below += margin < -PRINTED
        if margin < -tolerance:
            problems.append(f"weight {w['id']} {w['shape']}: SNR {ours_snr:.4f} dB < reference {w['snr_db']:.3f} dB")
    detail = (f"{n_ours}/{len(ref_weights)} weights compressed (reference {n_ref}, same decision on "
              f"{sum(r[1] == r[2] for r in table)}); SNR >= reference on {n_snr - n_below}/{n_snr}"
              + (f", worst margin {worst:+.4f} dB" if n_snr else "")
              + (f" (within the {tolerance} dB tolerance)" if n_below and tolerance > PRINTED else ""))
    return problems, table, detail


def compress(opt, model: Model, check: str, ref_weights: list):
    """(ok, detail, table): our compression of the model against the reference's per weight.
    table: [(weight id, reference compressed, ours compressed, reference snr, our snr, uses)]."""
    _, pass_arg, tolerance = METHODS[check]
    src = model.text_path("custom")
    dst = model.dir / f"{check}.mlir"
    rc, err = _opt(opt, [pass_arg], src, dst)
    if rc != 0:
        return False, f"coreai-opt fails: {err.strip()[:300]}", []
    problems, table = [], []
    # The text with locations: compressed the same (printed without locations, the output is
    # byte-identical), and with locations it verifies and every chain has its constant's location.
    dsrc = model.text_path("debug")
    ddst, dplain = model.dir / f"{check}.debug.mlir", model.dir / f"{check}.debug-plain.mlir"
    rc1, err1 = _opt(opt, [pass_arg, "--mlir-print-debuginfo"], dsrc, ddst)
    rc2, err2 = _opt(opt, [pass_arg], dsrc, dplain)
    if rc1 or rc2:
        problems.append(f"coreai-opt fails on the text with locations: {(err1 or err2).strip()[:300]}")
    else:
        if dplain.read_text() != dst.read_text():
            problems.append("the text with locations compresses differently: "
                            + _first_difference(dplain.read_text(), dst.read_text()))
        err = core({"kind": "verify", "texts": {"debug": str(ddst)}, "original": str(dsrc)})["debug"]
        if err:
            problems.append(f"output with locations: {err}")
    dec = core({"kind": "decode", "original": str(src), "output": str(dst)})
    if "error" in dec:
        return False, dec["error"], []
    more, table, detail = compare_weights(dec["weights"], ref_weights, tolerance)
    problems += more
    if problems:
        return False, detail + "; " + "; ".join(problems[:6]) + (
            f"; ... {len(problems) - 6} more" if len(problems) > 6 else ""), table
    return True, detail + "; output with and without locations verifies in coreai-core", table


def jobs(opt, scratch: Path, name_filter=None):
    """[(name, callable -> (ok, detail))] for run.py: one roundtrip per model, then one per
    model x method. Each model's coreai-core prints are made once (the first job that needs them)."""
    ref = reference()
    out = []
    for name in model_names():
        model = Model(name, scratch)
        out.append((f"{name} roundtrip", lambda model=model: roundtrip(opt, model)))
        for check, (config, _, _) in METHODS.items():
            weights = ref["models"][name]["configs"][config]["weights"]
            out.append((f"{name} {check}", lambda model=model, check=check, weights=weights:
                        compress(opt, model, check, weights)[:2]))
    if name_filter:
        out = [j for j in out if name_filter in f"models {j[0]}"]
    return out


def main(argv):
    """models_check.py [coreai-opt] [filter]: runs the section on its own."""
    opt = argv[1] if len(argv) > 1 else str(ROOT / "target" / "debug" / "coreai-opt")
    with tempfile.TemporaryDirectory(prefix="coreai-models-") as d:
        fails = 0
        for name, fn in jobs(opt, Path(d), argv[2] if len(argv) > 2 else None):
            ok, detail = fn()
            fails += not ok
            print(f"{'PASS' if ok else 'FAIL'} models {name:34s} {detail}", flush=True)
    return 1 if fails else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["_worker"]:
        sys.path.insert(0, str(HERE))
        print(json.dumps(_worker(json.load(sys.stdin))))
    else:
        sys.exit(main(sys.argv))
