"""Runs ONE method of the Python reference (coreai-opt 0.4.0 `coreai_opt.coreai_utils` on
coreai-core) on a Core AI program and reports its timings as JSON.

Written next to the results by coreai-bench and run with the reference venv's python:

    python reference_runner.py IN.mlir OUT.mlir TIMING.json FUNCTION 'KWARGS-JSON'
    python reference_runner.py IN.aimodel OUT.aimodel TIMING.json FUNCTION 'KWARGS-JSON'

A text program is parsed, compressed and printed. An `.aimodel` asset goes through Core AI's
documented flow: `AIModelAsset.load(IN).program`, `*_weights`, `save_asset(OUT)`.

Driven like test/conformance/make_fixtures.py: num_kmeans_workers=1 for palettize, and
sparsify's hard-coded 4-worker multiprocessing.Pool replaced by a serial stand-in (a pool
forked after MLIR started its threads deadlocks); the venv's bin/ is put on PATH (the k-means
C++ extension JIT-compiles with g++ and ninja). Timings exclude the Python imports.
"""
import json
import logging
import os
import resource
import sys
import time
import traceback
import warnings


class _SerialPool:
    def __init__(self, processes=None):
        pass

    def starmap(self, fn, args):
        return [fn(*a) for a in args]

    def terminate(self):
        pass


def main():
    src, dst, timing_path, fn_name, kwargs_json = sys.argv[1:6]
    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.ERROR)
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    t_import = time.perf_counter()
    from coreai.authoring import AIProgram
    from coreai.authoring.asset import AIModelAsset
    from pathlib import Path
    from coreai.authoring.context import Context
    from coreai._compiler import ir
    from coreai_opt.coreai_utils import CompressionGranularity, DType, palettize_weights, quantize_weights, sparsify_weights
    from coreai_opt.coreai_utils.common import QScheme
    import coreai_opt.coreai_utils._utils.palettize_utils as pu
    pu.Pool = _SerialPool
    import_s = time.perf_counter() - t_import

    kw = json.loads(kwargs_json)
    for k in ("dtype", "scale_dtype", "lut_dtype", "quantize_dtype"):
        if k in kw and kw[k] is not None:
            kw[k] = DType(kw[k])
    if "qscheme" in kw:
        kw["qscheme"] = QScheme(kw["qscheme"])
    if "granularity" in kw:
        kw["granularity"] = CompressionGranularity(kw["granularity"])
    if fn_name == "palettize":
        kw.setdefault("lut_dtype", None)
        kw["num_kmeans_workers"] = 1
    fn = {"quantize": quantize_weights, "palettize": palettize_weights, "sparsify": sparsify_weights}[fn_name]

    out = {"import_s": import_s, "function": fn_name + "_weights", "kwargs": json.loads(kwargs_json)}
    try:
        asset = src.endswith(".aimodel")
        c0 = time.process_time()
        t0 = time.perf_counter()
        if asset:
            prog = AIModelAsset.load(Path(src)).program
        else:
            with open(src) as f:
                text = f.read()
            ctx = Context()._mlir_context
            prog = AIProgram._from_mlir_module(ir.Module.parse(text, context=ctx))
            del text
        t1 = time.perf_counter()
        res = fn(prog, **kw)
        t2 = time.perf_counter()
        if asset:
            res.save_asset(Path(dst))
        else:
            with open(dst, "w") as f:
                f.write(str(res._module._mlir_module))
        t3 = time.perf_counter()
        out.update(parse_s=t1 - t0, pass_s=t2 - t1, print_s=t3 - t2, total_s=t3 - t0,
                   total_cpu_s=time.process_time() - c0, ok=True)
    except BaseException as e:  # noqa: BLE001 - the failure is the result
        out.update(ok=False, error=f"{type(e).__name__}: {e}", traceback=traceback.format_exc()[-3000:])
    out["max_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with open(timing_path, "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
