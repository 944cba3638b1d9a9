//! aicode -> coreai: turns a decoded [`Module`] into the generic op tree ([`Program`]) that
//! coreai-core's `AIModelAsset.load(p).program` shows: coreai op names, MLIR attribute and type
//! texts, `#debuginfo.location` locations, dense data kept binary and decomposition regions
//! moved to a side table.
//!
//! Every aicode record the mapping does not know is an error that names it (never a silent
//! drop), so an unknown construct of a newer Core AI is reported, not mis-read.

use std::borrow::Cow;

use crate::{
    bytecode::ResourceValue,
    error::{Error, Result},
    kinds,
    mlirtext::{FloatFormat, format_float, quote},
    module::{AttrId, Module, Node, Op, Props, TypeId, Val},
    ops::{self, Category},
    tree::{AttrValue, NamedAttr, Program, TreeArg, TreeBlock, TreeOp, TreeRegion},
};

fn err(msg: impl Into<String>) -> Error {
    Error::Convert(msg.into())
}

struct Reader<'m, 'a> {
    m: &'m Module<'a>,
    decompositions: Vec<crate::module::Region<'a>>,
}

fn s(v: &Val<'_>) -> Result<String> {
    match v {
        Val::Str(b) => Ok(String::from_utf8_lossy(b).into_owned()),
        _ => Err(err("expected a string field")),
    }
}

fn u(v: &Val<'_>) -> Result<u64> {
    match v {
        Val::U(x) => Ok(*x),
        _ => Err(err("expected an integer field")),
    }
}

const SCALARS: &[(&str, &str)] = &[
    ("bool_v1", "i1"),
    ("float64_v1", "f64"),
    ("float32_v1", "f32"),
    ("float16_v1", "f16"),
    ("bfloat16_v1", "bf16"),
    ("float8E5M2_v1", "f8E5M2"),
    ("float8E4M3FN_v1", "f8E4M3FN"),
    ("complex_float64_v1", "complex<f64>"),
    ("complex_float32_v1", "complex<f32>"),
    ("complex_float16_v1", "complex<f16>"),
    ("complex_bfloat16_v1", "complex<bf16>"),
    ("complex_float8E5M2_v1", "complex<f8E5M2>"),
    ("complex_float8E4M3FN_v1", "complex<f8E4M3FN>"),
    ("sint64_v1", "si64"),
    ("sint32_v1", "si32"),
    ("sint16_v1", "si16"),
    ("sint8_v1", "si8"),
    ("sint4_v1", "si4"),
    ("sint2_v1", "si2"),
    ("uint64_v1", "ui64"),
    ("uint32_v1", "ui32"),
    ("uint16_v1", "ui16"),
    ("uint8_v1", "ui8"),
    ("uint4_v1", "ui4"),
    ("uint2_v1", "ui2"),
    ("uint1_v1", "ui1"),
    ("uint6_v1", "ui6"),
    ("uint3_v1", "ui3"),
    ("tfloat32_v1", "tf32"),
    ("float4E2M1FN_v1", "f4E2M1FN"),
    ("float8E8M0FN_v1", "f8E8M0FNU"),
    ("token_v1", "!coreai.token"),
    ("param.symbol_v1", "!param.symbol"),
];

/// The MLIR spelling of an aicode scalar type mnemonic, and back.
pub fn scalar_text(aicode: &str) -> Option<&'static str> {
    SCALARS.iter().find(|(a, _)| *a == aicode).map(|(_, c)| *c)
}

/// The aicode scalar type mnemonic of an MLIR element type.
pub fn scalar_aicode(mlir: &str) -> Option<&'static str> {
    SCALARS.iter().find(|(_, c)| *c == mlir).map(|(a, _)| *a)
}

impl<'m, 'a> Reader<'m, 'a> {
    fn attr(&self, a: AttrId) -> Result<(&'static str, &'m [Val<'a>])> {
        match self.m.attrs.get(a.0) {
            Node::Known { kind, vals } => {
                Ok((kinds::attr_kind(*kind).map_or("?", |k| k.name), vals))
            }
            Node::Raw { dialect, data, .. } => Err(err(format!(
                "attribute of dialect '{}' with an unknown encoding (kind {}) cannot be read as coreai",
                String::from_utf8_lossy(dialect),
                data.first().map_or(0, |b| b >> 1)
            ))),
        }
    }

    fn ty_node(&self, t: TypeId) -> Result<(&'static str, &'m [Val<'a>])> {
        match self.m.types.get(t.0) {
            Node::Known { kind, vals } => {
                Ok((kinds::type_kind(*kind).map_or("?", |k| k.name), vals))
            }
            Node::Raw { data, .. } => Err(err(format!(
                "type with an unknown encoding (kind {})",
                data.first().map_or(0, |b| b >> 1)
            ))),
        }
    }

    fn ty(&self, t: TypeId) -> Result<String> {
        let (name, v) = self.ty_node(t)?;
        Ok(match name {
            "tensor_v1" => {
                let Val::Is(dims) = &v[0] else {
                    return Err(err("bad tensor_v1"));
                };
                let Val::Type(e) = &v[1] else {
                    return Err(err("bad tensor_v1"));
                };
                let mut s = String::from("tensor<");
                for d in dims {
                    if *d == i64::MIN {
                        s.push('?');
                    } else {
                        s.push_str(&d.to_string());
                    }
                    s.push('x');
                }
                s.push_str(&self.ty(*e)?);
                if let Some(Val::Attr(enc)) = v.get(2) {
                    s.push_str(", ");
                    s.push_str(&self.encoding(*enc)?);
                }
                s.push('>');
                s
            }
            "function_v1" => {
                let (Val::Types(res), Val::Types(args)) = (&v[0], &v[1]) else {
                    return Err(err("bad function_v1"));
                };
                let a: Vec<String> = args.iter().map(|t| self.ty(*t)).collect::<Result<_>>()?;
                let r: Vec<String> = res.iter().map(|t| self.ty(*t)).collect::<Result<_>>()?;
                let single_plain = r.len() == 1 && !r[0].starts_with('(');
                if single_plain {
                    format!("({}) -> {}", a.join(", "), r[0])
                } else {
                    format!("({}) -> ({})", a.join(", "), r.join(", "))
                }
            }
            "debuginfo.unresolved_v1" => {
                let Val::Type(t) = &v[0] else {
                    return Err(err("bad unresolved_v1"));
                };
                format!("!debuginfo.unresolved<{}>", self.ty(*t)?)
            }
            n => match scalar_text(n) {
                Some(s) => s.to_string(),
                None => {
                    return Err(err(format!(
                        "aicode type '{n}' has no coreai mapping in this build"
                    )));
                }
            },
        })
    }

    fn encoding(&self, a: AttrId) -> Result<String> {
        let (name, v) = self.attr(a)?;
        if name != "sparse_tensor_encoding_v1" {
            return Err(err(format!(
                "tensor encoding '{name}' has no coreai mapping in this build"
            )));
        }
        const SCHEMES: [&str; 5] = ["bitmask", "coo", "csr", "csc", "bsr"];
        let scheme = SCHEMES
            .get(u(&v[0])? as usize)
            .ok_or_else(|| err("bad sparse scheme"))?;
        let mut s = format!("#coreai.sparse_tensor_encoding<{scheme}");
        if let Val::OptU(Some(n)) = &v[3] {
            s.push_str(&format!(", numNonZero = {n}"));
        }
        s.push_str(&format!(
            ", posWidth = {}, crdWidth = {}",
            u(&v[1])?,
            u(&v[2])?
        ));
        if let Some(Val::Us(b)) = v.get(4) {
            let b: Vec<String> = b.iter().map(|x| x.to_string()).collect();
            s.push_str(&format!(", blockSize = [{}]", b.join(", ")));
        }
        s.push('>');
        Ok(s)
    }

    /// A serialization container value as a builtin attribute's text.
    fn builtin(&self, a: AttrId) -> Result<String> {
        let (name, v) = self.attr(a)?;
        Ok(match name {
            "serialization.string" => quote(match &v[0] {
                Val::Str(b) => b,
                _ => return Err(err("bad string")),
            }),
            "serialization.integer" => {
                let w = u(&v[0])?;
                let unsigned = matches!(v[1], Val::Byte(1));
                let Val::Int(words) = &v[2] else {
                    return Err(err("bad integer"));
                };
                let raw = words.first().copied().unwrap_or(0);
                if w == 0 {
                    return Err(err("a 0-bit integer attribute"));
                }
                if w == 1 {
                    if raw & 1 == 1 {
                        "true".into()
                    } else {
                        "false".into()
                    }
                } else if w > 64 {
                    return Err(err(format!(
                        "{w}-bit integers have no coreai mapping in this build"
                    )));
                } else if unsigned {
                    let mask = if w == 64 { u64::MAX } else { (1u64 << w) - 1 };
                    format!("{} : ui{w}", raw & mask)
                } else {
                    let sh = 64 - w as u32;
                    format!("{} : si{w}", ((raw << sh) as i64) >> sh)
                }
            }
            "serialization.array" => {
                let Val::Attrs(xs) = &v[0] else {
                    return Err(err("bad array"));
                };
                let items: Vec<String> =
                    xs.iter().map(|x| self.builtin(*x)).collect::<Result<_>>()?;
                format!("[{}]", items.join(", "))
            }
            "serialization.dictionary" => {
                let Val::Attrs(xs) = &v[0] else {
                    return Err(err("bad dictionary"));
                };
                self.dict(xs)?
            }
            "serialization.type" => {
                let Val::Type(t) = &v[0] else {
                    return Err(err("bad type attribute"));
                };
                self.ty(*t)?
            }
            "serialization.float" => {
                let (f, t) = match u(&v[0])? {
                    16 => (FloatFormat::F16, "f16"),
                    32 => (FloatFormat::F32, "f32"),
                    64 => (FloatFormat::F64, "f64"),
                    w => {
                        return Err(err(format!(
                            "{w}-bit float attributes have no coreai mapping in this build"
                        )));
                    }
                };
                let Val::Int(words) = &v[1] else {
                    return Err(err("bad float"));
                };
                let bits = words.first().copied().unwrap_or(0);
                format!("{} : {t}", format_float(f, bits))
            }
            "unit_v1" => "unit".into(),
            "symbol_ref_v1" => self.symbol(v)?,
            n => {
                return Err(err(format!(
                    "aicode attribute '{n}' has no coreai mapping in this build"
                )));
            }
        })
    }

    fn symbol(&self, v: &[Val<'_>]) -> Result<String> {
        let Val::Strs(parts) = &v[0] else {
            return Err(err("bad symbol_ref_v1"));
        };
        let p: Vec<String> = parts.iter().map(|p| format!("@{}", sym(p))).collect();
        Ok(p.join("::"))
    }

    /// A list of `serialization.opaque<"k" = [v]>` entries as a dictionary `{k = v, ...}`.
    fn dict(&self, entries: &[AttrId]) -> Result<String> {
        let mut items = Vec::with_capacity(entries.len());
        for e in entries {
            let (name, v) = self.attr(*e)?;
            if name != "serialization.opaque" {
                return Err(err(format!(
                    "dictionary entry '{name}' is not an opaque pair"
                )));
            }
            let mut key = s(&v[0])?;
            if let Some(rest) = key.strip_prefix("aicode.") {
                key = format!("coreai.{rest}");
            }
            let Val::Attrs(vals) = &v[1] else {
                return Err(err("bad opaque pair"));
            };
            let val = match vals.as_slice() {
                [one] => self.builtin(*one)?,
                many => format!(
                    "[{}]",
                    many.iter()
                        .map(|x| self.builtin(*x))
                        .collect::<Result<Vec<_>>>()?
                        .join(", ")
                ),
            };
            items.push((key, val));
        }
        items.sort();
        Ok(format!(
            "{{{}}}",
            items
                .iter()
                .map(|(k, v)| if v == "unit" {
                    crate::mlirtext::key(k.as_bytes())
                } else {
                    format!("{} = {v}", crate::mlirtext::key(k.as_bytes()))
                })
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }

    /// `array<[array<[opaque...]>...]>` of per-argument dictionaries; `None` for `array<>`
    /// (coreai-core writes an absent `arg_attrs` so, and prints `[{}]` for empty dictionaries).
    fn dict_array(&self, a: AttrId) -> Result<Option<String>> {
        let (name, v) = self.attr(a)?;
        let Val::Attrs(xs) = (if name == "serialization.array" {
            &v[0]
        } else {
            return Err(err("expected an array of dictionaries"));
        }) else {
            return Err(err("bad array"));
        };
        let mut items = Vec::new();
        for x in xs {
            let (n, v) = self.attr(*x)?;
            let Val::Attrs(es) = (if n == "serialization.array" {
                &v[0]
            } else {
                return Err(err("expected a dictionary array"));
            }) else {
                return Err(err("bad array"));
            };
            items.push(self.dict(es)?);
        }
        Ok((!items.is_empty()).then(|| format!("[{}]", items.join(", "))))
    }

    fn file(&self, a: AttrId) -> Result<String> {
        let (name, v) = self.attr(a)?;
        if name != "debuginfo.file_v1" {
            return Err(err(format!("expected a debuginfo file, found '{name}'")));
        }
        Ok(format!(
            "<filename = {}, directory = {}, sha256Sum = {}>",
            q(&v[0])?,
            q(&v[1])?,
            q(&v[2])?
        ))
    }

    fn scope(&self, a: AttrId) -> Result<String> {
        let (name, v) = self.attr(a)?;
        Ok(match name {
            "unit_v1" => "unit".into(),
            "symbol_ref_v1" => self.symbol(v)?,
            "debuginfo.compile_unit_v1" => {
                let mut s = format!(
                    "#debuginfo.compile_unit<sourceLanguage = {}, file = {}, producer = {}, optimized = {}, flags = {}",
                    q(&v[0])?,
                    self.file(attr_of(&v[1])?)?,
                    q(&v[2])?,
                    if u(&v[3])? != 0 { "true" } else { "false" },
                    q(&v[4])?
                );
                if let Val::Attrs(files) = &v[5]
                    && !files.is_empty()
                {
                    let f: Vec<String> =
                        files.iter().map(|f| self.file(*f)).collect::<Result<_>>()?;
                    s.push_str(", allFiles = ");
                    s.push_str(&f.join(", "));
                }
                s.push('>');
                s
            }
            "debuginfo.subprogram_v1" => {
                if let Val::OptAttr(Some(_)) = v[5] {
                    return Err(err(
                        "debuginfo subprogram with an extra attribute has no coreai mapping in this build",
                    ));
                }
                let Val::Type(t) = &v[0] else {
                    return Err(err("bad subprogram"));
                };
                format!(
                    "#debuginfo.subprogram<compileUnit = {}, file = {}, name = {}, linkageName = {}> : {}",
                    self.scope(attr_of(&v[1])?)?,
                    self.file(attr_of(&v[2])?)?,
                    q(&v[3])?,
                    q(&v[4])?,
                    self.ty(*t)?
                )
            }
            n => {
                return Err(err(format!(
                    "debuginfo scope '{n}' has no coreai mapping in this build"
                )));
            }
        })
    }

    /// A location as the text inside `loc(...)`.
    fn loc(&self, a: AttrId) -> Result<String> {
        Ok(format!("#debuginfo.location{}", self.loc_body(a, 0)?))
    }

    /// `<loc(...) in SCOPE[ fused with [<...>, ...]][ metadata = [...]]>`: the body of a
    /// `#debuginfo.location` (nested locations print without the prefix).
    fn loc_body(&self, a: AttrId, depth: usize) -> Result<String> {
        if depth > crate::module::MAX_ATTR_DEPTH {
            return Err(err("locations nested too deeply"));
        }
        let (name, v) = self.attr(a)?;
        if name != "debuginfo.location_v1" {
            return Err(err(format!(
                "location '{name}' has no coreai mapping in this build"
            )));
        }
        let (sn, sv) = self.attr(attr_of(&v[0])?)?;
        if sn != "debuginfo.source_location_v1" {
            return Err(err(format!(
                "location source '{sn}' has no coreai mapping in this build"
            )));
        }
        let (fname, fv) = self.attr(attr_of(&sv[0])?)?;
        if fname != "debuginfo.file_v1" {
            return Err(err("bad source location file"));
        }
        let (sl, sc, el, ec) = (u(&sv[1])?, u(&sv[2])?, u(&sv[3])?, u(&sv[4])?);
        let f = q(&fv[0])?;
        let src = if (el, ec) == (sl, sc) {
            format!("loc({f}:{sl}:{sc})")
        } else if el == sl {
            format!("loc({f}:{sl}:{sc} to :{ec})")
        } else {
            format!("loc({f}:{sl}:{sc} to {el}:{ec})")
        };
        let mut s = format!("<{src} in {}", self.scope(attr_of(&v[1])?)?);
        if let Val::Attrs(fused) = &v[2]
            && !fused.is_empty()
        {
            let items: Vec<String> = fused
                .iter()
                .map(|l| self.loc_body(*l, depth + 1))
                .collect::<Result<_>>()?;
            s.push_str(&format!(" fused with [{}]", items.join(", ")));
        }
        if let Val::Attrs(md) = &v[3]
            && !md.is_empty()
        {
            let items: Vec<String> = md
                .iter()
                .map(|m| self.metadata(*m))
                .collect::<Result<_>>()?;
            s.push_str(&format!(" metadata = [{}]", items.join(", ")));
        }
        s.push('>');
        Ok(s)
    }

    /// `opaque<"NAME" = [opaque<"k" = [v]>...]>` as `#coreai.composite_declaration<"NAME" = {k = v, ...}>`.
    fn composite(&self, a: AttrId) -> Result<String> {
        let (name, v) = self.attr(a)?;
        let (Val::Str(n), Val::Attrs(entries)) = (&v[0], v.get(1).unwrap_or(&Val::U(0))) else {
            return Err(err(format!(
                "composite declaration '{name}' is not an opaque pair"
            )));
        };
        if name != "serialization.opaque" {
            return Err(err(format!(
                "composite declaration '{name}' is not an opaque pair"
            )));
        }
        Ok(format!(
            "#coreai.composite_declaration<{} = {}>",
            quote(n),
            self.dict(entries)?
        ))
    }

    fn metadata(&self, a: AttrId) -> Result<String> {
        let (name, v) = self.attr(a)?;
        if name != "debuginfo.metadata_v1" {
            return Err(err(format!(
                "metadata entry '{name}' has no coreai mapping in this build"
            )));
        }
        let (dn, dv) = self.attr(attr_of(&v[1])?)?;
        if dn != "debuginfo.metadata_data_v1" {
            return Err(err(format!(
                "metadata data '{dn}' has no coreai mapping in this build"
            )));
        }
        Ok(format!(
            "<{}: {}>",
            q(&v[0])?,
            self.builtin(attr_of(&dv[0])?)?
        ))
    }

    fn enum_attr(&self, a: AttrId, expect: &str, values: &[&str], coreai: &str) -> Result<String> {
        let (name, v) = self.attr(a)?;
        if name != expect {
            return Err(err(format!("expected '{expect}', found '{name}'")));
        }
        let x = u(&v[0])?;
        let n = values
            .get(x as usize)
            .ok_or_else(|| err(format!("{expect} value {x} is unknown")))?;
        Ok(format!("#coreai.{coreai}<{n}>"))
    }

    fn int_bit(&self, a: AttrId) -> Result<bool> {
        let (name, v) = self.attr(a)?;
        match (name, v.get(2)) {
            ("serialization.integer", Some(Val::Int(w))) => {
                Ok(w.first().copied().unwrap_or(0) & 1 == 1)
            }
            _ => Err(err("expected a 1-bit integer flag")),
        }
    }

    fn type_attr(&self, a: AttrId) -> Result<String> {
        let (name, v) = self.attr(a)?;
        match (name, v.first()) {
            ("serialization.type", Some(Val::Type(t))) => self.ty(*t),
            _ => Err(err("expected a type attribute")),
        }
    }

    fn op(&mut self, op: &Op<'a>) -> Result<TreeOp<'a>> {
        let full = op.full_name();
        let row = ops::aicode_op(&full)
            .ok_or_else(|| err(format!("aicode op '{full}' is unknown to this build")))?;
        let cname = ops::coreai_name_of(&full)
            .ok_or_else(|| err(format!("aicode op '{full}' has no coreai op")))?;
        let name = format!("coreai.{cname}");
        let ctx = |e: Error| err(format!("op '{full}': {e}"));
        let props: Vec<Option<AttrId>> = match &op.props {
            Props::Attrs(v) => v.clone(),
            Props::None => Vec::new(),
            _ => {
                return Err(err(format!(
                    "op '{full}' has properties of an unknown layout"
                )));
            }
        };
        let prop = |n: &str| -> Option<AttrId> {
            row.props
                .iter()
                .position(|p| p.name == n)
                .and_then(|i| props.get(i).copied().flatten())
        };
        let mut attrs = Vec::new();
        let mut add = |n: &str, v: AttrValue<'a>| {
            attrs.push(NamedAttr {
                name: n.into(),
                value: v,
                inherent: true,
            })
        };
        match cname {
            "graph" => {
                if let Some(a) = prop("argAttrs")
                    && let Some(t) = self.dict_array(a).map_err(ctx)?
                {
                    add("arg_attrs", AttrValue::Text(t));
                }
                if let Some(a) = prop("compositeDecl") {
                    add(
                        "composite_decl",
                        AttrValue::Text(self.composite(a).map_err(ctx)?),
                    );
                }
                if let Some(a) = prop("externalize")
                    && self.int_bit(a).map_err(ctx)?
                {
                    add("externalize", AttrValue::Unit);
                }
                let ft = prop("functionType").ok_or_else(|| err("graph without functionType"))?;
                add(
                    "function_type",
                    AttrValue::Text(self.type_attr(ft).map_err(ctx)?),
                );
                if let Some(a) = prop("noInline")
                    && self.int_bit(a).map_err(ctx)?
                {
                    add("no_inline", AttrValue::Unit);
                }
                let pd = prop("paramDecls").ok_or_else(|| err("graph without paramDecls"))?;
                let (_, v) = self.attr(pd).map_err(ctx)?;
                if !matches!(v.first(), Some(Val::Attrs(x)) if x.is_empty()) {
                    return Err(err(format!(
                        "op '{full}': parameter declarations have no coreai mapping in this build"
                    )));
                }
                add(
                    "param_decls",
                    AttrValue::Text("#param.decl.array<[]>".into()),
                );
                if let Some(a) = prop("isPrivate")
                    && self.int_bit(a).map_err(ctx)?
                {
                    add("priv", AttrValue::Unit);
                }
                if let Some(a) = prop("resAttrs")
                    && let Some(t) = self.dict_array(a).map_err(ctx)?
                {
                    add("res_attrs", AttrValue::Text(t));
                }
                let n = prop("name").ok_or_else(|| err("graph without name"))?;
                add("sym_name", AttrValue::Text(self.builtin(n).map_err(ctx)?));
            }
            "invoke" => {
                if let Some(a) = prop("arg_attrs")
                    && let Some(t) = self.dict_array(a).map_err(ctx)?
                {
                    add("arg_attrs", AttrValue::Text(t));
                }
                let c = prop("callee").ok_or_else(|| err("invoke without callee"))?;
                let (n, v) = self.attr(c).map_err(ctx)?;
                if n != "param.constant_v1" {
                    return Err(err(format!(
                        "op '{full}': callee '{n}' has no coreai mapping in this build"
                    )));
                }
                let (sn, sv) = self.attr(attr_of(&v[0])?)?;
                if sn != "symbol_ref_v1" {
                    return Err(err(format!(
                        "op '{full}': callee binding '{sn}' has no coreai mapping in this build"
                    )));
                }
                let Val::Type(t) = &v[1] else {
                    return Err(err("bad callee"));
                };
                add(
                    "callee",
                    AttrValue::Text(format!(
                        "#param.constant<{}> : {}",
                        self.symbol(sv)?,
                        self.ty(*t)?
                    )),
                );
                if let Some(a) = prop("res_attrs")
                    && let Some(t) = self.dict_array(a).map_err(ctx)?
                {
                    add("res_attrs", AttrValue::Text(t));
                }
            }
            "constant" => {
                let v = prop("value").ok_or_else(|| err("constant without value"))?;
                let ty = match op.results.first() {
                    Some((_, t)) => self.ty(*t)?,
                    None => return Err(err("constant without result")),
                };
                let (n, vals) = self.attr(v).map_err(ctx)?;
                let value = match (n, vals) {
                    ("serialization.dense_elements", [Val::Byte(splat), Val::Blob(b)]) => {
                        AttrValue::Dense {
                            ty,
                            data: b.clone(),
                            splat: *splat != 0,
                        }
                    }
                    ("serialization.dense_resource", [Val::Res(r)]) => {
                        let (_, res) = &self.m.resources[*r];
                        match &res.value {
                            ResourceValue::Blob { alignment, data } => AttrValue::Resource {
                                key: String::from_utf8_lossy(&res.key).into_owned(),
                                ty,
                                data: data.clone(),
                                alignment: *alignment,
                            },
                            _ => {
                                return Err(err(format!(
                                    "op '{full}': resource '{}' holds no blob",
                                    String::from_utf8_lossy(&res.key)
                                )));
                            }
                        }
                    }
                    (n, _) => {
                        return Err(err(format!(
                            "op '{full}': constant value '{n}' has no coreai mapping in this build"
                        )));
                    }
                };
                add("value", value);
            }
            "gelu" => {
                let a = prop("approximate").ok_or_else(|| err("gelu without approximate"))?;
                add(
                    "approximate",
                    AttrValue::Text(
                        self.enum_attr(
                            a,
                            "approximate_v1",
                            &["none", "tanh", "sigmoid"],
                            "approximate",
                        )
                        .map_err(ctx)?,
                    ),
                );
            }
            "pad" => {
                let a = prop("padding_mode").ok_or_else(|| err("pad without padding_mode"))?;
                let t = self.enum_attr(
                    a,
                    "padding_mode_v1",
                    &["circular", "constant", "reflect", "replicate", "symmetric"],
                    "padding_mode",
                );
                add("padding_mode", AttrValue::Text(t.map_err(ctx)?));
            }
            "scatter_along_axis" => {
                let a = prop("scatter_mode")
                    .ok_or_else(|| err("scatter_along_axis without scatter_mode"))?;
                let t = self.enum_attr(
                    a,
                    "scatter_mode_v1",
                    &["update", "add", "sub", "mul", "div", "max", "min"],
                    "scatter_mode",
                );
                add("scatter_mode", AttrValue::Text(t.map_err(ctx)?));
            }
            "interpolate" | "interpolate_coordinates" => {
                let a = prop("interpolation_mode")
                    .ok_or_else(|| err("interpolate without interpolation_mode"))?;
                let t = self.enum_attr(
                    a,
                    "interpolation_mode_v1",
                    &["linear", "nearest_neighbor"],
                    "interpolation_mode",
                );
                add("interpolation_mode", AttrValue::Text(t.map_err(ctx)?));
            }
            "scan" => {
                let a = prop("combiner").ok_or_else(|| err("scan without combiner"))?;
                let (n, v) = self.attr(a).map_err(ctx)?;
                if n != "scan_combiner_v1" {
                    return Err(err(format!(
                        "op '{full}': expected a scan combiner, found '{n}'"
                    )));
                }
                add("scan_op", AttrValue::Text(format!("{} : i32", u(&v[0])?)));
            }
            _ => {
                if !row.props.is_empty() && props.iter().any(Option::is_some) {
                    return Err(err(format!(
                        "op '{full}': its properties have no coreai mapping in this build"
                    )));
                }
            }
        }
        let loc = self.loc(op.loc).map_err(ctx)?;
        let mut results = Vec::with_capacity(op.results.len());
        for (v, t) in &op.results {
            results.push((v.0, self.ty(*t).map_err(ctx)?));
        }
        let mut decomposition = None;
        let mut regions = Vec::new();
        if row.category == Category::Decomposable {
            if let Some(r) = op.regions.first() {
                decomposition = Some(self.decompositions.len());
                self.decompositions.push(r.clone());
            }
        } else {
            for r in &op.regions {
                regions.push(self.region(r)?);
            }
        }
        Ok(TreeOp {
            name,
            operands: op.operands.iter().map(|v| v.0).collect(),
            results,
            attrs,
            regions,
            loc,
            decomposition,
        })
    }

    fn region(&mut self, r: &crate::module::Region<'a>) -> Result<TreeRegion<'a>> {
        let mut blocks = Vec::with_capacity(r.blocks.len());
        for b in &r.blocks {
            let mut args = Vec::with_capacity(b.args.len());
            for a in &b.args {
                let loc = match a.loc {
                    Some(l) => self.loc(l)?,
                    None => "unknown".into(),
                };
                args.push(TreeArg {
                    id: a.value.0,
                    ty: self.ty(a.ty)?,
                    loc,
                });
            }
            let mut ops = Vec::with_capacity(b.ops.len());
            for o in &b.ops {
                ops.push(self.op(o)?);
            }
            blocks.push(TreeBlock { args, ops });
        }
        Ok(TreeRegion { blocks })
    }
}

fn attr_of(v: &Val<'_>) -> Result<AttrId> {
    match v {
        Val::Attr(a) | Val::OptAttr(Some(a)) => Ok(*a),
        _ => Err(err("expected an attribute field")),
    }
}

fn q(v: &Val<'_>) -> Result<String> {
    match v {
        Val::Str(b) => Ok(quote(b)),
        _ => Err(err("expected a string field")),
    }
}

fn sym(b: &[u8]) -> String {
    let plain = !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'.' | b'-'))
        && !b[0].is_ascii_digit();
    if plain {
        String::from_utf8_lossy(b).into_owned()
    } else {
        quote(b)
    }
}

/// Reads an aicode module as a coreai program.
///
/// # Errors
/// [`Error::Convert`] naming the first construct with no coreai mapping.
pub fn read_program<'a>(m: &Module<'a>) -> Result<Program<'a>> {
    let asset = match m.ops.as_slice() {
        [op] if op.full_name() == "aicode.serialization.asset" => op,
        _ => {
            return Err(err(
                "the top level must be one aicode.serialization.asset op",
            ));
        }
    };
    let mut r = Reader {
        m,
        decompositions: Vec::new(),
    };
    let mut p = Program {
        loc: r.loc(asset.loc)?,
        ..Default::default()
    };
    if let Props::Attrs(v) = &asset.props {
        if let Some(Some(src)) = v.first() {
            p.asset_source = Some(r.builtin(*src)?.trim_matches('"').to_string());
        }
        if let Some(Some(ver)) = v.get(1)
            && let (_, [_, _, Val::Int(w)]) = r.attr(*ver)?
        {
            p.asset_version = w.first().copied();
        }
    }
    for reg in &asset.regions {
        for b in &reg.blocks {
            for op in &b.ops {
                p.ops.push(r.op(op)?);
            }
        }
    }
    p.decompositions = r.decompositions;
    let _ = Cow::<[u8]>::Borrowed(&[]);
    Ok(p)
}
