//! Thin wrappers over the MLIR C API used by the pass internals.
//!
//! The passes walk, read and rewrite IR through these small `Copy` handles instead of
//! melior's lifetime-carrying references, because a pass collects operations during a walk
//! and rewrites them afterwards. Every `unsafe` call into the C API of the pass crate lives
//! here or in `constants.rs`. Handles are only valid while the IR they point to is alive;
//! the passes never keep them beyond one `run`.

use coreai_compress::formats::ElemType;
use mlir_sys::*;
use std::ffi::c_void;

#[cfg(target_endian = "big")]
compile_error!("coreai reads and writes little-endian constant blobs in place");

/// A borrowed string from MLIR.
pub(crate) fn string_ref<'a>(s: MlirStringRef) -> &'a str {
    if s.data.is_null() || s.length == 0 {
        return "";
    }
    // SAFETY: MLIR string refs point to valid memory for the lifetime of the IR object.
    let bytes = unsafe { std::slice::from_raw_parts(s.data.cast::<u8>(), s.length) };
    std::str::from_utf8(bytes).unwrap_or("")
}

/// A string reference to pass into MLIR (borrowed for the duration of the call).
pub(crate) fn to_ref(s: &str) -> MlirStringRef {
    MlirStringRef {
        data: s.as_ptr().cast(),
        length: s.len(),
    }
}

/// Prints something through an MLIR print callback into a `String`.
pub(crate) fn print_to_string(f: impl FnOnce(MlirStringCallback, *mut c_void)) -> String {
    unsafe extern "C" fn append(s: MlirStringRef, user: *mut c_void) {
        // SAFETY: `user` is the `String` passed below.
        let out = unsafe { &mut *user.cast::<String>() };
        if !s.data.is_null() {
            // SAFETY: MLIR passes a valid buffer.
            let bytes = unsafe { std::slice::from_raw_parts(s.data.cast::<u8>(), s.length) };
            out.push_str(&String::from_utf8_lossy(bytes));
        }
    }
    let mut out = String::new();
    f(Some(append), (&mut out as *mut String).cast());
    out
}

/// An operation handle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Op(pub MlirOperation);

// SAFETY: an `Op` is a plain pointer; the passes only dereference it on the thread that runs
// the pass, but candidates carrying it are moved through rayon collections.
unsafe impl Send for Op {}
unsafe impl Sync for Op {}

impl PartialEq for Op {
    fn eq(&self, other: &Self) -> bool {
        self.0.ptr == other.0.ptr
    }
}
impl Eq for Op {}
impl std::hash::Hash for Op {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.0.ptr as usize).hash(state)
    }
}

impl Op {
    /// The op name, e.g. `coreai.constant`.
    pub fn name(self) -> &'static str {
        // SAFETY: identifiers are uniqued in the context and outlive the pass.
        unsafe { string_ref(mlirIdentifierStr(mlirOperationGetName(self.0))) }
    }

    pub fn is(self, name: &str) -> bool {
        self.name() == name
    }

    pub fn loc(self) -> MlirLocation {
        unsafe { mlirOperationGetLocation(self.0) }
    }

    pub fn context(self) -> MlirContext {
        unsafe { mlirOperationGetContext(self.0) }
    }

    pub fn num_operands(self) -> usize {
        unsafe { mlirOperationGetNumOperands(self.0) as usize }
    }

    pub fn operand(self, i: usize) -> Val {
        Val(unsafe { mlirOperationGetOperand(self.0, i as isize) })
    }

    pub fn operands(self) -> impl Iterator<Item = Val> {
        (0..self.num_operands()).map(move |i| self.operand(i))
    }

    pub fn num_results(self) -> usize {
        unsafe { mlirOperationGetNumResults(self.0) as usize }
    }

    pub fn result(self, i: usize) -> Val {
        Val(unsafe { mlirOperationGetResult(self.0, i as isize) })
    }

    /// An inherent (property) or discardable attribute.
    pub fn attr(self, name: &str) -> Option<MlirAttribute> {
        let a = unsafe { mlirOperationGetAttributeByName(self.0, to_ref(name)) };
        (!a.ptr.is_null()).then_some(a)
    }

    pub fn parent(self) -> Option<Op> {
        let p = unsafe { mlirOperationGetParentOperation(self.0) };
        (!p.ptr.is_null()).then_some(Op(p))
    }

    /// The closest enclosing op named `name`.
    pub fn ancestor(self, name: &str) -> Option<Op> {
        let mut cur = self.parent();
        while let Some(op) = cur {
            if op.is(name) {
                return Some(op);
            }
            cur = op.parent();
        }
        None
    }

    pub fn block(self) -> MlirBlock {
        unsafe { mlirOperationGetBlock(self.0) }
    }

    /// Erases the op (which must have no uses).
    pub fn erase(self) {
        unsafe { mlirOperationDestroy(self.0) }
    }

    pub fn results_unused(self) -> bool {
        (0..self.num_results()).all(|i| !self.result(i).has_uses())
    }

    /// The location printed the way diagnostics print it, e.g. `"w.mlir":3:10`.
    pub fn loc_string(self) -> String {
        location_string(self.loc())
    }
}

pub(crate) fn location_string(loc: MlirLocation) -> String {
    let s = print_to_string(|cb, user| unsafe { mlirLocationPrint(loc, cb, user) });
    s.strip_prefix("loc(")
        .and_then(|s| s.strip_suffix(')'))
        .map(str::to_string)
        .unwrap_or(s)
}

/// A use of a value: the user op and the operand number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Use {
    pub owner: Op,
    pub index: usize,
}

/// A value handle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Val(pub MlirValue);

impl Val {
    pub fn ty(self) -> MlirType {
        unsafe { mlirValueGetType(self.0) }
    }

    pub fn uses(self) -> Vec<Use> {
        let mut out = Vec::new();
        let mut u = unsafe { mlirValueGetFirstUse(self.0) };
        while !unsafe { mlirOpOperandIsNull(u) } {
            out.push(Use {
                owner: Op(unsafe { mlirOpOperandGetOwner(u) }),
                index: unsafe { mlirOpOperandGetOperandNumber(u) } as usize,
            });
            u = unsafe { mlirOpOperandGetNextUse(u) };
        }
        // MLIR prepends to use lists; reverse to get creation (usually program) order.
        out.reverse();
        out
    }

    pub fn has_uses(self) -> bool {
        !unsafe { mlirOpOperandIsNull(mlirValueGetFirstUse(self.0)) }
    }

    /// The op that defines this value, if it is an op result.
    pub fn defining_op(self) -> Option<Op> {
        unsafe { mlirValueIsAOpResult(self.0) }.then(|| Op(unsafe { mlirOpResultGetOwner(self.0) }))
    }

    pub fn replace_all_uses_with(self, with: Val) {
        unsafe { mlirValueReplaceAllUsesOfWith(self.0, with.0) }
    }
}

/// Collects every op under `root` (root included) in post order, MLIR's default walk order.
pub(crate) fn collect_ops(root: Op, mut keep: impl FnMut(Op) -> bool) -> Vec<Op> {
    struct State<'a> {
        keep: &'a mut dyn FnMut(Op) -> bool,
        out: Vec<Op>,
    }
    unsafe extern "C" fn cb(op: MlirOperation, user: *mut c_void) -> MlirWalkResult {
        // SAFETY: `user` is the `State` below, alive for the whole walk.
        let state = unsafe { &mut *user.cast::<State>() };
        if (state.keep)(Op(op)) {
            state.out.push(Op(op));
        }
        MlirWalkResult_MlirWalkResultAdvance
    }
    let mut state = State {
        keep: &mut keep,
        out: Vec::new(),
    };
    unsafe {
        mlirOperationWalk(
            root.0,
            Some(cb),
            (&mut state as *mut State).cast(),
            MlirWalkOrder_MlirWalkPostOrder,
        )
    };
    state.out
}

/// Shape and element type of a ranked tensor type.
#[derive(Clone, Debug)]
pub(crate) struct TensorType {
    /// Dims; `None` for a dynamic dim.
    pub dims: Vec<Option<usize>>,
    pub elem: MlirType,
}

impl TensorType {
    pub fn of(ty: MlirType) -> Option<TensorType> {
        if !unsafe { mlirTypeIsARankedTensor(ty) } {
            return None;
        }
        let rank = unsafe { mlirShapedTypeGetRank(ty) } as usize;
        let dims = (0..rank)
            .map(|i| {
                let d = unsafe { mlirShapedTypeGetDimSize(ty, i as isize) };
                (!unsafe { mlirShapedTypeIsDynamicDim(ty, i as isize) } && d >= 0)
                    .then_some(d as usize)
            })
            .collect();
        Some(TensorType {
            dims,
            elem: unsafe { mlirShapedTypeGetElementType(ty) },
        })
    }

    /// The static shape, if every dim is static.
    pub fn static_shape(&self) -> Option<Vec<usize>> {
        self.dims.iter().copied().collect()
    }
}

/// The [`ElemType`] of an MLIR element type, if it is one the passes handle.
pub(crate) fn elem_type(ty: MlirType) -> Option<ElemType> {
    unsafe {
        if mlirTypeIsAF16(ty) {
            Some(ElemType::F16)
        } else if mlirTypeIsABF16(ty) {
            Some(ElemType::BF16)
        } else if mlirTypeIsAF32(ty) {
            Some(ElemType::F32)
        } else if mlirTypeIsAFloat8E4M3FN(ty) {
            Some(ElemType::F8E4M3FN)
        } else if mlirTypeIsAFloat8E5M2(ty) {
            Some(ElemType::F8E5M2)
        } else if mlirTypeIsAFloat4E2M1FN(ty) {
            Some(ElemType::F4E2M1FN)
        } else if mlirTypeIsAFloat8E8M0FNU(ty) {
            Some(ElemType::F8E8M0FNU)
        } else if mlirTypeIsAInteger(ty) {
            let bits = mlirIntegerTypeGetWidth(ty);
            if !(1..=32).contains(&bits) || (bits > 8 && bits != 16 && bits != 32) {
                return None;
            }
            Some(ElemType::Int {
                bits: bits as u8,
                signed: mlirIntegerTypeIsSigned(ty),
            })
        } else {
            None
        }
    }
}

/// The MLIR element type of an [`ElemType`]. Integers are signed (`si*`) or unsigned
/// (`ui*`), as Core AI requires; `Int { bits: 1, signed: false }` is `ui1`.
pub(crate) fn mlir_type(ctx: MlirContext, ty: ElemType) -> MlirType {
    unsafe {
        match ty {
            ElemType::F16 => mlirF16TypeGet(ctx),
            ElemType::BF16 => mlirBF16TypeGet(ctx),
            ElemType::F32 => mlirF32TypeGet(ctx),
            ElemType::F8E4M3FN => mlirFloat8E4M3FNTypeGet(ctx),
            ElemType::F8E5M2 => mlirFloat8E5M2TypeGet(ctx),
            ElemType::F4E2M1FN => mlirFloat4E2M1FNTypeGet(ctx),
            ElemType::F8E8M0FNU => mlirFloat8E8M0FNUTypeGet(ctx),
            ElemType::Int { bits, signed: true } => mlirIntegerTypeSignedGet(ctx, bits as u32),
            ElemType::Int {
                bits,
                signed: false,
            } => mlirIntegerTypeUnsignedGet(ctx, bits as u32),
        }
    }
}

/// `tensor<shape x elem>` (with an optional encoding).
pub(crate) fn tensor_type(
    shape: &[usize],
    elem: MlirType,
    encoding: Option<MlirAttribute>,
) -> MlirType {
    let dims: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
    let enc = encoding.unwrap_or(unsafe { mlirAttributeGetNull() });
    unsafe { mlirRankedTensorTypeGet(dims.len() as isize, dims.as_ptr(), elem, enc) }
}

/// Prints a type, e.g. `tensor<8x4xf16>`.
pub(crate) fn type_string(ty: MlirType) -> String {
    print_to_string(|cb, user| unsafe { mlirTypePrint(ty, cb, user) })
}

/// Creates an op with operands, result types and attributes, and inserts it before
/// `before`. Returns the new op.
pub(crate) fn create_op_before(
    before: Op,
    name: &str,
    operands: &[Val],
    results: &[MlirType],
    attrs: &[(&str, MlirAttribute)],
) -> Op {
    let ctx = before.context();
    unsafe {
        let mut state = mlirOperationStateGet(to_ref(name), before.loc());
        let raw_operands: Vec<MlirValue> = operands.iter().map(|v| v.0).collect();
        mlirOperationStateAddOperands(
            &mut state,
            raw_operands.len() as isize,
            raw_operands.as_ptr(),
        );
        mlirOperationStateAddResults(&mut state, results.len() as isize, results.as_ptr());
        let named: Vec<MlirNamedAttribute> = attrs
            .iter()
            .map(|(n, a)| MlirNamedAttribute {
                name: mlirIdentifierGet(ctx, to_ref(n)),
                attribute: *a,
            })
            .collect();
        mlirOperationStateAddAttributes(&mut state, named.len() as isize, named.as_ptr());
        let op = mlirOperationCreate(&mut state);
        mlirBlockInsertOwnedOperationBefore(before.block(), before.0, op);
        Op(op)
    }
}
