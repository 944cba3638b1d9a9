//! Which constants the compression passes compress, and along which axes (spec B).
//!
//! Implemented once for all passes (and used by `--coreai-report` to list uncompressed
//! weights):
//! - B.1: a `coreai.constant` with a static float (f16, bf16, f32) tensor type, more than
//!   `weight_num_threshold` elements, and every user in the consumer set (B.2) unless the
//!   constant has at least 1e8 elements. Unused constants are left alone (F.12).
//! - B.3: the output/input channel axes chosen per use (matmul x/y, transpose feeding
//!   matmuls, gather_nd, conv2d and everything else, chained `blockwise_shift_scale`
//!   recursing into its users). Uses that disagree make the axes ambiguous; the constant is
//!   then skipped with a warning (F.11).
//!
//! ## Parallelisation
//! A [`Candidate`] splits into the IR side (the op, on the pass's thread) and the plain-data
//! [`Weight`] the kernels work on in parallel.

use crate::{
    constants::{ConstantData, ConstantError, read_constant},
    ir::{self, Op, names},
};
use coreai_compress::{chain::checked_elements, element::FloatType, formats::ElemType};

/// The consumer set of spec B.2.
pub const CONSUMERS: &[&str] = &[
    names::BATCH_MATMUL,
    names::CONV2D,
    names::BROADCASTING_BATCH_MATMUL,
    names::GATHER_ND,
    names::TRANSPOSE,
];

/// A constant with any user outside the consumer set is compressed only from this size on.
pub const LARGE_CONSTANT: u64 = 100_000_000;

const MATMULS: &[&str] = &[names::BATCH_MATMUL, names::BROADCASTING_BATCH_MATMUL];

/// Output and input channel axes, normalised to `0..rank` where they exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Axes {
    /// Output-channel axis, if it exists for the weight's rank.
    pub out: Option<usize>,
    /// Input-channel axis, if it exists for the weight's rank.
    pub input: Option<usize>,
}

/// What the kernels need of an eligible weight: plain data, shared with rayon threads.
pub(crate) struct Weight<'a> {
    pub data: ConstantData<'a>,
    pub shape: Vec<usize>,
    pub axes: Axes,
    /// `groups` of every conv2d user (None when not a constant).
    pub conv_groups: Vec<Option<u64>>,
}

impl Weight<'_> {
    /// The number of elements (saturating).
    pub fn num_elements(&self) -> usize {
        checked_elements(&self.shape).unwrap_or(usize::MAX)
    }
}

/// A constant that passed the B.1 filter.
pub(crate) struct Candidate<'a> {
    pub op: Op<'a>,
    pub weight: Weight<'a>,
    /// Names of the consumer ops, one per use.
    pub consumers: Vec<&'a str>,
    /// The enclosing `coreai.graph` symbol.
    pub graph: Option<String>,
}

/// Why a constant that looked like a weight was not compressed.
pub(crate) enum Ineligible<'a> {
    /// Not a weight (integer or dynamic: `None`), or a float constant below the threshold
    /// or used by ops outside the consumer set (with the reason): skipped silently.
    Silent(Option<&'static str>),
    /// Large enough but unused (F.12): left alone with a remark.
    Unused,
    /// Uses disagree on the channel axes (F.11): skipped with a warning.
    Ambiguous {
        first: Axes,
        other: Axes,
        user: Op<'a>,
    },
    /// Cannot be read (bad blob, dynamic shape...): skipped with a warning.
    Unreadable(ConstantError),
}

/// Classifies every `coreai.constant` under `root`, in walk order.
pub(crate) fn classify_all<'a>(
    root: Op<'a>,
    threshold: u64,
) -> Vec<(Op<'a>, Result<Candidate<'a>, Ineligible<'a>>)> {
    ir::collect_ops(root, |op| op.is(names::CONSTANT))
        .into_iter()
        .map(|op| (op, classify(op, threshold)))
        .collect()
}

/// The weight type of a float element type (f16, bf16, f32).
pub(crate) fn float_type(elem: ElemType) -> Option<FloatType> {
    match elem {
        ElemType::F16 => Some(FloatType::F16),
        ElemType::BF16 => Some(FloatType::BF16),
        ElemType::F32 => Some(FloatType::F32),
        _ => None,
    }
}

/// Whether a dense weight of `n` elements is large enough to compress (B.1).
pub(crate) fn above_threshold(n: u64, threshold: u64) -> bool {
    n > threshold
}

/// Spec B.1 and B.3 for one `coreai.constant`.
pub(crate) fn classify(op: Op<'_>, threshold: u64) -> Result<Candidate<'_>, Ineligible<'_>> {
    let result = op.result(0).ok_or(Ineligible::Silent(None))?;
    let tt = result.ty().tensor().ok_or(Ineligible::Silent(None))?;
    // Integer (and other non-float) constants are never weights.
    tt.elem
        .elem_type()
        .and_then(float_type)
        .ok_or(Ineligible::Silent(None))?;
    let shape = tt.static_shape().ok_or(Ineligible::Silent(None))?;
    let n: u64 = shape
        .iter()
        .try_fold(1u64, |a, &d| a.checked_mul(d as u64))
        .unwrap_or(u64::MAX);
    if !above_threshold(n, threshold) {
        return Err(Ineligible::Silent(Some(
            "not more elements than weight-num-threshold",
        )));
    }
    let uses = result.uses();
    if uses.is_empty() {
        return Err(Ineligible::Unused);
    }
    if uses.iter().any(|u| !CONSUMERS.contains(&u.owner.name())) && n < LARGE_CONSTANT {
        return Err(Ineligible::Silent(Some(
            "used by an op that does not consume weights",
        )));
    }
    let rank = shape.len();
    let mut axes: Option<(Axes, Op<'_>)> = None;
    for u in &uses {
        let a = use_axes(u.owner, u.index, rank);
        match &axes {
            None => axes = Some((a, u.owner)),
            Some((first, _)) if *first != a => {
                return Err(Ineligible::Ambiguous {
                    first: *first,
                    other: a,
                    user: u.owner,
                });
            }
            _ => {}
        }
    }
    let (axes, _) = axes.ok_or(Ineligible::Silent(None))?;
    let data = read_constant(op).map_err(Ineligible::Unreadable)?;
    let conv_groups = uses
        .iter()
        .filter(|u| u.owner.is(names::CONV2D))
        .map(|u| conv_groups(u.owner))
        .collect();
    Ok(Candidate {
        op,
        weight: Weight {
            data,
            shape,
            axes,
            conv_groups,
        },
        consumers: uses.iter().map(|u| u.owner.name()).collect(),
        graph: graph_name(op),
    })
}

/// The symbol of the enclosing `coreai.graph`.
pub(crate) fn graph_name(op: Op<'_>) -> Option<String> {
    let graph = op.ancestor(names::GRAPH)?;
    let name = graph.attr(names::SYM_NAME_ATTR)?.string_value()?;
    Some(name.to_string())
}

/// `groups` of a conv2d: its constant operand 4 (F.14).
fn conv_groups(conv: Op<'_>) -> Option<u64> {
    let def = conv.operand(4)?.defining_op()?;
    if !def.is(names::CONSTANT) {
        return None;
    }
    let data = read_constant(def).ok()?;
    let v = data.to_f32().ok()?;
    (v.len() == 1).then(|| v[0] as u64)
}

fn normalise(axis: i64, rank: usize) -> Option<usize> {
    let a = if axis < 0 { axis + rank as i64 } else { axis };
    (0..rank as i64).contains(&a).then_some(a as usize)
}

fn axes_of(out: i64, input: i64, rank: usize) -> Axes {
    Axes {
        out: normalise(out, rank),
        input: normalise(input, rank),
    }
}

/// B.3: the axes one use implies.
fn use_axes(user: Op<'_>, operand: usize, rank: usize) -> Axes {
    let name = user.name();
    if MATMULS.contains(&name) {
        return if operand == 1 {
            axes_of(-1, -2, rank)
        } else {
            axes_of(-2, -1, rank)
        };
    }
    if name == names::TRANSPOSE {
        // Weights exported as [out, in] go through a transpose into a matmul (nn.Linear).
        let users = user.result(0).map(|r| r.uses()).unwrap_or_default();
        let mut side: Option<usize> = None;
        let all_matmul = !users.is_empty()
            && users.iter().all(|u| {
                if !MATMULS.contains(&u.owner.name()) {
                    return false;
                }
                match side {
                    None => {
                        side = Some(u.index);
                        true
                    }
                    Some(s) => s == u.index,
                }
            });
        if all_matmul {
            return if side == Some(1) {
                axes_of(-2, -1, rank)
            } else {
                axes_of(-1, -2, rank)
            };
        }
        return axes_of(0, 1, rank);
    }
    if name == names::BLOCKWISE_SHIFT_SCALE {
        let mut found: Option<Axes> = None;
        for u in user.result(0).map(|r| r.uses()).unwrap_or_default() {
            let a = use_axes(u.owner, u.index, rank);
            if found.is_some_and(|f| f != a) {
                return axes_of(0, 1, rank);
            }
            found = Some(a);
        }
        return found.unwrap_or_else(|| axes_of(0, 1, rank));
    }
    axes_of(0, 1, rank)
}
