"""Generate the reverse-direction fixtures: programs compressed by the REFERENCE implementation.

Run by hand (not in CI; it needs torch through the reference package):

    scripts/setup-reference.sh                                   # once: .venv-reference (~5 GB)
    .venv-reference/bin/python test/conformance/make_fixtures.py # ~1 min

It writes test/conformance/fixtures/:
- programs/w16.mlir, programs/w32.mlir: the seeded original programs (programs.py,
  build_fixture_program): a [256,64] f16 N(0,1) weight as batch_matmul's y operand, and a
  [64,128] f32 nn.Linear weight (transpose -> batch_matmul);
- <name>.ref.mlir: the program as compressed by coreai-opt 0.4.0 (`coreai_opt.coreai_utils`,
  same maths as 0.3.0, the version the spec describes), printed by coreai-core, unmodified
  (dead original constants and identity casts included);
- decoded.npz: for every fixture, the weight decoded from the reference output by Apple's own
  Core AI runtime (coreai-core's bundled CPU runtime executes the program with the identity as
  input; the matmul with the identity is exact). If the runtime rejects or crashes on a
  program, the NumPy evaluator's decoding is stored instead and the manifest says so;
- manifest.json: per fixture the reference call, the equivalent coreai-opt pass options (used
  by run.py's quality comparison), the spec F item when the reference output is known to be
  defective, the decoder used, and whether the runtime and numpy_eval.py agree.

The reference is run with num_kmeans_workers=1 (a forked pool after MLIR threads can deadlock;
sparsify_weights hard-codes 4 workers, so its multiprocessing.Pool is replaced by a serial one)
and with the venv's bin/ on PATH (its k-means C++ extension JIT-compiles with g++ and ninja).
"""
import argparse
import asyncio
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
FIXTURES = HERE / "fixtures"

T = 512  # weight-num-threshold on both sides

# name, program, reference function + kwargs, our pass pipeline, spec F item if the reference
# output is defective (then the quality check asserts ours is better instead of >=).
FIXTURES_TABLE = [
    ("q_int8_pc_sym", "w16", "quantize", dict(dtype="int8", qscheme="symmetric", granularity="per_channel"),
     f"--coreai-quantize=dtype=int8 qscheme=symmetric granularity=per_channel weight-num-threshold={T}", None),
    ("q_int8_pc_asym", "w16", "quantize", dict(dtype="int8", qscheme="asymmetric", granularity="per_channel"),
     f"--coreai-quantize=dtype=int8 qscheme=asymmetric granularity=per_channel weight-num-threshold={T}", None),
    ("q_uint8_pc_sym", "w16", "quantize", dict(dtype="uint8", qscheme="symmetric", granularity="per_channel"),
     f"--coreai-quantize=dtype=uint8 qscheme=symmetric granularity=per_channel weight-num-threshold={T}", None),
    ("q_int8_pt_f32", "w32", "quantize", dict(dtype="int8", qscheme="symmetric", granularity="per_tensor"),
     f"--coreai-quantize=dtype=int8 qscheme=symmetric granularity=per_tensor weight-num-threshold={T}", None),
    ("q_int4_pb32_sym", "w16", "quantize", dict(dtype="int4", qscheme="symmetric", granularity="per_block", block_size=32),
     f"--coreai-quantize=dtype=int4 qscheme=symmetric granularity=per_block block-size=32 weight-num-threshold={T}", None),
    ("q_uint4_pb32_asym", "w16", "quantize", dict(dtype="uint4", qscheme="asymmetric", granularity="per_block", block_size=32),
     f"--coreai-quantize=dtype=uint4 qscheme=asymmetric granularity=per_block block-size=32 weight-num-threshold={T}", None),
    ("q_int4_pb16_f32", "w32", "quantize", dict(dtype="int4", qscheme="symmetric", granularity="per_block", block_size=16),
     f"--coreai-quantize=dtype=int4 qscheme=symmetric granularity=per_block block-size=16 weight-num-threshold={T}", None),
    ("q_fp8e4m3_pc", "w16", "quantize", dict(dtype="fp8_e4m3fn", granularity="per_channel"),
     f"--coreai-quantize=dtype=fp8_e4m3fn granularity=per_channel weight-num-threshold={T}", None),
    ("q_fp8e4m3_pb32_e8m0", "w16", "quantize", dict(dtype="fp8_e4m3fn", granularity="per_block", block_size=32, scale_dtype="fp8_e8m0fnu"),
     f"--coreai-quantize=dtype=fp8_e4m3fn granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu weight-num-threshold={T}", "F.1"),
    ("q_fp8e5m2_pc_f16", "w16", "quantize", dict(dtype="fp8_e5m2", granularity="per_channel"),
     f"--coreai-quantize=dtype=fp8_e5m2 granularity=per_channel weight-num-threshold={T}", "F.2"),
    ("q_fp8e5m2_pc_f32", "w32", "quantize", dict(dtype="fp8_e5m2", granularity="per_channel"),
     f"--coreai-quantize=dtype=fp8_e5m2 granularity=per_channel weight-num-threshold={T}", None),
    ("q_fp4_mx", "w16", "quantize", dict(dtype="fp4_e2m1fn", granularity="per_block", block_size=32),
     f"--coreai-quantize=dtype=fp4_e2m1fn granularity=per_block block-size=32 weight-num-threshold={T}", "F.1,F.8"),
    ("p_4bit_pt", "w16", "palettize", dict(n_bits=4, granularity="per_tensor"),
     f"--coreai-palettize=n-bits=4 granularity=per_tensor weight-num-threshold={T}", None),
    ("p_6bit_pc", "w16", "palettize", dict(n_bits=6, granularity="per_channel"),
     f"--coreai-palettize=n-bits=6 granularity=per_channel weight-num-threshold={T}", None),
    ("p_8bit_g16_int8lut", "w16", "palettize", dict(n_bits=8, granularity="per_grouped_channel", group_size=16, lut_dtype="int8"),
     f"--coreai-palettize=n-bits=8 granularity=per_grouped_channel group-size=16 lut-dtype=int8 weight-num-threshold={T}", None),
    ("p_4bit_pcs", "w16", "palettize", dict(n_bits=4, granularity="per_tensor", enable_per_channel_scale=True),
     f"--coreai-palettize=n-bits=4 granularity=per_tensor enable-per-channel-scale=true weight-num-threshold={T}", None),
    ("p_8bit_g16_int8lut_pcs", "w16", "palettize", dict(n_bits=8, granularity="per_grouped_channel", group_size=16, lut_dtype="int8", enable_per_channel_scale=True),
     f"--coreai-palettize=n-bits=8 granularity=per_grouped_channel group-size=16 lut-dtype=int8 enable-per-channel-scale=true weight-num-threshold={T}", "F.5"),
    ("p_2bit_cd2", "w16", "palettize", dict(n_bits=2, granularity="per_tensor", cluster_dim=2),
     f"--coreai-palettize=n-bits=2 granularity=per_tensor cluster-dim=2 weight-num-threshold={T}", None),
    ("p_4bit_fp8lut_f32", "w32", "palettize", dict(n_bits=4, granularity="per_channel", lut_dtype="fp8_e4m3fn"),
     f"--coreai-palettize=n-bits=4 granularity=per_channel lut-dtype=fp8_e4m3fn weight-num-threshold={T}", None),
    ("s_50", "w16", "sparsify", dict(target_sparsity=0.5),
     f"--coreai-sparsify=target-sparsity=0.5 weight-num-threshold={T}", None),
    ("s_nm_2_4", "w16", "sparsify", dict(target_sparsity=None, n_m_ratio=(2, 4)),
     f"--coreai-sparsify=n-m-ratio=2,4 weight-num-threshold={T}", None),
    ("s_block2_50_f32", "w32", "sparsify", dict(target_sparsity=0.5, block_size=2),
     f"--coreai-sparsify=target-sparsity=0.5 block-size=2 weight-num-threshold={T}", None),
    ("s_50_int8", "w16", "sparsify", dict(target_sparsity=0.5, quantize_dtype="int8"),
     f"--coreai-sparsify=target-sparsity=0.5 quantize-dtype=int8 weight-num-threshold={T}", None),
    ("s_50_uint8", "w16", "sparsify", dict(target_sparsity=0.5, quantize_dtype="uint8"),
     f"--coreai-sparsify=target-sparsity=0.5 quantize-dtype=uint8 weight-num-threshold={T}", "F.6"),
    ("s_50_pal4", "w16", "sparsify", dict(target_sparsity=0.5, palettize_nbits=4),
     f"--coreai-sparsify=target-sparsity=0.5 palettize-nbits=4 weight-num-threshold={T}", None),
]


def _enum_kwargs(kind, kw):
    from coreai_opt.coreai_utils import CompressionGranularity, DType
    from coreai_opt.coreai_utils.common import QScheme
    out = dict(kw)
    for k in ("dtype", "scale_dtype", "lut_dtype", "quantize_dtype"):
        if k in out and out[k] is not None:
            out[k] = DType(out[k])
    if "qscheme" in out:
        out["qscheme"] = QScheme(out["qscheme"])
    if "granularity" in out:
        out["granularity"] = CompressionGranularity(out["granularity"])
    if kind == "palettize":
        out.setdefault("lut_dtype", None)
        out["num_kmeans_workers"] = 1
    out["weight_num_threshold"] = T
    return out


class _SerialPool:
    """Stand-in for multiprocessing.Pool: sparsify_weights(palettize_nbits=...) hard-codes
    num_kmeans_workers=4, and a pool forked after MLIR started its threads deadlocks here.
    Each k-means group is independent, so running them serially gives the same result."""

    def __init__(self, processes=None):
        pass

    def starmap(self, fn, args):
        return [fn(*a) for a in args]

    def terminate(self):
        pass


def _serial_kmeans_pool():
    import coreai_opt.coreai_utils._utils.palettize_utils as pu
    pu.Pool = _SerialPool


def run_reference(kind, kw, text):
    from coreai.authoring import AIProgram
    from coreai.authoring.context import Context
    from coreai._compiler import ir
    from coreai_opt.coreai_utils import palettize_weights, quantize_weights, sparsify_weights
    _serial_kmeans_pool()
    fn = {"quantize": quantize_weights, "palettize": palettize_weights, "sparsify": sparsify_weights}[kind]
    ctx = Context()._mlir_context
    prog = AIProgram._from_mlir_module(ir.Module.parse(text, context=ctx))
    out = fn(prog, **_enum_kwargs(kind, kw))
    return str(out._module._mlir_module)


def runtime_decode(path: str, kind: str, out_npy: str):
    """Run the program on coreai-core's bundled runtime with the identity as input and save the
    decoded weight (in the constant's own layout). Runs in a subprocess: runtime errors are
    fatal (Swift fatalError) and would kill this process."""
    from coreai.authoring import AIProgram
    from coreai.authoring.context import Context
    from coreai._compiler import ir
    from coreai.runtime._ndarray import NDArray
    text = Path(path).read_text()
    mod = ir.Module.parse(text, context=Context()._mlir_context)
    prog = AIProgram._from_mlir_module(mod)
    n, dt = (256, np.float16) if kind == "w16" else (128, np.float32)
    d = Path(tempfile.mkdtemp())
    try:
        asset = prog.save_asset(d / "m.aimodel")

        async def go():
            async with asset.executable() as model:
                f = model.load_function("main")
                out = await f({"x": NDArray(np.eye(n, dtype=dt))})
                return {k: v.numpy() for k, v in out.items()}

        y = np.asarray(asyncio.run(go())["y"])
    finally:
        shutil.rmtree(d, ignore_errors=True)
    if kind == "w32":
        y = y.T
    np.save(out_npy, np.ascontiguousarray(y))


def snr_db(ref, x):
    ref = np.asarray(ref, np.float64)
    err = np.asarray(x, np.float64) - ref
    e = float((err * err).sum())
    return float("inf") if e == 0 else 10 * np.log10(float((ref * ref).sum()) / e)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="*", help="fixture names to (re)generate (default: all)")
    ap.add_argument("--runtime-decode", nargs=3, metavar=("MLIR", "KIND", "OUT_NPY"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.runtime_decode:
        runtime_decode(*args.runtime_decode)
        return

    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.ERROR)
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    import importlib.metadata as md

    import numpy_eval as ne
    import programs

    FIXTURES.mkdir(exist_ok=True)
    (FIXTURES / "programs").mkdir(exist_ok=True)
    originals = {}
    for kind in ("w16", "w32"):
        text = programs.build_fixture_program(kind)
        (FIXTURES / "programs" / f"{kind}.mlir").write_text(text)
        originals[kind] = text
        ev = ne.evaluate(text)
        assert np.array_equal(ev.weights[programs.FIXTURE_WEIGHT_KEY[kind]], programs.fixture_weight(kind))

    man_path = FIXTURES / "manifest.json"
    old = {f["name"]: f for f in json.loads(man_path.read_text())["fixtures"]} if man_path.exists() else {}
    npz_path = FIXTURES / "decoded.npz"
    decoded = dict(np.load(npz_path)) if npz_path.exists() else {}
    entries = []
    for name, kind, fn, kw, ours, defect in FIXTURES_TABLE:
        if args.only and name not in args.only:
            if name in old:
                entries.append(old[name])
            continue
        t0 = time.time()
        ref_text = run_reference(fn, kw, originals[kind])
        ref_path = FIXTURES / f"{name}.ref.mlir"
        ref_path.write_text(ref_text)
        key = programs.FIXTURE_WEIGHT_KEY[kind]
        ev = ne.evaluate(ref_text, fp4_layout="auto")
        npy_dec = np.asarray(ev.weights[key])
        compressed = bool(ev.chains[key])
        with tempfile.TemporaryDirectory() as td:
            out_npy = os.path.join(td, "w.npy")
            r = subprocess.run([sys.executable, __file__, "--runtime-decode", str(ref_path), kind, out_npy],
                               capture_output=True, text=True)
            if r.returncode == 0 and os.path.exists(out_npy):
                rt = np.load(out_npy)
                source = "runtime"
                agree = "exact" if np.array_equal(np.asarray(rt, np.float64), np.asarray(npy_dec, np.float64)) else \
                    f"differ on {int((np.asarray(rt, np.float64) != np.asarray(npy_dec, np.float64)).sum())} elements"
                dec = rt
            else:
                tail = f"exit code {r.returncode}: " + (r.stderr.strip().splitlines() or ["(no message)"])[-1][:200]
                source, agree, dec = "numpy_eval", f"runtime failed: {tail}", npy_dec
        decoded[name] = np.asarray(dec).astype(np.float16 if kind == "w16" else np.float32)
        w = programs.fixture_weight(kind)
        entry = dict(name=name, program=f"programs/{kind}.mlir", reference=f"{name}.ref.mlir", weight_key=key,
                     reference_call=dict(function=f"{fn}_weights", **{k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()},
                                         weight_num_threshold=T, **({"num_kmeans_workers": 1} if fn == "palettize" else {})),
                     ours=ours, reference_defect=defect, compressed_by_reference=compressed,
                     reference_chain=ev.chains[key], decoded_source=source, runtime_vs_numpy_eval=agree,
                     numpy_eval_notes=ev.notes, reference_snr_db=round(snr_db(w, decoded[name]), 3))
        entries.append(entry)
        print(f"{name:26s} {time.time() - t0:5.1f}s chain={' -> '.join(ev.chains[key]) or 'UNCOMPRESSED'} "
              f"snr={entry['reference_snr_db']:.2f} dB decoded by {source} ({agree})", flush=True)

    order = [n for n, *_ in FIXTURES_TABLE]
    entries.sort(key=lambda e: order.index(e["name"]) if e["name"] in order else len(order))
    np.savez_compressed(npz_path, **{k: v for k, v in decoded.items() if k in order})
    man = dict(generator="test/conformance/make_fixtures.py",
               reference=f"coreai-opt {md.version('coreai-opt')} (coreai_opt.coreai_utils), coreai-core {md.version('coreai-core')}, "
                         f"torch {md.version('torch')}, scikit-learn {md.version('scikit-learn')}",
               weight_num_threshold=T, fixtures=entries)
    man_path.write_text(json.dumps(man, indent=1) + "\n")
    total = sum(p.stat().st_size for p in FIXTURES.rglob("*") if p.is_file())
    print(f"fixtures: {len(entries)} in {FIXTURES} ({total / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
