//! The generic op tree: a Core AI program in coreai terms, plain data for the MLIR side.
//!
//! Reading an asset gives a [`Program`]: ops with their coreai names, operands and results (by
//! value id), attributes as the exact MLIR text coreai-core prints (types, `#coreai.*`,
//! `#param.*`, `#debuginfo.*` locations), except dense data, which stays binary
//! ([`AttrValue::Dense`], [`AttrValue::Resource`] borrowing the asset's blob). Decomposition
//! regions are not part of the tree (as `AIModelAsset.load` drops them) but kept, in aicode
//! form, in [`Program::decompositions`], referenced from their op. The MLIR side creates ops
//! from this through the C API, and hands the same form back for writing.
//!
//! [`Program::print`] prints the tree in MLIR's generic form with debug info and local scope,
//! exactly as coreai-core prints `AIModelAsset.load(p).program` (our read oracle).

use std::{borrow::Cow, fmt::Write as _};

use crate::{
    mlirtext::{self, Elem},
    module,
};

/// An attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue<'a> {
    /// MLIR assembly text of the attribute (e.g. `#coreai.approximate<tanh>`, `[{...}]`).
    Text(String),
    /// A unit attribute (printed as its bare name in a dictionary).
    Unit,
    /// `dense<...> : ty` as MLIR's raw storage.
    Dense {
        /// The tensor type text.
        ty: String,
        /// Raw storage (sub-byte types one byte per element, `i1` bit-packed).
        data: Cow<'a, [u8]>,
        /// The storage holds one element, broadcast to the shape.
        splat: bool,
    },
    /// `dense_resource<key> : ty`, with the blob.
    Resource {
        /// The resource key.
        key: String,
        /// The tensor type text.
        ty: String,
        /// The blob (borrowed from the memory-mapped asset when read).
        data: Cow<'a, [u8]>,
        /// The blob's alignment.
        alignment: u64,
    },
}

/// A named attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedAttr<'a> {
    /// Name.
    pub name: String,
    /// Value.
    pub value: AttrValue<'a>,
    /// Inherent (a property, printed in `<{...}>`) or discardable (`{...}`).
    pub inherent: bool,
}

/// A block argument.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeArg {
    /// Value id.
    pub id: u32,
    /// Type text.
    pub ty: String,
    /// Location text (the attribute inside `loc(...)`).
    pub loc: String,
}

/// A block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TreeBlock<'a> {
    /// Arguments.
    pub args: Vec<TreeArg>,
    /// Operations.
    pub ops: Vec<TreeOp<'a>>,
}

/// A region.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TreeRegion<'a> {
    /// Blocks.
    pub blocks: Vec<TreeBlock<'a>>,
}

/// An operation.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeOp<'a> {
    /// Full name (`coreai.add`).
    pub name: String,
    /// Operand value ids.
    pub operands: Vec<u32>,
    /// Results: value id and type text.
    pub results: Vec<(u32, String)>,
    /// Attributes, sorted by name within inherent and discardable.
    pub attrs: Vec<NamedAttr<'a>>,
    /// Regions.
    pub regions: Vec<TreeRegion<'a>>,
    /// Location text (the attribute inside `loc(...)`).
    pub loc: String,
    /// Index into [`Program::decompositions`] of this op's decomposition region.
    pub decomposition: Option<usize>,
}

/// A Core AI program read from (or to be written to) an asset.
#[derive(Debug, Clone, Default)]
pub struct Program<'a> {
    /// The module's location text.
    pub loc: String,
    /// The module's operations (graphs).
    pub ops: Vec<TreeOp<'a>>,
    /// Decomposition regions of the input, in aicode form (they refer to the source
    /// [`module::Module`]'s attribute and type tables).
    pub decompositions: Vec<module::Region<'a>>,
    /// The asset op's `version` property (the newest op date written), if present.
    pub asset_version: Option<u64>,
    /// The asset op's `source` property, if present.
    pub asset_source: Option<String>,
}

/// Parses a tensor type text `tensor<2x3xf16>` / `tensor<f32>` / with an encoding.
pub fn parse_tensor_type(t: &str) -> Option<(Vec<i64>, Elem)> {
    let inner = t.strip_prefix("tensor<")?.strip_suffix('>')?;
    let inner = inner.split(", #").next()?;
    let mut parts: Vec<&str> = inner.split('x').collect();
    // `complex<f32>` contains no 'x'; element names contain no 'x' except none.
    let elem = parts.pop()?;
    let mut shape = Vec::with_capacity(parts.len());
    for p in parts {
        shape.push(if p == "?" { -1 } else { p.parse().ok()? });
    }
    Some((shape, parse_elem(elem)?))
}

/// Parses an element type name.
pub fn parse_elem(s: &str) -> Option<Elem> {
    use mlirtext::FloatFormat as F;
    let f = |n: &str| -> Option<F> {
        Some(match n {
            "f16" => F::F16,
            "bf16" => F::BF16,
            "f32" => F::F32,
            "f64" => F::F64,
            "tf32" => F::TF32,
            "f8E5M2" => F::F8E5M2,
            "f8E4M3FN" => F::F8E4M3FN,
            "f8E8M0FNU" => F::F8E8M0FNU,
            "f4E2M1FN" => F::F4E2M1FN,
            _ => return None,
        })
    };
    if s == "i1" {
        return Some(Elem::Bool);
    }
    if let Some(w) = s.strip_prefix("si") {
        return w
            .parse()
            .ok()
            .filter(|w| (1..=64).contains(w))
            .map(Elem::SInt);
    }
    if let Some(w) = s.strip_prefix("ui") {
        return w
            .parse()
            .ok()
            .filter(|w| (1..=64).contains(w))
            .map(Elem::UInt);
    }
    if let Some(c) = s.strip_prefix("complex<").and_then(|c| c.strip_suffix('>')) {
        return f(c).map(Elem::Complex);
    }
    f(s).map(Elem::Float)
}

impl AttrValue<'_> {
    /// The MLIR text of the value (dense data formatted as MLIR prints it).
    pub fn text(&self) -> String {
        match self {
            AttrValue::Text(t) => t.clone(),
            AttrValue::Unit => "unit".into(),
            AttrValue::Dense { ty, data, splat } => {
                let body = parse_tensor_type(ty)
                    .and_then(|(shape, e)| mlirtext::dense_body(e, &shape, data, *splat))
                    .unwrap_or_else(|| "<<malformed dense data>>".into());
                format!("dense<{body}> : {ty}")
            }
            AttrValue::Resource { key, ty, .. } => format!("dense_resource<{key}> : {ty}"),
        }
    }
}

struct Namer {
    names: std::collections::HashMap<u32, String>,
    types: std::collections::HashMap<u32, String>,
}

/// SSA names as MLIR 22's `SSANameState` gives them with local scope (observed on coreai-core's
/// printing): a LIFO worklist of regions (so the last graph is numbered first), with one value
/// counter and one entry-block-argument counter (`%argN`) running through the whole walk.
fn compute_names(p: &Program<'_>) -> std::collections::HashMap<u32, String> {
    let mut names = std::collections::HashMap::new();
    let mut next_arg = 0u32;
    let mut work: Vec<&TreeRegion<'_>> = Vec::new();
    let number_ops =
        |ops: &[TreeOp<'_>], next: &mut u32, names: &mut std::collections::HashMap<u32, String>| {
            for op in ops {
                match op.results.len() {
                    0 => {}
                    1 => {
                        names.insert(op.results[0].0, format!("%{next}"));
                        *next += 1;
                    }
                    k => {
                        for (i, (v, _)) in op.results.iter().enumerate() {
                            names.insert(*v, format!("%{next}#{i}"));
                        }
                        let _ = k;
                        *next += 1;
                    }
                }
            }
        };
    let mut next = 0u32;
    number_ops(&p.ops, &mut next, &mut names);
    for op in &p.ops {
        for r in &op.regions {
            work.push(r);
        }
    }
    while let Some(r) = work.pop() {
        for (bi, b) in r.blocks.iter().enumerate() {
            for a in &b.args {
                if bi == 0 {
                    names.insert(a.id, format!("%arg{next_arg}"));
                    next_arg += 1;
                } else {
                    names.insert(a.id, format!("%{next}"));
                    next += 1;
                }
            }
            number_ops(&b.ops, &mut next, &mut names);
        }
        for b in &r.blocks {
            for op in &b.ops {
                for r in &op.regions {
                    work.push(r);
                }
            }
        }
    }
    names
}

fn collect_types(ops: &[TreeOp<'_>], m: &mut std::collections::HashMap<u32, String>) {
    for op in ops {
        for (v, t) in &op.results {
            m.insert(*v, t.clone());
        }
        for r in &op.regions {
            for b in &r.blocks {
                for a in &b.args {
                    m.insert(a.id, a.ty.clone());
                }
                collect_types(&b.ops, m);
            }
        }
    }
}

impl Program<'_> {
    /// MLIR's generic form with debug info and local scope (`get_asm(print_generic_op_form=True,
    /// enable_debug_info=True, use_local_scope=True)`), SSA values numbered per isolated region
    /// as MLIR numbers them.
    pub fn print(&self) -> String {
        let mut types = std::collections::HashMap::new();
        collect_types(&self.ops, &mut types);
        let mut out = String::new();
        out.push_str("\"builtin.module\"() ({\n");
        let mut namer = Namer {
            names: compute_names(self),
            types,
        };
        for op in &self.ops {
            print_op(op, 1, &mut namer, &mut out);
        }
        let _ = writeln!(out, "}}) : () -> () loc({})", self.loc);
        out
    }
}

fn attr_dict(attrs: &[&NamedAttr<'_>]) -> String {
    let items: Vec<String> = attrs
        .iter()
        .map(|a| match &a.value {
            AttrValue::Unit => a.name.clone(),
            v => format!("{} = {}", a.name, v.text()),
        })
        .collect();
    items.join(", ")
}

fn print_op(op: &TreeOp<'_>, indent: usize, namer: &mut Namer, out: &mut String) {
    let pad = "  ".repeat(indent);
    out.push_str(&pad);
    if let Some((v, _)) = op.results.first() {
        let n = namer.names.get(v).cloned().unwrap_or_default();
        if op.results.len() == 1 {
            let _ = write!(out, "{n} = ");
        } else {
            let base = n.split('#').next().unwrap_or_default().to_string();
            let _ = write!(out, "{base}:{} = ", op.results.len());
        }
    }
    let ops: Vec<String> = op
        .operands
        .iter()
        .map(|v| {
            namer
                .names
                .get(v)
                .cloned()
                .unwrap_or_else(|| format!("%<{v}>"))
        })
        .collect();
    let _ = write!(out, "\"{}\"({})", op.name, ops.join(", "));
    let inherent: Vec<&NamedAttr<'_>> = op.attrs.iter().filter(|a| a.inherent).collect();
    if !inherent.is_empty() {
        let _ = write!(out, " <{{{}}}>", attr_dict(&inherent));
    }
    if !op.regions.is_empty() {
        out.push_str(" (");
        for (ri, r) in op.regions.iter().enumerate() {
            if ri > 0 {
                out.push_str(", ");
            }
            out.push_str("{\n");
            for (bi, b) in r.blocks.iter().enumerate() {
                if !b.args.is_empty() || bi > 0 {
                    let args: Vec<String> = b
                        .args
                        .iter()
                        .map(|a| {
                            let n = namer.names.get(&a.id).cloned().unwrap_or_default();
                            format!("{n}: {} loc({})", a.ty, a.loc)
                        })
                        .collect();
                    let _ = writeln!(out, "{pad}^bb{bi}({}):", args.join(", "));
                }
                for o in &b.ops {
                    print_op(o, indent + 1, namer, out);
                }
            }
            let _ = write!(out, "{pad}}}");
        }
        out.push(')');
    }
    let disc: Vec<&NamedAttr<'_>> = op.attrs.iter().filter(|a| !a.inherent).collect();
    if !disc.is_empty() {
        let _ = write!(out, " {{{}}}", attr_dict(&disc));
    }
    let tys: Vec<String> = op
        .operands
        .iter()
        .map(|v| namer.types.get(v).cloned().unwrap_or_else(|| "<?>".into()))
        .collect();
    let _ = write!(out, " : ({}) -> ", tys.join(", "));
    match op.results.len() {
        1 => out.push_str(&op.results[0].1),
        _ => {
            let r: Vec<&str> = op.results.iter().map(|(_, t)| t.as_str()).collect();
            let _ = write!(out, "({})", r.join(", "));
        }
    }
    let _ = writeln!(out, " loc({})", op.loc);
}
