//! Decomposition regions of decomposable aicode ops, generated exactly as coreai-core's
//! `convert-to-aicode` (run by `AIProgram.save_asset`) writes them, op for op.
//!
//! A decomposable op (`softmax_v1`, `relu_v1`, `reduce_sum_v1`, `broadcasting_add_v1`, ...)
//! carries its expansion into primitive ops as a region, for runtimes that lack the op. A
//! program read from an asset keeps the regions of its input; a program that came from MLIR
//! text needs them generated. The expansions depend on the operand shapes and element types
//! (broadcasting, accumulation types, initial values), never on operand values; they were
//! harvested from coreai-core over many shapes, ranks, dtypes and broadcast patterns
//! (`test/conformance/aimodel/harvest_decompositions.py`, fixtures in
//! `test/data/aimodel/decompositions/`), and the generators below reproduce them.
//!
//! Locations follow coreai-core: every op of a region (nested regions included) has the
//! decomposable op's location; a region's block arguments have the locations of the values
//! passed in (the defining op's location, or the block argument's).

use std::borrow::Cow;

use crate::{
    error::{Error, Result},
    kinds::{attr_kind_by_name, type_kind_by_name},
    module::{Arg, AttrId, Block, Module, Node, Op, Props, Region, TypeId, Val, ValueId},
    ops,
};

fn err(msg: impl Into<String>) -> Error {
    Error::Convert(msg.into())
}

/// A dynamic dimension (`?`), as aicode stores it.
pub const DYN: i64 = i64::MIN;

/// The decomposable ops (aicode stems, without `_vN`) this module generates regions for.
pub const SUPPORTED: &[&str] = &[
    "broadcasting_add",
    "broadcasting_sub",
    "broadcasting_mul",
    "broadcasting_divide",
    "broadcasting_maximum",
    "broadcasting_minimum",
    "broadcasting_pow",
    "broadcasting_modulo",
    "broadcasting_floor_divide",
    "broadcasting_equal",
    "broadcasting_not_equal",
    "broadcasting_greater",
    "broadcasting_bitwise_and",
    "broadcasting_bitwise_or",
    "broadcasting_bitwise_xor",
    "broadcasting_logical_and",
    "broadcasting_logical_or",
    "broadcasting_logical_xor",
    "broadcasting_where",
    "broadcasting_batch_matmul",
    "relu",
    "sigmoid",
    "silu",
    "softmax",
    "reduce_sum",
    "reduce_mean",
    "reduce_max",
    "reduce_min",
    "reduce_product",
    "all",
    "any",
];

/// A value inside a region being built: id, type and the location its uses see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value {
    /// Value id.
    pub id: ValueId,
    /// Type.
    pub ty: TypeId,
    /// Location of the definition (op or block argument).
    pub loc: AttrId,
}

/// Element types, as far as the generators care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elem {
    F16,
    BF16,
    F32,
    F64,
    Bool,
    SInt(u32),
    UInt(u32),
    Other,
}

/// Builds regions into a module's attribute/type tables.
struct B<'c, 'a> {
    m: &'c mut Module<'a>,
    next: &'c mut u32,
    cap: u32,
    loc: AttrId,
    ops: Vec<Op<'a>>,
}

/// Generates the decomposition region of the decomposable op `stem` (`broadcasting_add`,
/// `softmax`, ...) with the given operands (type and location each) and result types, at
/// location `loc`, into `m` (new value ids from `next_value`). Ops are written at their
/// newest version not above `cap`.
///
/// # Errors
/// [`Error::Convert`] when the op has no generator, or its operand types are not ones
/// coreai-core accepts for it.
pub fn generate<'a>(
    m: &mut Module<'a>,
    next_value: &mut u32,
    cap: u32,
    stem: &str,
    operands: &[(TypeId, AttrId)],
    results: &[TypeId],
    loc: AttrId,
) -> Result<Region<'a>> {
    let mut b = B {
        m,
        next: next_value,
        cap,
        loc,
        ops: Vec::new(),
    };
    b.region(stem, operands, results)
}

/// Whether `stem` has a generator.
pub fn supported(stem: &str) -> bool {
    SUPPORTED.contains(&stem)
}

impl<'a> B<'_, 'a> {
    // ---- plumbing --------------------------------------------------------------------

    fn fresh(&mut self) -> ValueId {
        let v = ValueId(*self.next);
        *self.next += 1;
        v
    }

    fn ty_node(&mut self, name: &str, vals: Vec<Val<'a>>) -> TypeId {
        let kind = type_kind_by_name(name).unwrap_or(0);
        TypeId(self.m.types.intern(Node::Known { kind, vals }))
    }

    fn attr_node(&mut self, name: &str, vals: Vec<Val<'a>>) -> AttrId {
        let kind = attr_kind_by_name(name).unwrap_or(0);
        AttrId(self.m.attrs.intern(Node::Known { kind, vals }))
    }

    fn scalar(&mut self, mnemonic: &str) -> TypeId {
        self.ty_node(mnemonic, vec![])
    }

    fn tensor(&mut self, dims: &[i64], elem: TypeId) -> TypeId {
        self.ty_node("tensor_v1", vec![Val::Is(dims.to_vec()), Val::Type(elem)])
    }

    /// Dimensions and element type of a tensor type.
    fn shape(&self, t: TypeId) -> Result<(Vec<i64>, TypeId)> {
        match self.m.types.get(t.0) {
            Node::Known { kind: 2, vals } => match (&vals[0], &vals[1]) {
                (Val::Is(d), Val::Type(e)) => Ok((d.clone(), *e)),
                _ => Err(err("malformed tensor type")),
            },
            _ => Err(err("a decomposable op's operand is not a plain tensor")),
        }
    }

    fn dims(&self, v: Value) -> Result<Vec<i64>> {
        Ok(self.shape(v.ty)?.0)
    }

    fn elem_of(&self, v: Value) -> Result<TypeId> {
        Ok(self.shape(v.ty)?.1)
    }

    fn elem_kind(&self, e: TypeId) -> Elem {
        let name = match self.m.types.get(e.0) {
            Node::Known { kind, .. } => crate::kinds::type_kind(*kind).map_or("", |k| k.name),
            Node::Raw { .. } => "",
        };
        match name {
            "float16_v1" => Elem::F16,
            "bfloat16_v1" => Elem::BF16,
            "float32_v1" => Elem::F32,
            "float64_v1" => Elem::F64,
            "bool_v1" => Elem::Bool,
            "sint64_v1" => Elem::SInt(64),
            "sint32_v1" => Elem::SInt(32),
            "sint16_v1" => Elem::SInt(16),
            "sint8_v1" => Elem::SInt(8),
            "uint64_v1" => Elem::UInt(64),
            "uint32_v1" => Elem::UInt(32),
            "uint16_v1" => Elem::UInt(16),
            "uint8_v1" => Elem::UInt(8),
            _ => Elem::Other,
        }
    }

    fn with_dims(&mut self, v: Value, dims: &[i64]) -> Result<TypeId> {
        let e = self.elem_of(v)?;
        Ok(self.tensor(dims, e))
    }

    /// The aicode op name for a stem at the newest version under the cap.
    fn name(&self, stem: &str) -> Result<&'static str> {
        ops::newest_version(stem, self.cap)
            .map(|o| o.name)
            .ok_or_else(|| {
                err(format!(
                    "no version of aicode.{stem} is dated on or before {}",
                    self.cap
                ))
            })
    }

    fn push(
        &mut self,
        stem: &str,
        operands: &[Value],
        result: TypeId,
        regions: Vec<Region<'a>>,
        props: Props<'a>,
    ) -> Result<Value> {
        let name = self.name(stem)?;
        let id = self.fresh();
        self.ops.push(Op {
            dialect: Cow::Borrowed("aicode"),
            name: Cow::Borrowed(name),
            registered: Some(true),
            loc: self.loc,
            attrs: None,
            props,
            results: vec![(id, result)],
            operands: operands.iter().map(|v| v.id).collect(),
            successors: Vec::new(),
            use_lists: None,
            regions,
        });
        Ok(Value {
            id,
            ty: result,
            loc: self.loc,
        })
    }

    /// A primitive op with one result.
    fn op(&mut self, stem: &str, operands: &[Value], result: TypeId) -> Result<Value> {
        self.push(stem, operands, result, Vec::new(), Props::None)
    }

    /// A nested decomposable op, with its own generated region.
    fn dop(&mut self, stem: &str, operands: &[Value], result: TypeId) -> Result<Value> {
        let ins: Vec<(TypeId, AttrId)> = operands.iter().map(|v| (v.ty, v.loc)).collect();
        let saved = std::mem::take(&mut self.ops);
        let region = self.region(stem, &ins, &[result]);
        let inner = std::mem::replace(&mut self.ops, saved);
        debug_assert!(inner.is_empty());
        let region = region?;
        self.push(stem, operands, result, vec![region], Props::None)
    }

    /// A primitive op with a body region (`reduce_v1`, ...): `body` builds the ops of a block
    /// whose arguments have `arg_types` (at the op's location) and returns the yielded value.
    fn op_with_body(
        &mut self,
        stem: &str,
        operands: &[Value],
        result: TypeId,
        arg_types: &[TypeId],
        body: impl FnOnce(&mut Self, &[Value]) -> Result<Value>,
    ) -> Result<Value> {
        let saved = std::mem::take(&mut self.ops);
        let args: Vec<Value> = arg_types
            .iter()
            .map(|t| Value {
                id: self.fresh(),
                ty: *t,
                loc: self.loc,
            })
            .collect();
        let y = body(self, &args);
        let y = y.and_then(|y| {
            self.yield_(y)?;
            Ok(y)
        });
        let ops = std::mem::replace(&mut self.ops, saved);
        y?;
        let region = Region {
            blocks: vec![block(&args, ops)],
        };
        self.push(stem, operands, result, vec![region], Props::None)
    }

    fn yield_(&mut self, v: Value) -> Result<()> {
        let name = self.name("dataflow.yield")?;
        self.ops.push(Op {
            dialect: Cow::Borrowed("aicode"),
            name: Cow::Borrowed(name),
            registered: Some(true),
            loc: self.loc,
            attrs: None,
            props: Props::None,
            results: Vec::new(),
            operands: vec![v.id],
            successors: Vec::new(),
            use_lists: None,
            regions: Vec::new(),
        });
        Ok(())
    }

    /// A `constant_v1` of raw little-endian element data (`n` elements of `width` bytes),
    /// stored as a splat when all elements are equal.
    fn constant(&mut self, ty: TypeId, data: Vec<u8>, width: usize) -> Result<Value> {
        let n = data.len() / width.max(1);
        let splat = n > 0 && data.chunks(width).all(|c| c == &data[..width]);
        let blob = if splat { data[..width].to_vec() } else { data };
        let a = self.attr_node(
            "serialization.dense_elements",
            vec![Val::Byte(u8::from(splat)), Val::Blob(Cow::Owned(blob))],
        );
        self.push(
            "primitive.constant",
            &[],
            ty,
            Vec::new(),
            Props::Attrs(vec![Some(a)]),
        )
    }

    /// A rank-1 `si32` constant.
    fn const_i32(&mut self, vals: &[i64]) -> Result<Value> {
        let e = self.scalar("sint32_v1");
        let t = self.tensor(&[vals.len() as i64], e);
        let data = vals
            .iter()
            .flat_map(|v| (*v as i32).to_le_bytes())
            .collect();
        self.constant(t, data, 4)
    }

    /// A rank-1 `ui32` constant.
    fn const_u32(&mut self, vals: &[i64]) -> Result<Value> {
        let e = self.scalar("uint32_v1");
        let t = self.tensor(&[vals.len() as i64], e);
        let data = vals
            .iter()
            .flat_map(|v| (*v as u32).to_le_bytes())
            .collect();
        self.constant(t, data, 4)
    }

    /// A constant of element type `elem` and shape `dims` holding `x` everywhere (a splat),
    /// `x` given as f64 for floats and as i128 for integers.
    fn const_splat(&mut self, elem: TypeId, dims: &[i64], x: Num) -> Result<Value> {
        let t = self.tensor(dims, elem);
        let (bytes, w) = self.encode_num(elem, x)?;
        let n: i64 = dims.iter().product();
        let mut data = Vec::with_capacity(bytes.len() * n.max(1) as usize);
        for _ in 0..n.max(1) {
            data.extend_from_slice(&bytes);
        }
        self.constant(t, data, w)
    }

    fn encode_num(&self, elem: TypeId, x: Num) -> Result<(Vec<u8>, usize)> {
        let k = self.elem_kind(elem);
        let f = |x: Num| match x {
            Num::F(f) => f,
            Num::I(i) => i as f64,
        };
        let i = |x: Num| match x {
            Num::F(f) => f as i128,
            Num::I(i) => i,
        };
        Ok(match k {
            Elem::F16 => (
                crate::mlirtext::f64_to_f16_bits(f(x))
                    .to_le_bytes()
                    .to_vec(),
                2,
            ),
            Elem::BF16 => (
                crate::mlirtext::f64_to_bf16_bits(f(x))
                    .to_le_bytes()
                    .to_vec(),
                2,
            ),
            Elem::F32 => ((f(x) as f32).to_le_bytes().to_vec(), 4),
            Elem::F64 => (f(x).to_le_bytes().to_vec(), 8),
            Elem::Bool => (vec![u8::from(i(x) != 0)], 1),
            Elem::SInt(w) | Elem::UInt(w) => {
                let n = (w / 8) as usize;
                ((i(x) as i64).to_le_bytes()[..n].to_vec(), n)
            }
            Elem::Other => return Err(err("unsupported element type in a decomposition constant")),
        })
    }

    // ---- generators ------------------------------------------------------------------

    fn region(
        &mut self,
        stem: &str,
        operands: &[(TypeId, AttrId)],
        results: &[TypeId],
    ) -> Result<Region<'a>> {
        let args: Vec<Value> = operands
            .iter()
            .map(|(t, l)| Value {
                id: self.fresh(),
                ty: *t,
                loc: *l,
            })
            .collect();
        let result = *results
            .first()
            .ok_or_else(|| err(format!("decomposable op '{stem}' without a result")))?;
        let y = self.body(stem, &args, result)?;
        self.yield_(y)?;
        let ops = std::mem::take(&mut self.ops);
        Ok(Region {
            blocks: vec![block(&args, ops)],
        })
    }

    fn body(&mut self, stem: &str, a: &[Value], result: TypeId) -> Result<Value> {
        let want = |n: usize| -> Result<()> {
            if a.len() == n {
                Ok(())
            } else {
                Err(err(format!(
                    "decomposable op '{stem}' takes {n} operands, not {}",
                    a.len()
                )))
            }
        };
        if let Some(op) = stem.strip_prefix("broadcasting_") {
            if op == "where" {
                want(3)?;
                return self.where_(a, result);
            }
            want(2)?;
            if op == "batch_matmul" {
                return self.batch_matmul(a[0], a[1], result);
            }
            return self.broadcasting(&format!("primitive.{op}"), a, result);
        }
        match stem {
            "relu" => {
                want(1)?;
                self.relu(a[0], result)
            }
            "sigmoid" => {
                want(1)?;
                self.sigmoid(a[0])
            }
            "silu" => {
                want(1)?;
                let s = self.sigmoid(a[0])?;
                self.dop("broadcasting_mul", &[a[0], s], a[0].ty)
            }
            "softmax" => {
                want(2)?;
                self.softmax(a[0], a[1])
            }
            "reduce_sum" | "reduce_product" | "reduce_max" | "reduce_min" => {
                want(2)?;
                self.reduce(stem, a[0], a[1])
            }
            "all" | "any" => {
                want(2)?;
                self.all_any(stem == "all", a[0], a[1])
            }
            "reduce_mean" => {
                want(2)?;
                self.reduce_mean(a[0], a[1])
            }
            _ => Err(err(format!(
                "decomposable op '{stem}' has no decomposition generator in this build"
            ))),
        }
    }

    /// `broadcasting_batch_matmul(a, b)`, static shapes: each operand's shape split by
    /// `slice_v1` into batch and matrix dimensions, the batch dimensions broadcast
    /// (`broadcast_shapes_v1`, when both have some), an operand whose batch dimensions
    /// differ from the broadcast ones `broadcast_to_v1` the `concat_v1` of those and its
    /// matrix dimensions, then `batch_matmul_v1`. As coreai-core: the slice begin `0` and
    /// stride `1` constants are shared, the other bounds made per operand, and everything
    /// unused is dropped (no broadcasting: the `batch_matmul_v1` alone).
    fn batch_matmul(&mut self, a: Value, b: Value, result: TypeId) -> Result<Value> {
        let (da, db) = (self.dims(a)?, self.dims(b)?);
        if da.len() < 2 || db.len() < 2 || da.contains(&DYN) || db.contains(&DYN) {
            return Err(err(format!(
                "broadcasting_batch_matmul with operand shapes {da:?} and {db:?} has no \
                 decomposition generator in this build (static shapes of rank >= 2 only)"
            )));
        }
        let (ba, bb) = (&da[..da.len() - 2], &db[..db.len() - 2]);
        let batch = broadcast_shape(&[ba.to_vec(), bb.to_vec()]).ok_or_else(|| {
            err(format!(
                "broadcasting_batch_matmul: batch dimensions of {da:?} and {db:?} do not broadcast"
            ))
        })?;
        let start = self.ops.len();
        let i32e = self.scalar("sint32_v1");
        let t = self.tensor(&[], i32e);
        let axis = self.constant(t, 0i32.to_le_bytes().to_vec(), 4)?;
        let zero = self.const_i32(&[0])?;
        let one = self.const_i32(&[1])?;
        let mut bounds = Vec::new();
        for d in [&da, &db] {
            if d.len() > 2 {
                let e = self.const_i32(&[d.len() as i64 - 2])?;
                let n = self.const_i32(&[d.len() as i64])?;
                bounds.push(Some((e, n)));
            } else {
                bounds.push(None);
            }
        }
        let sa = self.const_u32(&da)?;
        let sb = self.const_u32(&db)?;
        let u32e = self.scalar("uint32_v1");
        let mut parts = Vec::new();
        for ((s, d), bnd) in [(sa, &da), (sb, &db)].into_iter().zip(&bounds) {
            parts.push(match bnd {
                Some((e, n)) => {
                    let k = d.len() - 2;
                    let t = self.tensor(&[k as i64], u32e);
                    let bt = self.op("primitive.slice", &[s, zero, *e, one], t)?;
                    let t = self.tensor(&[2], u32e);
                    let mt = self.op("primitive.slice", &[s, *e, *n, one], t)?;
                    (Some(bt), mt)
                }
                None => (None, s),
            });
        }
        let t = self.tensor(&[batch.len() as i64], u32e);
        let bshape = match (parts[0].0, parts[1].0) {
            (Some(x), Some(y)) => self.op("primitive.broadcast_shapes", &[x, y], t)?,
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => axis, // unused: no batch dimensions, nothing to broadcast
        };
        let t = self.tensor(&[batch.len() as i64 + 2], u32e);
        let ca = self.op("primitive.concat", &[axis, bshape, parts[0].1], t)?;
        let cb = self.op("primitive.concat", &[axis, bshape, parts[1].1], t)?;
        let mut ins = [a, b];
        for ((v, d), c) in ins.iter_mut().zip([&da, &db]).zip([ca, cb]) {
            if d[..d.len() - 2] != batch[..] {
                let full: Vec<i64> = batch.iter().chain(&d[d.len() - 2..]).copied().collect();
                let t = self.with_dims(*v, &full)?;
                *v = self.op("primitive.broadcast_to", &[*v, c], t)?;
            }
        }
        let r = self.op("primitive.batch_matmul", &ins, result)?;
        self.drop_unused(start, r.id);
        Ok(r)
    }

    /// Drops the ops from `start` on whose results nothing after them (nor `keep`) uses.
    fn drop_unused(&mut self, start: usize, keep: ValueId) {
        let mut used = std::collections::HashSet::from([keep]);
        let mut live = vec![false; self.ops.len() - start];
        for (i, o) in self.ops[start..].iter().enumerate().rev() {
            if o.results.iter().any(|(v, _)| used.contains(v)) {
                live[i] = true;
                used.extend(o.operands.iter().copied());
            }
        }
        let mut k = 0;
        self.ops.retain(|_| {
            k += 1;
            k <= start || live[k - 1 - start]
        });
    }

    /// `broadcasting_where(c, a, b)`, static shapes: the broadcast shape of the operands
    /// of rank > 0, in order, as coreai-core folds it (a `broadcast_shapes_v1` of two
    /// constant shapes folds into one constant when its result differs from its first
    /// operand; folded constants follow the unfolded ones), then `broadcast_to_v1` of every
    /// operand whose shape differs, then `where_v1`. Nothing but the `where_v1` when no
    /// operand needs broadcasting.
    fn where_(&mut self, a: &[Value], result: TypeId) -> Result<Value> {
        let shapes: Vec<Vec<i64>> = a.iter().map(|v| self.dims(*v)).collect::<Result<_>>()?;
        if shapes.iter().any(|s| s.contains(&DYN)) {
            return Err(err(
                "broadcasting_where with dynamic dimensions has no decomposition generator in this build",
            ));
        }
        let out = broadcast_shape(&shapes).ok_or_else(|| {
            err(format!(
                "broadcasting_where: shapes {shapes:?} do not broadcast"
            ))
        })?;
        let res_elem = self.shape(result)?.1;
        let mut ins: Vec<Value> = a.to_vec();
        if shapes.iter().any(|s| *s != out) {
            // Symbolic chain: Ok(shape) = a constant (folded when the flag says so),
            // Err((first, second shape)) = one unfolded broadcast_shapes of two constants.
            let mut acc: Option<(Vec<i64>, bool)> = None;
            let mut unfolded: Option<(Vec<i64>, Vec<i64>)> = None;
            for s in shapes.iter().filter(|s| !s.is_empty()) {
                match (&acc, &unfolded) {
                    (None, None) => acc = Some((s.clone(), false)),
                    (Some((x, _)), None) => {
                        let r = broadcast_shape(&[x.clone(), s.clone()]).unwrap_or_default();
                        if r == *x {
                            unfolded = Some((x.clone(), s.clone()));
                        } else {
                            acc = Some((r, true));
                        }
                    }
                    _ => {
                        return Err(err(format!(
                            "broadcasting_where with operand shapes {shapes:?} has no \
                             decomposition generator in this build"
                        )));
                    }
                }
            }
            let shape = match (acc, unfolded) {
                (Some((x, false)), Some((_, y))) => {
                    let cx = self.const_u32(&x)?;
                    let cy = self.const_u32(&y)?;
                    let t = self.shape_type(out.len())?;
                    self.op("primitive.broadcast_shapes", &[cx, cy], t)?
                }
                (Some((_, true)), Some((x, y))) => {
                    let cy = self.const_u32(&y)?;
                    let cx = self.const_u32(&x)?;
                    let t = self.shape_type(out.len())?;
                    self.op("primitive.broadcast_shapes", &[cx, cy], t)?
                }
                (Some((x, _)), None) => self.const_u32(&x)?,
                _ => return Err(err("broadcasting_where: all operands are scalars")),
            };
            for (v, s) in ins.iter_mut().zip(&shapes) {
                if *s != out {
                    let t = self.with_dims(*v, &out)?;
                    *v = self.op("primitive.broadcast_to", &[*v, shape], t)?;
                }
            }
        }
        let t = self.tensor(&out, res_elem);
        self.op("primitive.where", &ins, t)
    }

    fn shape_type(&mut self, rank: usize) -> Result<TypeId> {
        let e = self.scalar("uint32_v1");
        Ok(self.tensor(&[rank as i64], e))
    }

    /// `relu(x)`: `broadcasting_maximum(x, 0)` with a rank-0 zero of x's element type.
    fn relu(&mut self, x: Value, result: TypeId) -> Result<Value> {
        let e = self.elem_of(x)?;
        let zero = self.const_splat(e, &[], Num::I(0))?;
        self.dop("broadcasting_maximum", &[x, zero], result)
    }

    /// `sigmoid(x)` = `1 / (1 + exp(0 - x))`, the constants of shape `[1]`, every
    /// intermediate typed as x.
    fn sigmoid(&mut self, x: Value) -> Result<Value> {
        let zero = self.small_const(x, 0)?;
        let one = self.small_const(x, 1)?;
        let neg = self.dop("broadcasting_sub", &[zero, x], x.ty)?;
        let ex = self.op("primitive.exp", &[neg], x.ty)?;
        let den = self.dop("broadcasting_add", &[one, ex], x.ty)?;
        self.dop("broadcasting_divide", &[one, den], x.ty)
    }

    /// A `[1]`-shaped constant `k` of x's element type; for bf16 an `si32` constant cast
    /// to bf16, as coreai-core makes it.
    fn small_const(&mut self, x: Value, k: i128) -> Result<Value> {
        let e = self.elem_of(x)?;
        if self.elem_kind(e) == Elem::BF16 {
            let i = self.scalar("sint32_v1");
            let c = self.const_splat(i, &[1], Num::I(k))?;
            let t = self.tensor(&[1], e);
            self.op("primitive.cast", &[c], t)
        } else {
            self.const_splat(e, &[1], Num::I(k))
        }
    }

    /// `softmax(x, axis)` = `exp(x) / reduce_sum(exp(x), [axis])` (no max subtraction), the
    /// sum typed as x.
    fn softmax(&mut self, x: Value, axis: Value) -> Result<Value> {
        let c = self.const_i32(&[1])?;
        let t = self.with_dims(axis, &[1])?;
        let ax = self.op("primitive.reshape", &[axis, c], t)?;
        let ex = self.op("primitive.exp", &[x], x.ty)?;
        let sum = self.dop("reduce_sum", &[ex, ax], x.ty)?;
        self.dop("broadcasting_divide", &[ex, sum], x.ty)
    }

    /// The accumulation element type of `reduce_sum`/`reduce_product` over `e`, and whether
    /// the initial value is made in `e` and cast (bf16) rather than made directly.
    fn accumulator(&mut self, e: TypeId) -> Result<(TypeId, bool)> {
        Ok(match self.elem_kind(e) {
            Elem::F16 => (self.scalar("float32_v1"), false),
            Elem::BF16 => (self.scalar("float32_v1"), true),
            Elem::F32 | Elem::F64 => (e, false),
            Elem::SInt(32) => (self.scalar("sint64_v1"), false),
            Elem::UInt(32) | Elem::UInt(64) | Elem::SInt(64) => (e, false),
            _ => {
                return Err(err(
                    "reduce_sum/reduce_product: element type without a known accumulation type",
                ));
            }
        })
    }

    /// `reduce_{sum,product,max,min}(x, axes)`: one `reduce_v1` with a body; sums and
    /// products accumulate in a wider type (f16/bf16 -> f32, si32 -> si64), max/min in x's
    /// element type starting from its lowest/highest finite value. The result keeps x's rank
    /// with every dimension dynamic (the axes are not constants inside the region).
    fn reduce(&mut self, stem: &str, x: Value, axes: Value) -> Result<Value> {
        let (dims, e) = self.shape(x.ty)?;
        let (acc, init) = match stem {
            "reduce_sum" | "reduce_product" => {
                let unit = Num::I(i128::from(stem == "reduce_product"));
                let (acc, via_elem) = self.accumulator(e)?;
                let init = if via_elem {
                    let c = self.const_splat(e, &[], unit)?;
                    let t = self.tensor(&[], acc);
                    self.op("primitive.cast", &[c], t)?
                } else {
                    self.const_splat(acc, &[], unit)?
                };
                (acc, init)
            }
            _ => {
                let bytes = self.extreme(e, stem == "reduce_max")?;
                let t = self.tensor(&[], e);
                let w = bytes.len();
                (e, self.constant(t, bytes, w)?)
            }
        };
        let combine = match stem {
            "reduce_sum" => "primitive.add",
            "reduce_product" => "primitive.mul",
            "reduce_max" => "primitive.maximum",
            _ => "primitive.minimum",
        };
        let acc_t = self.tensor(&[], acc);
        let elem_t = self.tensor(&[], e);
        let out = self.tensor(&vec![DYN; dims.len()], e);
        self.op_with_body(
            "primitive.reduce",
            &[x, axes, init],
            out,
            &[acc_t, elem_t],
            |b, args| {
                let mut v = args[1];
                if acc != e {
                    v = b.op("primitive.cast", &[v], acc_t)?;
                }
                b.op(combine, &[args[0], v], acc_t)
            },
        )
    }

    /// `all(x, axes)` / `any(x, axes)` over booleans: a `reduce_v1` from `true` with
    /// `bitwise_and_v1` / from `false` with `bitwise_or_v1`.
    fn all_any(&mut self, all: bool, x: Value, axes: Value) -> Result<Value> {
        let (dims, e) = self.shape(x.ty)?;
        let t = self.tensor(&[], e);
        let init = self.constant(t, vec![u8::from(all)], 1)?;
        let out = self.tensor(&vec![DYN; dims.len()], e);
        let combine = if all {
            "primitive.bitwise_and"
        } else {
            "primitive.bitwise_or"
        };
        self.op_with_body(
            "primitive.reduce",
            &[x, axes, init],
            out,
            &[t, t],
            |b, args| b.op(combine, &[args[0], args[1]], t),
        )
    }

    /// The lowest (for a max) or highest (for a min) finite value of an element type, as
    /// little-endian bytes.
    fn extreme(&self, e: TypeId, lowest: bool) -> Result<Vec<u8>> {
        let pick = |lo: Vec<u8>, hi: Vec<u8>| if lowest { lo } else { hi };
        Ok(match self.elem_kind(e) {
            Elem::F16 => pick(
                0xfbffu16.to_le_bytes().into(),
                0x7bffu16.to_le_bytes().into(),
            ),
            Elem::BF16 => pick(
                0xff7fu16.to_le_bytes().into(),
                0x7f7fu16.to_le_bytes().into(),
            ),
            Elem::F32 => pick(f32::MIN.to_le_bytes().into(), f32::MAX.to_le_bytes().into()),
            Elem::F64 => pick(f64::MIN.to_le_bytes().into(), f64::MAX.to_le_bytes().into()),
            Elem::SInt(w) => {
                let n = (w / 8) as usize;
                let v: i64 = if lowest {
                    i64::MIN >> (64 - w)
                } else {
                    i64::MAX >> (64 - w)
                };
                v.to_le_bytes()[..n].to_vec()
            }
            Elem::UInt(w) => {
                let n = (w / 8) as usize;
                let v: u64 = if lowest { 0 } else { u64::MAX >> (64 - w) };
                v.to_le_bytes()[..n].to_vec()
            }
            Elem::Bool | Elem::Other => {
                return Err(err("reduce_max/reduce_min: unsupported element type"));
            }
        })
    }

    /// `reduce_mean(x, axes)` = `reduce_sum(f32(x), axes) / f32(prod(shape[axes]))`, cast
    /// back to x's element type; the count is gathered from the static shape.
    fn reduce_mean(&mut self, x: Value, axes: Value) -> Result<Value> {
        let (dims, e) = self.shape(x.ty)?;
        if dims.contains(&DYN) {
            return Err(err(
                "reduce_mean: operands with dynamic dimensions have no generator in this build",
            ));
        }
        let f32e = self.scalar("float32_v1");
        let xf = if e == f32e {
            // coreai-core casts to f32 anyway and folds the identity cast away: the sum's
            // region argument keeps the cast's (the op's) location.
            Value { loc: self.loc, ..x }
        } else {
            let t = self.tensor(&dims, f32e);
            self.op("primitive.cast", &[x], t)?
        };
        let rank = dims.len();
        let dyn_t = self.tensor(&vec![DYN; rank], f32e);
        let sum = self.dop("reduce_sum", &[xf, axes], dyn_t)?;
        let shape = self.const_u32(&dims)?;
        let n = *self.dims(axes)?.first().unwrap_or(&1);
        let c = self.const_i32(&[n, 1])?;
        let t = self.with_dims(axes, &[n, 1])?;
        let idx = self.op("primitive.reshape", &[axes, c], t)?;
        let u32e = self.scalar("uint32_v1");
        let t = self.tensor(&[n], u32e);
        let sizes = self.op("primitive.gather_nd", &[shape, idx], t)?;
        let zero = self.const_i32(&[0])?;
        let u64e = self.scalar("uint64_v1");
        let t = self.tensor(&[n], u64e);
        let sizes = self.op("primitive.cast", &[sizes], t)?;
        let t = self.tensor(&[1], u64e);
        let count = self.dop("reduce_product", &[sizes, zero], t)?;
        let t = self.tensor(&[1], f32e);
        let count = self.op("primitive.cast", &[count], t)?;
        let mean = self.dop("broadcasting_divide", &[sum, count], dyn_t)?;
        if e == f32e {
            Ok(mean)
        } else {
            let t = self.tensor(&vec![DYN; rank], e);
            self.op("primitive.cast", &[mean], t)
        }
    }

    /// `broadcasting_X(a, b[, c])`: each operand brought to the broadcast shape, then the
    /// element-wise `X`. Static shapes: rank padding by `reshape_v2`, size-1 dims expanded
    /// by `broadcast_in_dims_v1`; dynamic shapes: `get_shape_v2` / `broadcast_shapes_v1` /
    /// `broadcast_to_v1`.
    fn broadcasting(&mut self, prim: &str, a: &[Value], result: TypeId) -> Result<Value> {
        let shapes: Vec<Vec<i64>> = a.iter().map(|v| self.dims(*v)).collect::<Result<_>>()?;
        let rank = shapes.iter().map(Vec::len).max().unwrap_or(0);
        let res_elem = self.shape(result)?.1;
        let dynamic = shapes.iter().any(|s| s.contains(&DYN));
        if dynamic {
            let mut shape_vals = Vec::new();
            for (v, s) in a.iter().zip(&shapes) {
                let sv = if s.contains(&DYN) {
                    let e = self.scalar("uint32_v1");
                    let t = self.tensor(&[s.len() as i64], e);
                    self.op("primitive.get_shape", &[*v], t)?
                } else {
                    self.const_u32(s)?
                };
                shape_vals.push(sv);
            }
            let e = self.scalar("uint32_v1");
            let t = self.tensor(&[rank as i64], e);
            let mut shape = shape_vals[0];
            for sv in &shape_vals[1..] {
                shape = self.op("primitive.broadcast_shapes", &[shape, *sv], t)?;
            }
            let dyn_dims = vec![DYN; rank];
            let mut ins = Vec::new();
            for v in a {
                let t = self.with_dims(*v, &dyn_dims)?;
                ins.push(self.op("primitive.broadcast_to", &[*v, shape], t)?);
            }
            let t = self.tensor(&dyn_dims, res_elem);
            return self.op(prim, &ins, t);
        }
        let out = broadcast_shape(&shapes).ok_or_else(|| {
            err(format!(
                "{prim}: operand shapes {shapes:?} do not broadcast"
            ))
        })?;
        let mut ins = Vec::new();
        for (v, s) in a.iter().zip(&shapes) {
            let mut v = *v;
            let mut padded = s.clone();
            if s.len() < rank {
                padded = std::iter::repeat_n(1, rank - s.len())
                    .chain(s.iter().copied())
                    .collect();
                let c = self.const_i32(&padded)?;
                let t = self.with_dims(v, &padded)?;
                v = self.op("primitive.reshape", &[v, c], t)?;
            }
            let expand: Vec<usize> = (0..rank).filter(|&d| padded[d] != out[d]).collect();
            if !expand.is_empty() {
                let sizes: Vec<i64> = expand.iter().map(|&d| out[d]).collect();
                let dims: Vec<i64> = expand.iter().map(|&d| d as i64).collect();
                let cs = self.const_u32(&sizes)?;
                let cd = self.const_i32(&dims)?;
                let t = self.with_dims(v, &out)?;
                v = self.op("primitive.broadcast_in_dims", &[v, cs, cd], t)?;
            }
            ins.push(v);
        }
        let t = self.tensor(&out, res_elem);
        self.op(prim, &ins, t)
    }
}

/// A number for a constant.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)]
enum Num {
    F(f64),
    I(i128),
}

fn block<'a>(args: &[Value], ops: Vec<Op<'a>>) -> Block<'a> {
    Block {
        args: args
            .iter()
            .map(|v| Arg {
                value: v.id,
                ty: v.ty,
                loc: Some(v.loc),
            })
            .collect(),
        arg_use_lists: (!args.is_empty()).then_some((0, None)),
        ops,
    }
}

/// NumPy-style broadcast of static shapes.
fn broadcast_shape(shapes: &[Vec<i64>]) -> Option<Vec<i64>> {
    let rank = shapes.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = vec![1i64; rank];
    for s in shapes {
        let off = rank - s.len();
        for (i, &d) in s.iter().enumerate() {
            let o = &mut out[off + i];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                return None;
            }
        }
    }
    Some(out)
}
