"""Harvests the decomposition regions coreai-core's `save_asset` writes for the decomposable ops
(softmax, relu, sigmoid, silu, reduce_*, argmax/all/any and the decomposable.broadcasting_*
family) over many shapes, ranks, dtypes, broadcast patterns and operand origins (graph
arguments, constants, results of other ops), as fixtures of crates/coreai-aimodel's
decomposition generators (tests/suite/decompose.rs).

One asset per op family goes to test/data/aimodel/decompositions/NAME.aimodel (built with
coreai-core's authoring API; every case is its own graph argument set and graph output); with
--print, also NAME.aicode.mlir (coreai-core's generic aicode printing, for reading; not
committed: large). Programs that coreai-core refuses to build or save are reported. Each family runs in its own
subprocess (coreai-core aborts the interpreter on some inputs).

usage: .venv-conformance/bin/python test/conformance/aimodel/harvest_decompositions.py [NAME ...] [--list] [--print]
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
OUT = ROOT / "test/data/aimodel/decompositions"

BROADCAST_SHAPES = [
    # (x, y): equal, scalar, rank mismatch, size-1 dims on either or both sides
    ((2, 3), (2, 3)), ((4,), ()), ((), (3,)), ((), ()), ((2, 3, 4), (4,)), ((2, 1, 4), (3, 1)),
    ((1,), (5,)), ((3, 1), (1, 4)), ((2, 3, 4), (2, 1, 1)), ((1, 1), (2, 3)), ((5, 1, 1, 2), (3, 1)),
    ((2, 3), (1,)), ((2, 3), (3,)), ((1, 2, 3), (2, 3)), ((6,), (1,)),
]


def families():
    import numpy as np  # noqa: PLC0415
    import ml_dtypes  # noqa: PLC0415
    import coreai.authoring as ca  # noqa: PLC0415
    from coreai.authoring.constant import constant  # noqa: PLC0415
    sys.path.insert(0, str(HERE))
    from corpus_programs import build  # noqa: PLC0415

    f16, f32, bf16, i32, u8, i8, boo = np.float16, np.float32, ml_dtypes.bfloat16, np.int32, np.uint8, np.int8, np.bool_

    def a(x, dt):
        return np.array(x, dt)

    def binary(name, dtypes, shapes=BROADCAST_SHAPES, const=True, compare=False):
        def make():
            inputs, cases = [], []
            for dt in dtypes:
                for sx, sy in shapes:
                    cases.append(("arg", len(inputs), len(inputs) + 1))
                    inputs += [(sx, dt, None), (sy, dt, None)]
            if const:
                for dt in dtypes[:1]:
                    for sx, cy in [((2, 3), a(1, dt)), ((4,), a([1, 2, 3, 4], dt)), ((2, 1), a([[1, 2, 3]], dt))]:
                        cases.append(("const", len(inputs), cy))
                        inputs.append((sx, dt, None))
                    # an operand made by another op
                    cases.append(("chain", len(inputs), len(inputs) + 1))
                    inputs += [((2, 3), dt, None), ((3,), dt, None)]
            fn = getattr(ca, f"broadcasting_{name}")

            def body(*args):
                out = []
                for kind, i, j in cases:
                    if kind == "arg":
                        out.append(fn(args[i], args[j]))
                    elif kind == "const":
                        out.append(fn(args[i], constant(j)))
                        out.append(fn(constant(j), args[i]))
                    else:
                        t = (ca.broadcasting_maximum if compare else fn)(args[i], args[j])
                        out.append(fn(t, args[j]))
                return out
            return build([(s, d, f"a{k}") for k, (s, d, _) in enumerate(inputs)], body)
        return make

    fam = {}
    num = [f16, f32, i32]
    for n in ["add", "sub", "mul", "divide", "maximum", "minimum"]:
        fam[f"broadcasting_{n}"] = binary(n, num)
    for n in ["pow", "modulo", "floor_divide"]:
        fam[f"broadcasting_{n}"] = binary(n, [f16, f32])
    for n in ["equal", "not_equal", "greater"]:
        fam[f"broadcasting_{n}"] = binary(n, [f16, f32, i32], compare=True)
    for n in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
        fam[f"broadcasting_{n}"] = binary(n, [i32, u8, boo])
    for n in ["and", "or", "xor"]:
        fam[f"broadcasting_{n}"] = binary(n, [boo])

    def where():
        shapes = [((2, 3), (2, 3), (2, 3)), ((2, 1), (3,), ()), ((), (2, 3), (2, 3)), ((4,), (), ()),
                  ((1, 3), (2, 1), (2, 3)), ((2, 3, 1), (1, 4), (3, 1))]
        inputs, cases = [], []
        for dt in [f16, i32]:
            for sc, sa, sb in shapes:
                cases.append(len(inputs))
                inputs += [(sc, boo, None), (sa, dt, None), (sb, dt, None)]
        return build([(s, d, f"a{k}") for k, (s, d, _) in enumerate(inputs)],
                     lambda *x: [ca.broadcasting_where(x[i], x[i + 1], x[i + 2]) for i in cases])
    fam["broadcasting_where"] = where

    def matmul():
        shapes = [((4, 8), (8, 5)), ((2, 4, 8), (8, 5)), ((4, 8), (3, 8, 5)), ((2, 1, 4, 8), (3, 8, 5)),
                  ((2, 4, 8), (2, 8, 5)), ((1, 4, 8), (3, 8, 5)),
                  ((2, 3, 4, 8), (3, 8, 5)), ((5, 1, 4, 8), (1, 2, 8, 3))]
        inputs, cases = [], []
        for dt in [f16, f32]:
            for sx, sy in shapes:
                cases.append(("arg", len(inputs), len(inputs) + 1))
                inputs += [(sx, dt, None), (sy, dt, None)]
        w = np.arange(3 * 8 * 6, dtype=f16).reshape(3, 8, 6)
        cases.append(("const", len(inputs), w))
        inputs.append(((4, 8), f16, None))

        def body(*x):
            out = []
            for kind, i, j in cases:
                out.append(ca.broadcasting_batch_matmul(x[i], x[j] if kind == "arg" else constant(j)))
            return out
        return build([(s, d, f"a{k}") for k, (s, d, _) in enumerate(inputs)], body)
    fam["broadcasting_batch_matmul"] = matmul

    def unary(fn, dtypes, shapes=((5,), (2, 3, 8), (), (1, 4), (2, 1, 3, 2))):
        def make():
            inputs = [(s, d, None) for d in dtypes for s in shapes]
            return build([(s, d, f"a{k}") for k, (s, d, _) in enumerate(inputs)],
                         lambda *x: [fn(v) for v in x])
        return make
    fam["relu"] = unary(ca.relu, [f16, f32, bf16, i32, i8])
    fam["sigmoid"] = unary(ca.sigmoid, [f16, f32, bf16])
    fam["silu"] = unary(ca.silu, [f16, f32, bf16])

    def softmax():
        cases = [((5,), 0), ((2, 3, 8), -1), ((2, 3, 8), 1), ((2, 3, 8), 0), ((4, 6), -2), ((1, 4, 16, 16), 3),
                 ((1, 4, 16, 16), -1), ((3, 1), 1)]
        inputs = [(s, d, None) for d in [f16, f32, bf16] for s, _ in cases]
        axes = [ax for _ in range(3) for _, ax in cases]

        return build([(s, d, f"a{k}") for k, (s, d, _) in enumerate(inputs)],
                     lambda *x: [ca.softmax(v, a(ax, i32)) for v, ax in zip(x, axes)])
    fam["softmax"] = softmax

    def reduction(name, dtypes):
        cases = [((2, 3, 4), [1]), ((2, 3, 4), [0, 2]), ((2, 3, 4), [-1]), ((5,), [0]), ((2, 3, 4), [0, 1, 2]),
                 ((1, 16, 128), [2]), ((1, 16, 128), [-1]), ((4, 1), [1]), ((2, 3), [1, 0])]

        def make():
            inputs = [(s, d, None) for d in dtypes for s, _ in cases]
            axes = [ax for _ in dtypes for _, ax in cases]
            fn = getattr(ca, name)

            return build([(s, d, f"a{k}") for k, (s, d, _) in enumerate(inputs)],
                         lambda *x: [fn(v, a(ax, i32)) for v, ax in zip(x, axes)])
        return make
    for n in ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_product"]:
        fam[n] = reduction(n, [f16, f32, bf16, i32] if n != "reduce_mean" else [f16, f32, bf16])

    def argmax():
        cases = [((2, 3, 4), 1), ((5,), 0), ((2, 3, 4), -1), ((1, 16), 1)]
        inputs = [(s, d, None) for d in [f16, f32, i32] for s, _ in cases]
        axes = [ax for _ in range(3) for _, ax in cases]
        return build([(s, d, f"a{k}") for k, (s, d, _) in enumerate(inputs)],
                     lambda *x: [ca.argmax(v, a(ax, i32)) for v, ax in zip(x, axes)])
    fam["argmax"] = argmax

    def allany():
        cases = [((3, 2), [0]), ((3, 2), [1]), ((2, 3, 4), [0, 2]), ((5,), [0])]
        inputs = [(s, boo, None) for s, _ in cases]

        def body(*x):
            return ([ca.all_(v, a(ax, i32)) for v, (_, ax) in zip(x, cases)]
                    + [ca.any_(v, a(ax, i32)) for v, (_, ax) in zip(x, cases)])
        return build([(s, d, f"a{k}") for k, (s, d, _) in enumerate(inputs)], body)
    fam["all_any"] = allany
    return fam


CHILD = r'''
import sys
sys.path.insert(0, sys.argv[1])
import harvest_decompositions as h
from coreai.authoring import AIProgram
m = h.families()[sys.argv[2]]()
from pathlib import Path
AIProgram(m).save_asset(Path(sys.argv[3]))
'''

PRINT = r'''
import sys
import coreai.authoring  # noqa: F401
from coreai._compiler import ir
from coreai.authoring.asset import Context
with Context()._mlir_context:
    m = ir.Module.parse(open(sys.argv[1], "rb").read())
    print(m.operation.get_asm(print_generic_op_form=True, enable_debug_info=True, large_elements_limit=None), end="")
'''


def main():
    names = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--list" in sys.argv:
        print("\n".join(families()))
        return
    all_names = list(families())
    OUT.mkdir(parents=True, exist_ok=True)
    ok = failed = 0
    for name in names or all_names:
        asset = OUT / f"{name}.aimodel"
        if asset.exists():
            subprocess.run(["rm", "-rf", str(asset)], check=True)
        p = subprocess.run([sys.executable, "-c", CHILD, str(HERE), name, str(asset)], capture_output=True, text=True)
        if p.returncode != 0:
            failed += 1
            print(f"FAIL {name}: {(p.stderr.strip().splitlines() or ['abort'])[-1][:300]}")
            continue
        if "--print" in sys.argv:
            p = subprocess.run([sys.executable, "-c", PRINT, str(asset / "main.mlirb")], capture_output=True, text=True)
            (OUT / f"{name}.aicode.mlir").write_text(p.stdout)
        ok += 1
        print(f"ok   {name}: {(asset / 'main.mlirb').stat().st_size} bytes")
    print(f"harvest: {ok} families saved, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
