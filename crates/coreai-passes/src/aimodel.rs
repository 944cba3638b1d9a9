//! Core AI assets (`.aimodel`) in MLIR: the op tree of `coreai-aimodel` materialized as coreai
//! IR, and coreai IR extracted back into an op tree and written as an asset.
//!
//! Reading ([`materialize`]): every op of the tree is created generically by name
//! (`mlirOperationCreate`), its attributes parsed from their MLIR texts (cached), dense data
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
//! Everything here goes through the MLIR C API; no MLIR object outlives the call that uses it.

use std::{any::Any, borrow::Cow, collections::HashMap, ffi::c_void, path::Path, sync::Arc};

use coreai_aimodel::{
    Asset, convert,
    tree::{AttrValue, NamedAttr, Program, TreeArg, TreeBlock, TreeOp, TreeRegion},
    write::{WriteOptions, write_program},
    write_asset,
};
use mlir_sys::*;

use crate::ir::{print_to_string, str_of as string_ref, to_ref};

/// The discardable attribute (an `i64`: index into the source program's decomposition
/// regions) by which an op materialized from an asset keeps its input decomposition region.
pub const DECOMPOSITION_ATTR: &str = "aimodel.decomposition";

/// Something that keeps borrowed blob data alive (the asset's memory mapping).
pub type KeepAlive = Arc<dyn Any + Send + Sync>;

/// An error with the location it belongs to (if known).
#[derive(Debug)]
pub struct Error {
    /// The message.
    pub message: String,
    /// Where (an op's location), or null.
    pub loc: MlirLocation,
}

impl Error {
    fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            loc: MlirLocation {
                ptr: std::ptr::null(),
            },
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Reports `e` as an MLIR error at its location (or `fallback`).
pub fn emit(e: &Error, fallback: MlirLocation) {
    let loc = if e.loc.ptr.is_null() { fallback } else { e.loc };
    // SAFETY: both locations are valid in their context; the shim copies the message.
    unsafe {
        coreai_dialect::ffi::coreaiEmitDiagnostic(
            loc,
            coreai_dialect::ffi::SEVERITY_ERROR,
            to_ref(&e.message),
            MlirLocation {
                ptr: std::ptr::null(),
            },
            to_ref(""),
        );
    }
}

// ---------------------------------------------------------------------------------------
// Op tree -> MLIR
// ---------------------------------------------------------------------------------------

struct Materializer {
    ctx: MlirContext,
    keep: KeepAlive,
    debuginfo: bool,
    types: HashMap<String, MlirType>,
    attrs: HashMap<String, MlirAttribute>,
    locs: HashMap<String, MlirLocation>,
    values: HashMap<u32, MlirValue>,
}

/// What a `dense_resource` blob's deleter releases.
enum BlobOwner {
    Keep(#[allow(dead_code)] KeepAlive),
    Owned(#[allow(dead_code)] Vec<u128>),
}

unsafe extern "C" fn release_blob(
    user: *mut c_void,
    _data: *const c_void,
    _size: usize,
    _a: usize,
) {
    // SAFETY: `user` is the box leaked in `resource`.
    drop(unsafe { Box::from_raw(user.cast::<BlobOwner>()) });
}

/// Materializes `program` as a `builtin.module` in `ctx`. Blobs borrowed by the program
/// (its `AttrValue::Resource` data) must live as long as `keep` does; every blob attribute
/// holds a clone of `keep`.
///
/// # Errors
/// A type, attribute or location text MLIR does not parse, an op MLIR refuses to create, or
/// an operand that names no value; the error carries the op's location when known.
pub fn materialize(
    ctx: MlirContext,
    program: &Program<'_>,
    keep: KeepAlive,
) -> Result<MlirOperation, Error> {
    // Ops of a dialect not loaded yet would be created unregistered: load every dialect
    // the context knows first.
    // SAFETY: a valid context.
    unsafe { mlirContextLoadAllAvailableDialects(ctx) };
    // SAFETY: the namespace is a plain string; a null dialect means "not available".
    let debuginfo = !unsafe { mlirContextGetOrLoadDialect(ctx, to_ref("debuginfo")) }
        .ptr
        .is_null();
    let mut m = Materializer {
        ctx,
        keep,
        debuginfo,
        types: HashMap::new(),
        attrs: HashMap::new(),
        locs: HashMap::new(),
        values: HashMap::new(),
    };
    let loc = m.loc(&program.loc);
    // SAFETY: creates a fresh module owned by the caller from here on.
    let module = unsafe { mlirModuleCreateEmpty(loc) };
    // SAFETY: the module just created.
    let body = unsafe { mlirModuleGetBody(module) };
    // SAFETY: the module just created.
    let op = unsafe { mlirModuleGetOperation(module) };
    for o in &program.ops {
        match m.op(o) {
            // SAFETY: the block takes the detached op.
            Ok(x) => unsafe { mlirBlockAppendOwnedOperation(body, x) },
            Err(e) => {
                // SAFETY: the module and the ops appended so far are ours.
                unsafe { mlirOperationDestroy(op) };
                return Err(e);
            }
        }
    }
    Ok(op)
}

impl Materializer {
    fn ty(&mut self, text: &str) -> Result<MlirType, Error> {
        if let Some(t) = self.types.get(text) {
            return Ok(*t);
        }
        // SAFETY: parsing copies the text.
        let t = unsafe { mlirTypeParseGet(self.ctx, to_ref(text)) };
        if t.ptr.is_null() {
            return Err(Error::new(format!("cannot parse type '{text}'")));
        }
        self.types.insert(text.to_string(), t);
        Ok(t)
    }

    fn parsed_attr(&mut self, text: &str) -> Result<MlirAttribute, Error> {
        if let Some(a) = self.attrs.get(text) {
            return Ok(*a);
        }
        // SAFETY: parsing copies the text.
        let a = unsafe { mlirAttributeParseGet(self.ctx, to_ref(text)) };
        if a.ptr.is_null() {
            return Err(Error::new(format!("cannot parse attribute '{text}'")));
        }
        self.attrs.insert(text.to_string(), a);
        Ok(a)
    }

    /// The location of a location text (the part inside `loc(...)`).
    fn loc(&mut self, text: &str) -> MlirLocation {
        if let Some(l) = self.locs.get(text) {
            return *l;
        }
        let parsed = if text.contains("#debuginfo.") && !self.debuginfo {
            None
        } else {
            // SAFETY: parsing copies the text; a location attribute converts to a location.
            unsafe {
                let a = mlirAttributeParseGet(self.ctx, to_ref(&format!("loc({text})")));
                (!a.ptr.is_null() && mlirAttributeIsALocation(a))
                    .then(|| mlirLocationFromAttribute(a))
            }
        };
        // SAFETY: the identifier copies the text.
        let l = parsed.unwrap_or_else(|| unsafe {
            mlirLocationNameGet(self.ctx, to_ref(text), mlirLocationUnknownGet(self.ctx))
        });
        self.locs.insert(text.to_string(), l);
        l
    }

    fn attr(&mut self, v: &AttrValue<'_>) -> Result<MlirAttribute, Error> {
        Ok(match v {
            AttrValue::Text(t) => self.parsed_attr(t)?,
            // SAFETY: a valid context.
            AttrValue::Unit => unsafe { mlirUnitAttrGet(self.ctx) },
            AttrValue::Dense { ty, data, splat } => {
                let t = self.ty(ty)?;
                let a = if elem_bits(t) == Some(1) {
                    // Signless i1 as coreai-core stores it: one byte per element (a splat
                    // too); 1-bit signed/unsigned integers bit-packed.
                    let count = num_elements(t);
                    let bytes = is_bool(t) && data.len() == count && count > 0;
                    let n = if *splat && !bytes { 1 } else { count };
                    let bits: Vec<i32> = (0..n)
                        .map(|i| {
                            i32::from(if bytes {
                                data[i] & 1 == 1
                            } else {
                                data.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1)
                            })
                        })
                        .collect();
                    // SAFETY: `bits` holds `n` values for a shape of `n` elements (or a splat).
                    unsafe { mlirDenseElementsAttrBoolGet(t, bits.len() as isize, bits.as_ptr()) }
                } else {
                    // SAFETY: MLIR copies the buffer after checking its size.
                    unsafe {
                        mlirDenseElementsAttrRawBufferGet(t, data.len(), data.as_ptr().cast())
                    }
                };
                if a.ptr.is_null() {
                    return Err(Error::new(format!(
                        "dense data of {} bytes does not fit {ty}",
                        data.len()
                    )));
                }
                a
            }
            AttrValue::Resource {
                key,
                ty,
                data,
                alignment,
            } => {
                let t = self.ty(ty)?;
                let align = (*alignment).clamp(1, 4096) as usize;
                let align = if align.is_power_of_two() { align } else { 16 };
                let (owner, ptr) = match data {
                    Cow::Borrowed(b) if b.as_ptr().align_offset(align) == 0 => {
                        (BlobOwner::Keep(self.keep.clone()), b.as_ptr())
                    }
                    // An owned or misaligned blob: one aligned copy.
                    _ => {
                        let mut buf = vec![0u128; data.len().div_ceil(16).max(1)];
                        // SAFETY: `buf` holds at least `data.len()` bytes.
                        unsafe {
                            std::ptr::copy_nonoverlapping(
                                data.as_ptr(),
                                buf.as_mut_ptr().cast::<u8>(),
                                data.len(),
                            );
                        }
                        let p = buf.as_ptr().cast::<u8>();
                        (BlobOwner::Owned(buf), p)
                    }
                };
                let align = if ptr.align_offset(align) == 0 {
                    align
                } else {
                    16
                };
                let user = Box::into_raw(Box::new(owner)).cast::<c_void>();
                // SAFETY: `ptr` stays valid until MLIR calls `release_blob` with `user`.
                unsafe {
                    mlirUnmanagedDenseResourceElementsAttrGet(
                        t,
                        to_ref(key),
                        ptr.cast_mut().cast(),
                        data.len(),
                        align,
                        false,
                        Some(release_blob),
                        user,
                    )
                }
            }
        })
    }

    fn op(&mut self, o: &TreeOp<'_>) -> Result<MlirOperation, Error> {
        let loc = self.loc(&o.loc);
        let at = |e: Error| Error {
            message: format!("'{}': {}", o.name, e.message),
            loc,
        };
        let mut results = Vec::with_capacity(o.results.len());
        for (_, t) in &o.results {
            results.push(self.ty(t).map_err(at)?);
        }
        let mut operands = Vec::with_capacity(o.operands.len());
        for v in &o.operands {
            operands.push(*self.values.get(v).ok_or_else(|| {
                at(Error::new(format!(
                    "operand %{v} is not defined before its use"
                )))
            })?);
        }
        let mut attrs = Vec::with_capacity(o.attrs.len() + 1);
        for NamedAttr { name, value, .. } in &o.attrs {
            let a = self
                .attr(value)
                .map_err(|e| at(Error::new(format!("attribute '{name}': {}", e.message))))?;
            attrs.push(named(self.ctx, name, a));
        }
        if let Some(d) = o.decomposition {
            // SAFETY: a signless i64 integer attribute.
            let a = unsafe { mlirIntegerAttrGet(mlirIntegerTypeGet(self.ctx, 64), d as i64) };
            attrs.push(named(self.ctx, DECOMPOSITION_ATTR, a));
        }
        let mut regions = Vec::with_capacity(o.regions.len());
        for r in &o.regions {
            match self.region(r) {
                Ok(x) => regions.push(x),
                Err(e) => {
                    for x in regions {
                        // SAFETY: the regions built so far are ours.
                        unsafe { mlirRegionDestroy(x) };
                    }
                    return Err(e);
                }
            }
        }
        // SAFETY: every handle is valid; the state copies the arrays and takes the regions.
        let op = unsafe {
            let mut st = mlirOperationStateGet(to_ref(&o.name), loc);
            mlirOperationStateAddResults(&mut st, results.len() as isize, results.as_ptr());
            mlirOperationStateAddOperands(&mut st, operands.len() as isize, operands.as_ptr());
            mlirOperationStateAddAttributes(&mut st, attrs.len() as isize, attrs.as_ptr());
            mlirOperationStateAddOwnedRegions(&mut st, regions.len() as isize, regions.as_ptr());
            mlirOperationCreate(&mut st)
        };
        if op.ptr.is_null() {
            return Err(at(Error::new("MLIR cannot create the op")));
        }
        for (i, (id, _)) in o.results.iter().enumerate() {
            // SAFETY: `i` is below the op's result count.
            self.values
                .insert(*id, unsafe { mlirOperationGetResult(op, i as isize) });
        }
        Ok(op)
    }

    fn region(&mut self, r: &TreeRegion<'_>) -> Result<MlirRegion, Error> {
        // SAFETY: a fresh region, destroyed on error.
        let region = unsafe { mlirRegionCreate() };
        for b in &r.blocks {
            match self.block(b) {
                // SAFETY: the region takes the detached block.
                Ok(x) => unsafe { mlirRegionAppendOwnedBlock(region, x) },
                Err(e) => {
                    // SAFETY: the region is ours and not attached.
                    unsafe { mlirRegionDestroy(region) };
                    return Err(e);
                }
            }
        }
        Ok(region)
    }

    fn block(&mut self, b: &TreeBlock<'_>) -> Result<MlirBlock, Error> {
        let mut types = Vec::with_capacity(b.args.len());
        let mut locs = Vec::with_capacity(b.args.len());
        for TreeArg { ty, loc, .. } in &b.args {
            types.push(self.ty(ty)?);
            locs.push(self.loc(loc));
        }
        // SAFETY: the arrays hold one type and location per argument.
        let block = unsafe { mlirBlockCreate(types.len() as isize, types.as_ptr(), locs.as_ptr()) };
        for (i, a) in b.args.iter().enumerate() {
            // SAFETY: `i` is below the block's argument count.
            let v = unsafe { mlirBlockGetArgument(block, i as isize) };
            self.values.insert(a.id, v);
        }
        for o in &b.ops {
            match self.op(o) {
                // SAFETY: the block takes the detached op.
                Ok(x) => unsafe { mlirBlockAppendOwnedOperation(block, x) },
                Err(e) => {
                    // SAFETY: the block is ours and not attached.
                    unsafe { mlirBlockDestroy(block) };
                    return Err(e);
                }
            }
        }
        Ok(block)
    }
}

fn named(ctx: MlirContext, name: &str, a: MlirAttribute) -> MlirNamedAttribute {
    MlirNamedAttribute {
        // SAFETY: the identifier copies the name.
        name: unsafe { mlirIdentifierGet(ctx, to_ref(name)) },
        attribute: a,
    }
}

/// Bit width of a shaped type's element (integers, floats, index; complex: twice its part).
fn elem_bits(t: MlirType) -> Option<u32> {
    // SAFETY: type queries on a valid type.
    unsafe {
        if !mlirTypeIsAShaped(t) {
            return None;
        }
        let e = mlirShapedTypeGetElementType(t);
        scalar_bits(e)
    }
}

unsafe fn scalar_bits(e: MlirType) -> Option<u32> {
    // SAFETY: type queries on a valid type.
    unsafe {
        if mlirTypeIsAInteger(e) {
            Some(mlirIntegerTypeGetWidth(e))
        } else if mlirTypeIsAIndex(e) {
            Some(64)
        } else if mlirTypeIsAFloat(e) {
            Some(mlirFloatTypeGetWidth(e))
        } else if mlirTypeIsAComplex(e) {
            scalar_bits(mlirComplexTypeGetElementType(e)).map(|b| 2 * b)
        } else {
            None
        }
    }
}

/// Whether a shaped type's element is the signless `i1`.
fn is_bool(t: MlirType) -> bool {
    // SAFETY: type queries on a valid shaped type.
    unsafe {
        let e = mlirShapedTypeGetElementType(t);
        mlirTypeIsAInteger(e) && mlirIntegerTypeGetWidth(e) == 1 && mlirIntegerTypeIsSignless(e)
    }
}

/// Elements of a static shaped type (0 if dynamic).
fn num_elements(t: MlirType) -> usize {
    // SAFETY: shape queries on a shaped type.
    unsafe {
        if !mlirShapedTypeHasStaticShape(t) {
            return 0;
        }
        (0..mlirShapedTypeGetRank(t))
            .map(|i| mlirShapedTypeGetDimSize(t, i as isize).max(0) as usize)
            .product()
    }
}

// ---------------------------------------------------------------------------------------
// MLIR -> op tree
// ---------------------------------------------------------------------------------------

struct Extractor {
    ids: HashMap<*const c_void, u32>,
    next: u32,
}

/// Extracts the op tree of a `builtin.module` (its ops' decomposition indices from
/// [`DECOMPOSITION_ATTR`]).
///
/// # Safety
/// The data the returned program borrows (dense data, blobs) belongs to `module`'s
/// attributes: the program must not outlive `module` (nor its context).
///
/// # Errors
/// Values used before their definition (graph regions are not supported).
pub unsafe fn extract<'m>(module: MlirOperation) -> Result<Program<'m>, Error> {
    let mut x = Extractor {
        ids: HashMap::new(),
        next: 0,
    };
    // SAFETY: walking a valid module.
    let (loc, body) = unsafe {
        (
            loc_text(mlirOperationGetLocation(module)),
            mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0)),
        )
    };
    let mut ops = Vec::new();
    if !body.ptr.is_null() {
        // SAFETY: walking the module's body block.
        let mut o = unsafe { mlirBlockGetFirstOperation(body) };
        while !o.ptr.is_null() {
            // SAFETY: a valid op of the module.
            ops.push(unsafe { x.op(o) }?);
            // SAFETY: a valid op of the module.
            o = unsafe { mlirOperationGetNextInBlock(o) };
        }
    }
    Ok(Program {
        loc,
        ops,
        ..Default::default()
    })
}

fn type_text(t: MlirType) -> String {
    // SAFETY: printing a valid type.
    print_to_string(|cb, u| unsafe { mlirTypePrint(t, cb, u) })
}

fn attr_text(a: MlirAttribute) -> String {
    // SAFETY: printing a valid attribute.
    print_to_string(|cb, u| unsafe { mlirAttributePrint(a, cb, u) })
}

/// The text of a location as the op tree holds it (inside `loc(...)`); name locations made
/// for unloaded `#debuginfo` locations give their text back.
unsafe fn loc_text(l: MlirLocation) -> String {
    // SAFETY: queries on a valid location.
    unsafe {
        if mlirLocationIsAName(l) {
            let name = string_ref(mlirIdentifierStr(mlirLocationNameGetName(l)));
            if name.starts_with("#debuginfo.") {
                return name.to_string();
            }
        }
    }
    // SAFETY: printing a valid location.
    let t = print_to_string(|cb, u| unsafe { mlirLocationPrint(l, cb, u) });
    match t.strip_prefix("loc(").and_then(|t| t.strip_suffix(')')) {
        Some(inner) => inner.to_string(),
        None => t,
    }
}

impl Extractor {
    fn define(&mut self, v: MlirValue) -> u32 {
        let id = self.next;
        self.next += 1;
        self.ids.insert(v.ptr, id);
        id
    }

    unsafe fn op<'m>(&mut self, op: MlirOperation) -> Result<TreeOp<'m>, Error> {
        // SAFETY (whole body): queries on a valid operation and its parts.
        unsafe {
            let name = string_ref(mlirIdentifierStr(mlirOperationGetName(op))).to_string();
            let oploc = mlirOperationGetLocation(op);
            let mut operands = Vec::new();
            for i in 0..mlirOperationGetNumOperands(op) {
                let v = mlirOperationGetOperand(op, i);
                operands.push(*self.ids.get(&v.ptr).ok_or_else(|| Error {
                    message: format!("'{name}': operand #{i} is used before its definition"),
                    loc: oploc,
                })?);
            }
            let mut attrs = Vec::new();
            let mut decomposition = None;
            for i in 0..mlirOperationGetNumAttributes(op) {
                let na = mlirOperationGetAttribute(op, i);
                let an = string_ref(mlirIdentifierStr(na.name)).to_string();
                if an == DECOMPOSITION_ATTR {
                    if mlirAttributeIsAInteger(na.attribute) {
                        decomposition =
                            usize::try_from(mlirIntegerAttrGetValueInt(na.attribute)).ok();
                    }
                    continue;
                }
                let inherent = mlirOperationHasInherentAttributeByName(op, to_ref(&an));
                attrs.push(NamedAttr {
                    value: attr_value(na.attribute),
                    name: an,
                    inherent,
                });
            }
            attrs.sort_by(|a, b| {
                b.inherent
                    .cmp(&a.inherent)
                    .then_with(|| a.name.cmp(&b.name))
            });
            let mut regions = Vec::new();
            for r in 0..mlirOperationGetNumRegions(op) {
                let mut blocks = Vec::new();
                let mut b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
                while !b.ptr.is_null() {
                    let mut args = Vec::new();
                    for i in 0..mlirBlockGetNumArguments(b) {
                        let a = mlirBlockGetArgument(b, i);
                        args.push(TreeArg {
                            id: self.define(a),
                            ty: type_text(mlirValueGetType(a)),
                            loc: loc_text(mlirValueGetLocation(a)),
                        });
                    }
                    let mut ops = Vec::new();
                    let mut o = mlirBlockGetFirstOperation(b);
                    while !o.ptr.is_null() {
                        ops.push(self.op(o)?);
                        o = mlirOperationGetNextInBlock(o);
                    }
                    blocks.push(TreeBlock { args, ops });
                    b = mlirBlockGetNextInRegion(b);
                }
                regions.push(TreeRegion { blocks });
            }
            let mut results = Vec::new();
            for i in 0..mlirOperationGetNumResults(op) {
                let v = mlirOperationGetResult(op, i);
                results.push((self.define(v), type_text(mlirValueGetType(v))));
            }
            Ok(TreeOp {
                name,
                operands,
                results,
                attrs,
                regions,
                loc: loc_text(oploc),
                decomposition,
            })
        }
    }
}

/// The op-tree value of an attribute: dense data and blobs borrowed, the rest as text.
unsafe fn attr_value<'m>(a: MlirAttribute) -> AttrValue<'m> {
    // SAFETY (whole body): queries on a valid attribute; borrowed data lives as long as the
    // attribute's context (the caller's contract).
    unsafe {
        if mlirAttributeIsADenseResourceElements(a) {
            let mut data: *const c_void = std::ptr::null();
            let mut size = 0usize;
            if coreai_dialect::ffi::coreaiDenseResourceGetRawData(a, &mut data, &mut size) {
                let text = attr_text(a);
                let key = text
                    .strip_prefix("dense_resource<")
                    .and_then(|t| t.split_once('>'))
                    .map(|(k, _)| k.to_string());
                if let Some(key) = key {
                    let bytes: &'m [u8] = if size == 0 || data.is_null() {
                        &[]
                    } else {
                        std::slice::from_raw_parts(data.cast::<u8>(), size)
                    };
                    let alignment =
                        coreai_dialect::ffi::coreaiDenseResourceGetAlignment(a).max(1) as u64;
                    return AttrValue::Resource {
                        key,
                        ty: type_text(mlirAttributeGetType(a)),
                        data: Cow::Borrowed(bytes),
                        alignment,
                    };
                }
            }
        }
        if mlirAttributeIsADenseElements(a)
            && !mlirAttributeIsADenseResourceElements(a)
            && (mlirAttributeIsADenseIntElements(a) || mlirAttributeIsADenseFPElements(a))
        {
            let t = mlirAttributeGetType(a);
            if let Some(bits) = elem_bits(t) {
                let splat = mlirDenseElementsAttrIsSplat(a);
                let n = if splat { 1 } else { num_elements(t) };
                let data: Cow<'m, [u8]> = if bits == 1 && is_bool(t) {
                    let n = num_elements(t);
                    Cow::Owned(
                        (0..n)
                            .map(|i| {
                                let j = if splat { 0 } else { i };
                                u8::from(mlirDenseElementsAttrGetBoolValue(a, j as isize))
                            })
                            .collect(),
                    )
                } else if bits == 1 {
                    let mut packed = vec![0u8; n.div_ceil(8)];
                    for i in 0..n {
                        if mlirDenseElementsAttrGetBoolValue(a, i as isize) {
                            packed[i / 8] |= 1 << (i % 8);
                        }
                    }
                    Cow::Owned(packed)
                } else {
                    let raw = mlirDenseElementsAttrGetRawData(a).cast::<u8>();
                    let len = n * (bits as usize).div_ceil(8);
                    if raw.is_null() || len == 0 {
                        Cow::Borrowed(&[])
                    } else {
                        Cow::Borrowed(std::slice::from_raw_parts(raw, len))
                    }
                };
                return AttrValue::Dense {
                    ty: type_text(t),
                    data,
                    splat,
                };
            }
        }
        if mlirAttributeIsAUnit(a) {
            return AttrValue::Unit;
        }
        AttrValue::Text(attr_text(a))
    }
}

// ---------------------------------------------------------------------------------------
// Whole assets
// ---------------------------------------------------------------------------------------

/// Opens the asset at `path` and materializes its program in `ctx`. The returned module's
/// blobs keep the asset's mapping alive.
///
/// # Errors
/// Reading or decoding the asset (errors name the file), or materializing it.
pub fn read_asset(ctx: MlirContext, asset: &Asset) -> Result<MlirOperation, Error> {
    let module = asset.module().map_err(|e| Error::new(e.to_string()))?;
    let program = convert::read_program(&module)
        .map_err(|e| Error::new(format!("{}: {e}", asset.main.display())))?;
    let keep: KeepAlive = asset.mapping();
    materialize(ctx, &program, keep)
}

/// Writes `module` as the asset `out` (atomically): ops at their newest version not above
/// `cap`, decomposition regions from `source` (the asset the module was read from, if any)
/// or generated, `metadata.json` from `source` with our producer and creation date. Returns
/// the size of `main.mlirb`.
///
/// # Errors
/// A construct with no aicode form, a decomposable op without a region, I/O.
pub fn write_module(
    module: MlirOperation,
    source: Option<&Asset>,
    out: &Path,
    cap: u32,
) -> Result<u64, Error> {
    let src_module = match source {
        Some(a) => Some(a.module().map_err(|e| Error::new(e.to_string()))?),
        None => None,
    };
    let src_program = match &src_module {
        Some(m) => Some(convert::read_program(m).map_err(|e| Error::new(e.to_string()))?),
        None => None,
    };
    // SAFETY: the program is dropped before this function returns; `module` outlives it.
    let mut program = unsafe { extract(module) }?;
    if let Some(p) = src_program {
        program.decompositions = p.decompositions;
        program.asset_source = p.asset_source;
    }
    let opts = WriteOptions {
        cap,
        ..Default::default()
    };
    let out_module = write_program(&program, src_module.as_ref(), &opts)
        .map_err(|e| Error::new(format!("{}: {e}", out.display())))?;
    let bc = out_module
        .encode()
        .map_err(|e| Error::new(format!("{}: {e}", out.display())))?;
    let meta = source
        .map(|a| a.metadata.clone())
        .unwrap_or_default()
        .for_output(std::time::SystemTime::now());
    write_asset(out, &bc, &meta).map_err(|e| Error::new(e.to_string()))
}
