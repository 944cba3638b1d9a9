//! Generic IR: building a whole module op by op from names and texts (types, attributes and
//! locations parsed by MLIR), and reading any op's parts (attributes, regions, blocks) without
//! knowing its dialect. This is what the `.aimodel` reader and writer use.
//!
//! Safety: [`ModuleBuilder`] attaches every block and op to its module as soon as it is
//! created, and never destroys anything but the whole module (when dropped unfinished), so the
//! raw handles it keeps (blocks, ops, values by id) stay valid for as long as it does. Callers
//! refer to them only by index or id, never by raw handle.

use super::{Attr, Context, Location, Op, Type, Value, str_of, to_ref};
use mlir_sys::*;
use std::{collections::HashMap, ffi::c_void, marker::PhantomData, ops::Deref, sync::Arc};

/// Bytes shared with MLIR blobs (e.g. a memory-mapped asset): every blob borrowed from them
/// holds a clone, so they stay alive while MLIR uses one.
pub(crate) type SharedBytes = Arc<dyn Deref<Target = [u8]> + Send + Sync>;

impl<'c> Context<'c> {
    /// The context a melior reference points to, for as long as the reference is borrowed.
    pub fn from_melior(ctx: &'c melior::ContextRef<'_>) -> Context<'c> {
        Context {
            raw: super::context_of(ctx).to_raw(),
            _ir: PhantomData,
        }
    }

    /// Loads every dialect registered in the context (ops of a dialect not loaded yet would
    /// be created unregistered).
    pub fn load_all_dialects(self) {
        // SAFETY: `raw` is a live context.
        unsafe { mlirContextLoadAllAvailableDialects(self.raw) }
    }

    /// Whether the dialect `namespace` is available (loading it if needed).
    pub fn has_dialect(self, namespace: &str) -> bool {
        // SAFETY: `raw` is a live context; the name is read during the call. A null dialect
        // means "not available".
        !unsafe { mlirContextGetOrLoadDialect(self.raw, to_ref(namespace)) }
            .ptr
            .is_null()
    }

    /// The location `path:0:0`.
    pub fn file_location(self, path: &str) -> Location<'c> {
        // SAFETY: `raw` is a live context; the file name is copied.
        Location::new(unsafe { mlirLocationFileLineColGet(self.raw, to_ref(path), 0, 0) })
    }

    /// Parses a type (`None` if MLIR does not; the parser's diagnostics go to the context).
    pub fn parse_type(self, text: &str) -> Option<Type<'c>> {
        // SAFETY: `raw` is a live context; the text is copied during the call.
        let t = unsafe { mlirTypeParseGet(self.raw, to_ref(text)) };
        (!t.ptr.is_null()).then(|| Type::new(t))
    }

    /// Parses an attribute (`None` if MLIR does not).
    pub fn parse_attr(self, text: &str) -> Option<Attr<'c>> {
        // SAFETY: `raw` is a live context; the text is copied during the call.
        Attr::from_raw(unsafe { mlirAttributeParseGet(self.raw, to_ref(text)) })
    }

    /// Parses a location from the text inside `loc(...)` (`None` if MLIR does not).
    pub fn parse_location(self, text: &str) -> Option<Location<'c>> {
        let a = self.parse_attr(&format!("loc({text})"))?.raw();
        // SAFETY: `a` is a live attribute; it is converted only if it is a location.
        unsafe { mlirAttributeIsALocation(a).then(|| Location::new(mlirLocationFromAttribute(a))) }
    }

    /// A name location `loc("name")` with no child location.
    pub fn name_location(self, name: &str) -> Location<'c> {
        // SAFETY: `raw` is a live context; the identifier copies the name.
        Location::new(unsafe {
            mlirLocationNameGet(self.raw, to_ref(name), mlirLocationUnknownGet(self.raw))
        })
    }

    /// The unit attribute.
    pub fn unit_attr(self) -> Attr<'c> {
        // SAFETY: `raw` is a live context.
        Attr::new(unsafe { mlirUnitAttrGet(self.raw) })
    }

    /// A signless `i64` integer attribute.
    pub fn i64_attr(self, value: i64) -> Attr<'c> {
        // SAFETY: `raw` is a live context.
        Attr::new(unsafe { mlirIntegerAttrGet(mlirIntegerTypeGet(self.raw, 64), value) })
    }
}

impl<'a> Attr<'a> {
    fn new(raw: MlirAttribute) -> Self {
        Attr::from_raw(raw).unwrap_or_else(|| unreachable!("MLIR returned a null attribute"))
    }

    /// The attribute as MLIR prints it.
    pub fn text(self) -> String {
        // SAFETY: `raw` is an attribute of a live context.
        super::print_to_string(|cb, user| unsafe { mlirAttributePrint(self.raw(), cb, user) })
    }

    /// Whether this is the unit attribute.
    pub fn is_unit(self) -> bool {
        // SAFETY: `raw` is an attribute of a live context.
        unsafe { mlirAttributeIsAUnit(self.raw()) }
    }

    /// The value of an integer attribute.
    pub fn int_value(self) -> Option<i64> {
        // SAFETY: `raw` is an attribute of a live context; the value is only read from an
        // integer attribute.
        unsafe {
            mlirAttributeIsAInteger(self.raw()).then(|| mlirIntegerAttrGetValueInt(self.raw()))
        }
    }

    /// Whether this is an inline `dense<...>` attribute of integers or floats (not a
    /// `dense_resource`).
    pub fn is_dense_int_or_fp(self) -> bool {
        let a = self.raw();
        // SAFETY: `a` is an attribute of a live context.
        unsafe {
            mlirAttributeIsADenseElements(a)
                && !mlirAttributeIsADenseResourceElements(a)
                && (mlirAttributeIsADenseIntElements(a) || mlirAttributeIsADenseFPElements(a))
        }
    }

    /// The alignment of a `dense_resource` blob (`None` for other attributes or no blob).
    pub fn resource_alignment(self) -> Option<usize> {
        let a = self.raw();
        // SAFETY: `a` is an attribute of a live context; the shim is only asked about a
        // dense_resource attribute.
        unsafe {
            mlirAttributeIsADenseResourceElements(a)
                .then(|| coreai_dialect::ffi::coreaiDenseResourceGetAlignment(a))
        }
    }

    /// A `dense_resource<name>` attribute of type `ty` whose blob is `data` with alignment
    /// `align` (a power of two). If `data` lies inside `shared` and is aligned, the blob
    /// borrows it in place (zero copy) and holds a clone of `shared`; otherwise it gets an
    /// aligned copy.
    pub fn resource_shared(
        ty: Type<'a>,
        name: &str,
        data: &[u8],
        align: usize,
        shared: &SharedBytes,
    ) -> Option<Attr<'a>> {
        let align = if align.is_power_of_two() {
            align.min(4096)
        } else {
            16
        };
        let inside = {
            let base = shared.as_ptr() as usize;
            let p = data.as_ptr() as usize;
            p >= base && p + data.len() <= base + shared.len()
        };
        let (owner, ptr, align) = if inside && data.as_ptr().align_offset(align) == 0 {
            (BlobOwner::Shared(shared.clone()), data.as_ptr(), align)
        } else {
            let mut buf = vec![0u128; data.len().div_ceil(16).max(1)];
            for (dst, src) in buf.iter_mut().zip(data.chunks(16)) {
                let mut word = [0u8; 16];
                word[..src.len()].copy_from_slice(src);
                *dst = u128::from_le_bytes(word);
            }
            let p = buf.as_ptr().cast::<u8>();
            let align = if p.align_offset(align) == 0 {
                align
            } else {
                16
            };
            (BlobOwner::Owned(buf), p, align)
        };
        let user = Box::into_raw(Box::new(owner)).cast::<c_void>();
        // SAFETY: `ptr` points to `data.len()` bytes that stay valid and unmoved until MLIR
        // calls `release_blob` with `user` (exactly once): either inside `shared`, kept alive
        // by the clone in the box, or in the box's own heap buffer. The name is copied.
        let raw = unsafe {
            mlirUnmanagedDenseResourceElementsAttrGet(
                ty.raw(),
                to_ref(name),
                ptr.cast_mut().cast(),
                data.len(),
                align,
                false,
                Some(release_blob),
                user,
            )
        };
        Attr::from_raw(raw)
    }
}

/// What a shared blob's deleter releases.
enum BlobOwner {
    Shared(#[allow(dead_code)] SharedBytes),
    Owned(#[allow(dead_code)] Vec<u128>),
}

unsafe extern "C" fn release_blob(
    user: *mut c_void,
    _data: *const c_void,
    _size: usize,
    _align: usize,
) {
    // SAFETY: `user` is the box leaked in `Attr::resource_shared`, released here exactly once.
    drop(unsafe { Box::from_raw(user.cast::<BlobOwner>()) });
}

impl<'a> Type<'a> {
    /// Storage bits of a shaped type's element: integers, index (64), floats; complex: twice
    /// its part. `None` for other types.
    pub fn shaped_elem_bits(self) -> Option<u32> {
        fn scalar(e: MlirType) -> Option<u32> {
            // SAFETY: `e` is a type of a live context; widths are only read from the kinds
            // that have one.
            unsafe {
                if mlirTypeIsAInteger(e) {
                    Some(mlirIntegerTypeGetWidth(e))
                } else if mlirTypeIsAIndex(e) {
                    Some(64)
                } else if mlirTypeIsAFloat(e) {
                    Some(mlirFloatTypeGetWidth(e))
                } else if mlirTypeIsAComplex(e) {
                    scalar(mlirComplexTypeGetElementType(e)).map(|b| 2 * b)
                } else {
                    None
                }
            }
        }
        let t = self.raw();
        // SAFETY: `t` is a type of a live context; the element type is only read from a
        // shaped type.
        unsafe { mlirTypeIsAShaped(t).then(|| mlirShapedTypeGetElementType(t)) }.and_then(scalar)
    }

    /// Whether this is a shaped type of signless `i1`.
    pub fn is_bool_shaped(self) -> bool {
        let t = self.raw();
        // SAFETY: `t` is a type of a live context; the element type is only read from a
        // shaped type and the width only from an integer.
        unsafe {
            mlirTypeIsAShaped(t) && {
                let e = mlirShapedTypeGetElementType(t);
                mlirTypeIsAInteger(e)
                    && mlirIntegerTypeGetWidth(e) == 1
                    && mlirIntegerTypeIsSignless(e)
            }
        }
    }

    /// Elements of a static shaped type (`None` if not shaped or not static).
    pub fn static_num_elements(self) -> Option<usize> {
        let t = self.raw();
        // SAFETY: `t` is a type of a live context; shape queries are only made on a static
        // shaped type, with dim indices below its rank.
        unsafe {
            if !mlirTypeIsAShaped(t) || !mlirShapedTypeHasStaticShape(t) {
                return None;
            }
            (0..mlirShapedTypeGetRank(t)).try_fold(1usize, |acc, i| {
                acc.checked_mul(usize::try_from(mlirShapedTypeGetDimSize(t, i as isize)).ok()?)
            })
        }
    }
}

impl<'a> Attr<'a> {
    /// An inline `dense<...>` attribute of shaped type `ty` from raw storage (one element for
    /// a splat, or every element); MLIR checks the size. `None` if it does not fit.
    pub fn dense_raw_any(ty: Type<'a>, bytes: &[u8]) -> Option<Attr<'a>> {
        // SAFETY: `ty` is a live type, checked to be shaped before MLIR casts it; MLIR copies
        // the buffer after checking that its size fits the type (null otherwise).
        Attr::from_raw(unsafe {
            if !mlirTypeIsAShaped(ty.raw()) {
                return None;
            }
            mlirDenseElementsAttrRawBufferGet(ty.raw(), bytes.len(), bytes.as_ptr().cast())
        })
    }

    /// An inline `dense<...>` attribute of a static shaped 1-bit type: one value (a splat) or
    /// one per element. `None` if the count fits neither.
    pub fn dense_bits(ty: Type<'a>, values: &[bool]) -> Option<Attr<'a>> {
        let count = ty.static_num_elements()?;
        if ty.shaped_elem_bits() != Some(1) || (values.len() != 1 && values.len() != count) {
            return None;
        }
        let ints: Vec<i32> = values.iter().map(|&b| i32::from(b)).collect();
        // SAFETY: `ty` is a live static shaped 1-bit type and `ints` holds one value or one
        // per element, which MLIR copies.
        Attr::from_raw(unsafe {
            mlirDenseElementsAttrBoolGet(ty.raw(), ints.len() as isize, ints.as_ptr())
        })
    }

    /// Whether a dense elements attribute is a splat.
    pub fn is_splat(self) -> bool {
        // SAFETY: `raw` is an attribute of a live context, checked to be dense elements.
        unsafe {
            mlirAttributeIsADenseElements(self.raw()) && mlirDenseElementsAttrIsSplat(self.raw())
        }
    }

    /// Element `i` of a dense 1-bit attribute (`false` out of range or for other attributes).
    pub fn dense_bit(self, i: usize) -> bool {
        let n = if self.is_splat() {
            1
        } else {
            self.ty().static_num_elements().unwrap_or(0)
        };
        // SAFETY: `raw` is a dense elements attribute (checked) of a 1-bit type (checked),
        // and `i` is below its stored element count.
        unsafe {
            i < n
                && mlirAttributeIsADenseElements(self.raw())
                && self.ty().shaped_elem_bits() == Some(1)
                && mlirDenseElementsAttrGetBoolValue(self.raw(), i as isize)
        }
    }

    /// The raw storage of an inline dense integer, float or complex attribute wider than
    /// one bit: one element for a splat, or every element, `ceil(bits / 8)` bytes each.
    pub fn dense_raw_data(self) -> Option<&'a [u8]> {
        if !self.is_dense_int_or_fp() {
            return None;
        }
        let ty = self.ty();
        let bits = ty.shaped_elem_bits().filter(|&b| b > 1)?;
        let n = if self.is_splat() {
            1
        } else {
            ty.static_num_elements()?
        };
        let len = n.checked_mul(bits.div_ceil(8) as usize)?;
        // SAFETY: `raw` is an inline dense attribute (checked) of elements wider than one bit,
        // whose storage holds `n` elements of `ceil(bits / 8)` bytes, uniqued in the context,
        // which outlives 'a.
        unsafe {
            let p = mlirDenseElementsAttrGetRawData(self.raw()).cast::<u8>();
            Some(if p.is_null() || len == 0 {
                &[]
            } else {
                std::slice::from_raw_parts(p, len)
            })
        }
    }
}

impl<'a> Location<'a> {
    /// The name of a name location (`loc("name")`).
    pub fn name(self) -> Option<&'a str> {
        // SAFETY: `raw` is a live location; the name is an identifier uniqued in the
        // context, which outlives 'a.
        unsafe {
            mlirLocationIsAName(self.raw)
                .then(|| str_of(mlirIdentifierStr(mlirLocationNameGetName(self.raw))))
        }
    }
}

impl<'a> Value<'a> {
    /// The value's location.
    pub fn loc(self) -> Location<'a> {
        // SAFETY: `raw` is a live value.
        Location::new(unsafe { mlirValueGetLocation(self.raw) })
    }
}

/// A block handle, valid while the IR it belongs to is borrowed (`'a`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Block<'a> {
    raw: MlirBlock,
    _ir: PhantomData<&'a ()>,
}

impl<'a> Block<'a> {
    /// The block's arguments.
    pub fn args(self) -> Vec<Value<'a>> {
        // SAFETY: `raw` is a live block; indices are below its argument count.
        unsafe {
            (0..mlirBlockGetNumArguments(self.raw))
                .map(|i| Value::new(mlirBlockGetArgument(self.raw, i)))
                .collect()
        }
    }

    /// The block's ops, in order.
    pub fn ops(self) -> Vec<Op<'a>> {
        let mut out = Vec::new();
        // SAFETY: `raw` is a live block, not modified during the loop.
        unsafe {
            let mut o = mlirBlockGetFirstOperation(self.raw);
            while !o.ptr.is_null() {
                out.push(Op::new(o));
                o = mlirOperationGetNextInBlock(o);
            }
        }
        out
    }
}

impl<'a> Op<'a> {
    /// Every result, in order.
    pub fn results(self) -> impl Iterator<Item = Value<'a>> {
        (0..self.num_results()).filter_map(move |i| self.result(i))
    }

    /// Every attribute (inherent and discardable), in MLIR's order.
    pub fn attributes(self) -> Vec<(&'a str, Attr<'a>)> {
        // SAFETY: `raw` is a live op; indices are below its attribute count; names are
        // identifiers uniqued in the context, which outlives 'a.
        unsafe {
            (0..mlirOperationGetNumAttributes(self.raw))
                .filter_map(|i| {
                    let na = mlirOperationGetAttribute(self.raw, i);
                    Some((
                        str_of(mlirIdentifierStr(na.name)),
                        Attr::from_raw(na.attribute)?,
                    ))
                })
                .collect()
        }
    }

    /// Whether `name` is an inherent attribute (a property) of the op.
    pub fn has_inherent_attr(self, name: &str) -> bool {
        // SAFETY: `raw` is a live op; the name is read during the call.
        unsafe { mlirOperationHasInherentAttributeByName(self.raw, to_ref(name)) }
    }

    /// The blocks of each region, in order.
    pub fn regions(self) -> Vec<Vec<Block<'a>>> {
        // SAFETY: `raw` is a live op, not modified during the loops; region indices are
        // below its region count.
        unsafe {
            (0..mlirOperationGetNumRegions(self.raw))
                .map(|r| {
                    let mut blocks = Vec::new();
                    let mut b = mlirRegionGetFirstBlock(mlirOperationGetRegion(self.raw, r));
                    while !b.ptr.is_null() {
                        blocks.push(Block {
                            raw: b,
                            _ir: PhantomData,
                        });
                        b = mlirBlockGetNextInRegion(b);
                    }
                    blocks
                })
                .collect()
        }
    }
}

/// A block of a [`ModuleBuilder`]'s module.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BlockId(usize);

/// An op of a [`ModuleBuilder`]'s module.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OpId(usize);

/// Why [`ModuleBuilder::append_op`] failed.
#[derive(Debug)]
pub(crate) enum BuildError {
    /// An operand id that no result or block argument defines (yet).
    Undefined(u32),
    /// A block or op id of another builder.
    BadId,
    /// MLIR did not create the op (its diagnostics went to the context).
    Create,
}

/// Builds a `builtin.module` op by op. Values are named by the caller's `u32` ids. The
/// module is destroyed if the builder is dropped before [`ModuleBuilder::finish`].
pub(crate) struct ModuleBuilder<'c> {
    module: MlirModule,
    blocks: Vec<MlirBlock>,
    ops: Vec<MlirOperation>,
    values: HashMap<u32, MlirValue>,
    _ctx: PhantomData<&'c ()>,
}

impl<'c> ModuleBuilder<'c> {
    /// An empty module at `loc`.
    pub fn new(loc: Location<'c>) -> Self {
        // SAFETY: `loc` is a live location; the module is owned by the builder.
        let (module, body) = unsafe {
            let m = mlirModuleCreateEmpty(loc.raw);
            (m, mlirModuleGetBody(m))
        };
        ModuleBuilder {
            module,
            blocks: vec![body],
            ops: Vec::new(),
            values: HashMap::new(),
            _ctx: PhantomData,
        }
    }

    /// The module's body block.
    pub fn body(&self) -> BlockId {
        BlockId(0)
    }

    /// Creates op `name` (with `regions` empty regions) at the end of `block`. Its results
    /// are defined by [`ModuleBuilder::define_results`] (after its regions, so that they
    /// cannot use them).
    #[allow(clippy::too_many_arguments)]
    pub fn append_op(
        &mut self,
        block: BlockId,
        name: &str,
        loc: Location<'c>,
        results: &[Type<'c>],
        operands: &[u32],
        attrs: &[(&str, Attr<'c>)],
        regions: usize,
    ) -> Result<OpId, BuildError> {
        let block = *self.blocks.get(block.0).ok_or(BuildError::BadId)?;
        let operands = operands
            .iter()
            .map(|id| {
                self.values
                    .get(id)
                    .copied()
                    .ok_or(BuildError::Undefined(*id))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let results: Vec<MlirType> = results.iter().map(|t| t.raw()).collect();
        // SAFETY: every handle is live and of this builder's context; the identifiers copy
        // the names; the state copies the arrays and takes the fresh regions; the new op is
        // handed to `block`, a block of the builder's module, which owns it from then on.
        unsafe {
            let ctx = mlirLocationGetContext(loc.raw);
            let named: Vec<MlirNamedAttribute> = attrs
                .iter()
                .map(|(n, a)| MlirNamedAttribute {
                    name: mlirIdentifierGet(ctx, to_ref(n)),
                    attribute: a.raw(),
                })
                .collect();
            let owned: Vec<MlirRegion> = (0..regions).map(|_| mlirRegionCreate()).collect();
            let mut st = mlirOperationStateGet(to_ref(name), loc.raw);
            mlirOperationStateAddResults(&mut st, results.len() as isize, results.as_ptr());
            mlirOperationStateAddOperands(&mut st, operands.len() as isize, operands.as_ptr());
            mlirOperationStateAddAttributes(&mut st, named.len() as isize, named.as_ptr());
            mlirOperationStateAddOwnedRegions(&mut st, owned.len() as isize, owned.as_ptr());
            let op = mlirOperationCreate(&mut st);
            if op.ptr.is_null() {
                return Err(BuildError::Create);
            }
            mlirBlockAppendOwnedOperation(block, op);
            self.ops.push(op);
        }
        Ok(OpId(self.ops.len() - 1))
    }

    /// Defines the results of `op` as `ids` (in order; extra ids are ignored).
    pub fn define_results(&mut self, op: OpId, ids: &[u32]) {
        let Some(&op) = self.ops.get(op.0) else {
            return;
        };
        // SAFETY: `op` is a live op of the module; indices are below its result count.
        let n = unsafe { mlirOperationGetNumResults(op) } as usize;
        for (i, id) in ids.iter().take(n).enumerate() {
            // SAFETY: as above.
            let v = unsafe { mlirOperationGetResult(op, i as isize) };
            self.values.insert(*id, v);
        }
    }

    /// Appends a block with arguments `(id, type, location)` to region `region` of `op`.
    pub fn append_block(
        &mut self,
        op: OpId,
        region: usize,
        args: &[(u32, Type<'c>, Location<'c>)],
    ) -> Option<BlockId> {
        let op = *self.ops.get(op.0)?;
        // SAFETY: `op` is a live op of the module.
        if region >= unsafe { mlirOperationGetNumRegions(op) } as usize {
            return None;
        }
        let types: Vec<MlirType> = args.iter().map(|a| a.1.raw()).collect();
        let locs: Vec<MlirLocation> = args.iter().map(|a| a.2.raw).collect();
        // SAFETY: the arrays hold one live type and location per argument; the new block is
        // handed to the op's region, which owns it from then on; argument indices are below
        // the block's argument count.
        let block = unsafe {
            let b = mlirBlockCreate(types.len() as isize, types.as_ptr(), locs.as_ptr());
            mlirRegionAppendOwnedBlock(mlirOperationGetRegion(op, region as isize), b);
            for (i, a) in args.iter().enumerate() {
                self.values.insert(a.0, mlirBlockGetArgument(b, i as isize));
            }
            b
        };
        self.blocks.push(block);
        Some(BlockId(self.blocks.len() - 1))
    }

    /// The finished module's operation, owned by the caller from here on (like
    /// `Box::into_raw`: whoever takes it must destroy it).
    pub fn finish(mut self) -> MlirOperation {
        let module = std::mem::replace(
            &mut self.module,
            MlirModule {
                ptr: std::ptr::null_mut(),
            },
        );
        // SAFETY: `module` is live; ownership passes to the caller (the builder now holds a
        // null module, which its drop leaves alone).
        unsafe { mlirModuleGetOperation(module) }
    }
}

impl Drop for ModuleBuilder<'_> {
    fn drop(&mut self) {
        if self.module.ptr.is_null() {
            return;
        }
        // SAFETY: the module is live and owned by the builder alone; every handle the
        // builder keeps dies with it.
        unsafe { mlirModuleDestroy(self.module) }
    }
}

impl Location<'_> {
    /// Emits an error here.
    pub fn emit_error(self, message: &str) {
        self.emit(super::Severity::Error, message, None);
    }
}
