//! coreai -> aicode: turns a generic op tree ([`Program`]) back into an aicode [`Module`]
//! ready to be encoded: ops at their newest version not above a cap date, property layouts
//! from the op table, `coreai.name` -> `aicode.name`, locations as `aicode.debuginfo.*`,
//! dense data as `serialization.dense_elements`, blobs as `aicode` resources (borrowed, not
//! copied), decomposition regions copied from the source module, and the asset `version` =
//! the newest op date written.
//!
//! The attribute and type texts accepted are the ones [`crate::convert`] produces (and MLIR
//! prints for them); anything else is an error naming the op and the text.

use std::{borrow::Cow, collections::HashMap};

use crate::{
    bytecode::ResourceValue,
    convert::scalar_aicode,
    decompose,
    error::{Error, Result},
    kinds::{attr_kind_by_name, type_kind_by_name},
    module::{Arg, AttrId, Block, Module, Node, Op, Props, Region, Resource, TypeId, Val, ValueId},
    ops::{self, Category, DEFAULT_CAP},
    tree::{AttrValue, Program, TreeOp, TreeRegion},
};

/// Options of [`write_program`].
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// Newest op date to write (Core AI's OS 27 cap by default).
    pub cap: u32,
    /// Producer string of the bytecode.
    pub producer: String,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            cap: DEFAULT_CAP,
            producer: "MLIR22.0.0git".into(),
        }
    }
}

fn err(msg: impl Into<String>) -> Error {
    Error::Convert(msg.into())
}

// ---------------------------------------------------------------------------------------
// A small parser for the MLIR texts of the op tree.
// ---------------------------------------------------------------------------------------

struct P<'t> {
    s: &'t str,
    i: usize,
}

impl<'t> P<'t> {
    fn new(s: &'t str) -> Self {
        P { s, i: 0 }
    }
    fn rest(&self) -> &'t str {
        &self.s[self.i..]
    }
    fn ws(&mut self) {
        while self.rest().starts_with(' ') {
            self.i += 1;
        }
    }
    fn eat(&mut self, t: &str) -> bool {
        self.ws();
        if self.rest().starts_with(t) {
            self.i += t.len();
            true
        } else {
            false
        }
    }
    fn expect(&mut self, t: &str) -> Result<()> {
        if self.eat(t) {
            Ok(())
        } else {
            Err(err(format!(
                "expected '{t}' at '{}' in '{}'",
                self.rest(),
                self.s
            )))
        }
    }
    fn done(&mut self) -> Result<()> {
        self.ws();
        if self.i == self.s.len() {
            Ok(())
        } else {
            Err(err(format!("unexpected '{}' in '{}'", self.rest(), self.s)))
        }
    }
    fn string(&mut self) -> Result<Vec<u8>> {
        self.ws();
        let b = self.s.as_bytes();
        if b.get(self.i) != Some(&b'"') {
            return Err(err(format!("expected a string at '{}'", self.rest())));
        }
        self.i += 1;
        let mut out = Vec::new();
        while let Some(&c) = b.get(self.i) {
            self.i += 1;
            match c {
                b'"' => return Ok(out),
                b'\\' => {
                    let n = *b.get(self.i).ok_or_else(|| err("bad escape"))?;
                    if n == b'\\' || n == b'"' {
                        out.push(n);
                        self.i += 1;
                    } else {
                        let h = self
                            .s
                            .get(self.i..self.i + 2)
                            .ok_or_else(|| err("bad escape"))?;
                        out.push(u8::from_str_radix(h, 16).map_err(|_| err("bad escape"))?);
                        self.i += 2;
                    }
                }
                c => out.push(c),
            }
        }
        Err(err("unterminated string"))
    }
    fn word(&mut self) -> &'t str {
        self.ws();
        let start = self.i;
        let b = self.s.as_bytes();
        while self.i < b.len()
            && (b[self.i].is_ascii_alphanumeric() || matches!(b[self.i], b'_' | b'.' | b'$' | b'-'))
        {
            self.i += 1;
        }
        &self.s[start..self.i]
    }
    /// A numeric literal: `-12`, `1.5`, `9.99999996E-13`, `0x7FC00000`.
    fn number(&mut self) -> &'t str {
        self.ws();
        let start = self.i;
        let b = self.s.as_bytes();
        if matches!(b.get(self.i), Some(b'-' | b'+')) {
            self.i += 1;
        }
        while self.i < b.len() {
            let c = b[self.i];
            let exp_sign = matches!(c, b'-' | b'+')
                && matches!(b.get(self.i - 1), Some(b'e' | b'E'))
                && !self.s[start..self.i].starts_with("0x");
            if c.is_ascii_alphanumeric() || c == b'.' || exp_sign {
                self.i += 1;
            } else {
                break;
            }
        }
        &self.s[start..self.i]
    }
    fn int(&mut self) -> Result<i128> {
        let w = self.word();
        w.parse()
            .map_err(|_| err(format!("expected an integer, found '{w}'")))
    }
    /// `@a::@b` or `@"quoted"`.
    fn symbol(&mut self) -> Result<Vec<Vec<u8>>> {
        let mut parts = Vec::new();
        loop {
            self.expect("@")?;
            if self.rest().starts_with('"') {
                parts.push(self.string()?);
            } else {
                parts.push(self.word().as_bytes().to_vec());
            }
            if !self.eat("::") {
                return Ok(parts);
            }
        }
    }
    /// The text up to the matching closing bracket of an already consumed opener.
    fn balanced(&mut self, open: char, close: char) -> Result<&'t str> {
        let start = self.i;
        let mut depth = 1;
        let mut in_str = false;
        let b = self.s.as_bytes();
        while self.i < b.len() {
            let c = b[self.i] as char;
            if in_str {
                if c == '\\' {
                    self.i += 1;
                } else if c == '"' {
                    in_str = false;
                }
            } else if c == '"' {
                in_str = true;
            } else if c == '-' && b.get(self.i + 1) == Some(&b'>') {
                // `->` of a function type is not a closing bracket.
                self.i += 1;
            } else if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    let t = &self.s[start..self.i];
                    self.i += 1;
                    return Ok(t);
                }
            }
            self.i += 1;
        }
        Err(err(format!("unbalanced '{open}' in '{}'", self.s)))
    }
}

/// The bits of a float literal of MLIR type `t` (`f16`, `bf16`, `f32`, `f64`): decimal text as
/// MLIR prints it (round-trippable), or a hex bit pattern.
fn float_bits(num: &str, t: &str) -> Result<u64> {
    let bad = || err(format!("float literal '{num}' of type '{t}'"));
    if let Some(h) = num.strip_prefix("0x") {
        return u64::from_str_radix(h, 16).map_err(|_| bad());
    }
    Ok(match t {
        "f64" => num.parse::<f64>().map_err(|_| bad())?.to_bits(),
        "f32" => u64::from(num.parse::<f32>().map_err(|_| bad())?.to_bits()),
        "f16" => u64::from(crate::mlirtext::f64_to_f16_bits(
            num.parse::<f64>().map_err(|_| bad())?,
        )),
        "bf16" => u64::from(crate::mlirtext::f64_to_bf16_bits(
            num.parse::<f64>().map_err(|_| bad())?,
        )),
        _ => return Err(bad()),
    })
}

// ---------------------------------------------------------------------------------------
// Building the module.
// ---------------------------------------------------------------------------------------

struct W<'s, 'a> {
    m: Module<'a>,
    source: Option<&'s Module<'a>>,
    attr_map: HashMap<AttrId, AttrId>,
    type_map: HashMap<TypeId, TypeId>,
    res_map: HashMap<usize, usize>,
    next_value: u32,
    dates: u32,
    cap: u32,
    /// Type and location of every value written so far (for generated decompositions).
    values: HashMap<u32, (TypeId, AttrId)>,
}

impl<'s, 'a> W<'s, 'a> {
    fn attr(&mut self, name: &str, vals: Vec<Val<'a>>) -> AttrId {
        let kind = attr_kind_by_name(name).expect("a known attribute kind");
        AttrId(self.m.attrs.intern(Node::Known { kind, vals }))
    }
    fn ty_node(&mut self, name: &str, vals: Vec<Val<'a>>) -> TypeId {
        let kind = type_kind_by_name(name).expect("a known type kind");
        TypeId(self.m.types.intern(Node::Known { kind, vals }))
    }
    fn string(&mut self, s: Vec<u8>) -> AttrId {
        self.attr("serialization.string", vec![Val::Str(Cow::Owned(s))])
    }
    fn int(&mut self, width: u64, unsigned: bool, v: u64) -> AttrId {
        self.attr(
            "serialization.integer",
            vec![
                Val::U(width),
                Val::Byte(u8::from(unsigned)),
                Val::Int(vec![v]),
            ],
        )
    }
    fn array(&mut self, xs: Vec<AttrId>) -> AttrId {
        self.attr("serialization.array", vec![Val::Attrs(xs)])
    }

    // --- types ---
    fn ty(&mut self, t: &str) -> Result<TypeId> {
        let mut p = P::new(t);
        let r = self.parse_type(&mut p)?;
        p.done()?;
        Ok(r)
    }
    fn parse_type(&mut self, p: &mut P<'_>) -> Result<TypeId> {
        p.ws();
        if p.eat("tensor<") {
            let body = p.balanced('<', '>')?;
            let (main, enc) = match body.find(", #") {
                Some(i) => (&body[..i], Some(&body[i + 2..])),
                None => (body, None),
            };
            // Dimensions are `Nx` prefixes; the element type may itself contain `x` only in
            // `complex<...>` which has no digits before it.
            let mut dims = Vec::new();
            let mut rest = main;
            loop {
                let k = rest.find('x');
                match k {
                    Some(k)
                        if rest[..k].chars().all(|c| c.is_ascii_digit() || c == '?') && k > 0 =>
                    {
                        let d = &rest[..k];
                        dims.push(if d == "?" {
                            i64::MIN
                        } else {
                            d.parse().map_err(|_| err(format!("bad dimension '{d}'")))?
                        });
                        rest = &rest[k + 1..];
                    }
                    _ => break,
                }
            }
            let elt = self.ty(rest)?;
            return Ok(match enc {
                None => self.ty_node("tensor_v1", vec![Val::Is(dims), Val::Type(elt)]),
                Some(e) => {
                    let a = self.encoding(e)?;
                    TypeId(self.m.types.intern(Node::Known {
                        kind: 3,
                        vals: vec![Val::Is(dims), Val::Type(elt), Val::Attr(a)],
                    }))
                }
            });
        }
        if p.eat("(") {
            let mut args = Vec::new();
            if !p.eat(")") {
                loop {
                    args.push(self.parse_type(p)?);
                    if p.eat(")") {
                        break;
                    }
                    p.expect(",")?;
                }
            }
            p.expect("->")?;
            let mut res = Vec::new();
            p.ws();
            if p.rest().starts_with("(") && !p.rest().starts_with("()")
                || p.rest().starts_with("()")
            {
                p.expect("(")?;
                if !p.eat(")") {
                    loop {
                        res.push(self.parse_type(p)?);
                        if p.eat(")") {
                            break;
                        }
                        p.expect(",")?;
                    }
                }
            } else {
                res.push(self.parse_type(p)?);
            }
            return Ok(self.ty_node("function_v1", vec![Val::Types(res), Val::Types(args)]));
        }
        if p.eat("!debuginfo.unresolved<") {
            let inner = p.balanced('<', '>')?;
            let t = self.ty(inner)?;
            return Ok(self.ty_node("debuginfo.unresolved_v1", vec![Val::Type(t)]));
        }
        let start = p.i;
        let w = if p.eat("complex<") {
            p.balanced('<', '>')?;
            &p.s[start..p.i]
        } else if p.eat("!") {
            p.word();
            &p.s[start..p.i]
        } else {
            p.word()
        };
        let name = scalar_aicode(w.trim())
            .ok_or_else(|| err(format!("type '{w}' has no aicode mapping in this build")))?;
        Ok(self.ty_node(name, vec![]))
    }
    fn encoding(&mut self, e: &str) -> Result<AttrId> {
        let mut p = P::new(e);
        p.expect("#coreai.sparse_tensor_encoding<")?;
        let scheme = p.word();
        let s = ["bitmask", "coo", "csr", "csc", "bsr"]
            .iter()
            .position(|x| *x == scheme)
            .ok_or_else(|| err(format!("sparse scheme '{scheme}'")))?;
        let mut nnz = None;
        let (mut pw, mut cw, mut block) = (0, 0, None);
        while p.eat(",") {
            let k = p.word();
            p.expect("=")?;
            match k {
                "numNonZero" => nnz = Some(p.int()? as u64),
                "posWidth" => pw = p.int()? as u64,
                "crdWidth" => cw = p.int()? as u64,
                "blockSize" => {
                    p.expect("[")?;
                    let body = p.balanced('[', ']')?;
                    block = Some(
                        body.split(',')
                            .map(|x| x.trim().parse::<u64>().map_err(|_| err("bad blockSize")))
                            .collect::<Result<Vec<_>>>()?,
                    );
                }
                k => return Err(err(format!("sparse encoding field '{k}'"))),
            }
        }
        p.expect(">")?;
        let mut vals = vec![Val::U(s as u64), Val::U(pw), Val::U(cw), Val::OptU(nnz)];
        Ok(match block {
            None => self.attr("sparse_tensor_encoding_v1", vals),
            Some(b) => {
                vals.push(Val::Us(b));
                AttrId(self.m.attrs.intern(Node::Known { kind: 23, vals }))
            }
        })
    }

    // --- builtin values (dictionary values, metadata values) ---
    fn builtin(&mut self, p: &mut P<'_>) -> Result<AttrId> {
        p.ws();
        let r = p.rest();
        if r.starts_with('"') {
            let s = p.string()?;
            return Ok(self.string(s));
        }
        if p.eat("[") {
            let mut xs = Vec::new();
            if !p.eat("]") {
                loop {
                    xs.push(self.builtin(p)?);
                    if p.eat("]") {
                        break;
                    }
                    p.expect(",")?;
                }
            }
            return Ok(self.array(xs));
        }
        if p.eat("{") {
            let xs = self.dict_entries(p)?;
            return Ok(self.attr("serialization.dictionary", vec![Val::Attrs(xs)]));
        }
        if r.starts_with('@') {
            let s = p.symbol()?;
            return Ok(self.attr(
                "symbol_ref_v1",
                vec![Val::Strs(s.into_iter().map(Cow::Owned).collect())],
            ));
        }
        if p.eat("true") {
            return Ok(self.int(1, false, 1));
        }
        if p.eat("false") {
            return Ok(self.int(1, false, 0));
        }
        if p.eat("unit") {
            return Ok(self.attr("unit_v1", vec![]));
        }
        let num = p.number();
        p.expect(":")?;
        let t = p.word();
        if let Some((w, unsigned)) = t
            .strip_prefix("ui")
            .map(|w| (w, true))
            .or_else(|| t.strip_prefix("si").map(|w| (w, false)))
            .or_else(|| t.strip_prefix('i').map(|w| (w, false)))
        {
            let w: u64 = w
                .parse()
                .ok()
                .filter(|w| (1..=64).contains(w))
                .ok_or_else(|| err(format!("integer type '{t}'")))?;
            let v: i128 = num
                .parse()
                .map_err(|_| err(format!("expected an integer, found '{num}'")))?;
            let mask = if w == 64 { u64::MAX } else { (1u64 << w) - 1 };
            return Ok(self.int(w, unsigned, (v as u64) & mask));
        }
        let bits = float_bits(num, t)?;
        let w = match t {
            "f16" | "bf16" => 16,
            "f32" => 32,
            _ => 64,
        };
        Ok(self.attr("serialization.float", vec![Val::U(w), Val::Int(vec![bits])]))
    }
    /// After `{`: `k = v, k2, ...}` as opaque pairs (`coreai.` keys become `aicode.`).
    fn dict_entries(&mut self, p: &mut P<'_>) -> Result<Vec<AttrId>> {
        let mut xs = Vec::new();
        if p.eat("}") {
            return Ok(xs);
        }
        loop {
            p.ws();
            let k = if p.rest().starts_with('"') {
                String::from_utf8(p.string()?).map_err(|_| err("dictionary key is not UTF-8"))?
            } else {
                p.word().to_string()
            };
            let key = match k.strip_prefix("coreai.") {
                Some(r) => format!("aicode.{r}"),
                None => k,
            };
            let v = if p.eat("=") {
                self.builtin(p)?
            } else {
                self.attr("unit_v1", vec![])
            };
            xs.push(self.attr(
                "serialization.opaque",
                vec![Val::Str(Cow::Owned(key.into_bytes())), Val::Attrs(vec![v])],
            ));
            if p.eat("}") {
                return Ok(xs);
            }
            p.expect(",")?;
        }
    }
    /// `[{...}, {...}]` of per-argument dictionaries (`None` = absent: an empty array, as
    /// coreai-core writes it).
    fn dict_array(&mut self, text: Option<&str>, _n: usize) -> Result<AttrId> {
        let mut arrays = Vec::new();
        match text {
            None => {}
            Some(t) => {
                let mut p = P::new(t);
                p.expect("[")?;
                if !p.eat("]") {
                    loop {
                        p.expect("{")?;
                        let xs = self.dict_entries(&mut p)?;
                        arrays.push(self.array(xs));
                        if p.eat("]") {
                            break;
                        }
                        p.expect(",")?;
                    }
                }
                p.done()?;
            }
        }
        Ok(self.array(arrays))
    }

    // --- locations ---
    fn file(&mut self, name: Vec<u8>, dir: Vec<u8>, sha: Vec<u8>) -> AttrId {
        self.attr(
            "debuginfo.file_v1",
            vec![
                Val::Str(Cow::Owned(name)),
                Val::Str(Cow::Owned(dir)),
                Val::Str(Cow::Owned(sha)),
            ],
        )
    }
    fn file_struct(&mut self, p: &mut P<'_>) -> Result<AttrId> {
        p.expect("<")?;
        p.expect("filename")?;
        p.expect("=")?;
        let f = p.string()?;
        p.expect(",")?;
        p.expect("directory")?;
        p.expect("=")?;
        let d = p.string()?;
        p.expect(",")?;
        p.expect("sha256Sum")?;
        p.expect("=")?;
        let s = p.string()?;
        p.expect(">")?;
        Ok(self.file(f, d, s))
    }
    fn field(&mut self, p: &mut P<'_>, name: &str) -> Result<()> {
        p.expect(name)?;
        p.expect("=")
    }
    fn scope(&mut self, p: &mut P<'_>) -> Result<AttrId> {
        p.ws();
        if p.eat("unit") {
            return Ok(self.attr("unit_v1", vec![]));
        }
        if p.rest().starts_with('@') {
            let s = p.symbol()?;
            return Ok(self.attr(
                "symbol_ref_v1",
                vec![Val::Strs(s.into_iter().map(Cow::Owned).collect())],
            ));
        }
        if p.eat("#debuginfo.compile_unit<") {
            self.field(p, "sourceLanguage")?;
            let lang = p.string()?;
            p.expect(",")?;
            self.field(p, "file")?;
            let f = self.file_struct(p)?;
            p.expect(",")?;
            self.field(p, "producer")?;
            let prod = p.string()?;
            p.expect(",")?;
            self.field(p, "optimized")?;
            let opt = match p.word() {
                "true" => 1,
                "false" => 0,
                w => return Err(err(format!("optimized = {w}"))),
            };
            p.expect(",")?;
            self.field(p, "flags")?;
            let flags = p.string()?;
            let mut files = Vec::new();
            if p.eat(",") {
                self.field(p, "allFiles")?;
                loop {
                    files.push(self.file_struct(p)?);
                    if !p.eat(",") {
                        break;
                    }
                }
            }
            p.expect(">")?;
            return Ok(self.attr(
                "debuginfo.compile_unit_v1",
                vec![
                    Val::Str(Cow::Owned(lang)),
                    Val::Attr(f),
                    Val::Str(Cow::Owned(prod)),
                    Val::U(opt),
                    Val::Str(Cow::Owned(flags)),
                    Val::Attrs(files),
                ],
            ));
        }
        if p.eat("#debuginfo.subprogram<") {
            self.field(p, "compileUnit")?;
            let cu = self.scope(p)?;
            p.expect(",")?;
            self.field(p, "file")?;
            let f = self.file_struct(p)?;
            p.expect(",")?;
            self.field(p, "name")?;
            let n = p.string()?;
            p.expect(",")?;
            self.field(p, "linkageName")?;
            let l = p.string()?;
            p.expect(">")?;
            p.expect(":")?;
            let t = self.parse_type(p)?;
            return Ok(self.attr(
                "debuginfo.subprogram_v1",
                vec![
                    Val::Type(t),
                    Val::Attr(cu),
                    Val::Attr(f),
                    Val::Str(Cow::Owned(n)),
                    Val::Str(Cow::Owned(l)),
                    Val::OptAttr(None),
                ],
            ));
        }
        Err(err(format!(
            "debuginfo scope '{}' has no aicode mapping in this build",
            p.rest()
        )))
    }
    /// `loc("f":L:C[ to [L2]:C2])` -> source_location_v1.
    fn src(&mut self, p: &mut P<'_>) -> Result<AttrId> {
        p.expect("loc(")?;
        let f = p.string()?;
        p.expect(":")?;
        let sl = p.int()? as u64;
        p.expect(":")?;
        let sc = p.int()? as u64;
        let (mut el, mut ec) = (sl, sc);
        if p.eat("to") {
            p.ws();
            if p.eat(":") {
                ec = p.int()? as u64;
            } else {
                el = p.int()? as u64;
                p.expect(":")?;
                ec = p.int()? as u64;
            }
        }
        p.expect(")")?;
        let file = self.file(f, vec![], vec![]);
        Ok(self.attr(
            "debuginfo.source_location_v1",
            vec![
                Val::Attr(file),
                Val::U(sl),
                Val::U(sc),
                Val::U(el),
                Val::U(ec),
            ],
        ))
    }
    fn loc(&mut self, text: &str) -> Result<AttrId> {
        let mut p = P::new(text);
        if p.eat("#debuginfo.location") {
            let l = self.loc_body(&mut p, 0)?;
            p.done()?;
            return Ok(l);
        }
        // A builtin location (a program that came from text): scope `unit`.
        let src = if text.trim() == "unknown" || text.trim() == "loc(unknown)" {
            let file = self.file(b"-".to_vec(), vec![], vec![]);
            self.attr(
                "debuginfo.source_location_v1",
                vec![Val::Attr(file), Val::U(0), Val::U(0), Val::U(0), Val::U(0)],
            )
        } else {
            let t = if text.starts_with("loc(") {
                text.to_string()
            } else {
                format!("loc({text})")
            };
            let mut p = P::new(&t);
            let s = self.src(&mut p)?;
            p.done()?;
            s
        };
        let unit = self.attr("unit_v1", vec![]);
        Ok(self.attr(
            "debuginfo.location_v1",
            vec![
                Val::Attr(src),
                Val::Attr(unit),
                Val::Attrs(vec![]),
                Val::Attrs(vec![]),
            ],
        ))
    }

    /// `<loc(...) in SCOPE[ fused with [<...>, ...]][ metadata = [<"k": v>, ...]]>`.
    fn loc_body(&mut self, p: &mut P<'_>, depth: usize) -> Result<AttrId> {
        if depth > crate::module::MAX_ATTR_DEPTH {
            return Err(err("locations nested too deeply"));
        }
        p.expect("<")?;
        let src = self.src(p)?;
        p.expect("in")?;
        let scope = self.scope(p)?;
        let mut fused = Vec::new();
        if p.eat("fused with [") {
            loop {
                fused.push(self.loc_body(p, depth + 1)?);
                if p.eat("]") {
                    break;
                }
                p.expect(",")?;
            }
        }
        let mut md = Vec::new();
        if p.eat("metadata") {
            p.expect("=")?;
            p.expect("[")?;
            loop {
                p.expect("<")?;
                let name = p.string()?;
                p.expect(":")?;
                let v = self.builtin(p)?;
                p.expect(">")?;
                let data = self.attr("debuginfo.metadata_data_v1", vec![Val::Attr(v)]);
                md.push(self.attr(
                    "debuginfo.metadata_v1",
                    vec![Val::Str(Cow::Owned(name)), Val::Attr(data)],
                ));
                if p.eat("]") {
                    break;
                }
                p.expect(",")?;
            }
        }
        p.expect(">")?;
        Ok(self.attr(
            "debuginfo.location_v1",
            vec![
                Val::Attr(src),
                Val::Attr(scope),
                Val::Attrs(fused),
                Val::Attrs(md),
            ],
        ))
    }

    /// `#coreai.composite_declaration<"NAME" = {k = v, ...}>` -> `opaque<"NAME" = [opaque...]>`.
    fn composite(&mut self, text: &str) -> Result<AttrId> {
        let mut p = P::new(text);
        p.expect("#coreai.composite_declaration<")?;
        let name = p.string()?;
        p.expect("=")?;
        p.expect("{")?;
        let entries = self.dict_entries(&mut p)?;
        p.expect(">")?;
        p.done()?;
        Ok(self.attr(
            "serialization.opaque",
            vec![Val::Str(Cow::Owned(name)), Val::Attrs(entries)],
        ))
    }

    fn enum_value(
        &mut self,
        text: &str,
        coreai: &str,
        aicode: &str,
        values: &[&str],
    ) -> Result<AttrId> {
        let mut p = P::new(text);
        p.expect(&format!("#coreai.{coreai}<"))?;
        let w = p.word();
        p.expect(">")?;
        p.done()?;
        let i = values
            .iter()
            .position(|v| *v == w)
            .ok_or_else(|| err(format!("{coreai} value '{w}'")))?;
        Ok(self.attr(aicode, vec![Val::U(i as u64)]))
    }

    // --- copying decomposition regions from the source module ---
    fn copy_attr(&mut self, a: AttrId) -> Result<AttrId> {
        if let Some(x) = self.attr_map.get(&a) {
            return Ok(*x);
        }
        let src = self
            .source
            .ok_or_else(|| err("a decomposition region needs its source module"))?;
        let node = self.copy_node(src.attrs.get(a.0).clone())?;
        let id = AttrId(self.m.attrs.intern(node));
        self.attr_map.insert(a, id);
        Ok(id)
    }
    fn copy_type(&mut self, t: TypeId) -> Result<TypeId> {
        if let Some(x) = self.type_map.get(&t) {
            return Ok(*x);
        }
        let src = self
            .source
            .ok_or_else(|| err("a decomposition region needs its source module"))?;
        let node = self.copy_node(src.types.get(t.0).clone())?;
        let id = TypeId(self.m.types.intern(node));
        self.type_map.insert(t, id);
        Ok(id)
    }
    fn copy_node(&mut self, n: Node<'a>) -> Result<Node<'a>> {
        let Node::Known { kind, vals } = n else {
            return Ok(n);
        };
        let mut out = Vec::with_capacity(vals.len());
        for v in vals {
            out.push(match v {
                Val::Attr(a) => Val::Attr(self.copy_attr(a)?),
                Val::OptAttr(Some(a)) => Val::OptAttr(Some(self.copy_attr(a)?)),
                Val::Type(t) => Val::Type(self.copy_type(t)?),
                Val::Attrs(v) => Val::Attrs(
                    v.into_iter()
                        .map(|a| self.copy_attr(a))
                        .collect::<Result<_>>()?,
                ),
                Val::Types(v) => Val::Types(
                    v.into_iter()
                        .map(|t| self.copy_type(t))
                        .collect::<Result<_>>()?,
                ),
                Val::Res(r) => Val::Res(self.copy_resource(r)?),
                v => v,
            });
        }
        Ok(Node::Known { kind, vals: out })
    }
    fn copy_resource(&mut self, r: usize) -> Result<usize> {
        if let Some(x) = self.res_map.get(&r) {
            return Ok(*x);
        }
        let src = self
            .source
            .ok_or_else(|| err("a decomposition region needs its source module"))?;
        let i = self.m.resources.len();
        self.m.resources.push(src.resources[r].clone());
        self.res_map.insert(r, i);
        Ok(i)
    }
    fn copy_region(
        &mut self,
        r: &Region<'a>,
        values: &mut HashMap<ValueId, ValueId>,
    ) -> Result<Region<'a>> {
        let mut out = Region::default();
        for b in &r.blocks {
            let mut nb = Block {
                args: Vec::new(),
                arg_use_lists: None,
                ops: Vec::new(),
            };
            for a in &b.args {
                let v = self.fresh();
                values.insert(a.value, v);
                nb.args.push(Arg {
                    value: v,
                    ty: self.copy_type(a.ty)?,
                    loc: a.loc.map(|l| self.copy_attr(l)).transpose()?,
                });
            }
            nb.arg_use_lists = (!b.args.is_empty()).then_some((0, None));
            out.blocks.push(nb);
        }
        // Define every result first (regions may refer forward), then copy ops.
        fn define<'a>(w: &mut W<'_, 'a>, ops: &[Op<'a>], values: &mut HashMap<ValueId, ValueId>) {
            for o in ops {
                for (v, _) in &o.results {
                    let n = w.fresh();
                    values.insert(*v, n);
                }
            }
        }
        for b in &r.blocks {
            define(self, &b.ops, values);
        }
        for (bi, b) in r.blocks.iter().enumerate() {
            for o in &b.ops {
                let op = self.copy_op(o, values)?;
                out.blocks[bi].ops.push(op);
            }
        }
        Ok(out)
    }
    fn copy_op(&mut self, o: &Op<'a>, values: &mut HashMap<ValueId, ValueId>) -> Result<Op<'a>> {
        if let Some(row) = ops::aicode_op(&o.full_name()) {
            self.dates = self.dates.max(row.date);
        }
        let props = match &o.props {
            Props::None => Props::None,
            Props::Attrs(v) => Props::Attrs(
                v.iter()
                    .map(|a| a.map(|a| self.copy_attr(a)).transpose())
                    .collect::<Result<_>>()?,
            ),
            Props::Unregistered(a) => Props::Unregistered(self.copy_attr(*a)?),
            Props::Raw(_) => {
                return Err(err(format!(
                    "op '{}' in a decomposition region has properties of an unknown layout",
                    o.full_name()
                )));
            }
        };
        let mut regions = Vec::new();
        for r in &o.regions {
            regions.push(self.copy_region(r, values)?);
        }
        let map = |v: &ValueId| {
            values.get(v).copied().ok_or_else(|| {
                err(format!(
                    "value {} used outside its decomposition region",
                    v.0
                ))
            })
        };
        Ok(Op {
            dialect: o.dialect.clone(),
            name: o.name.clone(),
            registered: o.registered,
            loc: self.copy_attr(o.loc)?,
            attrs: o.attrs.map(|a| self.copy_attr(a)).transpose()?,
            props,
            results: o
                .results
                .iter()
                .map(|(v, t)| Ok((map(v)?, self.copy_type(*t)?)))
                .collect::<Result<_>>()?,
            operands: o.operands.iter().map(map).collect::<Result<_>>()?,
            successors: o.successors.clone(),
            use_lists: None,
            regions,
        })
    }
    /// Raises the asset version to the dates of the ops of a generated region.
    fn note_dates(&mut self, r: &Region<'a>) {
        for b in &r.blocks {
            for o in &b.ops {
                if let Some(row) = ops::aicode_op(&o.full_name()) {
                    self.dates = self.dates.max(row.date);
                }
                for r in &o.regions {
                    self.note_dates(r);
                }
            }
        }
    }

    fn fresh(&mut self) -> ValueId {
        let v = ValueId(self.next_value);
        self.next_value += 1;
        v
    }

    // --- ops ---
    /// Writes `op`; an error is tagged with the innermost failing op's location.
    fn op(&mut self, op: &TreeOp<'a>, program: &Program<'a>) -> Result<Op<'a>> {
        self.op_at(op, program).map_err(|e| match e {
            Error::AtOp { .. } => e,
            e => Error::AtOp {
                loc: op.loc.clone(),
                error: Box::new(e),
            },
        })
    }

    fn op_at(&mut self, op: &TreeOp<'a>, program: &Program<'a>) -> Result<Op<'a>> {
        let cname = op
            .name
            .strip_prefix("coreai.")
            .ok_or_else(|| err(format!("op '{}' is not a coreai op", op.name)))?;
        let c = ops::coreai_op(cname)
            .ok_or_else(|| err(format!("op '{}' is unknown to this build", op.name)))?;
        let stem = c
            .aicode
            .ok_or_else(|| err(format!("op '{}' has no aicode op", op.name)))?;
        let row = ops::newest_version(stem, self.cap).ok_or_else(|| {
            err(format!(
                "op '{}': no version of aicode.{stem} is dated on or before {}",
                op.name, self.cap
            ))
        })?;
        self.dates = self.dates.max(row.date);
        let ctx = |e: Error| err(format!("op '{}': {e}", op.name));
        let get = |n: &str| op.attrs.iter().find(|a| a.name == n).map(|a| &a.value);
        let text = |n: &str| -> Result<Option<&str>> {
            match get(n) {
                None => Ok(None),
                Some(AttrValue::Text(t)) => Ok(Some(t.as_str())),
                Some(AttrValue::Unit) => Ok(Some("unit")),
                Some(_) => Err(err(format!(
                    "op '{}': attribute '{n}' is not text",
                    op.name
                ))),
            }
        };
        let known: &[&str] = match cname {
            "graph" => &[
                "arg_attrs",
                "composite_decl",
                "externalize",
                "function_type",
                "no_inline",
                "param_decls",
                "priv",
                "res_attrs",
                "sym_name",
            ],
            "invoke" => &["arg_attrs", "callee", "res_attrs"],
            "constant" => &["value"],
            "gelu" => &["approximate"],
            "pad" => &["padding_mode"],
            "scatter_along_axis" => &["scatter_mode"],
            "interpolate" | "interpolate_coordinates" => &["interpolation_mode"],
            "scan" => &["scan_op"],
            _ => &[],
        };
        if let Some(a) = op.attrs.iter().find(|a| !known.contains(&a.name.as_str())) {
            return Err(err(format!(
                "op '{}': attribute '{}' has no aicode mapping in this build",
                op.name, a.name
            )));
        }
        let mut props: Vec<(&str, AttrId)> = Vec::new();
        match cname {
            "graph" => {
                let ft_text =
                    text("function_type")?.ok_or_else(|| err("graph without function_type"))?;
                let ft = self.ty(ft_text).map_err(ctx)?;
                let (nargs, nres) = match self.m.types.get(ft.0) {
                    Node::Known { vals, .. } => match (&vals[0], &vals[1]) {
                        (Val::Types(r), Val::Types(a)) => (a.len(), r.len()),
                        _ => (0, 0),
                    },
                    _ => (0, 0),
                };
                let aa = self.dict_array(text("arg_attrs")?, nargs).map_err(ctx)?;
                props.push(("argAttrs", aa));
                if let Some(t) = text("composite_decl")? {
                    let c = self.composite(t).map_err(ctx)?;
                    props.push(("compositeDecl", c));
                }
                let bit = |w: &mut Self, n: &str| -> Result<AttrId> {
                    Ok(w.int(1, true, u64::from(text(n)?.is_some())))
                };
                let x = bit(self, "externalize")?;
                props.push(("externalize", x));
                let fta = self.attr("serialization.type", vec![Val::Type(ft)]);
                props.push(("functionType", fta));
                let x = bit(self, "priv")?;
                props.push(("isPrivate", x));
                let name = text("sym_name")?.ok_or_else(|| err("graph without sym_name"))?;
                let mut p = P::new(name);
                let n = p.string().map_err(ctx)?;
                let na = self.string(n);
                props.push(("name", na));
                let x = bit(self, "no_inline")?;
                props.push(("noInline", x));
                match text("param_decls")? {
                    None | Some("#param.decl.array<[]>") => {}
                    Some(t) => {
                        return Err(err(format!(
                            "op '{}': parameter declarations '{t}' have no aicode mapping in this build",
                            op.name
                        )));
                    }
                }
                let pd = self.array(vec![]);
                props.push(("paramDecls", pd));
                let ra = self.dict_array(text("res_attrs")?, nres).map_err(ctx)?;
                props.push(("resAttrs", ra));
            }
            "invoke" => {
                let aa = self
                    .dict_array(text("arg_attrs")?, op.operands.len())
                    .map_err(ctx)?;
                props.push(("arg_attrs", aa));
                let callee = text("callee")?.ok_or_else(|| err("invoke without callee"))?;
                let mut p = P::new(callee);
                p.expect("#param.constant<").map_err(ctx)?;
                let s = p.symbol().map_err(ctx)?;
                p.expect(">").map_err(ctx)?;
                p.expect(":").map_err(ctx)?;
                let t = self.parse_type(&mut p).map_err(ctx)?;
                p.done().map_err(ctx)?;
                let sym = self.attr(
                    "symbol_ref_v1",
                    vec![Val::Strs(s.into_iter().map(Cow::Owned).collect())],
                );
                let c = self.attr("param.constant_v1", vec![Val::Attr(sym), Val::Type(t)]);
                props.push(("callee", c));
                let ra = self
                    .dict_array(text("res_attrs")?, op.results.len())
                    .map_err(ctx)?;
                props.push(("res_attrs", ra));
            }
            "constant" => {
                let v = match get("value") {
                    Some(AttrValue::Dense { data, splat, .. }) => self.attr(
                        "serialization.dense_elements",
                        vec![Val::Byte(u8::from(*splat)), Val::Blob(data.clone())],
                    ),
                    Some(AttrValue::Resource {
                        key,
                        data,
                        alignment,
                        ..
                    }) => {
                        let i = self.m.resources.len();
                        self.m.resources.push((
                            Cow::Borrowed(b"aicode".as_slice()),
                            Resource {
                                key: Cow::Owned(key.clone().into_bytes()),
                                kind: 0,
                                value: ResourceValue::Blob {
                                    alignment: *alignment,
                                    data: data.clone(),
                                },
                            },
                        ));
                        self.attr("serialization.dense_resource", vec![Val::Res(i)])
                    }
                    _ => {
                        return Err(err(format!(
                            "op '{}': constant without dense or dense_resource value",
                            op.name
                        )));
                    }
                };
                props.push(("value", v));
            }
            "gelu" => {
                let t = text("approximate")?.ok_or_else(|| err("gelu without approximate"))?;
                let a = self
                    .enum_value(
                        t,
                        "approximate",
                        "approximate_v1",
                        &["none", "tanh", "sigmoid"],
                    )
                    .map_err(ctx)?;
                props.push(("approximate", a));
            }
            "pad" => {
                let t = text("padding_mode")?.ok_or_else(|| err("pad without padding_mode"))?;
                let a = self
                    .enum_value(
                        t,
                        "padding_mode",
                        "padding_mode_v1",
                        &["circular", "constant", "reflect", "replicate", "symmetric"],
                    )
                    .map_err(ctx)?;
                props.push(("padding_mode", a));
            }
            "scatter_along_axis" => {
                let t = text("scatter_mode")?
                    .ok_or_else(|| err("scatter_along_axis without scatter_mode"))?;
                let a = self
                    .enum_value(
                        t,
                        "scatter_mode",
                        "scatter_mode_v1",
                        &["update", "add", "sub", "mul", "div", "max", "min"],
                    )
                    .map_err(ctx)?;
                props.push(("scatter_mode", a));
            }
            "interpolate" | "interpolate_coordinates" => {
                let t = text("interpolation_mode")?
                    .ok_or_else(|| err("interpolate without interpolation_mode"))?;
                let a = self
                    .enum_value(
                        t,
                        "interpolation_mode",
                        "interpolation_mode_v1",
                        &["linear", "nearest_neighbor"],
                    )
                    .map_err(ctx)?;
                props.push(("interpolation_mode", a));
            }
            "scan" => {
                let t = text("scan_op")?.ok_or_else(|| err("scan without scan_op"))?;
                let mut p = P::new(t);
                let v = p.int().map_err(ctx)?;
                p.expect(":").map_err(ctx)?;
                p.expect("i32").map_err(ctx)?;
                let a = self.attr("scan_combiner_v1", vec![Val::U(v as u64)]);
                props.push(("combiner", a));
            }
            _ => {}
        }
        let layout = row.props;
        let props = if layout.is_empty() {
            Props::None
        } else {
            Props::Attrs(
                layout
                    .iter()
                    .map(|p| props.iter().find(|(n, _)| *n == p.name).map(|(_, a)| *a))
                    .collect(),
            )
        };
        let loc = self.loc(&op.loc).map_err(ctx)?;
        let mut results = Vec::with_capacity(op.results.len());
        for (v, t) in &op.results {
            let t = self.ty(t).map_err(ctx)?;
            self.values.insert(*v, (t, loc));
            results.push((ValueId(*v), t));
        }
        let mut regions = Vec::new();
        if row.category == Category::Decomposable {
            match op.decomposition {
                Some(idx) => {
                    let r = program.decompositions.get(idx).ok_or_else(|| {
                        err(format!("op '{}': decomposition {idx} is missing", op.name))
                    })?;
                    let mut values = HashMap::new();
                    regions.push(self.copy_region(r, &mut values).map_err(ctx)?);
                }
                None => {
                    let stem = row.stem();
                    if !decompose::supported(stem) {
                        return Err(err(format!(
                            "op '{}' is decomposable and has no decomposition region from the input; this build generates decompositions only for {}",
                            op.name,
                            decompose::SUPPORTED.join(", ")
                        )));
                    }
                    let mut ins = Vec::with_capacity(op.operands.len());
                    for v in &op.operands {
                        ins.push(*self.values.get(v).ok_or_else(|| {
                            err(format!(
                                "op '{}': operand %{v} is not defined before it",
                                op.name
                            ))
                        })?);
                    }
                    let res: Vec<TypeId> = results.iter().map(|(_, t)| *t).collect();
                    let r = decompose::generate(
                        &mut self.m,
                        &mut self.next_value,
                        self.cap,
                        stem,
                        &ins,
                        &res,
                        loc,
                    )
                    .map_err(ctx)?;
                    self.note_dates(&r);
                    regions.push(r);
                }
            }
        } else {
            for r in &op.regions {
                regions.push(self.region(r, program)?);
            }
        }
        Ok(Op {
            dialect: Cow::Borrowed("aicode"),
            name: Cow::Owned(row.name.to_string()),
            registered: Some(true),
            loc,
            attrs: None,
            props,
            results,
            operands: op.operands.iter().map(|v| ValueId(*v)).collect(),
            successors: Vec::new(),
            use_lists: None,
            regions,
        })
    }

    fn region(&mut self, r: &TreeRegion<'a>, program: &Program<'a>) -> Result<Region<'a>> {
        let mut out = Region::default();
        for b in &r.blocks {
            let mut args = Vec::with_capacity(b.args.len());
            for a in &b.args {
                let (ty, loc) = (self.ty(&a.ty)?, self.loc(&a.loc)?);
                self.values.insert(a.id, (ty, loc));
                args.push(Arg {
                    value: ValueId(a.id),
                    ty,
                    loc: Some(loc),
                });
            }
            let arg_use_lists = (!args.is_empty()).then_some((0u8, None));
            let mut ops = Vec::with_capacity(b.ops.len());
            for o in &b.ops {
                ops.push(self.op(o, program)?);
            }
            out.blocks.push(Block {
                args,
                arg_use_lists,
                ops,
            });
        }
        Ok(out)
    }
}

fn max_value(p: &Program<'_>) -> u32 {
    fn walk(ops: &[TreeOp<'_>], m: &mut u32) {
        for o in ops {
            for (v, _) in &o.results {
                *m = (*m).max(*v + 1);
            }
            for r in &o.regions {
                for b in &r.blocks {
                    for a in &b.args {
                        *m = (*m).max(a.id + 1);
                    }
                    walk(&b.ops, m);
                }
            }
        }
    }
    let mut m = 0;
    walk(&p.ops, &mut m);
    m
}

/// Converts a program to an aicode module. `source` is the module the program was read from,
/// needed when ops carry decomposition regions of the input.
///
/// # Errors
/// [`Error::AtOp`] (the innermost failing op's location) around an [`Error::Convert`]
/// naming the op and the construct that has no aicode form, or a decomposable op without a
/// decomposition region.
pub fn write_program<'a>(
    program: &Program<'a>,
    source: Option<&Module<'a>>,
    options: &WriteOptions,
) -> Result<Module<'a>> {
    let mut w = W {
        m: Module {
            version: 6,
            producer: Cow::Owned(options.producer.clone().into_bytes()),
            ..Default::default()
        },
        source,
        attr_map: HashMap::new(),
        type_map: HashMap::new(),
        res_map: HashMap::new(),
        next_value: max_value(program),
        dates: 0,
        cap: options.cap,
        values: HashMap::new(),
    };
    w.m.dialect_versions
        .push((Cow::Borrowed(b"aicode".as_slice()), Cow::Owned(vec![0x05])));
    let mut ops = Vec::with_capacity(program.ops.len());
    for op in &program.ops {
        ops.push(w.op(op, program)?);
    }
    let loc = w.loc(&program.loc)?;
    // The asset version is the newest date among the ops and types written.
    for i in 0..w.m.types.len() {
        if let Node::Known { kind, .. } = w.m.types.get(i as u32)
            && let Some(k) = crate::kinds::type_kind(*kind)
        {
            w.dates = w.dates.max(ops::type_date(k.name));
        }
    }
    let version = (w.dates > 0).then(|| w.int(32, true, u64::from(w.dates)));
    let source_attr = program
        .asset_source
        .clone()
        .map(|s| w.string(s.into_bytes()));
    let asset = Op {
        dialect: Cow::Borrowed("aicode"),
        name: Cow::Borrowed("serialization.asset"),
        registered: Some(true),
        loc,
        attrs: None,
        props: Props::Attrs(vec![source_attr, version]),
        results: Vec::new(),
        operands: Vec::new(),
        successors: Vec::new(),
        use_lists: None,
        regions: vec![Region {
            blocks: vec![Block {
                args: Vec::new(),
                arg_use_lists: None,
                ops,
            }],
        }],
    };
    w.m.ops = vec![asset];
    w.m.num_values = w.next_value;
    Ok(w.m)
}
