"""An independent NumPy evaluator of spec section E (decompression of Core AI weight chains).

It shares no code with coreai-opt. The module text is parsed by coreai-core's own MLIR
bindings (so the Core AI verifier runs too); ops are walked with the bindings and constant
attributes are read from them:
- inline DenseElementsAttr: through the buffer protocol for f16/f32/f64/i1/[su]i8..64, and from
  the attribute's printed form (element list, splat or "0x.." hex storage) for bf16, FP8, FP4,
  E8M0 and sub-byte integers, which the binding cannot convert;
- DenseResourceElementsAttr: the blob named by the attribute, taken from the
  `{-# dialect_resources #-}` trailer of the module as coreai-core prints it (the binding has no
  blob accessor). Payload: 4-byte little-endian alignment header, then the data. Sub-byte
  integers (ui1/si2/ui2/ui3/si4/ui4/ui6) are a row-major LSB-first bit stream; FP4 (f4E2M1FN) is
  packed two per byte, low nibble first (spec F.8; `fp4_layout="auto"` also accepts the
  reference's one byte per element, and says so in `notes`); FP8 E4M3FN/E5M2 and E8M0FNU are one
  byte per element (ml_dtypes); signless i1 (bool) is one byte per element (MLIR's bool resource
  layout, which coreai-core writes for the causal masks of exported transformers). Blob sizes
  are checked exactly (coreai-core does not).

Evaluated ops (spec E): coreai.constant, coreai.cast, coreai.blockwise_shift_scale,
coreai.lut_to_dense (vector LUTs and per-group LUTs), coreai.build_sparse_with_bitmask,
coreai.sparse_with_bitmask_to_dense, coreai.lut_to_sparse_with_bitmask, coreai.dequantize.
Arithmetic is float64; every op result is rounded (RNE) to its result element type.

Every operand of every other op ("consumer": batch_matmul, conv2d, transpose, gather_nd,
output, invoke, add, ...) whose value is computable from constants is recorded in
`Evaluation.weights` under the key "graph:ordinal:opname#operand", where ordinal counts the
non-decompression ops of the graph. The keys are therefore the same in a program, its
compressed form and its decompressed form.

CLI: python numpy_eval.py FILE.mlir  -- prints every recorded weight with its chain.
"""
import math
import re
import sys
from dataclasses import dataclass, field

import ml_dtypes
import numpy as np

import coreai.authoring  # noqa: F401  (import first: circular import otherwise)
from coreai._compiler import ir
from coreai._compiler._mlir_libs._coreaiIR import register_dialects

CHAIN_OPS = {
    "coreai.constant", "coreai.cast", "coreai.blockwise_shift_scale", "coreai.lut_to_dense",
    "coreai.build_sparse_with_bitmask", "coreai.sparse_with_bitmask_to_dense",
    "coreai.lut_to_sparse_with_bitmask", "coreai.dequantize",
}

FLOATS = {
    "f16": np.dtype(np.float16), "f32": np.dtype(np.float32), "f64": np.dtype(np.float64),
    "bf16": np.dtype(ml_dtypes.bfloat16), "f8E4M3FN": np.dtype(ml_dtypes.float8_e4m3fn),
    "f8E5M2": np.dtype(ml_dtypes.float8_e5m2), "f4E2M1FN": np.dtype(ml_dtypes.float4_e2m1fn),
    "f8E8M0FNU": np.dtype(ml_dtypes.float8_e8m0fnu),
}
BUFFER_OK = {"f16", "f32", "f64", "i1", "si8", "si16", "si32", "si64", "ui8", "ui16", "ui32", "ui64",
             "i8", "i16", "i32", "i64"}


class DecodeError(Exception):
    pass


def int_info(ety: str):
    """(signed, bits) for si*/ui*/i* element types, else None."""
    m = re.fullmatch(r"(si|ui|i)(\d+)", ety)
    if not m:
        return None
    return m.group(1) != "ui", int(m.group(2))


def is_float(ety: str) -> bool:
    return ety in FLOATS


def round_to(x, ety: str) -> np.ndarray:
    """float64 -> element type `ety`, round to nearest even, done here in float64 (not through
    ml_dtypes' float32 path, which could double-round). Integer types: round half even, no
    clipping (only exact integers are ever cast here)."""
    x = np.asarray(x, np.float64)
    if ety in ("f64",):
        return x.copy()
    if ety == "f32":
        return x.astype(np.float32)
    if ety == "f16":
        return x.astype(np.float16)  # numpy's double->half is a direct RNE conversion
    if ety in FLOATS:
        dt = FLOATS[ety]
        fi = ml_dtypes.finfo(dt)
        nmant, minexp = int(fi.nmant), int(fi.minexp)
        out = np.empty_like(x)
        fin = np.isfinite(x)
        xf = x[fin]
        _, e = np.frexp(xf)              # xf = m * 2**e, 0.5 <= |m| < 1
        e = np.maximum(e - 1, minexp)    # exponent of the leading bit, clamped to the subnormal range
        q = np.ldexp(1.0, e - nmant)     # spacing of representable values around xf
        r = np.round(xf / q) * q         # exact division (power of two); np.round is half-even
        if ety == "f8E8M0FNU":  # no mantissa/zero/sign: nearest power of two, ties up (spec D.3 examples)
            with np.errstate(divide="ignore"):
                lg = np.log2(np.abs(xf))
            lo = np.floor(lg)
            frac = np.abs(xf) / np.exp2(lo)          # in [1, 2)
            up = frac >= 1.5
            r = np.exp2(lo + up)
            r = np.clip(r, 2.0 ** -127, 2.0 ** 127)
        big = np.abs(r) > float(fi.max)
        if np.any(big):
            if ety in ("bf16", "f8E5M2"):
                r = np.where(big, np.sign(r) * np.inf, r)
            else:
                r = np.where(big, np.nan, r)
        out[fin] = r
        out[~fin] = x[~fin]
        return out.astype(dt)
    ii = int_info(ety)
    if ii is not None:
        return np.round(x).astype(np.int64)
    raise DecodeError(f"cannot round to element type {ety}")


@dataclass
class Tensor:
    ety: str
    arr: np.ndarray  # floats in their (ml_)dtype, integers as int64, i1 as bool

    def f64(self):
        return np.asarray(self.arr, np.float64)


@dataclass
class Sparse:
    ety: str
    values: np.ndarray  # 1-D, same representation as Tensor.arr
    mask: np.ndarray    # bool, dense shape
    nnz_attr: int | None = None


# ---------------------------------------------------------------------------------------------
# constant decoding
# ---------------------------------------------------------------------------------------------
def parse_resources(printed: str) -> dict[str, bytes]:
    m = re.search(r"\{-#(.*)#-\}", printed, re.S)
    blobs = {}
    if not m:
        return blobs
    for name, hx in re.findall(r'([\w.$-]+)\s*:\s*"0x([0-9A-Fa-f]*)"', m.group(1)):
        blobs[name] = bytes.fromhex(hx)
    return blobs


def unpack_bits(data: bytes, n: int, bits: int, signed: bool) -> np.ndarray:
    need = (n * bits + 7) // 8
    if len(data) != need:
        raise DecodeError(f"{'s' if signed else 'u'}i{bits} blob of {n} elements has {len(data)} bytes, expected {need}")
    if need and n * bits % 8 and (data[-1] >> (n * bits % 8)):
        raise DecodeError("padding bits of the last byte are not zero")
    b = np.unpackbits(np.frombuffer(data, np.uint8), bitorder="little")[: n * bits].reshape(n, bits).astype(np.int64)
    v = (b << np.arange(bits, dtype=np.int64)).sum(axis=1)
    if signed:
        v = np.where(v >= (1 << (bits - 1)), v - (1 << bits), v)
    return v


def decode_bytes(data: bytes, ety: str, shape, fp4_layout: str, notes: list) -> np.ndarray:
    n = int(np.prod(shape)) if len(shape) else 1
    if ety == "f4E2M1FN":
        packed = (n + 1) // 2
        if len(data) == packed and (fp4_layout in ("packed", "auto")) and not (fp4_layout == "auto" and packed == n):
            b = np.frombuffer(data, np.uint8)
            codes = np.empty(2 * packed, np.uint8)
            codes[0::2], codes[1::2] = b & 0xF, b >> 4
            if n % 2 and codes[-1]:
                raise DecodeError("FP4 padding nibble is not zero")
            codes = codes[:n]
        elif len(data) == n and fp4_layout in ("byte", "auto"):
            codes = np.frombuffer(data, np.uint8)
            if np.any(codes > 0xF):
                raise DecodeError("FP4 one-byte-per-element blob has high nibbles set")
            notes.append("FP4 stored one byte per element (reference layout, spec F.8)")
        else:
            raise DecodeError(f"f4E2M1FN blob of {n} elements has {len(data)} bytes, expected {packed} (packed, F.8)"
                              + (f" or {n}" if fp4_layout != "packed" else ""))
        return codes.view(FLOATS["f4E2M1FN"]).reshape(shape)
    if ety in FLOATS:
        dt = FLOATS[ety]
        if len(data) != n * dt.itemsize:
            raise DecodeError(f"{ety} blob of {n} elements has {len(data)} bytes, expected {n * dt.itemsize}")
        return np.frombuffer(data, dt.newbyteorder("<")).astype(dt).reshape(shape)
    if ety == "i1":
        # Signless i1 (bool) resources hold one byte per element, MLIR's
        # DenseBoolResourceElementsAttr layout (coreai-core writes the causal masks of exported
        # transformers this way). The compression masks are ui1, bit-packed (spec C.3).
        if len(data) != n:
            raise DecodeError(f"i1 blob of {n} elements has {len(data)} bytes, expected {n} (one byte per element)")
        b = np.frombuffer(data, np.uint8)
        if np.any(b > 1):
            raise DecodeError("i1 blob holds values other than 0 and 1")
        return b.astype(np.int64).reshape(shape)
    ii = int_info(ety)
    if ii is None:
        raise DecodeError(f"unsupported element type {ety}")
    signed, bits = ii
    if bits in (8, 16, 32, 64):
        dt = np.dtype(f"<{'i' if signed else 'u'}{bits // 8}")
        if len(data) != n * dt.itemsize:
            raise DecodeError(f"{ety} blob of {n} elements has {len(data)} bytes, expected {n * dt.itemsize}")
        return np.frombuffer(data, dt).astype(np.int64).reshape(shape)
    return unpack_bits(data, n, bits, signed).reshape(shape)


_NUM = re.compile(r"0x[0-9A-Fa-f]+|[-+]?(?:inf|nan)|[-+]?\d+\.?\d*(?:[eE][-+]?\d+)?|true|false")


def _text_value(tok: str, ety: str):
    if tok.startswith("0x"):  # a float printed by its bit pattern (non-finite values)
        bits = int(tok, 16)
        dt = FLOATS[ety]
        return np.array([bits], np.uint64).astype(np.dtype(f"u{dt.itemsize}")).view(dt)[0]
    if tok in ("true", "false"):
        return tok == "true"
    return float(tok) if is_float(ety) else int(tok)


def decode_dense(attr, ety: str, shape, notes) -> np.ndarray:
    n = int(np.prod(shape)) if len(shape) else 1
    if ety in BUFFER_OK:
        d = ir.DenseElementsAttr(attr)
        if d.is_splat:
            s = str(d.get_splat_value()).split(":")[0].strip()
            v = _text_value(s, ety)
            arr = np.full(shape, v, dtype=FLOATS[ety] if is_float(ety) else (bool if ety == "i1" else np.int64))
            return arr
        arr = np.array(d)
        if is_float(ety):
            return arr.astype(FLOATS[ety]).reshape(shape)
        return (arr.astype(bool) if ety == "i1" else arr.astype(np.int64)).reshape(shape)
    text = str(attr)
    m = re.fullmatch(r"dense<(.*)>\s*:\s*(tensor<.*>)", text, re.S)
    if not m:
        raise DecodeError(f"unrecognised dense attribute {text[:80]}")
    body = m.group(1).strip()
    if body.startswith('"0x'):
        raw = bytes.fromhex(body[3:-1])
        ii = int_info(ety)
        if ii is not None and ii[1] < 8:
            # DenseElementsAttr storage: i1-like types are bit-packed, other sub-byte ints use a byte each
            if ii[1] == 1 and len(raw) == (n + 7) // 8 and n != len(raw):
                v = np.unpackbits(np.frombuffer(raw, np.uint8), bitorder="little")[:n].astype(np.int64)
            else:
                per = 1
                if len(raw) not in (per, n * per):
                    raise DecodeError(f"hex dense {ety} of {n} elements has {len(raw)} bytes")
                v = np.frombuffer(raw, np.uint8).astype(np.int64)
                v = v & ((1 << ii[1]) - 1)
                if ii[0]:
                    v = np.where(v >= (1 << (ii[1] - 1)), v - (1 << ii[1]), v)
                if v.size == 1:
                    v = np.full(n, v[0])
            return v.reshape(shape)
        if ety in FLOATS:
            dt = FLOATS[ety]
            if len(raw) == dt.itemsize:
                return np.full(shape, np.frombuffer(raw, dt)[0], dt)
            return np.frombuffer(raw, dt).reshape(shape).copy()
        signed, bits = ii
        dt = np.dtype(f"<{'i' if signed else 'u'}{bits // 8}")
        v = np.frombuffer(raw, dt).astype(np.int64)
        if v.size == 1:
            v = np.full(n, v[0])
        return v.reshape(shape)
    toks = _NUM.findall(body)
    if len(toks) == 1:
        vals = [_text_value(toks[0], ety)] * n
    elif len(toks) == n:
        vals = [_text_value(t, ety) for t in toks]
    else:
        raise DecodeError(f"dense {ety} attribute has {len(toks)} values for {n} elements")
    if is_float(ety):
        return round_to(np.array(vals, np.float64), ety).reshape(shape)
    return np.array(vals, np.int64).reshape(shape)


def tensor_info(ty):
    """(shape, element type string, encoding string or None) of a ranked tensor type."""
    rt = ir.RankedTensorType(ty)
    enc = rt.encoding
    return list(rt.shape), str(rt.element_type), (str(enc) if enc is not None else None)


# ---------------------------------------------------------------------------------------------
# evaluation
# ---------------------------------------------------------------------------------------------
@dataclass
class Evaluation:
    weights: dict = field(default_factory=dict)    # key -> np.ndarray (result-type dtype)
    etypes: dict = field(default_factory=dict)     # key -> element type string
    chains: dict = field(default_factory=dict)     # key -> list of chain op summaries ([] = plain constant)
    notes: list = field(default_factory=list)
    graphs: list = field(default_factory=list)
    op_counts: dict = field(default_factory=dict)  # op name -> count over the module
    codes: dict = field(default_factory=dict)      # key -> data operand of the last blockwise_shift_scale
    qparams: dict = field(default_factory=dict)    # key -> (data, scale, offset1, offset2) of that op
    values: dict = field(default_factory=dict)     # key -> the ir.Value used (valid while `module` lives)
    module: object = None


def _up(p: np.ndarray, shape) -> np.ndarray:
    """coremltools repeat_data_as: repeat each block entry data.shape[d]/p.shape[d] times."""
    for d, (n, b) in enumerate(zip(shape, p.shape)):
        if b == 0 or n % b:
            raise DecodeError(f"block dim {b} does not divide data dim {n}")
        if n != b:
            p = np.repeat(p, n // b, axis=d)
    return p


def _lut_gather(idx: np.ndarray, lut: np.ndarray, axis: int) -> np.ndarray:
    K = idx.ndim
    if lut.ndim != K + 2:
        raise DecodeError(f"lut rank {lut.ndim} != indices rank {K} + 2")
    P, V = lut.shape[K], lut.shape[K + 1]
    grids = np.indices(idx.shape)
    blk = []
    for i in range(K):
        if lut.shape[i] == 0 or idx.shape[i] % lut.shape[i]:
            raise DecodeError("lut block dims do not divide the indices dims")
        blk.append(grids[i] // (idx.shape[i] // lut.shape[i]))
    if np.any(idx < 0) or np.any(idx >= P):
        raise DecodeError("LUT index out of range")
    vec = lut[tuple(blk) + (idx,)]  # shape idx.shape + [V]
    if V == 1:
        return vec[..., 0]
    if not -K <= axis < K:
        raise DecodeError(f"vector axis {axis} out of range")
    axis %= K
    out_shape = list(idx.shape)
    out_shape[axis] *= V
    return np.moveaxis(vec, -1, axis + 1).reshape(out_shape)


class _Evaluator:
    def __init__(self, fp4_layout):
        self.fp4_layout = fp4_layout
        self.runtime_formula = False
        self.blobs = {}
        self.vals = {}     # id(op) -> (result index) -> Tensor | Sparse
        self.chain = {}
        self.codes = {}
        self.ev = Evaluation()

    def const(self, op):
        attr = op.attributes["value"]
        shape, ety, _ = tensor_info(op.results[0].type)
        notes = self.ev.notes
        if ir.DenseResourceElementsAttr.isinstance(attr):
            name = re.match(r"dense_resource<([^>]+)>", str(attr)).group(1)
            if name not in self.blobs:
                raise DecodeError(f"resource blob {name} missing from the trailer")
            blob = self.blobs[name]
            if len(blob) < 4:
                raise DecodeError(f"resource blob {name} has no alignment header")
            align = int.from_bytes(blob[:4], "little")
            if align == 0 or align & (align - 1):
                raise DecodeError(f"resource blob {name}: bad alignment header {align}")
            arr = decode_bytes(blob[4:], ety, shape, self.fp4_layout, notes)
        else:
            arr = decode_dense(attr, ety, shape, notes)
        if ety == "i1" or ety == "ui1":
            arr = arr.astype(bool) if ety == "i1" else arr
        return Tensor(ety, arr)

    def run_op(self, op):
        name = op.name
        ins = [self.vals.get(_vkey(v)) for v in op.operands]
        if name == "coreai.constant":
            return [self.const(op)]
        if any(x is None for x in ins):
            return None
        res_types = [tensor_info(r.type) for r in op.results]
        if name == "coreai.cast":
            (x,), (shape, ety, _) = ins, res_types[0]
            return [Tensor(ety, round_to(x.f64(), ety).reshape(shape) if is_float(ety) or int_info(ety) else None)]
        if name == "coreai.blockwise_shift_scale":
            d, s, o1, o2 = ins
            shape, ety, _ = res_types[0]
            if not (len(d.arr.shape) == s.arr.ndim == o1.arr.ndim == o2.arr.ndim):
                raise DecodeError("blockwise_shift_scale operands differ in rank")
            if not (s.arr.shape == o1.arr.shape == o2.arr.shape):
                raise DecodeError("blockwise_shift_scale scale/offset shapes differ")
            sh = d.arr.shape
            if self.runtime_formula and ety in ("f16", "f32"):
                # Apple's runtime (measured): scale*data - scale*offset1 + offset2, each step
                # rounded to the result type (f16 or f32).
                ft = np.float16 if ety == "f16" else np.float32
                S, O1, O2 = (_up(x.f64(), sh).astype(ft) for x in (s, o1, o2))
                D = d.f64().astype(ft)
                out = ((S * D - S * O1) + O2).astype(np.float64)
            else:
                out = _up(s.f64(), sh) * (d.f64() - _up(o1.f64(), sh)) + _up(o2.f64(), sh)
            return [Tensor(ety, round_to(out, ety).reshape(shape))]
        if name == "coreai.lut_to_dense":
            idx, lut, ax = ins
            shape, ety, _ = res_types[0]
            out = _lut_gather(idx.arr.astype(np.int64), lut.arr, int(np.asarray(ax.arr).ravel()[0]))
            if list(out.shape) != list(shape):
                raise DecodeError(f"lut_to_dense result shape {list(out.shape)} != declared {shape}")
            return [Tensor(ety, out.astype(FLOATS[ety]) if is_float(ety) else out.astype(np.int64))]
        if name == "coreai.build_sparse_with_bitmask":
            v, m = ins
            shape, ety, enc = res_types[0]
            mask = np.asarray(m.arr).astype(bool)
            nnz = int(mask.sum())
            if v.arr.ndim != 1 or v.arr.shape[0] != nnz:
                raise DecodeError(f"build_sparse_with_bitmask: {v.arr.shape} values for a mask with {nnz} set bits")
            mm = re.search(r"numNonZero = (\d+)", enc or "")
            if mm and int(mm.group(1)) != nnz:
                raise DecodeError(f"numNonZero = {mm.group(1)} but the mask has {nnz} set bits")
            return [Sparse(ety, v.arr, mask, nnz)]
        if name == "coreai.sparse_with_bitmask_to_dense":
            (sp,), (shape, ety, _) = ins, res_types[0]
            out = np.zeros(sp.mask.shape, dtype=sp.values.dtype)
            out[sp.mask] = sp.values
            return [Tensor(ety, out.reshape(shape))]
        if name == "coreai.lut_to_sparse_with_bitmask":
            sp, lut, ax = ins
            shape, ety, enc = res_types[0]
            axis = int(np.asarray(ax.arr).ravel()[0])
            idx = np.zeros(sp.mask.shape, np.int64)
            idx[sp.mask] = sp.values
            dense = _lut_gather(idx, lut.arr, axis)
            V = lut.arr.shape[-1]
            mask = sp.mask if V == 1 else np.repeat(sp.mask, V, axis=axis % sp.mask.ndim)
            if list(dense.shape) != list(shape):
                raise DecodeError("lut_to_sparse_with_bitmask result shape mismatch")
            mm = re.search(r"numNonZero = (\d+)", enc or "")
            if mm and int(mm.group(1)) != int(mask.sum()):
                raise DecodeError("lut_to_sparse_with_bitmask numNonZero mismatch")
            return [Sparse(ety, dense[mask], mask, int(mask.sum()))]
        if name == "coreai.dequantize":
            x, s, o1, o2, ax = ins
            shape, ety, _ = res_types[0]
            a = np.asarray(ax.arr).astype(np.int64)
            if a.ndim == 0:  # per axis: 1-D params along `axis`
                axis = int(a) % x.arr.ndim
                bshape = [1] * x.arr.ndim
                bshape[axis] = -1
                f = lambda p: p.f64().reshape(bshape) if p.arr.ndim == 1 else p.f64()  # noqa: E731
            else:
                f = lambda p: p.f64()  # noqa: E731
            out = (x.f64() - f(o1)) * f(s) + f(o2)
            return [Tensor(ety, round_to(out, ety).reshape(shape))]
        return None

    def summary(self, op):
        tys = []
        for v in list(op.operands)[:2]:
            try:
                tys.append(tensor_info(v.type)[1])
            except Exception:  # noqa: BLE001
                tys.append("?")
        return f"{op.name.split('.', 1)[1]}({','.join(tys)})"

    def walk_graph(self, g):
        gname = g.attributes["sym_name"].value if "sym_name" in g.attributes else "?"
        self.ev.graphs.append(gname)
        ordinal = 0
        for block in g.regions[0].blocks:
            for op in block.operations:
                op = op.operation
                name = op.name
                self.ev.op_counts[name] = self.ev.op_counts.get(name, 0) + 1
                if name in CHAIN_OPS:
                    res = self.run_op(op)
                    if res is not None:
                        ch = [] if name == "coreai.constant" else sum(
                            (self.chain.get(_vkey(v), []) for v in op.operands), []) + [self.summary(op)]
                        for r, val in zip(op.results, res):
                            self.vals[_vkey(r)] = val
                            self.chain[_vkey(r)] = ch
                            if name == "coreai.blockwise_shift_scale":
                                self.codes[_vkey(r)] = tuple(self.vals[_vkey(x)].arr for x in op.operands)
                            elif name == "coreai.cast" and _vkey(op.operands[0]) in self.codes:
                                self.codes[_vkey(r)] = self.codes[_vkey(op.operands[0])]
                        continue
                    if name == "coreai.constant":
                        continue
                for i, v in enumerate(op.operands):
                    val = self.vals.get(_vkey(v))
                    if isinstance(val, Tensor):
                        key = f"{gname}:{ordinal}:{name}#{i}"
                        self.ev.weights[key] = val.arr
                        self.ev.etypes[key] = val.ety
                        self.ev.chains[key] = self.chain.get(_vkey(v), [])
                        self.ev.values[key] = v
                        if _vkey(v) in self.codes:
                            self.ev.codes[key] = self.codes[_vkey(v)][0]
                            self.ev.qparams[key] = self.codes[_vkey(v)]
                ordinal += 1


def _vkey(value):
    # ir.Value hashes and compares by the underlying MLIR value.
    return value


def make_context():
    ctx = ir.Context()
    register_dialects(ctx, load=True)
    return ctx


def parse(text: str, ctx=None):
    """Parse + verify with coreai-core; returns (module, blobs). Raises ir.MLIRError."""
    ctx = ctx or make_context()
    m = ir.Module.parse(text, context=ctx)
    m.operation.verify()
    return m, parse_resources(str(m))


def evaluate(text: str, fp4_layout: str = "packed", module=None, ctx=None,
             runtime_formula: bool = False) -> Evaluation:
    """Decodes every weight. `runtime_formula` evaluates blockwise_shift_scale the way Apple's
    runtime does (scale*data - scale*offset1 + offset2 in f32) instead of spec E."""
    if module is None:
        module, blobs = parse(text, ctx)
    else:
        blobs = parse_resources(str(module))
    e = _Evaluator(fp4_layout)
    e.runtime_formula = runtime_formula
    e.blobs = blobs
    for op in module.body.operations:
        op = op.operation
        if op.name == "coreai.graph":
            e.walk_graph(op)
    e.ev.notes = sorted(set(e.ev.notes))
    e.ev.module = module
    return e.ev


def main(argv):
    for path in argv[1:] or ["/dev/stdin"]:
        ev = evaluate(open(path).read(), fp4_layout="auto")
        for k, v in ev.weights.items():
            ch = " -> ".join(ev.chains[k]) or "constant"
            a = np.asarray(v, np.float64)
            print(f"{k}: {ev.etypes[k]}{list(v.shape)} [{ch}] mean={a.mean():.6g} rms={math.sqrt(float((a * a).mean())):.6g}")
        for n in ev.notes:
            print("note:", n)


if __name__ == "__main__":
    main(sys.argv)
