//! The decoded form of an aicode bytecode file: interned typed attributes and types, ops with
//! module-wide value ids, property lists and resources.
//!
//! [`Module::decode`] turns a [`Bytecode`] container into this form, decoding every aicode
//! attribute and type from the table in [`crate::kinds`] (entries of unknown kinds and other
//! dialects are kept as raw records). [`Module::encode`] renumbers everything the way MLIR's
//! bytecode writer does (`IRNumbering.cpp`: values per isolated scope; attributes, types and op
//! names ordered by reference count, then grouped by dialect per varint width; strings in
//! emission order; properties de-duplicated), so decoding and re-encoding a file written by
//! coreai-core reproduces it byte for byte. That is the test that the typed codec is exact.
//!
//! Decoding is bounded: attribute/type references may form cycles or deep chains in hostile
//! input; both are detected (in-progress marks and a depth limit) instead of recursing forever.

use std::{
    borrow::Cow,
    collections::{HashMap, hash_map::Entry as MapEntry},
};

use crate::{
    bytecode::{
        self, Bytecode, DialectEntry, Entry, OpNameEntry, ResourceEntry, ResourceGroup,
        ResourceValue, Resources, UseLists,
    },
    encoding::{Cursor, Emitter},
    error::{Error, Result},
    kinds::{self, ENCODING_VERSION, Field},
    ops,
};

/// The dialect of every aicode record.
pub const AICODE: &str = "aicode";
/// Maximum nesting depth of attribute/type references.
pub const MAX_ATTR_DEPTH: usize = 64;

/// Index of an interned attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AttrId(pub u32);
/// Index of an interned type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);
/// A module-wide SSA value id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ValueId(pub u32);

/// A decoded field value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Val<'a> {
    /// Attribute reference.
    Attr(AttrId),
    /// Optional attribute reference.
    OptAttr(Option<AttrId>),
    /// Type reference.
    Type(TypeId),
    /// String.
    Str(Cow<'a, [u8]>),
    /// Unsigned varint.
    U(u64),
    /// Signed varint.
    I(i64),
    /// Raw byte.
    Byte(u8),
    /// APInt words as encoded (one byte value for widths <= 8, one word up to 64, else the
    /// active words).
    Int(Vec<u64>),
    /// Blob.
    Blob(Cow<'a, [u8]>),
    /// Resource: index into [`Module::resources`].
    Res(usize),
    /// Attribute references.
    Attrs(Vec<AttrId>),
    /// Type references.
    Types(Vec<TypeId>),
    /// Strings.
    Strs(Vec<Cow<'a, [u8]>>),
    /// Signed varints.
    Is(Vec<i64>),
    /// Unsigned varints.
    Us(Vec<u64>),
    /// Optional unsigned varint.
    OptU(Option<u64>),
}

/// An attribute or type record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Node<'a> {
    /// An aicode record of a known kind.
    Known {
        /// Kind number.
        kind: u64,
        /// Field values, in [`crate::kinds`] order.
        vals: Vec<Val<'a>>,
    },
    /// Any other record, kept as written: an unknown aicode kind, another dialect's custom
    /// encoding, or assembly text (`custom == false`).
    Raw {
        /// Dialect name.
        dialect: Cow<'a, [u8]>,
        /// Custom encoding (its references cannot be renumbered) or text.
        custom: bool,
        /// The bytes.
        data: Cow<'a, [u8]>,
    },
}

/// An interning table.
#[derive(Debug, Clone, Default)]
pub struct Table<'a> {
    nodes: Vec<Node<'a>>,
    index: HashMap<Node<'a>, u32>,
}

impl<'a> Table<'a> {
    /// Interns a node.
    pub fn intern(&mut self, n: Node<'a>) -> u32 {
        if let Some(&i) = self.index.get(&n) {
            return i;
        }
        let i = self.nodes.len() as u32;
        self.nodes.push(n.clone());
        self.index.insert(n, i);
        i
    }
    /// A node by index.
    pub fn get(&self, i: u32) -> &Node<'a> {
        &self.nodes[i as usize]
    }
    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// Op properties.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Props<'a> {
    /// No properties.
    #[default]
    None,
    /// Inherent attributes in the op's layout order ([`crate::ops::props_layout`]).
    Attrs(Vec<Option<AttrId>>),
    /// An unregistered op's properties attribute.
    Unregistered(AttrId),
    /// Properties of an op whose layout is unknown, as written.
    Raw(Cow<'a, [u8]>),
}

/// A block argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// Value id.
    pub value: ValueId,
    /// Type.
    pub ty: TypeId,
    /// Location (`None`: unknown).
    pub loc: Option<AttrId>,
}

/// A block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block<'a> {
    /// Arguments.
    pub args: Vec<Arg>,
    /// Argument use-list mask byte and orders, as read.
    pub arg_use_lists: Option<(u8, Option<UseLists>)>,
    /// Operations.
    pub ops: Vec<Op<'a>>,
}

/// A region.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Region<'a> {
    /// Blocks.
    pub blocks: Vec<Block<'a>>,
}

/// An operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Op<'a> {
    /// Dialect name.
    pub dialect: Cow<'a, str>,
    /// Name without the dialect (e.g. `primitive.add_v1`).
    pub name: Cow<'a, str>,
    /// Registered flag (bytecode >= 5).
    pub registered: Option<bool>,
    /// Location.
    pub loc: AttrId,
    /// Discardable attribute dictionary.
    pub attrs: Option<AttrId>,
    /// Properties.
    pub props: Props<'a>,
    /// Results.
    pub results: Vec<(ValueId, TypeId)>,
    /// Operands.
    pub operands: Vec<ValueId>,
    /// Successor block indices.
    pub successors: Vec<u64>,
    /// Result use-list orders, as read.
    pub use_lists: Option<UseLists>,
    /// Regions.
    pub regions: Vec<Region<'a>>,
}

impl Op<'_> {
    /// `dialect.name`.
    pub fn full_name(&self) -> String {
        format!("{}.{}", self.dialect, self.name)
    }
}

/// A resource of the aicode group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource<'a> {
    /// Key.
    pub key: Cow<'a, [u8]>,
    /// Kind byte and value.
    pub kind: u8,
    /// Value (blobs borrowed from the input).
    pub value: ResourceValue<'a>,
}

/// A dialect name and its version entry bytes.
pub type DialectVersion<'a> = (Cow<'a, [u8]>, Cow<'a, [u8]>);

/// An op name key: dialect, name, registered flag.
type OpKey<'a> = (Cow<'a, str>, Cow<'a, str>, Option<bool>);

/// A decoded aicode module.
#[derive(Debug, Clone, Default)]
pub struct Module<'a> {
    /// Bytecode version.
    pub version: u64,
    /// Producer string.
    pub producer: Cow<'a, [u8]>,
    /// Version entries of the dialects, by dialect name.
    pub dialect_versions: Vec<DialectVersion<'a>>,
    /// Attributes.
    pub attrs: Table<'a>,
    /// Types.
    pub types: Table<'a>,
    /// The top-level operations (normally one `aicode.serialization.asset`).
    pub ops: Vec<Op<'a>>,
    /// Dialect resources (all groups), in table order; attributes refer to them by index.
    pub resources: Vec<(Cow<'a, [u8]>, Resource<'a>)>,
    /// External resource groups, kept as read.
    pub external_resources: Vec<(Cow<'a, [u8]>, Vec<Resource<'a>>)>,
    /// Number of value ids allocated.
    pub num_values: u32,
}

// -------------------------------------------------------------------------------------------
// Decoding
// -------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Slot<T> {
    Todo,
    Busy,
    Done(T),
}

struct Decoder<'b, 'a> {
    bc: &'b Bytecode<'a>,
    m: Module<'a>,
    attr_slots: Vec<Slot<AttrId>>,
    type_slots: Vec<Slot<TypeId>>,
    /// Dialect-table index -> name.
    dialect_names: Vec<Cow<'a, [u8]>>,
    aicode: Option<u64>,
    /// Global resource handle index -> index in `m.resources`.
    resource_map: Vec<usize>,
}

fn cow_str<'a>(b: &Cow<'a, [u8]>) -> Cow<'a, str> {
    match b {
        Cow::Borrowed(s) => String::from_utf8_lossy(s),
        Cow::Owned(v) => Cow::Owned(String::from_utf8_lossy(v).into_owned()),
    }
}

impl<'a> Module<'a> {
    /// Decodes a bytecode file of the aicode dialect.
    ///
    /// # Errors
    /// Malformed records or references, or an aicode encoding version other than 2.
    pub fn decode(bc: &Bytecode<'a>) -> Result<Self> {
        let mut d = Decoder {
            bc,
            m: Module {
                version: bc.version,
                producer: bc.producer.clone(),
                ..Default::default()
            },
            attr_slots: vec![Slot::Todo; bc.attrs.len()],
            type_slots: vec![Slot::Todo; bc.types.len()],
            dialect_names: Vec::new(),
            aicode: None,
            resource_map: Vec::new(),
        };
        let ctx = |what: &str| Cursor::new(&[], 0, 0, "dialect").err(what.to_string());
        for (i, dl) in bc.dialects.iter().enumerate() {
            let name = bc.strings[dl.name as usize].clone();
            if name.as_ref() == AICODE.as_bytes() {
                d.aicode = Some(i as u64);
                let v = dl.version.as_deref().unwrap_or_default();
                let mut c = Cursor::new(v, 0, v.len(), "dialectVersions");
                let ver = c
                    .varint()
                    .map_err(|_| ctx("aicode dialect without an encoding version entry"))?;
                if ver != ENCODING_VERSION || !c.is_empty() {
                    return Err(Error::Unsupported {
                        context: c.context(),
                        message: format!(
                            "unsupported aicode encoding version {ver}; this build reads version {ENCODING_VERSION}"
                        ),
                    });
                }
            }
            if let Some(v) = &dl.version {
                d.m.dialect_versions.push((name.clone(), v.clone()));
            }
            d.dialect_names.push(name);
        }
        if let Some(res) = &bc.resources {
            for g in &res.external {
                let entries = g.entries.iter().map(|e| d.resource(e)).collect();
                d.m.external_resources
                    .push((bc.strings[g.key as usize].clone(), entries));
            }
            for g in &res.dialect {
                let dname = d.dialect_names[g.key as usize].clone();
                for e in &g.entries {
                    d.resource_map.push(d.m.resources.len());
                    let r = d.resource(e);
                    d.m.resources.push((dname.clone(), r));
                }
            }
        }
        for i in 0..bc.attrs.len() {
            d.attr(i as u64, 0)?;
        }
        for i in 0..bc.types.len() {
            d.ty(i as u64, 0)?;
        }
        let mut top = Vec::with_capacity(bc.ops.len());
        for (i, op) in bc.ops.iter().enumerate() {
            let mut scope = Vec::new();
            top.push(d.op(op, &mut scope, None, 0, &format!("top-level op {i}"))?);
        }
        d.m.ops = top;
        Ok(d.m)
    }
}

impl<'b, 'a> Decoder<'b, 'a> {
    fn resource(&self, e: &ResourceEntry<'a>) -> Resource<'a> {
        Resource {
            key: self.bc.strings[e.key as usize].clone(),
            kind: e.kind,
            value: e.value.clone(),
        }
    }

    fn err(&self, section: &'static str, entry: String, msg: String) -> Error {
        let mut c = Cursor::new(&[], 0, 0, section);
        c.set_entry(entry);
        c.err(msg)
    }

    fn attr(&mut self, idx: u64, depth: usize) -> Result<AttrId> {
        let i = usize::try_from(idx)
            .ok()
            .filter(|i| *i < self.attr_slots.len())
            .ok_or_else(|| {
                self.err(
                    "attrType",
                    "attribute reference".into(),
                    format!(
                        "attribute index {idx} out of range ({} attributes)",
                        self.attr_slots.len()
                    ),
                )
            })?;
        match self.attr_slots[i] {
            Slot::Done(a) => return Ok(a),
            Slot::Busy => {
                return Err(self.err(
                    "attrType",
                    format!("attribute {i}"),
                    "cyclic attribute reference".into(),
                ));
            }
            Slot::Todo => {}
        }
        if depth > MAX_ATTR_DEPTH {
            return Err(self.err(
                "attrType",
                format!("attribute {i}"),
                format!("attributes nested deeper than {MAX_ATTR_DEPTH}"),
            ));
        }
        self.attr_slots[i] = Slot::Busy;
        let e = &self.bc.attrs[i];
        let node = self.node(e, true, i, depth)?;
        let id = AttrId(self.m.attrs.intern(node));
        self.attr_slots[i] = Slot::Done(id);
        Ok(id)
    }

    fn ty(&mut self, idx: u64, depth: usize) -> Result<TypeId> {
        let i = usize::try_from(idx)
            .ok()
            .filter(|i| *i < self.type_slots.len())
            .ok_or_else(|| {
                self.err(
                    "attrType",
                    "type reference".into(),
                    format!(
                        "type index {idx} out of range ({} types)",
                        self.type_slots.len()
                    ),
                )
            })?;
        match self.type_slots[i] {
            Slot::Done(t) => return Ok(t),
            Slot::Busy => {
                return Err(self.err(
                    "attrType",
                    format!("type {i}"),
                    "cyclic type reference".into(),
                ));
            }
            Slot::Todo => {}
        }
        if depth > MAX_ATTR_DEPTH {
            return Err(self.err(
                "attrType",
                format!("type {i}"),
                format!("types nested deeper than {MAX_ATTR_DEPTH}"),
            ));
        }
        self.type_slots[i] = Slot::Busy;
        let e = &self.bc.types[i];
        let node = self.node(e, false, i, depth)?;
        let id = TypeId(self.m.types.intern(node));
        self.type_slots[i] = Slot::Done(id);
        Ok(id)
    }

    fn node(&mut self, e: &Entry<'a>, is_attr: bool, i: usize, depth: usize) -> Result<Node<'a>> {
        let dialect = self.dialect_names[e.dialect as usize].clone();
        let raw = || Node::Raw {
            dialect: dialect.clone(),
            custom: e.custom,
            data: e.data.clone(),
        };
        if !e.custom || Some(e.dialect) != self.aicode {
            return Ok(raw());
        }
        let data: &'a [u8] = match &e.data {
            Cow::Borrowed(b) => b,
            Cow::Owned(_) => return Ok(raw()),
        };
        let what = if is_attr { "attribute" } else { "type" };
        let mut c = Cursor::new(data, 0, data.len(), "attrType");
        c.set_entry(format!("{what} {i}"));
        let kind = c.varint()?;
        let spec = if is_attr {
            kinds::attr_kind(kind)
        } else {
            kinds::type_kind(kind)
        };
        let Some(spec) = spec else { return Ok(raw()) };
        c.set_entry(format!("{what} {i} (aicode.{})", spec.name));
        let mut vals: Vec<Val<'a>> = Vec::with_capacity(spec.fields.len());
        for f in spec.fields {
            let v = match *f {
                Field::Attr => Val::Attr(self.attr(c.varint()?, depth + 1)?),
                Field::OptAttr => {
                    let v = c.varint()?;
                    if v == 0 {
                        Val::OptAttr(None)
                    } else if v & 1 == 1 {
                        Val::OptAttr(Some(self.attr(v >> 1, depth + 1)?))
                    } else {
                        return Err(c.err(format!("bad optional attribute reference {v}")));
                    }
                }
                Field::Type => Val::Type(self.ty(c.varint()?, depth + 1)?),
                Field::Str => {
                    let s = c.varint()?;
                    Val::Str(self.string(&c, s)?)
                }
                Field::U => Val::U(c.varint()?),
                Field::I => Val::I(c.svarint()?),
                Field::Byte => Val::Byte(c.byte()?),
                Field::ApInt(w) => {
                    let Val::U(width) = vals[w] else {
                        return Err(c.err("bad APInt width field"));
                    };
                    if width <= 8 {
                        Val::Int(vec![u64::from(c.byte()?)])
                    } else if width <= 64 {
                        Val::Int(vec![c.svarint()? as u64])
                    } else {
                        let n = c.count("APInt word", 1)?;
                        if n as u64 > width.div_ceil(64) {
                            return Err(c.err(format!("{n} APInt words for width {width}")));
                        }
                        Val::Int(
                            (0..n)
                                .map(|_| c.svarint().map(|v| v as u64))
                                .collect::<Result<_>>()?,
                        )
                    }
                }
                Field::Blob => {
                    let n = c.varint()?;
                    Val::Blob(Cow::Borrowed(c.bytes(n)?))
                }
                Field::Resource => {
                    let r = c.varint()?;
                    let idx = usize::try_from(r)
                        .ok()
                        .and_then(|r| self.resource_map.get(r))
                        .copied();
                    Val::Res(idx.ok_or_else(|| {
                        c.err(format!(
                            "resource index {r} out of range ({} resources)",
                            self.resource_map.len()
                        ))
                    })?)
                }
                Field::Attrs => {
                    let n = c.count("attribute", 1)?;
                    let mut v = Vec::with_capacity(n);
                    for _ in 0..n {
                        v.push(self.attr(c.varint()?, depth + 1)?);
                    }
                    Val::Attrs(v)
                }
                Field::Types => {
                    let n = c.count("type", 1)?;
                    let mut v = Vec::with_capacity(n);
                    for _ in 0..n {
                        v.push(self.ty(c.varint()?, depth + 1)?);
                    }
                    Val::Types(v)
                }
                Field::Strs => {
                    let n = c.count("string", 1)?;
                    let mut v = Vec::with_capacity(n);
                    for _ in 0..n {
                        let s = c.varint()?;
                        v.push(self.string(&c, s)?);
                    }
                    Val::Strs(v)
                }
                Field::Is => {
                    let n = c.count("integer", 1)?;
                    Val::Is((0..n).map(|_| c.svarint()).collect::<Result<_>>()?)
                }
                Field::Us => {
                    let n = c.count("integer", 1)?;
                    Val::Us((0..n).map(|_| c.varint()).collect::<Result<_>>()?)
                }
                Field::OptU => match c.byte()? {
                    0 => Val::OptU(None),
                    1 => Val::OptU(Some(c.varint()?)),
                    b => return Err(c.err(format!("bad presence byte {b:#04x}"))),
                },
            };
            vals.push(v);
        }
        if !c.is_empty() {
            return Err(c.err(format!(
                "{} trailing bytes after the fields of aicode.{}",
                c.left(),
                spec.name
            )));
        }
        Ok(Node::Known { kind, vals })
    }

    fn string(&self, c: &Cursor<'a>, idx: u64) -> Result<Cow<'a, [u8]>> {
        self.bc
            .strings
            .get(usize::try_from(idx).unwrap_or(usize::MAX))
            .cloned()
            .ok_or_else(|| {
                c.err(format!(
                    "string index {idx} out of range ({} strings)",
                    self.bc.strings.len()
                ))
            })
    }

    fn new_value(&mut self) -> Result<ValueId> {
        let v = self.m.num_values;
        self.m.num_values = v
            .checked_add(1)
            .ok_or_else(|| Error::Convert("too many values".into()))?;
        Ok(ValueId(v))
    }

    fn op(
        &mut self,
        op: &bytecode::Op,
        scope: &mut Vec<ValueId>,
        results_at: Option<usize>,
        depth: usize,
        what: &str,
    ) -> Result<Op<'a>> {
        let on = &self.bc.op_names[op.name as usize];
        let dialect = cow_str(&self.dialect_names[on.dialect as usize]);
        let name = cow_str(&self.bc.strings[on.name as usize]);
        let full = format!("{dialect}.{name}");
        let ectx = format!("op '{full}' ({what})");
        let e = |d: &Self, m: String| d.err("IR", ectx.clone(), m);
        let loc = self.attr(op.loc, 0).map_err(|x| e(self, x.to_string()))?;
        let attrs = match op.attrs {
            Some(a) => Some(self.attr(a, 0).map_err(|x| e(self, x.to_string()))?),
            None => None,
        };
        let props = match op.props {
            None => Props::None,
            Some(p) if on.registered == Some(false) => {
                let bytes = self.props_bytes(p)?;
                let mut c = Cursor::new(&bytes, 0, bytes.len(), "properties");
                let a = c.varint()?;
                if !c.is_empty() {
                    return Err(e(
                        self,
                        "trailing bytes in an unregistered op's properties".into(),
                    ));
                }
                Props::Unregistered(self.attr(a, 0)?)
            }
            Some(p) => {
                let bytes = self.props_bytes(p)?;
                match ops::props_layout(&full) {
                    Some(layout) if Some(on.dialect) == self.aicode => {
                        let mut c = Cursor::new(&bytes, 0, bytes.len(), "properties");
                        c.set_entry(format!("properties of '{full}'"));
                        let mut v = Vec::with_capacity(layout.len());
                        for p in layout {
                            if p.optional {
                                let x = c.varint()?;
                                v.push(match x {
                                    0 => None,
                                    x if x & 1 == 1 => Some(self.attr(x >> 1, 0)?),
                                    x => {
                                        return Err(c.err(format!(
                                            "bad optional attribute reference {x} for '{}'",
                                            p.name
                                        )));
                                    }
                                });
                            } else {
                                v.push(Some(self.attr(c.varint()?, 0)?));
                            }
                        }
                        if !c.is_empty() {
                            return Err(c.err("trailing bytes in the properties entry"));
                        }
                        Props::Attrs(v)
                    }
                    _ => Props::Raw(bytes),
                }
            }
        };
        let mut results = Vec::with_capacity(op.results.len());
        for (i, t) in op.results.iter().enumerate() {
            let v = match results_at {
                Some(at) => scope[at + i],
                None => self.new_value()?,
            };
            results.push((v, self.ty(*t, 0)?));
        }
        let mut operands = Vec::with_capacity(op.operands.len());
        for v in &op.operands {
            let id = usize::try_from(*v).ok().and_then(|i| scope.get(i)).copied();
            operands.push(id.ok_or_else(|| {
                e(
                    self,
                    format!(
                        "operand value {v} is not defined in scope ({} values)",
                        scope.len()
                    ),
                )
            })?);
        }
        let mut regions = Vec::with_capacity(op.regions.len());
        for (ri, r) in op.regions.iter().enumerate() {
            let what = format!("region {ri} of '{full}'");
            if op.isolated {
                let mut inner = Vec::new();
                regions.push(self.region(r, &mut inner, depth + 1, &what)?);
            } else {
                regions.push(self.region(r, scope, depth + 1, &what)?);
            }
        }
        Ok(Op {
            dialect,
            name,
            registered: on.registered,
            loc,
            attrs,
            props,
            results,
            operands,
            successors: op.successors.clone(),
            use_lists: op.use_lists.clone(),
            regions,
        })
    }

    fn region(
        &mut self,
        r: &bytecode::Region,
        scope: &mut Vec<ValueId>,
        depth: usize,
        what: &str,
    ) -> Result<Region<'a>> {
        if r.blocks.is_empty() {
            return Ok(Region::default());
        }
        if depth > bytecode::MAX_NESTING {
            return Err(self.err("IR", what.to_string(), "regions nested too deeply".into()));
        }
        let defined: u64 = r
            .blocks
            .iter()
            .map(|b| {
                b.args.len() as u64 + b.ops.iter().map(|o| o.results.len() as u64).sum::<u64>()
            })
            .sum();
        if defined != r.num_values {
            return Err(self.err(
                "IR",
                what.to_string(),
                format!(
                    "region declares {} values but defines {defined}",
                    r.num_values
                ),
            ));
        }
        let base = scope.len();
        for _ in 0..defined {
            let v = self.new_value()?;
            scope.push(v);
        }
        let mut next = base;
        let mut blocks = Vec::with_capacity(r.blocks.len());
        for (bi, b) in r.blocks.iter().enumerate() {
            let mut args = Vec::with_capacity(b.args.len());
            for a in &b.args {
                let loc = match a.loc {
                    Some(l) => Some(self.attr(l, 0)?),
                    None => None,
                };
                args.push(Arg {
                    value: scope[next],
                    ty: self.ty(a.ty, 0)?,
                    loc,
                });
                next += 1;
            }
            let mut ops = Vec::with_capacity(b.ops.len());
            for (oi, o) in b.ops.iter().enumerate() {
                let at = next;
                next += o.results.len();
                ops.push(self.op(
                    o,
                    scope,
                    Some(at),
                    depth,
                    &format!("{what}, block {bi}, op {oi}"),
                )?);
            }
            let arg_use_lists = (!b.args.is_empty() && self.bc.version >= 3)
                .then(|| (b.arg_use_list_mask, b.arg_use_lists.clone()));
            blocks.push(Block {
                args,
                arg_use_lists,
                ops,
            });
        }
        scope.truncate(base);
        Ok(Region { blocks })
    }

    fn props_bytes(&self, p: u64) -> Result<Cow<'a, [u8]>> {
        let props = self.bc.properties.as_ref().ok_or_else(|| {
            self.err(
                "properties",
                String::new(),
                "op has properties but there is no properties section".into(),
            )
        })?;
        props
            .get(usize::try_from(p).unwrap_or(usize::MAX))
            .cloned()
            .ok_or_else(|| {
                self.err(
                    "properties",
                    String::new(),
                    format!(
                        "properties index {p} out of range ({} entries)",
                        props.len()
                    ),
                )
            })
    }
}

// -------------------------------------------------------------------------------------------
// Encoding (MLIR's IRNumbering + BytecodeWriter)
// -------------------------------------------------------------------------------------------

struct Numbered {
    refs: u32,
    dialect: usize,
}

#[derive(Default)]
struct Numbering<'m, 'a> {
    m: Option<&'m Module<'a>>,
    dialects: Vec<Cow<'a, [u8]>>,
    attrs: Vec<(AttrId, Numbered)>,
    attr_pos: HashMap<AttrId, usize>,
    types: Vec<(TypeId, Numbered)>,
    type_pos: HashMap<TypeId, usize>,
    op_names: Vec<(OpKey<'a>, Numbered)>,
    op_name_pos: HashMap<OpKey<'a>, usize>,
    /// Module resource indices, by first reference.
    resources: Vec<usize>,
    resource_pos: HashMap<usize, usize>,
    values: HashMap<ValueId, u64>,
    next_value: u64,
    /// (blocks, values) per region, keyed by address.
    region_counts: HashMap<usize, u64>,
    isolated: HashMap<usize, bool>,
}

fn werr(what: &str, message: impl Into<String>) -> Error {
    Error::Write {
        what: what.to_string(),
        message: message.into(),
    }
}

impl<'m, 'a> Numbering<'m, 'a> {
    fn module(&self) -> &'m Module<'a> {
        self.m.expect("numbering has a module")
    }

    fn dialect(&mut self, name: &[u8]) -> usize {
        if let Some(i) = self.dialects.iter().position(|d| d.as_ref() == name) {
            return i;
        }
        self.dialects.push(Cow::Owned(name.to_vec()));
        self.dialects.len() - 1
    }

    fn attr(&mut self, a: AttrId) -> Result<()> {
        if let Some(&i) = self.attr_pos.get(&a) {
            self.attrs[i].1.refs += 1;
            return Ok(());
        }
        let node = self.module().attrs.get(a.0);
        let d = self.node_dialect(node);
        self.attr_pos.insert(a, self.attrs.len());
        self.attrs.push((
            a,
            Numbered {
                refs: 1,
                dialect: d,
            },
        ));
        self.nested(node, "attribute")
    }

    fn ty(&mut self, t: TypeId) -> Result<()> {
        if let Some(&i) = self.type_pos.get(&t) {
            self.types[i].1.refs += 1;
            return Ok(());
        }
        let node = self.module().types.get(t.0);
        let d = self.node_dialect(node);
        self.type_pos.insert(t, self.types.len());
        self.types.push((
            t,
            Numbered {
                refs: 1,
                dialect: d,
            },
        ));
        self.nested(node, "type")
    }

    fn node_dialect(&mut self, node: &Node<'a>) -> usize {
        match node {
            Node::Known { .. } => self.dialect(AICODE.as_bytes()),
            Node::Raw { dialect, .. } => self.dialect(dialect),
        }
    }

    fn nested(&mut self, node: &Node<'a>, what: &str) -> Result<()> {
        match node {
            Node::Known { vals, .. } => {
                for v in vals {
                    match v {
                        Val::Attr(a) | Val::OptAttr(Some(a)) => self.attr(*a)?,
                        Val::Type(t) => self.ty(*t)?,
                        Val::Attrs(v) => {
                            for a in v {
                                self.attr(*a)?;
                            }
                        }
                        Val::Types(v) => {
                            for t in v {
                                self.ty(*t)?;
                            }
                        }
                        Val::Res(r) if !self.resource_pos.contains_key(r) => {
                            self.resource_pos.insert(*r, self.resources.len());
                            self.resources.push(*r);
                        }
                        _ => {}
                    }
                }
                Ok(())
            }
            Node::Raw {
                custom: true,
                dialect,
                data,
            } => Err(werr(
                &format!("{what} of dialect '{}'", String::from_utf8_lossy(dialect)),
                format!(
                    "its custom encoding ({} bytes, kind {}) is unknown to this build, so its references cannot be renumbered",
                    data.len(),
                    data.first().map_or(0, |b| b >> 1)
                ),
            )),
            Node::Raw { .. } => Ok(()),
        }
    }

    fn op_name(&mut self, op: &Op<'a>) {
        let key = (op.dialect.clone(), op.name.clone(), op.registered);
        if let Some(&i) = self.op_name_pos.get(&key) {
            self.op_names[i].1.refs += 1;
            return;
        }
        let d = self.dialect(op.dialect.as_bytes());
        self.op_name_pos.insert(key.clone(), self.op_names.len());
        self.op_names.push((
            key,
            Numbered {
                refs: 1,
                dialect: d,
            },
        ));
    }

    fn op(&mut self, op: &Op<'a>) -> Result<()> {
        self.op_name(op);
        for (v, t) in &op.results {
            self.values.insert(*v, self.next_value);
            self.next_value += 1;
            self.ty(*t)?;
        }
        if let Some(a) = op.attrs {
            self.attr(a)?;
        }
        match &op.props {
            Props::None => {}
            Props::Attrs(v) => {
                for a in v.iter().flatten() {
                    self.attr(*a)?;
                }
            }
            Props::Unregistered(a) => self.attr(*a)?,
            Props::Raw(_) => {
                return Err(werr(
                    &format!("op '{}'", op.full_name()),
                    "its properties layout is unknown to this build, so their references cannot be renumbered",
                ));
            }
        }
        self.attr(op.loc)
    }

    fn region(&mut self, r: &Region<'a>) -> Result<()> {
        if r.blocks.is_empty() {
            return Ok(());
        }
        let first = self.next_value;
        for b in &r.blocks {
            for a in &b.args {
                self.values.insert(a.value, self.next_value);
                self.next_value += 1;
                if let Some(l) = a.loc {
                    self.attr(l)?;
                }
                self.ty(a.ty)?;
            }
            for op in &b.ops {
                self.op(op)?;
            }
        }
        self.region_counts
            .insert(r as *const _ as usize, self.next_value - first);
        Ok(())
    }

    /// Marks ops with regions isolated when nothing inside uses a value defined outside;
    /// returns the values used inside `op` that it does not define.
    fn isolation(&mut self, op: &Op<'a>) -> std::collections::HashSet<ValueId> {
        let mut used: std::collections::HashSet<ValueId> = op.operands.iter().copied().collect();
        if op.regions.is_empty() {
            return used;
        }
        let mut inner_used = std::collections::HashSet::new();
        let mut defined = std::collections::HashSet::new();
        for r in &op.regions {
            for b in &r.blocks {
                defined.extend(b.args.iter().map(|a| a.value));
                for o in &b.ops {
                    defined.extend(o.results.iter().map(|(v, _)| *v));
                    inner_used.extend(self.isolation(o));
                }
            }
        }
        let outside: std::collections::HashSet<ValueId> =
            inner_used.difference(&defined).copied().collect();
        self.isolated
            .insert(op as *const _ as usize, outside.is_empty());
        used.extend(outside);
        used
    }
}

/// `groupByDialectPerByte` of IRNumbering.cpp.
fn group_by_dialect_per_byte<T>(items: &mut [(T, Numbered)]) {
    if items.is_empty() {
        return;
    }
    let mut first = 0usize;
    let mut in_group: u64 = 0;
    let mut start = 0usize;
    for i in 1..9u64 {
        in_group = (1u64 << (7 * i)) - in_group;
        let end = (start as u64 + in_group).min(items.len() as u64) as usize;
        let sub = &mut items[start..end];
        let f = first;
        sub.sort_by(|l, r| {
            let (ld, rd) = (l.1.dialect, r.1.dialect);
            let key = |d: usize| (d != f, d);
            key(ld).cmp(&key(rd))
        });
        first = sub.last().map_or(first, |x| x.1.dialect);
        start = end;
        if start >= items.len() {
            break;
        }
    }
}

struct Strings<'a> {
    list: Vec<Cow<'a, [u8]>>,
    map: HashMap<Cow<'a, [u8]>, u64>,
}

impl<'a> Strings<'a> {
    fn insert(&mut self, s: Cow<'a, [u8]>) -> u64 {
        match self.map.entry(s) {
            MapEntry::Occupied(o) => *o.get(),
            MapEntry::Vacant(v) => {
                let i = self.list.len() as u64;
                self.list.push(v.key().clone());
                v.insert(i);
                i
            }
        }
    }
}

impl<'a> Module<'a> {
    /// Encodes the module as a bytecode container, numbering everything as MLIR's writer does.
    ///
    /// # Errors
    /// [`Error::Write`] when a record of an unknown custom encoding would need renumbering, or
    /// an operand refers to a value that is not defined.
    pub fn encode(&self) -> Result<Bytecode<'a>> {
        let mut n = Numbering {
            m: Some(self),
            ..Default::default()
        };
        for op in &self.ops {
            n.isolation(op);
        }
        // IRNumberingState: the root ops, then a LIFO worklist of regions.
        let mut work: Vec<(&Region<'a>, u64)> = Vec::new();
        for op in &self.ops {
            n.op(op)?;
            let first = if n
                .isolated
                .get(&(op as *const _ as usize))
                .copied()
                .unwrap_or(true)
            {
                0
            } else {
                n.next_value
            };
            for r in &op.regions {
                work.push((r, first));
            }
        }
        while let Some((r, first)) = work.pop() {
            n.next_value = first;
            n.region(r)?;
            for b in &r.blocks {
                for op in &b.ops {
                    if op.regions.is_empty() {
                        continue;
                    }
                    let first = if n.isolated[&(op as *const _ as usize)] {
                        0
                    } else {
                        n.next_value
                    };
                    for r in &op.regions {
                        work.push((r, first));
                    }
                }
            }
        }
        n.attrs.sort_by_key(|x| std::cmp::Reverse(x.1.refs));
        n.types.sort_by_key(|x| std::cmp::Reverse(x.1.refs));
        n.op_names.sort_by_key(|x| std::cmp::Reverse(x.1.refs));
        group_by_dialect_per_byte(&mut n.attrs);
        group_by_dialect_per_byte(&mut n.types);
        group_by_dialect_per_byte(&mut n.op_names);
        let attr_num: HashMap<AttrId, u64> = n
            .attrs
            .iter()
            .enumerate()
            .map(|(i, (a, _))| (*a, i as u64))
            .collect();
        let type_num: HashMap<TypeId, u64> = n
            .types
            .iter()
            .enumerate()
            .map(|(i, (t, _))| (*t, i as u64))
            .collect();
        let name_num: HashMap<OpKey<'a>, u64> = n
            .op_names
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i as u64))
            .collect();
        // Resources are numbered per dialect, in dialect order, by first reference.
        let mut res_num: HashMap<usize, u64> = HashMap::new();
        let mut res_groups: Vec<(usize, Vec<usize>)> = Vec::new();
        for (di, dname) in n.dialects.iter().enumerate() {
            let list: Vec<usize> = n
                .resources
                .iter()
                .copied()
                .filter(|r| &self.resources[*r].0 == dname)
                .collect();
            if !list.is_empty() {
                for r in &list {
                    res_num.insert(*r, res_num.len() as u64);
                }
                res_groups.push((di, list));
            }
        }
        for r in &n.resources {
            if !res_num.contains_key(r) {
                return Err(werr(
                    "resource",
                    "a resource belongs to a dialect that is not used",
                ));
            }
        }

        let mut strings = Strings {
            list: Vec::new(),
            map: HashMap::new(),
        };
        let mut bc = Bytecode {
            version: self.version,
            producer: self.producer.clone(),
            ..Default::default()
        };
        for d in &n.dialects {
            let name = strings.insert(d.clone());
            let version = self
                .dialect_versions
                .iter()
                .find(|(k, _)| k == d)
                .map(|(_, v)| v.clone())
                .or_else(|| {
                    (d.as_ref() == AICODE.as_bytes()).then(|| {
                        let mut e = Emitter::new();
                        e.varint(ENCODING_VERSION);
                        Cow::Owned(e.buf)
                    })
                });
            bc.dialects.push(DialectEntry { name, version });
        }
        for ((dialect, name, registered), num) in &n.op_names {
            let _ = dialect;
            let s = strings.insert(match name {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.as_bytes().to_vec()),
            });
            bc.op_names.push(OpNameEntry {
                dialect: num.dialect as u64,
                name: s,
                registered: *registered,
            });
        }
        let enc = Encoder {
            attr_num: &attr_num,
            type_num: &type_num,
            res_num: &res_num,
        };
        for (a, num) in &n.attrs {
            bc.attrs
                .push(enc.entry(self.attrs.get(a.0), num.dialect, true, &mut strings)?);
        }
        for (t, num) in &n.types {
            bc.types
                .push(enc.entry(self.types.get(t.0), num.dialect, false, &mut strings)?);
        }
        let mut props = PropsBuilder::default();
        let mut w = IrWriter {
            n: &n,
            attr_num: &attr_num,
            type_num: &type_num,
            name_num: &name_num,
            props: &mut props,
        };
        let mut top = Vec::with_capacity(self.ops.len());
        for op in &self.ops {
            top.push(w.op(op)?);
        }
        bc.ops = top;
        // MLIR always writes the resource sections: the offset section holds at least the count
        // of external groups.
        {
            let mut res = Resources::default();
            for (name, entries) in &self.external_resources {
                let mut g = Vec::new();
                for e in entries {
                    g.push(resource_entry(e, &mut strings));
                }
                let key = strings.insert(name.clone());
                for (e, src) in g.iter_mut().zip(entries) {
                    e.key = strings.insert(src.key.clone());
                }
                res.external.push(ResourceGroup { key, entries: g });
            }
            for (di, list) in &res_groups {
                let mut g = Vec::new();
                for r in list {
                    g.push(resource_entry(&self.resources[*r].1, &mut strings));
                }
                for (e, r) in g.iter_mut().zip(list) {
                    e.key = strings.insert(self.resources[*r].1.key.clone());
                }
                res.dialect.push(ResourceGroup {
                    key: *di as u64,
                    entries: g,
                });
            }
            bc.resources = Some(res);
        }
        bc.strings = strings.list;
        if self.version >= 5 {
            bc.properties = Some(props.list);
        }
        Ok(bc)
    }
}

fn resource_entry<'a>(r: &Resource<'a>, strings: &mut Strings<'a>) -> ResourceEntry<'a> {
    let value = match &r.value {
        ResourceValue::String(_) => r.value.clone(),
        v => v.clone(),
    };
    let _ = strings;
    ResourceEntry {
        key: 0,
        kind: r.kind,
        value,
    }
}

struct Encoder<'n> {
    attr_num: &'n HashMap<AttrId, u64>,
    type_num: &'n HashMap<TypeId, u64>,
    res_num: &'n HashMap<usize, u64>,
}

impl Encoder<'_> {
    fn entry<'a>(
        &self,
        node: &Node<'a>,
        dialect: usize,
        is_attr: bool,
        strings: &mut Strings<'a>,
    ) -> Result<Entry<'a>> {
        match node {
            Node::Raw { custom, data, .. } => Ok(Entry {
                dialect: dialect as u64,
                custom: *custom,
                data: data.clone(),
            }),
            Node::Known { kind, vals } => {
                let mut e = Emitter::new();
                e.varint(*kind);
                let spec = if is_attr {
                    kinds::attr_kind(*kind)
                } else {
                    kinds::type_kind(*kind)
                };
                let fields = spec.map_or(&[][..], |k| k.fields);
                for (i, v) in vals.iter().enumerate() {
                    match (fields.get(i), v) {
                        (Some(Field::ApInt(w)), Val::Int(words)) => {
                            let width = match vals.get(*w) {
                                Some(Val::U(x)) => *x,
                                _ => 64,
                            };
                            if width <= 8 {
                                e.byte(words.first().copied().unwrap_or(0) as u8);
                            } else if width <= 64 {
                                e.svarint(words.first().copied().unwrap_or(0) as i64);
                            } else {
                                e.varint(words.len() as u64);
                                for w in words {
                                    e.svarint(*w as i64);
                                }
                            }
                        }
                        _ => self.val(v, &mut e, strings),
                    }
                }
                Ok(Entry {
                    dialect: dialect as u64,
                    custom: true,
                    data: Cow::Owned(e.buf),
                })
            }
        }
    }

    fn val<'a>(&self, v: &Val<'a>, e: &mut Emitter, strings: &mut Strings<'a>) {
        match v {
            Val::Attr(a) => e.varint(self.attr_num[a]),
            Val::OptAttr(None) => e.varint(0),
            Val::OptAttr(Some(a)) => e.varint_flag(self.attr_num[a], true),
            Val::Type(t) => e.varint(self.type_num[t]),
            Val::Str(s) => e.varint(strings.insert(s.clone())),
            Val::U(x) => e.varint(*x),
            Val::I(x) => e.svarint(*x),
            Val::Byte(b) => e.byte(*b),
            Val::Int(words) => {
                for w in words {
                    e.svarint(*w as i64);
                }
            }
            Val::Blob(b) => {
                e.varint(b.len() as u64);
                e.bytes(b);
            }
            Val::Res(r) => e.varint(self.res_num[r]),
            Val::Attrs(v) => {
                e.varint(v.len() as u64);
                for a in v {
                    e.varint(self.attr_num[a]);
                }
            }
            Val::Types(v) => {
                e.varint(v.len() as u64);
                for t in v {
                    e.varint(self.type_num[t]);
                }
            }
            Val::Strs(v) => {
                e.varint(v.len() as u64);
                for s in v {
                    e.varint(strings.insert(s.clone()));
                }
            }
            Val::Is(v) => {
                e.varint(v.len() as u64);
                for x in v {
                    e.svarint(*x);
                }
            }
            Val::Us(v) => {
                e.varint(v.len() as u64);
                for x in v {
                    e.varint(*x);
                }
            }
            Val::OptU(None) => e.byte(0),
            Val::OptU(Some(x)) => {
                e.byte(1);
                e.varint(*x);
            }
        }
    }
}

#[derive(Default)]
struct PropsBuilder<'a> {
    list: Vec<Cow<'a, [u8]>>,
    map: HashMap<Vec<u8>, u64>,
}

impl PropsBuilder<'_> {
    fn emit(&mut self, raw: Vec<u8>) -> u64 {
        let mut e = Emitter::new();
        e.varint(raw.len() as u64);
        e.bytes(&raw);
        // The section stores `size | data`; our container keeps `data` per entry.
        if let Some(&i) = self.map.get(&e.buf) {
            return i;
        }
        let i = self.list.len() as u64;
        self.map.insert(e.buf, i);
        self.list.push(Cow::Owned(raw));
        i
    }
}

struct IrWriter<'w, 'm, 'a, 'p> {
    n: &'w Numbering<'m, 'a>,
    attr_num: &'w HashMap<AttrId, u64>,
    type_num: &'w HashMap<TypeId, u64>,
    name_num: &'w HashMap<OpKey<'a>, u64>,
    props: &'p mut PropsBuilder<'a>,
}

impl<'a> IrWriter<'_, '_, 'a, '_> {
    fn value(&self, v: &ValueId, op: &Op<'a>) -> Result<u64> {
        self.n.values.get(v).copied().ok_or_else(|| {
            werr(
                &format!("op '{}'", op.full_name()),
                format!("operand {} is not defined", v.0),
            )
        })
    }

    fn op(&mut self, op: &Op<'a>) -> Result<bytecode::Op> {
        let key = (op.dialect.clone(), op.name.clone(), op.registered);
        let props = match &op.props {
            Props::None => None,
            Props::Attrs(v) => {
                let layout = ops::props_layout(&op.full_name()).unwrap_or(&[]);
                let mut e = Emitter::new();
                for (i, a) in v.iter().enumerate() {
                    let optional = layout.get(i).is_none_or(|p| p.optional);
                    match (a, optional) {
                        (Some(a), false) => e.varint(self.attr_num[a]),
                        (Some(a), true) => e.varint_flag(self.attr_num[a], true),
                        (None, true) => e.varint(0),
                        (None, false) => {
                            return Err(werr(
                                &format!("op '{}'", op.full_name()),
                                format!("required property '{}' is missing", layout[i].name),
                            ));
                        }
                    }
                }
                Some(self.props.emit(e.buf))
            }
            Props::Unregistered(a) => {
                let mut e = Emitter::new();
                e.varint(self.attr_num[a]);
                Some(self.props.emit(e.buf))
            }
            Props::Raw(b) => Some(self.props.emit(b.to_vec())),
        };
        let mut out = bytecode::Op {
            name: self.name_num[&key],
            loc: self.attr_num[&op.loc],
            attrs: op.attrs.map(|a| self.attr_num[&a]),
            props,
            results: op.results.iter().map(|(_, t)| self.type_num[t]).collect(),
            operands: op
                .operands
                .iter()
                .map(|v| self.value(v, op))
                .collect::<Result<_>>()?,
            successors: op.successors.clone(),
            use_lists: op.use_lists.clone(),
            isolated: self
                .n
                .isolated
                .get(&(op as *const _ as usize))
                .copied()
                .unwrap_or(false),
            regions: Vec::new(),
        };
        for r in &op.regions {
            let mut blocks = Vec::with_capacity(r.blocks.len());
            for b in &r.blocks {
                let mut rb = bytecode::Block::default();
                for a in &b.args {
                    rb.args.push(bytecode::Arg {
                        ty: self.type_num[&a.ty],
                        loc: a.loc.map(|l| self.attr_num[&l]),
                    });
                }
                if let Some((m, u)) = &b.arg_use_lists {
                    rb.arg_use_list_mask = *m;
                    rb.arg_use_lists = u.clone();
                }
                for o in &b.ops {
                    rb.ops.push(self.op(o)?);
                }
                blocks.push(rb);
            }
            let num_values = if blocks.is_empty() {
                0
            } else {
                self.n.region_counts[&(r as *const _ as usize)]
            };
            out.regions.push(bytecode::Region { num_values, blocks });
        }
        Ok(out)
    }
}
