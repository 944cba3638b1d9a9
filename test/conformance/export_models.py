"""Real PyTorch architectures exported with coreai-torch as `.aimodel` fixtures, and the
reference compressor's results on them.

Run with the reference venv (scripts/setup-reference.sh; scripts/export-models.sh does both):

    .venv-reference/bin/python test/conformance/export_models.py all            # everything below
    .venv-reference/bin/python test/conformance/export_models.py export [--only llama ...]
    .venv-reference/bin/python test/conformance/export_models.py check
    .venv-reference/bin/python test/conformance/export_models.py reference [--only ...] [--configs ...]
    .venv-reference/bin/python test/conformance/export_models.py baseline [--coreai-opt PATH] [--keep DIR]
    .venv-reference/bin/python test/conformance/export_models.py determinism   # re-export, compare bytes

`export` builds each model from a configuration written in code (random init, seeded, no hub
download: HF_HUB_OFFLINE=1), casts it to fp16, exports it with torch.export + coreai-torch's
decomposition table, converts it with `coreai_torch.TorchConverter` (DEBUG mode, the default: debug
locations with stack traces) and saves it with coreai-core's `AIProgram.save_asset` to
test/data/models/<name>.aimodel. The Llama-style decoder is also written to
test/data/example.aimodel (the README's bundled example).

`check` loads every asset with coreai-core (AIModelAsset.load, .program, verify, summary()) and
runs every public function in Core AI's runtime on seeded inputs (`make_inputs`), each step in
its own subprocess (coreai-core aborts the process on bad input). It writes
test/data/models/manifest.json: per model the architecture, source configuration, parameter
count, graphs, inputs and outputs (name, shape, dtype, how the seeded input is drawn), the
runtime's output shapes, the weights above the 1024-element threshold with their consumers,
op counts, and file sizes.

`reference` runs coreai-opt 0.4.0 (`coreai_opt.coreai_utils`) on every asset for each
configuration of REFERENCE_CONFIGS (AIModelAsset.load -> *_weights -> save_asset), decodes the
reference's output with the independent decoder numpy_eval.py, and runs the compressed asset in
Core AI's runtime on the same seeded inputs. It writes test/data/models/reference.json: per
weight a stable identity (sha256 of the original bytes, shape, dtype, graph, location text),
whether the reference compressed it, its chain and decoded SNR; per output the relative RMS and
maximum absolute error against the uncompressed model. Two reference outputs of one small model
are kept as read-compatibility fixtures (KEEP_REFERENCE_ASSETS).

`baseline` prints each program with coreai-core (`print_program`: custom form, with and without
debug locations, and generic form) to a scratch directory (never committed; tests regenerate the
texts from the assets with the same function) and reports what `coreai-opt` says about each.

Everything is seeded; re-running `export` gives byte-identical main.mlirb files on the same
checkout (the debug locations hold absolute source paths and source-file hashes of torch,
transformers and this script, so another checkout path or another library version changes them).
"""

import argparse
import asyncio
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "models"))
from architectures import BUILDERS, SEED  # noqa: E402

MODELS_DIR = ROOT / "test" / "data" / "models"
EXAMPLE = ROOT / "test" / "data" / "example.aimodel"
EXAMPLE_MODEL = "llama"
INPUT_SEED = 1234
THRESHOLD = 1024  # the reference's default weight_num_threshold (strictly more elements)
CONSUMERS = ("coreai.batch_matmul", "coreai.conv2d", "coreai.decomposable.broadcasting_batch_matmul",
             "coreai.gather_nd", "coreai.transpose")

# Reference configurations: name -> (function, keyword arguments as plain values).
REFERENCE_CONFIGS = {
    "quantize_int8": ("quantize_weights", dict(dtype="int8")),
    "palettize_4bit": ("palettize_weights", dict(lut_dtype=None)),
    "sparsify_50": ("sparsify_weights", dict()),
    "palettize_8bit_g16_int8lut_pcs": ("palettize_weights", dict(
        n_bits=8, lut_dtype="int8", granularity="per_grouped_channel", group_size=16,
        enable_per_channel_scale=True)),
    "quantize_fp8_pb32_e8m0": ("quantize_weights", dict(
        dtype="fp8_e4m3fn", granularity="per_block", block_size=32, scale_dtype="fp8_e8m0fnu")),
    "sparsify_50_block4_int8": ("sparsify_weights", dict(target_sparsity=0.5, block_size=4, quantize_dtype="int8")),
    "sparsify_50_pal4": ("sparsify_weights", dict(target_sparsity=0.5, palettize_nbits=4)),
    "quantize_int4_pb32": ("quantize_weights", dict(dtype="int4", granularity="per_block", block_size=32)),
    "quantize_fp4_mx": ("quantize_weights", dict(dtype="fp4_e2m1fn", granularity="per_block", block_size=32)),
}
# Reference outputs committed as read-compatibility fixtures: (model, configuration).
KEEP_REFERENCE_ASSETS = [("face_detector", "quantize_int4_pb32"), ("face_detector", "quantize_fp4_mx")]


def asset_path(name: str) -> Path:
    return MODELS_DIR / f"{name}.aimodel"


# ----------------------------------------------------------------------------------------------
# Seeded inputs (shared by the runtime checks here and by tests: the manifest's `inputs` plus
# INPUT_SEED give the same arrays).
# ----------------------------------------------------------------------------------------------

def make_inputs(inputs: list, seed: int = INPUT_SEED) -> dict:
    """name -> numpy array for the manifest's input specs, drawn in order from one seeded
    generator (numpy's PCG64)."""
    rng = np.random.default_rng(seed)
    out = {}
    for spec in inputs:
        shape, dt, v = tuple(spec["shape"]), np.dtype(spec["dtype"]), spec["values"]
        if v["kind"] == "randint":
            a = rng.integers(v["low"], v["high"], size=shape)
        elif v["kind"] == "normal":
            a = rng.standard_normal(size=shape) * v.get("std", 1.0)
        elif v["kind"] == "ones":
            a = np.ones(shape)
        else:
            raise ValueError(f"unknown input kind {v['kind']!r}")
        out[spec["name"]] = np.ascontiguousarray(a.astype(dt))
    return out


def _desc_inputs(desc, seed: int = INPUT_SEED) -> dict:
    """Seeded inputs for a function known only by its runtime descriptor (a public graph other
    than main): floats N(0, 1), integers 0."""
    rng = np.random.default_rng(seed)
    out = {}
    for n in desc.input_names:
        nd = desc.input_descriptor(n)
        shape = tuple(s if s is not None else 1 for s in nd.shape)
        dt = np.dtype(str(nd.dtype).lower())
        a = rng.standard_normal(size=shape) if dt.kind == "f" else np.zeros(shape)
        out[n] = np.ascontiguousarray(a.astype(dt))
    return out


# ----------------------------------------------------------------------------------------------
# Printing (the texts the issue gives coreai-opt; regenerated from the assets, never committed)
# ----------------------------------------------------------------------------------------------

PRINT_FORMS = ("custom", "debug", "generic")


def print_program(asset: Path | str, form: str = "custom") -> str:
    """The program of an asset as coreai-core prints it: `custom` is `str(program)` (custom op
    syntax, no locations), `debug` adds the debug locations (`get_asm(enable_debug_info=True)`),
    `generic` is the generic op form. Call it in a subprocess: coreai-core aborts on bad input."""
    from coreai.authoring.asset import AIModelAsset
    prog = AIModelAsset.load(Path(asset)).program
    if form == "custom":
        return str(prog)
    m = prog._module._mlir_module  # noqa: SLF001
    if form == "debug":
        return m.operation.get_asm(enable_debug_info=True)
    if form == "generic":
        return m.operation.get_asm(print_generic_op_form=True)
    raise ValueError(f"unknown form {form!r}")


# ----------------------------------------------------------------------------------------------
# Subprocess helpers
# ----------------------------------------------------------------------------------------------

def _python_env() -> dict:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def _no_aslr() -> list:
    """`setarch -R` (no address-space randomization) where it works. coreai-core names each
    dense_resource blob `resource_<hash>` with LLVM's hashing, whose seed is an address in the
    process: with ASLR every export names the blobs differently (same data, different bytes)."""
    sa = shutil.which("setarch")
    if sa and subprocess.run([sa, "-R", "true"], capture_output=True).returncode == 0:
        return [sa, "-R"]
    return []


def _sub(args: list, timeout: int = 3600, fixed_addresses: bool = False) -> subprocess.CompletedProcess:
    pre = _no_aslr() if fixed_addresses else []
    return subprocess.run([*pre, sys.executable, str(Path(__file__).resolve()), *args], capture_output=True,
                          text=True, env=_python_env(), timeout=timeout)


def _runtime(asset: Path, inputs_npz: Path, out_npz: Path, out_json: Path, attempts: int = 3):
    """run_asset in a subprocess. A run killed by a signal is retried: Core AI's runtime
    occasionally aborts a run that succeeds when repeated ("C++ exception handling detected but the
    Swift runtime was compiled with exceptions disabled", SIGABRT, about 1 run in 10 here).
    Returns (CompletedProcess, number of attempts)."""
    for i in range(1, attempts + 1):
        r = _sub(["_run", str(asset), str(inputs_npz), str(out_npz), str(out_json)])
        if r.returncode >= 0:
            return r, i
        print(f"  runtime run of {asset.name} killed ({_tail(r)}); attempt {i} of {attempts}", flush=True)
    return r, attempts


def _tail(r: subprocess.CompletedProcess) -> str:
    lines = [ln for ln in (r.stderr or "").strip().splitlines()
             if "Warning" not in ln and "warnings.warn" not in ln and not ln.startswith("W1")]
    return f"exit code {r.returncode}: " + (lines[-1][:300] if lines else "(no message)")


def _quiet():
    warnings.filterwarnings("ignore")
    import logging
    logging.basicConfig(level=logging.ERROR)
    for n in ("transformers", "torch", "coreai_torch", "coreai_opt"):
        logging.getLogger(n).setLevel(logging.ERROR)


def _versions() -> dict:
    import importlib.metadata as md
    return {p: md.version(p) for p in ("coreai-torch", "coreai-core", "coreai-opt", "torch", "transformers",
                                        "torchvision", "timm", "numpy")}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------------------------------------------
# export (one model per subprocess)
# ----------------------------------------------------------------------------------------------

def export_one(name: str, out: Path, info_json: Path):
    _quiet()
    import random

    import torch
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    import coreai_torch
    from coreai.authoring.asset import AIModelAsset  # noqa: F401
    _seed_graph_names()

    spec = BUILDERS[name]()
    module = spec["module"].eval()
    n_params = sum(p.numel() for p in module.parameters())
    module = module.half()
    example = tuple(torch.from_numpy(a) for a in make_inputs(spec["inputs"], seed=SEED).values())

    def export_fn(m):
        with torch.no_grad():
            ep = torch.export.export(m, example)
        return ep.run_decompositions(coreai_torch.get_decomp_table())

    conv = coreai_torch.TorchConverter()
    names = dict(input_names=[i["name"] for i in spec["inputs"]], output_names=spec["outputs"])
    if spec.get("externalize"):
        conv.add_pytorch_module(module, export_fn=export_fn, externalize_modules=spec["externalize"], **names)
    else:
        conv.add_exported_program(export_fn(module), **names)
    prog = conv.to_coreai()
    named = name_unnamed_graph_io(prog)
    if out.exists():
        shutil.rmtree(out)
    asset = prog.save_asset(out)

    def meta(m):
        m.author = "coreai project: test/conformance/export_models.py"
        m.license = "BSD-3-Clause (random-init weights)"
        m.model_description = f"{spec['architecture']}, exported with coreai-torch from {spec['source']}"
        for k, v in (("model", name), ("source", spec["source"]), ("seed", str(SEED))):
            m.set_custom(k, v)

    asset.update_metadata(meta)
    info = dict(name=name, architecture=spec["architecture"], source=spec["source"], config=spec["config"],
                parameters=int(n_params), inputs=spec["inputs"], outputs=spec["outputs"],
                note=spec.get("note"),
                externalized=[s.target_class.__name__ for s in spec.get("externalize") or []],
                names_added_by_export=named)
    info_json.write_text(json.dumps(info, sort_keys=True))


def _seed_graph_names():
    """coreai-core names generated graphs (composites: sdpa_<5 letters>, layer_norm_..., and
    coreai-torch's externalized submodules: <path>_<8 hex digits>) with `secrets.choice` and
    `uuid.uuid4`, which cannot be seeded: every export would get new graph names. Draw them from
    a seeded generator instead, so re-exporting gives the same names and bytes."""
    import random
    import uuid

    import coreai.authoring.func as authoring_func
    import coreai.authoring.graph_builder as authoring_graph_builder
    import coreai_torch.externalize as externalize
    rng = random.Random(SEED)
    authoring_func.choice = rng.choice
    authoring_graph_builder.choice = rng.choice
    externalize.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)


def name_unnamed_graph_io(prog) -> list:
    """Give every graph argument and result a `coreai.name` (Core AI's runtime needs them on the
    functions it runs). coreai-torch 0.4.3 names the inputs of every graph and the results of the
    public ones, but not the results of its private composite graphs (layer_norm, sdpa,
    hard_sigmoid, ...): those get the composite declaration's output names (else output_<i>).
    Returns [graph, "arg"|"result", index, name] for every name added."""
    from coreai._compiler import ir
    m = prog._module._mlir_module  # noqa: SLF001
    added = []
    with m.context:
        for g in m.body.operations:
            g = g.operation
            if g.name != "coreai.graph":
                continue
            gname = g.attributes["sym_name"].value
            attrs = {a.name for a in g.attributes}
            ftype = g.attributes["function_type"].value
            decl_out = []
            if "composite_decl" in attrs:
                mo = re.search(r"output_names = \[([^\]]*)\]", str(g.attributes["composite_decl"]))
                decl_out = re.findall(r'"([^"]*)"', mo.group(1)) if mo else []
            for kind, key, types in (("arg", "arg_attrs", ftype.inputs), ("result", "res_attrs", ftype.results)):
                old = list(g.attributes[key]) if key in attrs else []
                new, changed = [], False
                for i in range(len(types)):
                    d = {a.name: a.attr for a in old[i]} if i < len(old) else {}
                    if "coreai.name" not in d:
                        name = decl_out[i] if kind == "result" and i < len(decl_out) else f"{kind}_{i}"
                        d["coreai.name"] = ir.StringAttr.get(name)
                        added.append([gname, kind, i, name])
                        changed = True
                    new.append(ir.DictAttr.get(d))
                if changed:
                    g.attributes[key] = ir.ArrayAttr.get(new)
    if added:
        m.operation.verify()
    return added


def cmd_export(args):
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    infos = _load_infos()
    failures = 0
    for name in _selected(args.only):
        t0 = time.time()
        out = asset_path(name)
        with tempfile.TemporaryDirectory() as td:
            info_json = Path(td) / "info.json"
            r = _sub(["_export", name, str(out), str(info_json)], fixed_addresses=True)
            if r.returncode != 0 or not info_json.exists():
                print(f"{name:16s} EXPORT FAILED ({_tail(r)})", flush=True)
                print(r.stderr[-4000:], file=sys.stderr)
                failures += 1
                continue
            infos[name] = json.loads(info_json.read_text())
        size = sum(p.stat().st_size for p in out.iterdir())
        print(f"{name:16s} exported in {time.time() - t0:5.1f}s: {infos[name]['parameters']} parameters, "
              f"{size / 1e6:.2f} MB", flush=True)
        if name == EXAMPLE_MODEL:
            if EXAMPLE.exists():
                shutil.rmtree(EXAMPLE)
            shutil.copytree(out, EXAMPLE)
    _save_infos(infos)
    return failures


INFOS = MODELS_DIR / ".export-info.json"  # scratch (gitignored): builder info between export and check


def _load_infos() -> dict:
    man = MODELS_DIR / "manifest.json"
    infos = {}
    if man.exists():
        for m in json.loads(man.read_text())["models"]:
            infos[m["name"]] = {k: m[k] for k in ("name", "architecture", "source", "config", "parameters",
                                                  "inputs", "outputs", "note", "externalized",
                                                  "names_added_by_export") if k in m}
    if INFOS.exists():
        infos.update(json.loads(INFOS.read_text()))
    return infos


def _save_infos(infos: dict):
    INFOS.write_text(json.dumps(infos, sort_keys=True, indent=1))


def _selected(only):
    names = list(BUILDERS)
    if only:
        bad = [n for n in only if n not in BUILDERS]
        if bad:
            sys.exit(f"unknown model(s) {bad}; known: {names}")
        names = [n for n in names if n in only]
    return names


# ----------------------------------------------------------------------------------------------
# check: load, verify, summary, structure (one subprocess), run (another)
# ----------------------------------------------------------------------------------------------

def _location_text(op) -> str:
    return str(op.location)


def inspect_program(asset: Path) -> dict:
    """Structure of an asset's program as coreai-core loads it: graphs (name, visibility,
    arguments and results with their coreai.name), op counts, and the float constants above the
    threshold with their consumers. Verifies the program."""
    from coreai.authoring.asset import AIModelAsset
    a = AIModelAsset.load(asset)
    valid = AIModelAsset.is_valid(asset)
    prog = a.program
    m = prog._module._mlir_module  # noqa: SLF001
    m.operation.verify()
    graphs, ops, weights = [], {}, []
    for g in m.body.operations:
        g = g.operation
        if g.name != "coreai.graph":
            continue
        gname = g.attributes["sym_name"].value
        attrs = {n.name for n in g.attributes}
        ftype = g.attributes["function_type"].value
        arg_attrs = list(g.attributes["arg_attrs"]) if "arg_attrs" in attrs else []
        res_attrs = list(g.attributes["res_attrs"]) if "res_attrs" in attrs else []

        def named(attrs_list, i):
            if i < len(attrs_list):
                d = attrs_list[i]
                if "coreai.name" in d:
                    return d["coreai.name"].value
            return None

        graphs.append(dict(
            name=gname, private="priv" in attrs, noinline="no_inline" in attrs,
            composite="composite_decl" in attrs,
            inputs=[dict(name=named(arg_attrs, i), type=str(t)) for i, t in enumerate(ftype.inputs)],
            outputs=[dict(name=named(res_attrs, i), type=str(t)) for i, t in enumerate(ftype.results)]))
        users = {}
        for block in g.regions[0].blocks:
            for op in block.operations:
                op = op.operation
                ops[op.name] = ops.get(op.name, 0) + 1
                for i, v in enumerate(op.operands):
                    users.setdefault(v, []).append(f"{op.name}#{i}")
        for block in g.regions[0].blocks:
            for op in block.operations:
                op = op.operation
                if op.name != "coreai.constant":
                    continue
                t = op.results[0].type
                ety = str(t.element_type)
                if ety not in ("f16", "f32", "bf16") or not t.has_static_shape:
                    continue
                n = int(np.prod(t.shape)) if t.rank else 1
                if n <= THRESHOLD:
                    continue
                weights.append(dict(graph=gname, shape=list(t.shape), dtype=ety, elements=n,
                                    consumers=users.get(op.results[0], [])))
    s = a.summary(include_statistics=True)
    def counts(xs):
        return ({str(k): int(v) for k, v in xs} if all(isinstance(x, tuple) for x in xs)
                else sorted(str(x) for x in xs))

    summary = dict(functions=list(s.function_names),
                   compatibility_version=str(s._compatibility_version),  # noqa: SLF001
                   storage_types=counts(s.storage_types), compute_types=counts(s.compute_types),
                   operation_distribution={str(k): int(v) for k, v in dict(s.operation_distribution).items()})
    return dict(valid=bool(valid), graphs=graphs, op_counts=dict(sorted(ops.items())), weights=weights,
                summary=summary)


def run_asset(asset: Path, inputs_npz: Path | None, out_npz: Path) -> dict:
    """Run every function of the asset in Core AI's runtime. main gets the arrays of inputs_npz;
    other functions get seeded inputs from their descriptor. Saves outputs as
    '<function>/<output>' in out_npz and returns their shapes and dtypes."""
    from coreai.authoring.asset import AIModelAsset
    from coreai.runtime._ndarray import NDArray
    given = dict(np.load(inputs_npz)) if inputs_npz else {}
    asset_ = AIModelAsset.load(asset)
    result, arrays = {}, {}

    async def go():
        async with asset_.executable() as model:
            for fname in model.function_names:
                fn = model.load_function(fname)
                d = fn.desc
                ins = dict(given) if fname == "main" and given else _desc_inputs(d)
                t0 = time.time()
                out = await fn({k: NDArray(v) for k, v in ins.items()})
                dt = time.time() - t0
                outs = {}
                for k, v in out.items():
                    a = np.asarray(v.numpy())
                    arrays[f"{fname}/{k}"] = a
                    outs[k] = dict(shape=list(a.shape), dtype=str(a.dtype), finite=bool(np.isfinite(a).all()))
                result[fname] = dict(inputs={k: dict(shape=list(v.shape), dtype=str(v.dtype)) for k, v in ins.items()},
                                     outputs=outs, seconds=round(dt, 4))

    asyncio.run(go())
    np.savez(out_npz, **arrays)
    return result


def cmd_check(args):
    infos = _load_infos()
    man_path = MODELS_DIR / "manifest.json"
    kept = {m["name"]: m for m in json.loads(man_path.read_text())["models"]} if man_path.exists() else {}
    models = []
    failures = 0
    selected = _selected(args.only)
    for name in selected:
        p = asset_path(name)
        if not p.exists() or name not in infos:
            print(f"{name:16s} MISSING (run export first)")
            failures += 1
            continue
        info = dict(infos[name])
        entry = dict(info)
        with tempfile.TemporaryDirectory() as td:
            js = Path(td) / "inspect.json"
            r = _sub(["_inspect", str(p), str(js)])
            if r.returncode != 0:
                print(f"{name:16s} LOAD/VERIFY/SUMMARY FAILED ({_tail(r)})")
                failures += 1
                entry["load"] = _tail(r)
                models.append(entry)
                continue
            entry.update(json.loads(js.read_text()))
            inp = Path(td) / "in.npz"
            np.savez(inp, **make_inputs(info["inputs"]))
            outp, rj = Path(td) / "out.npz", Path(td) / "run.json"
            r, _ = _runtime(p, inp, outp, rj)
            if r.returncode != 0:
                print(f"{name:16s} RUNTIME FAILED ({_tail(r)})")
                failures += 1
                entry["runtime"] = dict(error=_tail(r))
            else:
                entry["runtime"] = json.loads(rj.read_text())
                for f in entry["runtime"].values():
                    f.pop("seconds", None)
        missing_names = [(g["name"], io["type"]) for g in entry.get("graphs", [])
                         for io in g["inputs"] + g["outputs"] if not io["name"]]
        if missing_names:
            print(f"{name:16s} graph inputs/outputs without coreai.name: {missing_names}")
            failures += 1
        files = {f.name: f.stat().st_size for f in sorted(p.iterdir())}
        entry["files"] = files
        entry["asset_bytes"] = sum(files.values())
        entry["main_mlirb_sha256"] = _sha256(p / "main.mlirb")
        entry["weights_above_threshold"] = len(entry.get("weights", []))
        entry["weight_elements_above_threshold"] = sum(w["elements"] for w in entry.get("weights", []))
        eligible = [w for w in entry.get("weights", []) if w["consumers"] and
                    all(c.split("#")[0] in CONSUMERS for c in w["consumers"])]
        entry["eligible_weights"] = len(eligible)
        models.append(entry)
        rt = entry.get("runtime", {})
        shapes = {f"{fn}/{k}": v["shape"] for fn, d in rt.items() if isinstance(d, dict) and "outputs" in d
                  for k, v in d["outputs"].items()}
        print(f"{name:16s} {entry['parameters']:8d} params, {entry['weights_above_threshold']:3d} weights > {THRESHOLD} "
              f"({entry['eligible_weights']} eligible), {entry['asset_bytes'] / 1e6:5.2f} MB, "
              f"graphs {[g['name'] for g in entry.get('graphs', [])]}, runtime outputs {shapes}", flush=True)
    # Models not checked this time keep their entries.
    models += [m for n, m in kept.items() if n not in selected and n in BUILDERS]
    models.sort(key=lambda m: list(BUILDERS).index(m["name"]))
    total = sum(m.get("asset_bytes", 0) for m in models)
    man = dict(generator="test/conformance/export_models.py", versions=_versions(), seed=SEED, input_seed=INPUT_SEED,
               weight_num_threshold=THRESHOLD, total_asset_bytes=total,
               example=dict(path="test/data/example.aimodel", model=EXAMPLE_MODEL),
               models=models)
    man_path.write_text(json.dumps(man, sort_keys=True, indent=1, allow_nan=False) + "\n")
    print(f"check: {len(selected) - failures} passed, {failures} failed; assets {total / 1e6:.2f} MB")
    return failures


def cmd_determinism(args):
    """Re-export each model into a scratch directory and compare its main.mlirb with the
    manifest's sha256 (and metadata.json without creationDate with the committed one)."""
    manifest = {m["name"]: m for m in json.loads((MODELS_DIR / "manifest.json").read_text())["models"]}
    differ = 0
    with tempfile.TemporaryDirectory() as td:
        for name in _selected(args.only):
            out = Path(td) / f"{name}.aimodel"
            r = _sub(["_export", name, str(out), str(Path(td) / f"{name}.json")], fixed_addresses=True)
            if r.returncode != 0:
                print(f"{name:16s} EXPORT FAILED ({_tail(r)})")
                differ += 1
                continue
            same = _sha256(out / "main.mlirb") == manifest[name]["main_mlirb_sha256"]
            meta = [json.loads((d / "metadata.json").read_text()) for d in (out, asset_path(name))]
            for m in meta:
                m.pop("creationDate", None)
            print(f"{name:16s} main.mlirb {'identical' if same else 'DIFFERS'}; metadata.json apart from "
                  f"creationDate {'identical' if meta[0] == meta[1] else 'DIFFERS'}", flush=True)
            differ += (not same) + (meta[0] != meta[1])
    return differ


# ----------------------------------------------------------------------------------------------
# baseline: coreai-core's texts given to coreai-opt
# ----------------------------------------------------------------------------------------------

def cmd_baseline(args):
    coreai_opt = Path(args.coreai_opt or os.environ.get("COREAI_OPT") or ROOT / "target" / "debug" / "coreai-opt")
    keep = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="coreai-baseline-"))
    keep.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in _selected(args.only):
        for form in PRINT_FORMS:
            txt = keep / f"{name}.{form}.mlir"
            r = _sub(["_print", str(asset_path(name)), form, str(txt)])
            if r.returncode != 0:
                results[(name, form)] = f"print failed: {_tail(r)}"
                continue
            o = subprocess.run([str(coreai_opt), str(txt), "-o", os.devnull], capture_output=True, text=True)
            first = next((ln for ln in o.stderr.splitlines() if "error" in ln), o.stderr.strip()[:300])
            first = first.replace(str(keep) + "/", "")
            results[(name, form)] = "OK" if o.returncode == 0 else first[:400]
            print(f"{name:16s} {form:8s} {txt.stat().st_size / 1e6:6.2f} MB  coreai-opt: {results[(name, form)]}",
                  flush=True)
    print(f"texts kept in {keep}")
    return results


# ----------------------------------------------------------------------------------------------
# reference: coreai-opt 0.4.0 on every asset
# ----------------------------------------------------------------------------------------------

def _enum_kwargs(fn: str, kw: dict) -> dict:
    from coreai_opt.coreai_utils import CompressionGranularity, DType
    from coreai_opt.coreai_utils.common import QScheme
    out = dict(kw)
    for k in ("dtype", "scale_dtype", "lut_dtype", "quantize_dtype"):
        if out.get(k) is not None:
            out[k] = DType(out[k])
    if "qscheme" in out:
        out["qscheme"] = QScheme(out["qscheme"])
    if "granularity" in out:
        out["granularity"] = CompressionGranularity(out["granularity"])
    if fn == "palettize_weights":
        out["num_kmeans_workers"] = 1
    return out


def snr_db(ref, x) -> float | None:
    """SNR of x against ref in dB; None when x equals ref (infinite) or x holds a non-finite
    value (then `nonfinite_elements` says how many)."""
    ref = np.asarray(ref, np.float64)
    x = np.asarray(x, np.float64)
    if not np.isfinite(x).all():
        return None
    err = x - ref
    e = float((err * err).sum())
    if e == 0:
        return None  # exact (infinite SNR); JSON has no infinity
    return round(float(10 * np.log10(float((ref * ref).sum()) / e)), 3)


def _numpy_eval():
    import numpy_eval as ne
    return ne


def weight_table(module) -> dict:
    """The weights of an uncompressed program (the module as loaded from its asset, so the
    locations are the asset's debug locations): id -> record, and numpy_eval's use keys
    ('graph:ordinal:op#operand') -> (id, array)."""
    ne = _numpy_eval()
    ev = ne.evaluate(None, module=module)
    table, uses = {}, {}
    for key, v in ev.values.items():
        op = v.owner
        if op.name != "coreai.constant":
            continue
        arr = np.asarray(ev.weights[key])
        ety = ev.etypes[key]
        if ety not in ("f16", "f32", "bf16") or arr.size <= THRESHOLD:
            continue
        gname = key.split(":", 1)[0]
        ident = hashlib.sha256(arr.tobytes() + repr((list(arr.shape), ety, gname)).encode()).hexdigest()
        loc = _location_text(op)
        wid = hashlib.sha256(f"{ident}|{loc}".encode()).hexdigest()[:16]
        rec = table.setdefault(wid, dict(id=wid, sha256=hashlib.sha256(arr.tobytes()).hexdigest(),
                                         shape=list(arr.shape), dtype=ety, graph=gname, location=loc,
                                         elements=int(arr.size), uses=[]))
        rec["uses"].append(key)
        uses[key] = (wid, arr)
    return dict(table=table, uses=uses)


def reference_many(asset: Path, out_dir: Path, configs: list):
    """reference_one for several configurations in one process (one torch import): writes
    <config>.aimodel and <config>.json into out_dir."""
    _quiet()
    import traceback
    for config in configs:
        try:
            reference_one(asset, config, out_dir / f"{config}.aimodel", out_dir / f"{config}.json")
        except Exception:  # noqa: BLE001  (recorded by the retry of this configuration alone)
            traceback.print_exc()


def reference_one(asset: Path, config: str, out_asset: Path, out_json: Path):
    """Run the reference on one asset (AIModelAsset.load -> fn -> save_asset) and compare each
    weight's decoding with the original."""
    _quiet()
    t0 = time.time()
    from coreai.authoring.asset import AIModelAsset
    from coreai_opt.coreai_utils import palettize_weights, quantize_weights, sparsify_weights

    import make_fixtures
    ne = _numpy_eval()
    make_fixtures._serial_kmeans_pool()  # noqa: SLF001
    fn_name, kw = REFERENCE_CONFIGS[config]
    fn = dict(quantize_weights=quantize_weights, palettize_weights=palettize_weights,
              sparsify_weights=sparsify_weights)[fn_name]
    prog = AIModelAsset.load(asset).program
    wt = weight_table(prog._module._mlir_module)  # noqa: SLF001
    t1 = time.time()
    out = fn(prog, **_enum_kwargs(fn_name, kw))
    t_ref = time.time() - t1
    ref_text = str(out)
    if out_asset.exists():
        shutil.rmtree(out_asset)
    out.save_asset(out_asset)
    # What the reference wrote to disk, as coreai-core reads it back (save_asset drops dead
    # constants and may fold).
    saved_text = str(AIModelAsset.load(out_asset).program)
    ev_ref = ne.evaluate(ref_text, fp4_layout="auto")
    ev_saved = ne.evaluate(saved_text, fp4_layout="auto")
    weights = []
    for wid, rec in sorted(wt["table"].items()):
        orig = wt["uses"][rec["uses"][0]][1]
        chains, snrs, saved_equal, nonfinite = [], [], True, 0
        for key in rec["uses"]:
            dec = ev_ref.weights.get(key)
            if dec is None:
                chains.append(None)
                continue
            chains.append(ev_ref.chains[key])
            snrs.append(snr_db(orig, dec))
            nonfinite = max(nonfinite, int((~np.isfinite(np.asarray(dec, np.float64))).sum()))
            sd = ev_saved.weights.get(key)
            if sd is None or not np.array_equal(np.asarray(sd, np.float64), np.asarray(dec, np.float64),
                                                equal_nan=True):
                saved_equal = False
        compressed = any(c for c in chains if c)
        uniq = sorted({json.dumps(c) for c in chains})
        weights.append(dict(id=wid, sha256=rec["sha256"], shape=rec["shape"], dtype=rec["dtype"], graph=rec["graph"],
                            location=rec["location"], elements=rec["elements"], uses=rec["uses"],
                            compressed=compressed, chain=[json.loads(u) for u in uniq][0] if len(uniq) == 1 else
                            [json.loads(u) for u in uniq],
                            snr_db=(min((s for s in snrs if s is not None), default=None) if compressed else None),
                            exact=compressed and nonfinite == 0 and all(s is None for s in snrs),
                            nonfinite_elements=nonfinite,
                            saved_asset_decodes_same=saved_equal))
    res = dict(config=config, function=fn_name, kwargs=kw, reference_seconds=round(t_ref, 2),
               seconds=round(time.time() - t0, 2), weights=weights,
               op_counts_saved=dict(sorted(ev_saved.op_counts.items())), notes=sorted(set(ev_ref.notes)),
               main_mlirb_bytes=(out_asset / "main.mlirb").stat().st_size)
    out_json.write_text(json.dumps(res, sort_keys=True, allow_nan=False))


def _output_errors(base: dict, comp: dict) -> dict:
    errs = {}
    for k, y in sorted(base.items()):
        if k not in comp:
            errs[k] = dict(missing=True)
            continue
        y64, c64 = np.asarray(y, np.float64), np.asarray(comp[k], np.float64)
        if y64.shape != c64.shape:
            errs[k] = dict(shape_mismatch=[list(y64.shape), list(c64.shape)])
            continue
        if not (np.isfinite(c64).all() and np.isfinite(y64).all()):
            errs[k] = dict(rel_rms=None, max_abs=None, finite=bool(np.isfinite(c64).all()),
                           nonfinite_elements=int((~np.isfinite(c64)).sum()))
            continue
        d = c64 - y64
        den = float(np.sqrt((y64 * y64).mean()))
        errs[k] = dict(rel_rms=(round(float(np.sqrt((d * d).mean())) / den, 6) if den > 0 else None),
                       max_abs=round(float(np.abs(d).max()), 6) if d.size else 0.0,
                       finite=bool(np.isfinite(c64).all()))
    return errs


def cmd_reference(args):
    man_path = MODELS_DIR / "manifest.json"
    manifest = json.loads(man_path.read_text())
    infos = {m["name"]: m for m in manifest["models"]}
    ref_path = MODELS_DIR / "reference.json"
    old = json.loads(ref_path.read_text()) if ref_path.exists() else {}
    models = old.get("models", {})
    configs = args.configs or list(REFERENCE_CONFIGS)
    bad = [c for c in configs if c not in REFERENCE_CONFIGS]
    if bad:
        sys.exit(f"unknown configuration(s) {bad}; known: {list(REFERENCE_CONFIGS)}")
    failures = problems = 0  # failures: an uncompressed model that does not run; problems: recorded
    for name in _selected(args.only):
        p = asset_path(name)
        mres = models.setdefault(name, dict(configs={}))
        with tempfile.TemporaryDirectory() as td:
            td = Path(td)
            inp = td / "in.npz"
            np.savez(inp, **make_inputs(infos[name]["inputs"]))
            base_npz = td / "base.npz"
            r, _ = _runtime(p, inp, base_npz, td / "base.json")
            if r.returncode != 0:
                print(f"{name}: uncompressed model does not run ({_tail(r)})")
                failures += 1
                continue
            base = dict(np.load(base_npz))
            mres["main_mlirb_sha256"] = _sha256(p / "main.mlirb")
            # All configurations in one process; a configuration whose process died is retried
            # alone, so one abort cannot hide the others' results.
            t0 = time.time()
            r = _sub(["_reference_many", str(p), str(td), *configs], fixed_addresses=True)
            batch_seconds = time.time() - t0
            for config in configs:
                t0 = time.time()
                out_asset, js = td / f"{config}.aimodel", td / f"{config}.json"
                if not js.exists():
                    r = _sub(["_reference", str(p), config, str(out_asset), str(js)], fixed_addresses=True)
                if r.returncode != 0 and not js.exists():
                    mres["configs"][config] = dict(error=_tail(r))
                    print(f"{name:16s} {config:32s} REFERENCE FAILED ({_tail(r)})", flush=True)
                    problems += 1
                    continue
                res = json.loads(js.read_text())
                comp_npz = td / f"{config}.out.npz"
                r, _ = _runtime(out_asset, inp, comp_npz, td / f"{config}.run.json")
                if r.returncode != 0:
                    res["runtime"] = dict(error=_tail(r))
                    problems += 1
                else:
                    res["runtime"] = _output_errors(base, dict(np.load(comp_npz)))
                if (name, config) in KEEP_REFERENCE_ASSETS:
                    dst = MODELS_DIR / "reference" / f"{name}.{config}.aimodel"
                    if dst.exists():
                        shutil.rmtree(dst)
                    dst.parent.mkdir(exist_ok=True)
                    shutil.copytree(out_asset, dst)
                    res["kept_asset"] = str(dst.relative_to(ROOT))
                timing = res.pop("seconds"), res.pop("reference_seconds")
                mres["configs"][config] = res
                ws = res["weights"]
                comp = [w for w in ws if w["compressed"]]
                snrs = [w["snr_db"] for w in comp if w["snr_db"] is not None]
                rt = res["runtime"]
                worst = max((e.get("rel_rms") or 0) for e in rt.values()) if "error" not in rt else None
                print(f"{name:16s} {config:32s} {len(comp):3d}/{len(ws):3d} compressed, SNR "
                      f"{(f'{min(snrs):6.2f}..{max(snrs):6.2f}' if snrs else '     -') } dB, "
                      f"output rel RMS {worst if worst is not None else rt.get('error')} "
                      f"({timing[1]:.1f}s in the reference, {timing[0]:.1f}s with decoding, runtime "
                      f"{time.time() - t0:.1f}s)", flush=True)
            print(f"{name:16s} all configurations in {batch_seconds:.0f}s", flush=True)
    out = dict(generator="test/conformance/export_models.py reference", versions=_versions(), input_seed=INPUT_SEED,
               configs={k: dict(function=f, kwargs=kw) for k, (f, kw) in REFERENCE_CONFIGS.items()},
               notes=["weights: every float coreai.constant with more than 1024 elements; id = sha256 of its "
                      "bytes, shape, dtype and graph, plus its location text (first 16 hex digits)",
                      "snr_db: decoded (numpy_eval.py, FP4 in either layout) against the original, over "
                      "the weight's uses (minimum); null when uncompressed, exact, or when the decoded "
                      "weight holds NaN/inf (nonfinite_elements > 0)",
                      "runtime: Core AI runtime outputs of the reference-compressed asset against the "
                      "uncompressed asset on the manifest's seeded inputs (make_inputs, input_seed)",
                      "palettize runs with num_kmeans_workers=1; sparsify's k-means pool runs serially "
                      "(make_fixtures._SerialPool); both change no result"],
               models=models)
    ref_path.write_text(json.dumps(out, sort_keys=True, indent=1, allow_nan=False) + "\n")
    print(f"reference: {failures} failure(s), {problems} reference or runtime error(s) recorded; wrote "
          f"{ref_path.relative_to(ROOT)}")
    return failures


# ----------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sp = ap.add_subparsers(dest="cmd", required=True)
    for c in ("export", "check", "reference", "baseline", "determinism", "all"):
        p = sp.add_parser(c)
        p.add_argument("--only", nargs="*", help="model names (default: all)")
        if c in ("reference", "all"):
            p.add_argument("--configs", nargs="*", help="reference configurations (default: all)")
        if c == "baseline":
            p.add_argument("--coreai-opt", help="coreai-opt binary (default $COREAI_OPT, else target/debug/coreai-opt)")
            p.add_argument("--keep", help="directory for the printed texts (default: a new temporary directory)")
    for c, n in (("_export", 3), ("_inspect", 2), ("_run", 4), ("_print", 3), ("_reference", 4),
                 ("_reference_many", "+")):
        p = sp.add_parser(c)
        p.add_argument("argv", nargs=n)
    args = ap.parse_args()
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    if args.cmd == "_export":
        export_one(args.argv[0], Path(args.argv[1]), Path(args.argv[2]))
    elif args.cmd == "_inspect":
        _quiet()
        Path(args.argv[1]).write_text(json.dumps(inspect_program(Path(args.argv[0])), sort_keys=True))
    elif args.cmd == "_run":
        _quiet()
        inp = Path(args.argv[1]) if args.argv[1] != "-" else None
        Path(args.argv[3]).write_text(json.dumps(run_asset(Path(args.argv[0]), inp, Path(args.argv[2]))))
    elif args.cmd == "_print":
        _quiet()
        Path(args.argv[2]).write_text(print_program(Path(args.argv[0]), args.argv[1]))
    elif args.cmd == "_reference":
        reference_one(Path(args.argv[0]), args.argv[1], Path(args.argv[2]), Path(args.argv[3]))
    elif args.cmd == "_reference_many":
        reference_many(Path(args.argv[0]), Path(args.argv[1]), args.argv[2:])
    elif args.cmd == "export":
        sys.exit(1 if cmd_export(args) else 0)
    elif args.cmd == "check":
        sys.exit(1 if cmd_check(args) else 0)
    elif args.cmd == "reference":
        sys.exit(1 if cmd_reference(args) else 0)
    elif args.cmd == "baseline":
        cmd_baseline(args)
    elif args.cmd == "determinism":
        sys.exit(1 if cmd_determinism(args) else 0)
    elif args.cmd == "all":
        f = cmd_export(args)
        f += cmd_check(args)
        f += cmd_reference(args)
        sys.exit(1 if f else 0)


if __name__ == "__main__":
    main()
