//! The names of the ops the passes read or create, in one place. The decompression ops'
//! names come from the chain model ([`OpKind::name`]).

use coreai_compress::chain::OpKind;

/// `coreai.constant`.
pub(crate) const CONSTANT: &str = "coreai.constant";
/// `coreai.graph`.
pub(crate) const GRAPH: &str = "coreai.graph";
/// `coreai.batch_matmul`.
pub(crate) const BATCH_MATMUL: &str = "coreai.batch_matmul";
/// `coreai.decomposable.broadcasting_batch_matmul`.
pub(crate) const BROADCASTING_BATCH_MATMUL: &str = "coreai.decomposable.broadcasting_batch_matmul";
/// `coreai.conv2d`.
pub(crate) const CONV2D: &str = "coreai.conv2d";
/// `coreai.gather_nd`.
pub(crate) const GATHER_ND: &str = "coreai.gather_nd";
/// `coreai.transpose`.
pub(crate) const TRANSPOSE: &str = "coreai.transpose";
/// `coreai.blockwise_shift_scale`.
pub(crate) const BLOCKWISE_SHIFT_SCALE: &str = OpKind::BlockwiseShiftScale.name();

/// The attribute holding a constant's value.
pub(crate) const VALUE_ATTR: &str = "value";
/// The attribute holding a graph's name.
pub(crate) const SYM_NAME_ATTR: &str = "sym_name";
