"""The programs of the .aimodel corpus (see make_corpus.py): one small program per op family,
dtype or feature, built with coreai-core's authoring API, plus MLIR text programs in progs/.
Every result reaches a named graph output (save_asset drops dead pure ops)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import ml_dtypes
import numpy as np

import coreai.authoring as ca  # noqa: I001  (before coreai._compiler: circular import otherwise)
from coreai.authoring import AIProgram, Module, TensorType, Value, graph
from coreai.authoring.constant import constant
from coreai._compiler import ir
from coreai.authoring.asset import Context

f16, f32, bf16 = np.float16, np.float32, ml_dtypes.bfloat16
i32, u32, i8, u8, i16 = np.int32, np.uint32, np.int8, np.uint8, np.int16
PROGS = Path(__file__).with_name("progs")


def T(shape, dt, name=None):
    return Annotated[Value, TensorType(shape, dt, name=name)]


class _Stop(Exception):
    pass


def build(inputs, body, graph_name="main", extra=None):
    """A module with one graph `graph_name(inputs) -> body(...)`; result types are inferred by
    building once and recording them. `extra(module)` may add more graphs first."""
    rec = []

    def make(annot):
        def fn(*args):
            outs = body(*args)
            outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
            if annot is None:
                rec.extend(o.type for o in outs)
                raise _Stop
            return tuple(outs) if len(outs) > 1 else outs[0]

        params = [f"a{i}" for i in range(len(inputs))]
        fn.__annotations__ = {p: T(s, d, n) for p, (s, d, n) in zip(params, inputs)}
        fn.__annotations__["return"] = annot if annot is not None else T((1,), f16, "zz")
        src = f"def {graph_name}({', '.join(params)}): return _fn({', '.join(params)})"
        ns = {"_fn": fn}
        exec(src, ns)  # noqa: S102 - gives the graph its name and arity
        g = ns[graph_name]
        g.__annotations__ = fn.__annotations__
        return g

    m = Module.create()
    try:
        with m:
            graph(make(None))
    except _Stop:
        pass
    types = [t.with_name(f"o{i}") for i, t in enumerate(rec)]
    annot = (tuple[tuple(Annotated[Value, t] for t in types)] if len(types) > 1
             else Annotated[Value, types[0]])
    m = Module.create()
    with m:
        if extra:
            extra()
        graph(make(annot))
    return m


def a(x, dt):
    return np.array(x, dt)


def rng(seed=0):
    return np.random.default_rng(seed)


# ------------------------------------------------------------------------------------------
PROGRAMS = {}


def program(fn):
    PROGRAMS[fn.__name__] = fn
    return fn


@program
def unary_f16():
    ops = ["abs_", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "erf", "exp", "log",
           "round_", "rsqrt", "sigmoid", "silu", "sin", "sinh", "sqrt", "tan", "tanh", "relu"]
    return build([((2, 4), f16, "x")], lambda x: [getattr(ca, o)(x) for o in ops])


@program
def unary_f32_gelu():
    return build([((3, 5), f32, "x")], lambda x: [ca.gelu(x), ca.gelu(x, approximate="tanh"),
                                                   ca.gelu(x, approximate="sigmoid"), ca.exp(x)])


@program
def binary_f16():
    ops = ["add", "sub", "mul", "divide", "pow_", "maximum", "minimum", "modulo", "floor_divide"]
    return build([((2, 4), f16, "x"), ((2, 4), f16, "y")], lambda x, y: [getattr(ca, o)(x, y) for o in ops])


@program
def compare_logical():
    def body(x, y, b, c):
        return [ca.equal(x, y), ca.greater(x, y), ca.not_equal(x, y), ca.and_(b, c), ca.or_(b, c),
                ca.xor_(b, c), ca.not_(b), ca.where(b, x, y)]
    return build([((2, 3), f32, "x"), ((2, 3), f32, "y"), ((2, 3), np.bool_, "b"), ((2, 3), np.bool_, "c")], body)


@program
def bitwise_int():
    def body(x, y):
        return [ca.bitwise_and(x, y), ca.bitwise_or(x, y), ca.bitwise_xor(x, y), ca.add(x, y)]
    return build([((4,), i32, "x"), ((4,), i32, "y")], body)


@program
def broadcasting():
    names = ["add", "sub", "mul", "divide", "pow", "maximum", "minimum", "modulo", "floor_divide"]

    def body(x, y, z):
        out = [getattr(ca, f"broadcasting_{n}")(x, y) for n in names]
        out += [ca.broadcasting_equal(x, z), ca.broadcasting_greater(y, x), ca.broadcasting_not_equal(x, y)]
        return out
    return build([((2, 1, 4), f16, "x"), ((3, 1), f16, "y"), ((4,), f16, "z")], body)


@program
def broadcasting_logic():
    def body(b, c, x, y, i, j):
        return [ca.broadcasting_and(b, c), ca.broadcasting_or(b, c), ca.broadcasting_xor(b, c),
                ca.broadcasting_where(b, x, y), ca.broadcasting_bitwise_and(i, j),
                ca.broadcasting_bitwise_or(i, j), ca.broadcasting_bitwise_xor(i, j)]
    return build([((2, 1), np.bool_, "b"), ((1, 3), np.bool_, "c"), ((2, 3), f32, "x"), ((3,), f32, "y"),
                  ((2, 1), i32, "i"), ((3,), i32, "j")], body)


@program
def broadcasting_matmul():
    w = rng(1).standard_normal((3, 8, 6)).astype(f16)

    def body(x, y, z):
        return [ca.broadcasting_batch_matmul(x, y), ca.broadcasting_batch_matmul(z, constant(w)),
                ca.batch_matmul(z[0] if False else x, y) if False else ca.broadcasting_batch_matmul(x, x)]
    return build([((2, 1, 4, 8), f16, "x"), ((3, 8, 5), f16, "y"), ((4, 8), f16, "z")],
                 lambda x, y, z: [ca.broadcasting_batch_matmul(x, y), ca.broadcasting_batch_matmul(z, constant(w))])


@program
def softmax_relu():
    return build([((2, 3, 8), f16, "x"), ((5,), f32, "y")],
                 lambda x, y: [ca.softmax(x, a(-1, i32)), ca.softmax(x, a(1, i32)), ca.softmax(y, a(0, i32)),
                               ca.relu(x), ca.relu(y)])


@program
def reductions():
    names = ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_product"]

    def body(x, b):
        out = [getattr(ca, n)(x, a([1], i32)) for n in names]
        out += [ca.reduce_sum(x, a([0, 2], i32)), ca.argmax(x, a(1, i32)), ca.all_(b, a([0], i32)),
                ca.any_(b, a([1], i32))]
        return out
    return build([((2, 3, 4), f32, "x"), ((3, 2), np.bool_, "b")], body)


@program
def shapes():
    def body(x):
        return [ca.reshape(x, a([6, 4], i32)), ca.transpose(x, a([2, 0, 1], u32)),
                ca.expand_dims(x, a([0], i32)), ca.shrink_dims(ca.expand_dims(x, a([1], i32)), a([1], i32)),
                ca.tile(x, a([1, 2, 1], u32)), ca.broadcast_to(x, a([2, 2, 3, 4], i32)),
                ca.reverse(x, a([0], i32)), ca.get_shape(x),
                ca.concat(a(1, i32), [x, x]), ca.slice_(x, a([0, 1, 0], i32), a([2, 3, 4], i32), a([1, 1, 2], i32)),
                ca.cast(x, f16)]
    return build([((2, 3, 4), f32, "x")], body)


@program
def gather_scatter():
    def body(t, ids, x, idx, upd):
        return [ca.gather_nd(t, ids), ca.gather_along_axis(x, idx, a(1, i32)),
                ca.scatter_nd(x, a([[0, 1], [1, 2]], i32), a([5.0, 6.0], f32)),
                ca.scatter_along_axis(TensorType((2, 4), f32), x, idx, upd, a(1, i32), scatter_mode="add"),
                ca.scatter_along_axis(TensorType((2, 4), f32), x, idx, upd, a(1, i32), scatter_mode="max")]
    return build([((16, 4), f16, "t"), ((3, 1), i32, "ids"), ((2, 4), f32, "x"), ((2, 2), i32, "idx"),
                  ((2, 2), f32, "upd")], body)


@program
def conv_pool():
    w = rng(2).standard_normal((8, 4, 3, 3)).astype(f16)

    def body(x):
        one2 = a([1, 1], u32)
        return [ca.conv2d(x, constant(w), one2, one2, a(1, u32)),
                ca.maxpool2d(TensorType((1, 4, 4, 4), f16), x, a([2, 2], u32), a([2, 2], u32), one2, a(False, np.bool_))]
    return build([((1, 4, 8, 8), f16, "x")], body)


@program
def pad_modes():
    def body(x):
        p = a([0, 0, 0, 0, 1, 1, 2, 2], u32)
        return [ca.pad(x, p, a(0.0, f32)), ca.pad(x, p, a(0.0, f32), padding_mode="reflect"),
                ca.pad(x, p, a(0.0, f32), padding_mode="replicate")]
    return build([((1, 3, 3, 4), f32, "x")], body)


@program
def interpolate_modes():
    def body(x):
        return [ca.interpolate(x, a([1, 3, 6, 8], i32), a([1.0, 1.0, 2.0, 2.0], f32), a([0.0, 0.0, 0.0, 0.0], f32), "linear"),
                ca.interpolate(x, a([1, 3, 6, 8], i32), a([1.0, 1.0, 2.0, 2.0], f32), a([0.0, 0.0, 0.0, 0.0], f32), "nearest_neighbor")]
    return build([((1, 3, 3, 4), f32, "x")], body)


@program
def scan_combiners():
    def body(x):
        return [ca.scan(x, a(2, u32), a(False, np.bool_)), ca.scan(x, a(1, u32), a(True, np.bool_), combiner="max")]
    return build([((1, 3, 3, 4), f32, "x")], body)


@program
def sort_misc():
    def body(x):
        return [ca.sort(x, a(1, i32), a(True, np.bool_), a(False, np.bool_)),
                ca.argsort(x, a(1, i32), a(False, np.bool_), a(True, np.bool_)),
                ca.range_(a(0, i32), a(8, i32), a(2, i32))]
    return build([((2, 5), f32, "x")], body)


@program
def dtypes_dense():
    """Constants of many element types, inline (small) and as dense_resource (>= 256 elements)."""
    r = rng(4)

    def body(x):
        outs = [x]
        for dt in (f16, f32, bf16, i8, u8, i16, i32, u32, np.int64, np.bool_):
            small = (r.standard_normal((2, 3)) * 4).astype(dt)
            big = (r.standard_normal((16, 16)) * 4).astype(dt)
            outs += [ca.cast(constant(small), f32), ca.cast(constant(big), f32)]
        outs.append(ca.add(x, constant(np.full((4,), 0.5, f32))))  # splat
        return outs
    return build([((4,), f32, "x")], body)


@program
def multi_graph():
    w = rng(5).standard_normal((8, 4)).astype(f32)

    def extra():
        @graph
        def helper(x: T((2, 8), f32, "hx")) -> T((2, 4), f32, "hy"):
            return ca.batch_matmul(x, constant(w))

    m = build([((2, 8), f32, "x")], lambda x: [ca.exp(x)], extra=extra)
    return m


@program
def quant_ops():
    def body(x):
        q = ca.quantize(x, a(0.1, f32), a(0, i8), a(0.0, f32), a(0, i32))
        return [ca.dequantize(q, a(0.1, f32), a(0, i8), a(0.0, f32), a(0, i32))]
    return build([((4, 4), f32, "x")], body)


# --- MLIR text programs -------------------------------------------------------------------
def _text(name):
    def f():
        ctx = Context()._mlir_context
        with ctx:
            return ir.Module.parse((PROGS / f"{name}.mlir").read_text())
    f.__name__ = name
    f.text = True
    return f


for _n in ("tiny_named", "nn_ops_named", "compress_ops_named", "dense_subbyte", "ops_mix"):
    PROGRAMS[_n] = _text(_n)


def save(name, out: Path):
    m = PROGRAMS[name]()
    if getattr(PROGRAMS[name], "text", False):
        AIProgram._from_mlir_module(m).save_asset(out)  # noqa: SLF001
    else:
        AIProgram(m).save_asset(out)
