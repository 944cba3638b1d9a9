"""Seeded, real Core AI programs for the conformance suite, built with coreai-core's own
authoring API (coreai.authoring: Module, graph, constant, batch_matmul, ...).

Each builder returns the module printed as MLIR text:
- in custom form when coreai-opt's `coreai` dialect knows every op in it,
- in generic form otherwise (the MLIR binding's `print_generic_op_form`), because coreai-opt
  parses the ops it does not register only in generic form.

Weights of 256 elements or more are stored by coreai-core's `constant()` as `dense_resource`
blobs (checked in `check_storage`). The weights are small (<= 128x64 / 32x16x3x3) so that the
suite is quick, but all of them are above the weight-num-threshold the suite uses (512),
except the deliberately small ones.

Run `python programs.py [NAME] [--out DIR]` to print (or write) the programs.
"""


import argparse
import sys
from pathlib import Path
from typing import Annotated

import ml_dtypes
import numpy as np

import coreai.authoring as ca  # noqa: I001  (import before coreai._compiler: circular import otherwise)
from coreai.authoring import Module, TensorType, Value, graph
from coreai.authoring.constant import constant
from coreai._compiler import ir
from coreai._compiler._mlir_libs._coreaiIR import register_dialects

THRESHOLD = 512  # weight-num-threshold used by every configuration of the suite

# Ops that coreai-opt's dialect parses in custom form (everything else must be generic).
KNOWN_OPS = {
    "builtin.module", "coreai.graph", "coreai.output", "coreai.constant", "coreai.cast", "coreai.invoke",
    "coreai.blockwise_shift_scale", "coreai.lut_to_dense", "coreai.lut_to_sparse_with_bitmask",
    "coreai.build_sparse_with_bitmask", "coreai.sparse_with_bitmask_to_dense", "coreai.quantize",
    "coreai.dequantize", "coreai.batch_matmul", "coreai.decomposable.broadcasting_batch_matmul",
    "coreai.conv2d", "coreai.transpose", "coreai.gather_nd",
}

BF16 = ml_dtypes.bfloat16


def T(shape, dt, name=None):
    return Annotated[Value, TensorType(shape, dt, name=name)]


def weight(rng, shape, dtype, out_axis=0, scale=0.05):
    """N(0, scale^2) weights with a per-output-channel spread (so per-channel and per-tensor
    quantization differ), cast to `dtype`."""
    w = rng.standard_normal(shape) * scale
    spread = np.exp(rng.uniform(-1.0, 1.0, size=shape[out_axis]))
    bshape = [1] * len(shape)
    bshape[out_axis] = shape[out_axis]
    return (w * spread.reshape(bshape)).astype(dtype)


def make_context():
    ctx = ir.Context()
    register_dialects(ctx, load=True)
    return ctx


def op_names(mlir_module):
    names = set()

    def visit(op):
        names.add(op.name)
        return ir.WalkResult.ADVANCE

    mlir_module.operation.walk(visit)
    return names


def print_module(module_or_mlir) -> str:
    """Custom form if coreai-opt knows every op, else generic form (whole module)."""
    mm = getattr(module_or_mlir, "_mlir_module", module_or_mlir)
    mm.operation.verify()
    if op_names(mm) <= KNOWN_OPS:
        return str(mm)
    return mm.operation.get_asm(print_generic_op_form=True)


def _build(fn) -> str:
    module = Module.create()
    with module:  # the pre-compilation rewrite runs on a clean exit
        fn()
    return print_module(module)


# ---------------------------------------------------------------------------------------------
# "zoo": one custom-form module with many graphs, every weight position of spec B.3.
# ---------------------------------------------------------------------------------------------
def build_zoo(seed: int = 1) -> str:
    rng = np.random.default_rng(seed)
    f16, f32 = np.float16, np.float32

    def body():
        W_mm_y = weight(rng, (96, 80), f16, out_axis=1)         # y operand [K, N]
        W_mm_x = weight(rng, (64, 96), f32, out_axis=0)         # x operand [M, K], f32
        W_lin = weight(rng, (80, 64), f16, out_axis=0)          # nn.Linear [out, in] -> transpose -> y
        W_bb = weight(rng, (64, 48), f16, out_axis=1)           # broadcasting_batch_matmul y
        W_conv = weight(rng, (32, 16, 3, 3), f16, out_axis=0)   # conv2d
        W_gconv = weight(rng, (16, 8, 3, 3), f32, out_axis=0)   # grouped conv2d (groups 4)
        E = weight(rng, (128, 64), f16, out_axis=0)             # gather_nd embedding table
        W_bf = weight(rng, (64, 48), BF16, out_axis=1)          # bf16 weight
        W_odd = weight(rng, (48, 40), f16, out_axis=1)          # dims not multiples of 32
        W_oddx = weight(rng, (40, 48), f16, out_axis=0)         # x operand, in 48 / out 40
        W_sh = weight(rng, (64, 64), f16, out_axis=1)           # shared by two consumers
        W_small = weight(rng, (16, 16), f16, out_axis=1)        # 256 <= threshold: untouched
        W_big = weight(rng, (64, 64), f32, out_axis=1, scale=8.0)  # |w| >> 6.55 (spec F.4)
        W_helper = weight(rng, (64, 32), f32, out_axis=1)       # in a private noinline callee

        @graph
        def mm_y(x: T((4, 96), f16, "x")) -> T((4, 80), f16, "y"):
            return ca.batch_matmul(x, constant(W_mm_y))

        @graph
        def mm_x(x: T((96, 8), f32, "x")) -> T((64, 8), f32, "y"):
            return ca.batch_matmul(constant(W_mm_x), x)

        @graph
        def linear(x: T((2, 64), f16, "x")) -> T((2, 80), f16, "y"):
            wt = ca.transpose(constant(W_lin), np.array([1, 0], np.uint32))
            return ca.batch_matmul(x, wt)

        @graph
        def bbmm(x: T((2, 3, 64), f16, "x")) -> T((2, 3, 48), f16, "y"):
            return ca.broadcasting_batch_matmul(x, constant(W_bb))

        @graph
        def conv(x: T((1, 16, 8, 8), f16, "x")) -> T((1, 32, 6, 6), f16, "y"):
            return ca.conv2d(x, constant(W_conv), np.array([1, 1], np.uint32), np.array([1, 1], np.uint32),
                             np.array(1, np.uint32))

        @graph
        def conv_grouped(x: T((1, 32, 9, 9), f32, "x")) -> T((1, 16, 4, 4), f32, "y"):
            return ca.conv2d(x, constant(W_gconv), np.array([2, 2], np.uint32), np.array([1, 1], np.uint32),
                             np.array(4, np.uint32))

        @graph
        def embed(i: T((5, 1), np.int32, "i")) -> T((5, 64), f16, "y"):
            return ca.gather_nd(constant(E), i)

        @graph
        def mm_bf16(x: T((2, 64), BF16, "x")) -> T((2, 48), BF16, "y"):
            return ca.batch_matmul(x, constant(W_bf))

        @graph
        def odd(x: T((2, 48), f16, "x"), z: T((48, 2), f16, "z")) -> tuple[T((2, 40), f16, "y"), T((40, 2), f16, "w")]:
            return ca.batch_matmul(x, constant(W_odd)), ca.batch_matmul(constant(W_oddx), z)

        @graph
        def shared(a: T((2, 64), f16, "a"), b: T((3, 64), f16, "b")) -> tuple[T((2, 64), f16, "y"), T((3, 64), f16, "z")]:
            w = constant(W_sh)
            return ca.batch_matmul(a, w), ca.batch_matmul(b, w)

        @graph
        def small(x: T((2, 16), f16, "x")) -> T((2, 16), f16, "y"):
            return ca.batch_matmul(x, constant(W_small))

        @graph
        def big_values(x: T((2, 64), f32, "x")) -> T((2, 64), f32, "y"):
            return ca.batch_matmul(x, constant(W_big))

        @graph(private=True, no_inline=True)
        def helper(x: T((2, 64), f32, "x")) -> T((2, 32), f32, "y"):
            return ca.batch_matmul(x, constant(W_helper))

        @graph
        def main(x: T((2, 64), f32, "x")) -> T((2, 32), f32, "y"):
            return helper(x)[0]

    return _build(body)


# ---------------------------------------------------------------------------------------------
# "mixed": generic-form module with many other Core AI ops around the weights.
# ---------------------------------------------------------------------------------------------
def build_mixed(seed: int = 2) -> str:
    rng = np.random.default_rng(seed)
    f16, f32 = np.float16, np.float32

    def body():
        W1 = weight(rng, (64, 96), f16, out_axis=1)
        W2 = weight(rng, (96, 32), f16, out_axis=1)
        B1 = weight(rng, (16, 96), f16, out_axis=1)             # added, not a matmul weight: untouched
        W_mixed = weight(rng, (32, 32), f32, out_axis=1)        # 1024 elements, used by bmm AND add: untouched (B.1.4)
        W3 = weight(rng, (128, 32), f32, out_axis=0)            # transpose -> bmm (nn.Linear)

        @graph
        def block(x: T((16, 64), f16, "x")) -> T((4, 128), f16, "y"):
            h = ca.batch_matmul(x, constant(W1))
            h = ca.add(h, constant(B1))
            h = ca.gelu(h)
            h = ca.batch_matmul(h, constant(W2))
            h = ca.softmax(h, np.array(-1, np.int32))
            return ca.reshape(h, np.array([4, 128], np.int32))

        @graph
        def head(x: T((32, 32), f32, "x"), y: T((4, 32), f32, "y")) -> tuple[T((32, 32), f32, "a"), T((4, 128), f32, "b")]:
            w = constant(W_mixed)
            a = ca.add(ca.batch_matmul(x, w), w)
            a = ca.relu(ca.mul(a, ca.sigmoid(a)))
            b = ca.batch_matmul(y, ca.transpose(constant(W3), np.array([1, 0], np.uint32)))
            return a, ca.tanh(b)

    return _build(body)


# ---------------------------------------------------------------------------------------------
# "chains": hand-made compressed chains (not produced by our passes), written as text with
# blobs packed here, verified by coreai-core. Only decompressed (ours vs numpy_eval).
# ---------------------------------------------------------------------------------------------
def _pack_bits(values: np.ndarray, bits: int) -> bytes:
    """Row-major, LSB-first bit stream, last byte zero-padded (spec C.3 / D.7)."""
    v = (np.asarray(values).astype(np.int64).ravel() & ((1 << bits) - 1)).astype(np.uint64)
    n = v.size * bits
    out = np.zeros((n + 7) // 8, np.uint8)
    for b in range(bits):
        pos = np.arange(v.size) * bits + b
        bit = ((v >> np.uint64(b)) & np.uint64(1)).astype(np.uint8)
        np.bitwise_or.at(out, pos // 8, (bit << (pos % 8)).astype(np.uint8))
    return out.tobytes()


class _Text:
    def __init__(self):
        self.lines, self.blobs, self.n = [], {}, 0

    def res(self, payload: bytes, ty: str, align: int = 16) -> str:
        name = f"blob_{len(self.blobs)}"
        self.blobs[name] = align.to_bytes(4, "little") + payload
        return self.const(f"dense_resource<{name}> : {ty}")

    def const(self, attr: str) -> str:
        return self.op(f"coreai.constant {attr}")

    def op(self, text: str) -> str:
        v = f"%v{self.n}"
        self.n += 1
        self.lines.append(f"    {v} = {text}")
        return v


def _f16_list(a) -> str:
    return "[" + ", ".join(repr(float(x)) for x in np.asarray(a, np.float32).ravel()) + "]"


def _chains_dense(t, rng, outs, nested):
    # 1) vector LUT (V=2 along axis 1), per-group on axis 1: indices [32,16] ui2 -> out [32,32];
    #    lut [1, 2, 4, 2] (2 groups of 8 index columns).
    idx = rng.integers(0, 4, (32, 16))
    lut = rng.standard_normal((1, 2, 4, 2)).astype(np.float16)
    a = t.res(_pack_bits(idx, 2), "tensor<32x16xui2>")
    b = t.const(f"dense<{nested(lut)}> : tensor<1x2x4x2xf16>")
    ax = t.const("dense<1> : tensor<si16>")
    w = t.op(f"coreai.lut_to_dense {a}, {b}, {ax} : (tensor<32x16xui2>, tensor<1x2x4x2xf16>, tensor<si16>) -> tensor<32x32xf16>")
    outs.append((w, "tensor<32x32xf16>"))

    # 2) vector LUT along axis 0 (V=4), ui3 indices, f32 LUT per group on axis 0 (rows in 2 groups).
    idx = rng.integers(0, 8, (8, 24))
    lut = rng.standard_normal((2, 1, 8, 4)).astype(np.float32)
    a = t.res(_pack_bits(idx, 3), "tensor<8x24xui3>")
    b = t.const(f"dense<{nested(lut)}> : tensor<2x1x8x4xf32>")
    ax = t.const("dense<0> : tensor<si16>")
    w = t.op(f"coreai.lut_to_dense {a}, {b}, {ax} : (tensor<8x24xui3>, tensor<2x1x8x4xf32>, tensor<si16>) -> tensor<32x24xf32>")
    outs.append((w, "tensor<32x24xf32>"))

    # 3) ui6 scalar LUT -> si8 LUT -> cast -> blockwise_shift_scale with offset1/offset2 != 0
    idx = rng.integers(0, 64, (16, 32))
    lutq = rng.integers(-127, 128, (1, 4, 64, 1))
    a = t.res(_pack_bits(idx, 6), "tensor<16x32xui6>")
    b = t.res(lutq.astype(np.int8).tobytes(), "tensor<1x4x64x1xsi8>")
    ax = t.const("dense<0> : tensor<si16>")
    l = t.op(f"coreai.lut_to_dense {a}, {b}, {ax} : (tensor<16x32xui6>, tensor<1x4x64x1xsi8>, tensor<si16>) -> tensor<16x32xsi8>")
    c = t.op(f"coreai.cast {l} : tensor<16x32xsi8> to tensor<16x32xf16>")
    s = t.const(f"dense<{nested(np.float16(rng.uniform(0.01, 0.02, (4, 1))))}> : tensor<4x1xf16>")
    o1 = t.const(f"dense<{nested(np.float16(rng.integers(-3, 4, (4, 1))))}> : tensor<4x1xf16>")
    o2 = t.const(f"dense<{nested(np.float16(rng.uniform(-0.1, 0.1, (4, 1))))}> : tensor<4x1xf16>")
    w = t.op(f"coreai.blockwise_shift_scale {c}, {s}, {o1}, {o2} : (tensor<16x32xf16>, tensor<4x1xf16>, tensor<4x1xf16>, tensor<4x1xf16>) -> tensor<16x32xf16>")
    outs.append((w, "tensor<16x32xf16>"))

    # 4) ui4 data, blocks on both axes, non-zero ui4 offset1 and f32 offset2 (f16 scale, f32 out)
    q = rng.integers(0, 16, (16, 32))
    a = t.res(_pack_bits(q, 4), "tensor<16x32xui4>")
    s = t.const(f"dense<{nested(np.float16(rng.uniform(0.01, 0.1, (4, 2))))}> : tensor<4x2xf16>")
    o1 = t.const(f"dense<{nested(rng.integers(0, 16, (4, 2)), fmt=lambda x: str(int(x)))}> : tensor<4x2xui4>")
    o2 = t.const(f"dense<{nested(np.float32(rng.uniform(-0.1, 0.1, (4, 2))))}> : tensor<4x2xf32>")
    w = t.op(f"coreai.blockwise_shift_scale {a}, {s}, {o1}, {o2} : (tensor<16x32xui4>, tensor<4x2xf16>, tensor<4x2xui4>, tensor<4x2xf32>) -> tensor<16x32xf32>")
    outs.append((w, "tensor<16x32xf32>"))

    # 5) MX FP4: packed two per byte (F.8), E8M0 scale per 32-block, bf16 result
    codes = rng.integers(0, 16, (64, 8))
    packed = (codes.ravel()[0::2] | (codes.ravel()[1::2] << 4)).astype(np.uint8).tobytes()
    a = t.res(packed, "tensor<64x8xf4E2M1FN>", align=1)
    e8 = rng.integers(120, 130, (2, 8)).astype(np.uint8).tobytes()
    s = t.res(e8, "tensor<2x8xf8E8M0FNU>", align=1)
    o1 = t.const("dense<0.000000e+00> : tensor<2x8xf4E2M1FN>")
    o2 = t.const("dense<0.000000e+00> : tensor<2x8xbf16>")
    w = t.op(f"coreai.blockwise_shift_scale {a}, {s}, {o1}, {o2} : (tensor<64x8xf4E2M1FN>, tensor<2x8xf8E8M0FNU>, tensor<2x8xf4E2M1FN>, tensor<2x8xbf16>) -> tensor<64x8xbf16>")
    outs.append((w, "tensor<64x8xbf16>"))

    # 6) FP8 E5M2 data with an f32 per-channel scale
    x = (rng.standard_normal((32, 16)) * 4).astype(ml_dtypes.float8_e5m2)
    a = t.res(x.tobytes(), "tensor<32x16xf8E5M2>", align=1)
    s = t.const(f"dense<{nested(np.float32(rng.uniform(0.001, 0.01, (1, 16))))}> : tensor<1x16xf32>")
    o1 = t.const("dense<0.000000e+00> : tensor<1x16xf8E5M2>")
    o2 = t.const("dense<0.000000e+00> : tensor<1x16xf32>")
    w = t.op(f"coreai.blockwise_shift_scale {a}, {s}, {o1}, {o2} : (tensor<32x16xf8E5M2>, tensor<1x16xf32>, tensor<1x16xf8E5M2>, tensor<1x16xf32>) -> tensor<32x16xf32>")
    outs.append((w, "tensor<32x16xf32>"))


def build_chains(seed: int = 3, only_vector_sparse: bool = False) -> str:
    """Hand-made chains of every decodable form. With only_vector_sparse, just a vector
    (V=2) lut_to_sparse_with_bitmask chain (kept apart: coreai-opt's decompress rejects it)."""
    rng = np.random.default_rng(seed)
    t = _Text()
    outs = []  # (value, type)

    def nested(a, fmt=lambda x: repr(float(x))):
        a = np.asarray(a)
        if a.ndim == 0:
            return fmt(a)
        return "[" + ", ".join(nested(x, fmt) for x in a) + "]"

    if not only_vector_sparse:
        _chains_dense(t, rng, outs, nested)

    # 7) lut_to_sparse_with_bitmask -> sparse_with_bitmask_to_dense: scalar LUT (V=1) with ui4
    #    indices, or (only_vector_sparse) a vector LUT (V=2 along axis 1) with ui2 indices.
    V, bits = (2, 2) if only_vector_sparse else (1, 4)
    mask = rng.random((16, 8)) < 0.4
    nnz = int(mask.sum())
    idx = rng.integers(0, 1 << bits, nnz)
    lut = rng.standard_normal((1, 1, 1 << bits, V)).astype(np.float16)
    vi = t.res(_pack_bits(idx, bits), f"tensor<{nnz}xui{bits}>")
    m = t.res(_pack_bits(mask.astype(np.int64), 1), "tensor<16x8xui1>")
    enc = "#coreai.sparse_tensor_encoding<bitmask, numNonZero = {}, posWidth = 1, crdWidth = 1>"
    sp = t.op(f"coreai.build_sparse_with_bitmask {vi}, {m} : (tensor<{nnz}xui{bits}>, tensor<16x8xui1>) -> tensor<16x8xui{bits}, {enc.format(nnz)}>")
    lty = f"tensor<1x1x{1 << bits}x{V}xf16>"
    b = t.const(f"dense<{nested(lut)}> : {lty}")
    ax = t.const(f"dense<{1 if V > 1 else 0}> : tensor<si16>")
    oty = f"tensor<16x{8 * V}xf16, {enc.format(V * nnz)}>"
    ls = t.op(f"coreai.lut_to_sparse_with_bitmask {sp}, {b}, {ax} : (tensor<16x8xui{bits}, {enc.format(nnz)}>, {lty}, tensor<si16>) -> {oty}")
    w = t.op(f"coreai.sparse_with_bitmask_to_dense {ls} : {oty} -> tensor<16x{8 * V}xf16>")
    outs.append((w, f"tensor<16x{8 * V}xf16>"))

    if only_vector_sparse:
        return _finish_chains(t, outs)

    # 8) sparse si8 -> dense -> bss (C.10 form) and sparse f16 values (C.9 form), 3-D mask
    mask = rng.random((4, 8, 8)) < 0.5
    nnz = int(mask.sum())
    vals = rng.integers(-127, 128, nnz)
    v = t.res(vals.astype(np.int8).tobytes(), f"tensor<{nnz}xsi8>")
    m = t.res(_pack_bits(mask.astype(np.int64), 1), "tensor<4x8x8xui1>")
    sp = t.op(f"coreai.build_sparse_with_bitmask {v}, {m} : (tensor<{nnz}xsi8>, tensor<4x8x8xui1>) -> tensor<4x8x8xsi8, {enc.format(nnz)}>")
    d = t.op(f"coreai.sparse_with_bitmask_to_dense {sp} : tensor<4x8x8xsi8, {enc.format(nnz)}> -> tensor<4x8x8xsi8>")
    s = t.const("dense<1.250000e-02> : tensor<1x1x1xf16>")
    o1 = t.const("dense<0> : tensor<1x1x1xsi8>")
    o2 = t.const("dense<0.000000e+00> : tensor<1x1x1xf16>")
    w = t.op(f"coreai.blockwise_shift_scale {d}, {s}, {o1}, {o2} : (tensor<4x8x8xsi8>, tensor<1x1x1xf16>, tensor<1x1x1xsi8>, tensor<1x1x1xf16>) -> tensor<4x8x8xf16>")
    outs.append((w, "tensor<4x8x8xf16>"))

    # 9) inline (< 256 elements) si4 and an int->float cast of an inline si8 constant
    q = rng.integers(-8, 8, (8, 8))
    a = t.const(f"dense<{nested(q, fmt=lambda x: str(int(x)))}> : tensor<8x8xsi4>")
    c = t.op(f"coreai.cast {a} : tensor<8x8xsi4> to tensor<8x8xf32>")
    outs.append((c, "tensor<8x8xf32>"))

    return _finish_chains(t, outs)


def _finish_chains(t, outs) -> str:
    body = "\n".join(t.lines)
    res_types = ", ".join(ty for _, ty in outs)
    vals = ", ".join(v for v, _ in outs)
    blobs = ",\n".join(f'      {k}: "0x{v.hex().upper()}"' for k, v in t.blobs.items())
    text = (f"module {{\n  coreai.graph @chains() -> ({res_types}) {{\n{body}\n"
            f"    coreai.output {vals} : {res_types}\n  }}\n}}\n\n"
            f"{{-#\n  dialect_resources: {{\n    builtin: {{\n{blobs}\n    }}\n  }}\n#-}}\n")
    # verify with coreai-core and print it back (the custom form of coreai-core)
    mod = ir.Module.parse(text, context=make_context())
    mod.operation.verify()
    return print_module(mod)


# ---------------------------------------------------------------------------------------------
# "malformed": modules that coreai-core's verifier accepts (it checks no blob sizes, no nnz) but
# that do not describe a weight: coreai-opt and numpy_eval.py must both reject them.
# ---------------------------------------------------------------------------------------------
_QUANT_TMPL = """module {{
  coreai.graph @main(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {{
    %0 = coreai.constant dense_resource<blob_w> : tensor<8x4x{dt}>
    %1 = coreai.constant dense<0.125> : tensor<2x4xf16>
    %2 = coreai.constant dense<{zp}> : tensor<2x4x{dt}>
    %3 = coreai.constant dense<0.000000e+00> : tensor<2x4xf16>
    %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<8x4x{dt}>, tensor<2x4xf16>, tensor<2x4x{dt}>, tensor<2x4xf16>) -> tensor<8x4xf16>
    %5 = coreai.batch_matmul %arg0, %4 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
    coreai.output %5 : tensor<1x4xf16>
  }}
}}

{{-#
  dialect_resources: {{
    builtin: {{
      {name}: "0x{align}{payload}"
    }}
  }}
#-}}
"""

_SPARSE_TMPL = """module {{
  coreai.graph @main(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {{
    %0 = coreai.constant dense_resource<blob_v> : tensor<{nv}xf16>
    %1 = coreai.constant dense_resource<blob_m> : tensor<8x4xui1>
    %2 = coreai.build_sparse_with_bitmask %0, %1 : (tensor<{nv}xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = {nnz}, posWidth = 1, crdWidth = 1>>
    %3 = coreai.sparse_with_bitmask_to_dense %2 : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = {nnz}, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
    %4 = coreai.batch_matmul %arg0, %3 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
    coreai.output %4 : tensor<1x4xf16>
  }}
}}

{{-#
  dialect_resources: {{
    builtin: {{
      blob_v: "0x02000000{values}",
      blob_m: "0x10000000{mask}"
    }}
  }}
#-}}
"""


def malformed_programs() -> dict:
    """name -> (text, what must be wrong). The same modules with correct sizes are valid."""
    rng = np.random.default_rng(11)
    si4 = _pack_bits(rng.integers(-8, 8, 32), 4).hex().upper()          # 16 bytes: correct
    fp4_1b = bytes(rng.integers(0, 16, 32).astype(np.uint8)).hex().upper()  # 32 bytes: 1 byte/element
    vals16 = np.arange(1, 17, dtype=np.float16).tobytes().hex().upper()
    vals17 = np.arange(1, 18, dtype=np.float16).tobytes().hex().upper()
    mask16 = "C4D7684D"                                                    # 16 bits set (spec C.3)
    mask17 = "C5D7684D"                                                    # 17 bits set
    q = lambda payload, dt="si4", zp="0", name="blob_w": _QUANT_TMPL.format(  # noqa: E731
        dt=dt, zp=zp, name=name, align="10000000", payload=payload)
    sp = lambda nv, nnz, values, mask: _SPARSE_TMPL.format(nv=nv, nnz=nnz, values=values, mask=mask)  # noqa: E731
    return {
        "valid_si4": (q(si4), None),
        "si4_blob_17_bytes": (q(si4 + "00"), "si4 blob one byte too long"),
        "si4_blob_8_bytes": (q(si4[:16]), "si4 blob half the size"),
        "si4_unpacked_32_bytes": (q(bytes(32).hex()), "si4 stored one byte per element"),
        "missing_blob": (q(si4, name="blob_other"), "resource named in the IR but absent from the trailer"),
        "fp4_one_byte_per_element": (q(fp4_1b, dt="f4E2M1FN", zp="0.000000e+00").replace("0x10000000", "0x01000000")
                                     .replace("dense<0.125> : tensor<2x4xf16>", "dense<1.0> : tensor<2x4xf16>"),
                                     None),  # the reference's FP4 layout: read (issue 14), told apart by size
        "valid_sparse": (sp(16, 16, vals16, mask16), None),
        "sparse_numNonZero_15": (sp(16, 15, vals16, mask16), "numNonZero 15 with 16 values"),
        "sparse_mask_17_bits": (sp(16, 16, vals16, mask17), "mask with 17 set bits for 16 values"),
        "sparse_17_values": (sp(17, 17, vals17, mask16), "17 values for a mask with 16 set bits"),
    }


# ---------------------------------------------------------------------------------------------
# Fixture programs for the reverse direction (make_fixtures.py): one weight each, N(0, 1) like
# the spec's table in section E. The graph input is square so that feeding the identity to
# Apple's runtime returns the decoded weight (w16: W itself, w32: W transposed).
# ---------------------------------------------------------------------------------------------
FIXTURE_WEIGHT_KEY = {"w16": "main:0:coreai.batch_matmul#1", "w32": "main:0:coreai.transpose#0"}


def fixture_weight(kind: str, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if kind == "w16":
        return rng.standard_normal((256, 64)).astype(np.float16)   # [K=256, N=64], y operand
    if kind == "w32":
        return rng.standard_normal((64, 128)).astype(np.float32)   # nn.Linear [out=64, in=128]
    raise KeyError(kind)


def build_fixture_program(kind: str) -> str:
    W = fixture_weight(kind)

    def body():
        if kind == "w16":
            @graph
            def main(x: T((256, 256), np.float16, "x")) -> T((256, 64), np.float16, "y"):
                return ca.batch_matmul(x, constant(W))
        else:
            @graph
            def main(x: T((128, 128), np.float32, "x")) -> T((128, 64), np.float32, "y"):
                return ca.batch_matmul(x, ca.transpose(constant(W), np.array([1, 0], np.uint32)))

    return _build(body)


PROGRAMS = {"zoo": build_zoo, "mixed": build_mixed, "chains": build_chains,
            "chains_vsparse": lambda: build_chains(only_vector_sparse=True)}


def build(name: str) -> str:
    return PROGRAMS[name]()


def check_storage(text: str) -> list[str]:
    """Problems with how coreai-core stored the weights (>= 256 elements must be resources)."""
    import re
    problems = []
    for m in re.finditer(r"dense<\"?[^>]*> : tensor<([0-9x]+)x(f16|f32|bf16)>", text):
        n = int(np.prod([int(d) for d in m.group(1).split("x")]))
        if n >= 256 and not m.group(0).startswith("dense<0.0") :
            problems.append(f"inline weight of {n} elements: {m.group(0)[:60]}")
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", default=list(PROGRAMS))
    ap.add_argument("--out", type=Path, help="write NAME.mlir files here instead of printing")
    args = ap.parse_args(argv)
    for n in args.names:
        text = build(n)
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{n}.mlir").write_text(text)
        else:
            sys.stdout.write(f"// ===== {n}\n{text}\n")


if __name__ == "__main__":
    main()
