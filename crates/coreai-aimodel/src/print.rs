//! A debugging printer of a decoded aicode module in MLIR's generic op syntax: ops, value
//! numbers, properties by name, and every attribute and type written structurally as
//! `#aicode.<mnemonic><field, ...>` / `!aicode.<mnemonic><...>` from the kind table (fields in
//! encoding order; blobs as hex, resources by key). It mirrors coreai-core's generic aicode
//! printing in structure, not character for character (coreai-core elides nested prefixes and
//! names fields); [`crate::tree::Program::print`] is the exact one, for the coreai form.

use std::fmt::Write as _;

use crate::{
    kinds,
    mlirtext::quote,
    module::{AttrId, Module, Node, Op, Props, Region, TypeId, Val, ValueId},
    ops,
};

fn node_text(m: &Module<'_>, n: &Node<'_>, is_attr: bool, depth: usize) -> String {
    if depth > 64 {
        return "<...>".into();
    }
    match n {
        Node::Raw {
            dialect,
            custom,
            data,
        } => {
            let d = String::from_utf8_lossy(dialect);
            if *custom {
                format!(
                    "{}{d}.raw<{}>",
                    if is_attr { '#' } else { '!' },
                    data.iter().map(|b| format!("{b:02x}")).collect::<String>()
                )
            } else {
                String::from_utf8_lossy(data)
                    .trim_end_matches('\0')
                    .to_string()
            }
        }
        Node::Known { kind, vals } => {
            let spec = if is_attr {
                kinds::attr_kind(*kind)
            } else {
                kinds::type_kind(*kind)
            };
            let name = spec.map_or("?", |k| k.name);
            let sigil = if is_attr { '#' } else { '!' };
            if vals.is_empty() {
                return format!("{sigil}aicode.{name}");
            }
            let fields: Vec<String> = vals.iter().map(|v| val_text(m, v, depth + 1)).collect();
            format!("{sigil}aicode.{name}<{}>", fields.join(", "))
        }
    }
}

fn val_text(m: &Module<'_>, v: &Val<'_>, depth: usize) -> String {
    match v {
        Val::Attr(a) | Val::OptAttr(Some(a)) => attr_text(m, *a, depth),
        Val::OptAttr(None) => "none".into(),
        Val::Type(t) => type_text(m, *t, depth),
        Val::Str(s) => quote(s),
        Val::U(x) => x.to_string(),
        Val::I(x) => x.to_string(),
        Val::Byte(b) => b.to_string(),
        Val::Int(w) => w
            .iter()
            .map(|x| format!("{x:#x}"))
            .collect::<Vec<_>>()
            .join(":"),
        Val::Blob(b) => format!(
            "blob<{} bytes: {}{}>",
            b.len(),
            b.iter()
                .take(32)
                .map(|x| format!("{x:02x}"))
                .collect::<String>(),
            if b.len() > 32 { ".." } else { "" }
        ),
        Val::Res(r) => m.resources.get(*r).map_or_else(
            || format!("resource#{r}"),
            |(_, res)| format!("@{}", String::from_utf8_lossy(&res.key)),
        ),
        Val::Attrs(xs) => format!(
            "[{}]",
            xs.iter()
                .map(|a| attr_text(m, *a, depth))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Val::Types(xs) => format!(
            "[{}]",
            xs.iter()
                .map(|t| type_text(m, *t, depth))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Val::Strs(xs) => format!(
            "[{}]",
            xs.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
        ),
        Val::Is(xs) => format!(
            "[{}]",
            xs.iter()
                .map(|x| if *x == i64::MIN {
                    "?".into()
                } else {
                    x.to_string()
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Val::Us(xs) => format!(
            "[{}]",
            xs.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Val::OptU(x) => x.map_or("none".into(), |x| x.to_string()),
    }
}

/// The structural text of an attribute.
pub fn attr_text(m: &Module<'_>, a: AttrId, depth: usize) -> String {
    node_text(m, m.attrs.get(a.0), true, depth)
}

/// The structural text of a type.
pub fn type_text(m: &Module<'_>, t: TypeId, depth: usize) -> String {
    node_text(m, m.types.get(t.0), false, depth)
}

fn op_text(m: &Module<'_>, op: &Op<'_>, indent: usize, names: &Names, out: &mut String) {
    let pad = "  ".repeat(indent);
    out.push_str(&pad);
    if !op.results.is_empty() {
        let r: Vec<String> = op.results.iter().map(|(v, _)| names.name(*v)).collect();
        let _ = write!(out, "{} = ", r.join(", "));
    }
    let operands: Vec<String> = op.operands.iter().map(|v| names.name(*v)).collect();
    let _ = write!(out, "\"{}\"({})", op.full_name(), operands.join(", "));
    match &op.props {
        Props::None => {}
        Props::Attrs(v) => {
            let layout = ops::props_layout(&op.full_name()).unwrap_or(&[]);
            let items: Vec<String> = v
                .iter()
                .enumerate()
                .filter_map(|(i, a)| {
                    a.map(|a| {
                        format!(
                            "{} = {}",
                            layout.get(i).map_or("?", |p| p.name),
                            attr_text(m, a, 0)
                        )
                    })
                })
                .collect();
            let _ = write!(out, " <{{{}}}>", items.join(", "));
        }
        Props::Unregistered(a) => {
            let _ = write!(out, " <{}>", attr_text(m, *a, 0));
        }
        Props::Raw(b) => {
            let _ = write!(
                out,
                " <raw {}>",
                b.iter().map(|x| format!("{x:02x}")).collect::<String>()
            );
        }
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
                            format!(
                                "{}: {} loc({})",
                                names.name(a.value),
                                type_text(m, a.ty, 0),
                                a.loc.map_or("unknown".into(), |l| attr_text(m, l, 0))
                            )
                        })
                        .collect();
                    let _ = writeln!(out, "{pad}^bb{bi}({}):", args.join(", "));
                }
                for o in &b.ops {
                    op_text(m, o, indent + 1, names, out);
                }
            }
            let _ = write!(out, "{pad}}}");
        }
        out.push(')');
    }
    let results: Vec<String> = op
        .results
        .iter()
        .map(|(_, t)| type_text(m, *t, 0))
        .collect();
    let _ = writeln!(
        out,
        " : -> ({}) loc({})",
        results.join(", "),
        attr_text(m, op.loc, 0)
    );
}

/// Prints the module (ops, then the resource keys and sizes).
pub fn print_module(m: &Module<'_>) -> String {
    let mut out = String::new();
    for op in &m.ops {
        op_text(m, op, 0, &Names(None), &mut out);
    }
    for (dialect, r) in &m.resources {
        let size = match &r.value {
            crate::bytecode::ResourceValue::Blob { data, alignment } => {
                format!("blob of {} bytes, align {alignment}", data.len())
            }
            v => format!("{v:?}"),
        };
        let _ = writeln!(
            out,
            "// resource {}/{}: {size}",
            String::from_utf8_lossy(dialect),
            String::from_utf8_lossy(&r.key)
        );
    }
    out
}

/// Value names: the module's ids, or a renumbering in definition order.
struct Names(Option<std::collections::HashMap<ValueId, usize>>);

impl Names {
    fn name(&self, v: ValueId) -> String {
        match &self.0 {
            None => format!("%{}", v.0),
            Some(m) => m
                .get(&v)
                .map_or_else(|| format!("%<{}>", v.0), |i| format!("%{i}")),
        }
    }
}

/// Prints a region with its values renumbered in definition order (block arguments, then op
/// results, depth first), so that two regions built with different value ids print the same
/// when they are the same.
pub fn print_region(m: &Module<'_>, r: &Region<'_>) -> String {
    fn number(r: &Region<'_>, map: &mut std::collections::HashMap<ValueId, usize>) {
        for b in &r.blocks {
            for a in &b.args {
                let n = map.len();
                map.insert(a.value, n);
            }
            for o in &b.ops {
                for (v, _) in &o.results {
                    let n = map.len();
                    map.insert(*v, n);
                }
                for r in &o.regions {
                    number(r, map);
                }
            }
        }
    }
    let mut map = std::collections::HashMap::new();
    number(r, &mut map);
    let names = Names(Some(map));
    let mut out = String::new();
    for (bi, b) in r.blocks.iter().enumerate() {
        let args: Vec<String> = b
            .args
            .iter()
            .map(|a| {
                format!(
                    "{}: {} loc({})",
                    names.name(a.value),
                    type_text(m, a.ty, 0),
                    a.loc.map_or("unknown".into(), |l| attr_text(m, l, 0))
                )
            })
            .collect();
        let _ = writeln!(out, "^bb{bi}({}):", args.join(", "));
        for o in &b.ops {
            op_text(m, o, 1, &names, &mut out);
        }
    }
    out
}
