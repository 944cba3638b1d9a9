//! Core AI assets (`.aimodel`) in MLIR: the op tree of `coreai-aimodel` materialized as coreai
//! IR, and coreai IR extracted back into an op tree and written as an asset.
//!
//! Reading ([`read_asset`]): every op of the tree is created generically by name
//! (`ir::ModuleBuilder`), its attributes parsed from their MLIR texts (cached), dense data
//! from its raw storage, and weights as `dense_resource` blobs that point into the
//! memory-mapped asset: no copy; each blob holds a reference on the mapping, so the file
//! stays mapped as long as MLIR uses one of its blobs. Locations are parsed from their texts;
//! a `#debuginfo.*` location whose dialect this build does not load is kept as a name
//! location holding the text (`loc("#debuginfo.location<...>")`), written back unchanged.
//! An op that carries its input's decomposition region gets the discardable attribute
//! [`DECOMPOSITION_ATTR`] (the region's index); the writer uses it and drops it.
//!
//! Writing ([`write_module`]): the module is walked into the same op tree (attribute and
//! type texts from MLIR's printer, dense data and blobs borrowed from MLIR), converted to
//! aicode by `coreai-aimodel` (decomposition regions from the source asset, or generated) and
//! written atomically as an asset directory.
//!
//! Everything here goes through the crate's safe IR layer (`ir`); no MLIR object outlives the
//! call that uses it.

use std::{borrow::Cow, collections::HashMap, path::Path, sync::Arc};

use coreai_aimodel::{
    Asset, convert,
    tree::{AttrValue, NamedAttr, Program, TreeArg, TreeBlock, TreeOp, TreeRegion},
    write::{WriteOptions, write_program},
    write_asset,
};
use mlir_sys::MlirOperation;

use crate::ir::{
    Attr, BlockId, BuildError, Context, Location, ModuleBuilder, Op, SharedBytes, Type,
};

/// The discardable attribute (an `i64`: index into the source program's decomposition
/// regions) by which an op materialized from an asset keeps its input decomposition region.
pub const DECOMPOSITION_ATTR: &str = "aimodel.decomposition";

/// An error with the location it belongs to (if known).
#[derive(Debug)]
struct Error<'c> {
    message: String,
    loc: Option<Location<'c>>,
}

impl Error<'_> {
    fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            loc: None,
        }
    }

    /// Reports the error at its location (or `fallback`).
    fn emit(&self, fallback: Location<'_>) {
        match self.loc {
            Some(l) => l.emit_error(&self.message),
            None => fallback.emit_error(&self.message),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Op tree -> MLIR
// ---------------------------------------------------------------------------------------

struct Materializer<'c> {
    ctx: Context<'c>,
    shared: SharedBytes,
    debuginfo: bool,
    types: HashMap<String, Type<'c>>,
    attrs: HashMap<String, Attr<'c>>,
    locs: HashMap<String, Location<'c>>,
    module: ModuleBuilder<'c>,
}

/// Materializes `program` as a `builtin.module` in `ctx` (owned by the caller). Blobs the
/// program borrows from `shared` stay in place: each blob attribute holds a clone of
/// `shared`; other blobs are copied.
///
/// # Errors
/// A type, attribute or location text MLIR does not parse, an op MLIR refuses to create, or
/// an operand that names no value; the error carries the op's location when known.
fn materialize<'c>(
    ctx: Context<'c>,
    program: &Program<'_>,
    shared: SharedBytes,
) -> Result<MlirOperation, Error<'c>> {
    // Ops of a dialect not loaded yet would be created unregistered: load every dialect
    // the context knows first.
    ctx.load_all_dialects();
    let debuginfo = ctx.has_dialect("debuginfo");
    let loc = program_loc(ctx, debuginfo, &program.loc);
    let mut m = Materializer {
        ctx,
        shared,
        debuginfo,
        types: HashMap::new(),
        attrs: HashMap::new(),
        locs: HashMap::new(),
        module: ModuleBuilder::new(loc),
    };
    let body = m.module.body();
    for o in &program.ops {
        m.op(body, o)?;
    }
    Ok(m.module.finish())
}

/// The location of a location text (the part inside `loc(...)`). A `#debuginfo.*` location
/// whose dialect is not loaded (or any text MLIR does not parse) becomes a name location
/// holding the text.
fn program_loc<'c>(ctx: Context<'c>, debuginfo: bool, text: &str) -> Location<'c> {
    let parsed = if text.contains("#debuginfo.") && !debuginfo {
        None
    } else {
        ctx.parse_location(text)
    };
    parsed.unwrap_or_else(|| ctx.name_location(text))
}

impl<'c> Materializer<'c> {
    fn ty(&mut self, text: &str) -> Result<Type<'c>, Error<'c>> {
        if let Some(t) = self.types.get(text) {
            return Ok(*t);
        }
        let t = self
            .ctx
            .parse_type(text)
            .ok_or_else(|| Error::new(format!("cannot parse type '{text}'")))?;
        self.types.insert(text.to_string(), t);
        Ok(t)
    }

    fn parsed_attr(&mut self, text: &str) -> Result<Attr<'c>, Error<'c>> {
        if let Some(a) = self.attrs.get(text) {
            return Ok(*a);
        }
        let a = self
            .ctx
            .parse_attr(text)
            .ok_or_else(|| Error::new(format!("cannot parse attribute '{text}'")))?;
        self.attrs.insert(text.to_string(), a);
        Ok(a)
    }

    fn loc(&mut self, text: &str) -> Location<'c> {
        if let Some(l) = self.locs.get(text) {
            return *l;
        }
        let l = program_loc(self.ctx, self.debuginfo, text);
        self.locs.insert(text.to_string(), l);
        l
    }

    fn attr(&mut self, v: &AttrValue<'_>) -> Result<Attr<'c>, Error<'c>> {
        Ok(match v {
            AttrValue::Text(t) => self.parsed_attr(t)?,
            AttrValue::Unit => self.ctx.unit_attr(),
            AttrValue::Dense { ty, data, splat } => {
                let t = self.ty(ty)?;
                let a = if t.shaped_elem_bits() == Some(1) {
                    // Signless i1 as coreai-core stores it: one byte per element (a splat
                    // too); 1-bit signed/unsigned integers bit-packed.
                    let count = t.static_num_elements().unwrap_or(0);
                    let bytes = t.is_bool_shaped() && data.len() == count && count > 0;
                    let n = if *splat && !bytes { 1 } else { count };
                    let bits: Vec<bool> = (0..n)
                        .map(|i| {
                            if bytes {
                                data[i] & 1 == 1
                            } else {
                                data.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1)
                            }
                        })
                        .collect();
                    Attr::dense_bits(t, &bits)
                } else {
                    Attr::dense_raw_any(t, data)
                };
                a.ok_or_else(|| {
                    Error::new(format!(
                        "dense data of {} bytes does not fit {ty}",
                        data.len()
                    ))
                })?
            }
            AttrValue::Resource {
                key,
                ty,
                data,
                alignment,
            } => {
                let t = self.ty(ty)?;
                let align = usize::try_from(*alignment).unwrap_or(16).clamp(1, 4096);
                Attr::resource_shared(t, key, data, align, &self.shared)
                    .ok_or_else(|| Error::new(format!("MLIR refuses the blob '{key}'")))?
            }
        })
    }

    fn op(&mut self, block: BlockId, o: &TreeOp<'_>) -> Result<(), Error<'c>> {
        let loc = self.loc(&o.loc);
        let at = |e: Error<'c>| Error {
            message: format!("'{}': {}", o.name, e.message),
            loc: Some(loc),
        };
        let mut results = Vec::with_capacity(o.results.len());
        for (_, t) in &o.results {
            results.push(self.ty(t).map_err(at)?);
        }
        let mut attrs = Vec::with_capacity(o.attrs.len() + 1);
        for NamedAttr { name, value, .. } in &o.attrs {
            let a = self
                .attr(value)
                .map_err(|e| at(Error::new(format!("attribute '{name}': {}", e.message))))?;
            attrs.push((name.as_str(), a));
        }
        if let Some(d) = o.decomposition {
            attrs.push((DECOMPOSITION_ATTR, self.ctx.i64_attr(d as i64)));
        }
        let op = self
            .module
            .append_op(
                block,
                &o.name,
                loc,
                &results,
                &o.operands,
                &attrs,
                o.regions.len(),
            )
            .map_err(|e| {
                at(Error::new(match e {
                    BuildError::Undefined(v) => {
                        format!("operand %{v} is not defined before its use")
                    }
                    BuildError::BadId | BuildError::Create => "MLIR cannot create the op".into(),
                }))
            })?;
        for (r, region) in o.regions.iter().enumerate() {
            for b in &region.blocks {
                let mut args = Vec::with_capacity(b.args.len());
                for TreeArg { id, ty, loc } in &b.args {
                    let t = self.ty(ty).map_err(at)?;
                    args.push((*id, t, self.loc(loc)));
                }
                let block = self
                    .module
                    .append_block(op, r, &args)
                    .ok_or_else(|| at(Error::new("MLIR cannot create a block of the op")))?;
                for inner in &b.ops {
                    self.op(block, inner)?;
                }
            }
        }
        let ids: Vec<u32> = o.results.iter().map(|(id, _)| *id).collect();
        self.module.define_results(op, &ids);
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// MLIR -> op tree
// ---------------------------------------------------------------------------------------

struct Extractor {
    ids: HashMap<usize, u32>,
    next: u32,
}

/// Extracts the op tree of a `builtin.module` (its ops' decomposition indices from
/// [`DECOMPOSITION_ATTR`]); dense data and blobs are borrowed from the module's attributes.
///
/// # Errors
/// Values used before their definition (graph regions are not supported).
fn extract<'m>(module: Op<'m>) -> Result<Program<'m>, Error<'m>> {
    let mut x = Extractor {
        ids: HashMap::new(),
        next: 0,
    };
    let mut ops = Vec::new();
    if let Some(body) = module.regions().first().and_then(|r| r.first()) {
        for o in body.ops() {
            ops.push(x.op(o)?);
        }
    }
    Ok(Program {
        loc: loc_text(module.loc()),
        ops,
        ..Default::default()
    })
}

/// The text of a location as the op tree holds it (inside `loc(...)`); name locations made
/// for unloaded `#debuginfo` locations give their text back.
fn loc_text(l: Location<'_>) -> String {
    match l.name() {
        Some(name) if name.starts_with("#debuginfo.") => name.to_string(),
        _ => l.text(),
    }
}

impl Extractor {
    fn define(&mut self, key: usize) -> u32 {
        let id = self.next;
        self.next += 1;
        self.ids.insert(key, id);
        id
    }

    fn op<'m>(&mut self, op: Op<'m>) -> Result<TreeOp<'m>, Error<'m>> {
        let name = op.name().to_string();
        let mut operands = Vec::with_capacity(op.num_operands());
        for (i, v) in op.operands().enumerate() {
            operands.push(*self.ids.get(&v.key()).ok_or_else(|| Error {
                message: format!("'{name}': operand #{i} is used before its definition"),
                loc: Some(op.loc()),
            })?);
        }
        let mut attrs = Vec::new();
        let mut decomposition = None;
        for (an, a) in op.attributes() {
            if an == DECOMPOSITION_ATTR {
                decomposition = a.int_value().and_then(|d| usize::try_from(d).ok());
                continue;
            }
            attrs.push(NamedAttr {
                value: attr_value(a),
                name: an.to_string(),
                inherent: op.has_inherent_attr(an),
            });
        }
        attrs.sort_by(|a, b| {
            b.inherent
                .cmp(&a.inherent)
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut regions = Vec::new();
        for r in op.regions() {
            let mut blocks = Vec::with_capacity(r.len());
            for b in r {
                let args = b
                    .args()
                    .into_iter()
                    .map(|a| TreeArg {
                        id: self.define(a.key()),
                        ty: a.ty().text(),
                        loc: loc_text(a.loc()),
                    })
                    .collect();
                let mut ops = Vec::new();
                for o in b.ops() {
                    ops.push(self.op(o)?);
                }
                blocks.push(TreeBlock { args, ops });
            }
            regions.push(TreeRegion { blocks });
        }
        let results = op
            .results()
            .map(|v| (self.define(v.key()), v.ty().text()))
            .collect();
        Ok(TreeOp {
            name,
            operands,
            results,
            attrs,
            regions,
            loc: loc_text(op.loc()),
            decomposition,
        })
    }
}

/// The op-tree value of an attribute: dense data and blobs borrowed, the rest as text.
fn attr_value<'m>(a: Attr<'m>) -> AttrValue<'m> {
    if let (Some(alignment), Some(crate::ir::Elements::Resource(Some(bytes)))) =
        (a.resource_alignment(), a.elements())
    {
        let text = a.text();
        let key = text
            .strip_prefix("dense_resource<")
            .and_then(|t| t.split_once('>'))
            .map(|(k, _)| k.to_string());
        if let Some(key) = key {
            return AttrValue::Resource {
                key,
                ty: a.ty().text(),
                data: Cow::Borrowed(bytes),
                alignment: alignment.max(1) as u64,
            };
        }
    }
    if a.is_dense_int_or_fp() {
        let t = a.ty();
        if let Some(bits) = t.shaped_elem_bits() {
            let splat = a.is_splat();
            let data: Option<Cow<'m, [u8]>> = if bits == 1 && t.is_bool_shaped() {
                let n = t.static_num_elements().unwrap_or(0);
                Some(Cow::Owned(
                    (0..n)
                        .map(|i| u8::from(a.dense_bit(if splat { 0 } else { i })))
                        .collect(),
                ))
            } else if bits == 1 {
                let n = if splat {
                    1
                } else {
                    t.static_num_elements().unwrap_or(0)
                };
                let mut packed = vec![0u8; n.div_ceil(8)];
                for i in 0..n {
                    if a.dense_bit(i) {
                        packed[i / 8] |= 1 << (i % 8);
                    }
                }
                Some(Cow::Owned(packed))
            } else {
                a.dense_raw_data().map(Cow::Borrowed)
            };
            if let Some(data) = data {
                return AttrValue::Dense {
                    ty: t.text(),
                    data,
                    splat,
                };
            }
        }
    }
    if a.is_unit() {
        return AttrValue::Unit;
    }
    AttrValue::Text(a.text())
}

// ---------------------------------------------------------------------------------------
// Whole assets
// ---------------------------------------------------------------------------------------

/// Reads the asset at `path` (an asset directory, or its `main.mlirb`) into a
/// `builtin.module` in `ctx`, owned by the caller from then on; its blobs keep the asset's
/// mapping alive. Errors are reported as MLIR diagnostics (at the op when known, else at the
/// file) and give `None`.
pub fn read_asset(
    ctx: &melior::ContextRef<'_>,
    path: &Path,
) -> Option<(MlirOperation, Arc<Asset>)> {
    let ctx = Context::from_melior(ctx);
    let fallback = ctx.file_location(&path.to_string_lossy());
    let read = || -> Result<(MlirOperation, Arc<Asset>), Error<'_>> {
        let asset = Arc::new(Asset::open(path).map_err(|e| Error::new(e.to_string()))?);
        let module = asset.module().map_err(|e| Error::new(e.to_string()))?;
        let program = convert::read_program(&module)
            .map_err(|e| Error::new(format!("{}: {e}", asset.main.display())))?;
        let shared: SharedBytes = asset.mapping();
        Ok((materialize(ctx, &program, shared)?, asset))
    };
    read().map_err(|e| e.emit(fallback)).ok()
}

/// Writes `module` as the asset `out` (atomically): ops at their newest version not above
/// `cap`, decomposition regions from `source` (the asset the module was read from, if any)
/// or generated, `metadata.json` from `source` with our producer and creation date. Returns
/// the size of `main.mlirb`; errors are reported as MLIR diagnostics (at the op when known,
/// else at the module) and give `None`.
pub fn write_module(
    module: &melior::ir::OperationRef<'_, '_>,
    source: Option<&Asset>,
    out: &Path,
    cap: u32,
) -> Option<u64> {
    let module = Op::from_melior(module);
    let write = || -> Result<u64, Error<'_>> {
        let src_module = match source {
            Some(a) => Some(a.module().map_err(|e| Error::new(e.to_string()))?),
            None => None,
        };
        let src_program = match &src_module {
            Some(m) => Some(convert::read_program(m).map_err(|e| Error::new(e.to_string()))?),
            None => None,
        };
        let mut program = extract(module)?;
        if let Some(p) = src_program {
            program.decompositions = p.decompositions;
            program.asset_source = p.asset_source;
        }
        let opts = WriteOptions {
            cap,
            ..Default::default()
        };
        let out_module =
            write_program(&program, src_module.as_ref(), &opts).map_err(|e| match e {
                // Reported at the op: its location text parsed back (the same location).
                coreai_aimodel::Error::AtOp { loc, error } => {
                    let ctx = module.context();
                    Error {
                        message: format!("{}: {error}", out.display()),
                        loc: Some(program_loc(ctx, ctx.has_dialect("debuginfo"), &loc)),
                    }
                }
                e => Error::new(format!("{}: {e}", out.display())),
            })?;
        let bc = out_module
            .encode()
            .map_err(|e| Error::new(format!("{}: {e}", out.display())))?;
        let meta = source
            .map(|a| a.metadata.clone())
            .unwrap_or_default()
            .for_output(std::time::SystemTime::now());
        write_asset(out, &bc, &meta).map_err(|e| Error::new(e.to_string()))
    };
    write().map_err(|e| e.emit(module.loc())).ok()
}

/// Reports an error at `path` (line 0), e.g. a failure outside the reader proper.
pub fn emit_file_error(ctx: &melior::ContextRef<'_>, path: &Path, message: &str) {
    Context::from_melior(ctx)
        .file_location(&path.to_string_lossy())
        .emit_error(message);
}

/// Reports an error at `op`'s location.
pub fn emit_op_error(op: &melior::ir::OperationRef<'_, '_>, message: &str) {
    Op::from_melior(op).emit_error(message);
}
