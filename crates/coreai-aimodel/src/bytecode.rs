//! The MLIR bytecode container (`mlir/docs/BytecodeFormat.md`), dialect-agnostic.
//!
//! [`Bytecode::parse`] splits a file into its tables (strings, dialects and their version
//! entries, op names, attribute/type entries, properties, resources) and the IR tree, keeping
//! every table index as written; [`Bytecode::write`] writes the same structure back with MLIR's
//! own layout rules (section order, minimal varints, alignment padding), so a file written by
//! MLIR round-trips byte for byte. Resource blobs are borrowed slices of the input and are
//! streamed to the output without a copy.
//!
//! ## Safety against hostile input
//! Every offset, length, count and index is checked; counts are bounded by the bytes left before
//! anything is allocated; region nesting is bounded by [`MAX_NESTING`], so neither deep nor
//! cyclic input can overflow the stack. Indices into the tables are checked by the users of
//! this structure (the `module` module).

use std::{borrow::Cow, io::Write};

use crate::{
    encoding::{ALIGNMENT_BYTE, Cursor, Emitter, varint_len},
    error::{Error, Result},
};

/// The bytecode versions this build reads (MLIR 22 writes 6; coreai-core writes 1..=6).
pub const MIN_VERSION: u64 = 1;
/// The newest bytecode version this build knows (and the one it writes).
pub const MAX_VERSION: u64 = 6;
/// Maximum nesting of regions.
pub const MAX_NESTING: usize = 64;

const MAGIC: &[u8] = b"ML\xefR";

/// Section ids.
pub mod section {
    /// Strings.
    pub const STRING: u8 = 0;
    /// Dialects and op names.
    pub const DIALECT: u8 = 1;
    /// Attribute and type data.
    pub const ATTR_TYPE: u8 = 2;
    /// Attribute and type offsets.
    pub const ATTR_TYPE_OFFSET: u8 = 3;
    /// IR.
    pub const IR: u8 = 4;
    /// Resource data.
    pub const RESOURCE: u8 = 5;
    /// Resource offsets.
    pub const RESOURCE_OFFSET: u8 = 6;
    /// Dialect version entries (nested in the dialect section).
    pub const DIALECT_VERSIONS: u8 = 7;
    /// Op properties.
    pub const PROPERTIES: u8 = 8;
    /// Names, for messages.
    pub const NAMES: [&str; 9] = [
        "string",
        "dialect",
        "attrType",
        "attrTypeOffset",
        "IR",
        "resource",
        "resourceOffset",
        "dialectVersions",
        "properties",
    ];
}

/// Op encoding mask bits.
pub mod mask {
    /// A discardable attribute dictionary.
    pub const ATTRS: u8 = 0x01;
    /// Results.
    pub const RESULTS: u8 = 0x02;
    /// Operands.
    pub const OPERANDS: u8 = 0x04;
    /// Successors.
    pub const SUCCESSORS: u8 = 0x08;
    /// Regions.
    pub const REGIONS: u8 = 0x10;
    /// Use-list orders.
    pub const USE_LISTS: u8 = 0x20;
    /// Properties.
    pub const PROPERTIES: u8 = 0x40;
}

/// A dialect entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialectEntry<'a> {
    /// String index of the name.
    pub name: u64,
    /// The version entry's bytes (the dialect's own encoding), if any.
    pub version: Option<Cow<'a, [u8]>>,
}

/// An op name entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpNameEntry {
    /// Dialect index.
    pub dialect: u64,
    /// String index of the name without the dialect prefix.
    pub name: u64,
    /// Whether the op was registered when written (version >= 5).
    pub registered: Option<bool>,
}

/// An attribute or type entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Dialect index.
    pub dialect: u64,
    /// True for the dialect's custom binary encoding, false for assembly text + NUL.
    pub custom: bool,
    /// The encoded bytes.
    pub data: Cow<'a, [u8]>,
}

/// Use-list orders of a range of values (op results or block arguments).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UseLists {
    /// `(value index in the range, index-pair encoding, indices)`.
    pub entries: Vec<(u64, bool, Vec<u64>)>,
}

/// A block argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// Type index.
    pub ty: u64,
    /// Location attribute index (`None` = unknown location, version >= 4).
    pub loc: Option<u64>,
}

/// A block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    /// Arguments.
    pub args: Vec<Arg>,
    /// The byte after the arguments (version >= 3): 0, or a mask with use-list orders.
    pub arg_use_list_mask: u8,
    /// Use-list orders of the arguments.
    pub arg_use_lists: Option<UseLists>,
    /// Operations.
    pub ops: Vec<Op>,
}

/// A region.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Region {
    /// Number of values defined directly in the region (block arguments + op results).
    pub num_values: u64,
    /// Blocks (empty for an empty region).
    pub blocks: Vec<Block>,
}

/// An operation, with table indices as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Op {
    /// Op name index.
    pub name: u64,
    /// Location attribute index.
    pub loc: u64,
    /// Discardable attribute dictionary index.
    pub attrs: Option<u64>,
    /// Properties entry index (or, for unregistered ops, as stored).
    pub props: Option<u64>,
    /// Result type indices.
    pub results: Vec<u64>,
    /// Operand value ids.
    pub operands: Vec<u64>,
    /// Successor block indices.
    pub successors: Vec<u64>,
    /// Use-list orders of the results.
    pub use_lists: Option<UseLists>,
    /// Whether the regions were encoded as isolated from above.
    pub isolated: bool,
    /// Regions (present when the op has regions).
    pub regions: Vec<Region>,
}

/// The value of a resource entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceValue<'a> {
    /// A blob with its alignment.
    Blob {
        /// Alignment (a power of two).
        alignment: u64,
        /// The data, borrowed from the input when read.
        data: Cow<'a, [u8]>,
    },
    /// A bool.
    Bool(bool),
    /// A string index.
    String(u64),
    /// An entry kept as raw bytes (unknown kind, or empty/elided data).
    Raw(Cow<'a, [u8]>),
}

/// A resource entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceEntry<'a> {
    /// String index of the key.
    pub key: u64,
    /// Entry kind byte (0 blob, 1 bool, 2 string).
    pub kind: u8,
    /// The value.
    pub value: ResourceValue<'a>,
}

/// A resource group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceGroup<'a> {
    /// String index (external groups) or dialect index (dialect groups).
    pub key: u64,
    /// Entries.
    pub entries: Vec<ResourceEntry<'a>>,
}

/// Resources.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resources<'a> {
    /// External resource groups (named by a string).
    pub external: Vec<ResourceGroup<'a>>,
    /// Dialect resource groups.
    pub dialect: Vec<ResourceGroup<'a>>,
}

/// A parsed bytecode file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bytecode<'a> {
    /// Bytecode version.
    pub version: u64,
    /// Producer string.
    pub producer: Cow<'a, [u8]>,
    /// String table.
    pub strings: Vec<Cow<'a, [u8]>>,
    /// Dialects.
    pub dialects: Vec<DialectEntry<'a>>,
    /// Op names.
    pub op_names: Vec<OpNameEntry>,
    /// Attribute entries.
    pub attrs: Vec<Entry<'a>>,
    /// Type entries.
    pub types: Vec<Entry<'a>>,
    /// The top-level block's operations.
    pub ops: Vec<Op>,
    /// Properties entries (`None`: no properties section).
    pub properties: Option<Vec<Cow<'a, [u8]>>>,
    /// Resources (`None`: no resource sections).
    pub resources: Option<Resources<'a>>,
}

impl<'a> Bytecode<'a> {
    /// Parses a bytecode buffer. The buffer's start is taken as aligned (a memory map is).
    ///
    /// # Errors
    /// A located [`Error`] for anything malformed or of an unknown version.
    pub fn parse(data: &'a [u8]) -> Result<Self> {
        let mut r = Cursor::new(data, 0, data.len(), "header");
        if r.bytes(4).ok() != Some(MAGIC) {
            return Err(
                Cursor::new(data, 0, data.len(), "header").err("not MLIR bytecode (bad magic)")
            );
        }
        let version = r.varint()?;
        if !(MIN_VERSION..=MAX_VERSION).contains(&version) {
            return Err(r.unsupported(format!(
                "unsupported bytecode version {version}; this build reads versions {MIN_VERSION}..={MAX_VERSION}"
            )));
        }
        let producer = r.cstr()?;
        let mut sections: [Option<Cursor<'a>>; 9] = Default::default();
        while !r.is_empty() {
            let (id, body) = parse_section(&mut r)?;
            if id as usize >= 9 || id == section::DIALECT_VERSIONS {
                return Err(r.err(format!("invalid top-level section id {id}")));
            }
            if sections[id as usize].is_some() {
                return Err(r.err(format!("duplicate section {}", section::NAMES[id as usize])));
            }
            sections[id as usize] = Some(body);
        }
        let take = |id: u8| -> Result<Cursor<'a>> {
            sections[id as usize].clone().ok_or_else(|| {
                Cursor::new(data, data.len(), data.len(), "header")
                    .err(format!("missing {} section", section::NAMES[id as usize]))
            })
        };
        let mut bc = Bytecode {
            version,
            producer: Cow::Borrowed(producer),
            ..Default::default()
        };
        bc.parse_strings(take(section::STRING)?)?;
        bc.parse_dialects(take(section::DIALECT)?)?;
        bc.parse_attr_types(take(section::ATTR_TYPE)?, take(section::ATTR_TYPE_OFFSET)?)?;
        match (
            &sections[section::RESOURCE as usize],
            &sections[section::RESOURCE_OFFSET as usize],
        ) {
            (Some(res), Some(off)) => bc.parse_resources(res.clone(), off.clone())?,
            (None, None) => {}
            (Some(c), None) | (None, Some(c)) => {
                return Err(c.err("resource and resourceOffset sections must come together"));
            }
        }
        match &sections[section::PROPERTIES as usize] {
            Some(p) => bc.parse_properties(p.clone())?,
            None if version >= 5 => {
                return Err(Cursor::new(data, data.len(), data.len(), "header")
                    .err("missing properties section"));
            }
            None => {}
        }
        let mut ir = take(section::IR)?;
        let (nops, has_args) = ir.varint_flag()?;
        if has_args {
            return Err(ir.err("the top-level block cannot have arguments"));
        }
        let nops = bounded(&ir, nops, 2, "operation")?;
        let mut ops = Vec::with_capacity(nops);
        for _ in 0..nops {
            ops.push(bc.parse_op(&mut ir, 0)?);
        }
        if !ir.is_empty() {
            return Err(ir.err("trailing bytes after the top-level operations"));
        }
        bc.ops = ops;
        Ok(bc)
    }

    /// A string by index, or an error naming the index.
    pub fn string(&self, idx: u64) -> Option<&[u8]> {
        self.strings
            .get(usize::try_from(idx).ok()?)
            .map(|s| s.as_ref())
    }

    fn parse_strings(&mut self, mut r: Cursor<'a>) -> Result<()> {
        let n = r.count("string", 2)?;
        let mut lens = Vec::with_capacity(n);
        for _ in 0..n {
            lens.push(r.varint()?);
        }
        let data = r.data();
        let mut strings = vec![Cow::Borrowed(&data[0..0]); n];
        // Sizes are stored in reverse order; the data runs from the current position to the end.
        let mut end = r.end();
        for (i, len) in lens.iter().enumerate() {
            let len = *len;
            if len == 0 || len > (end - r.pos()) as u64 {
                return Err(r.err(format!("string {} has a bad size {len}", n - 1 - i)));
            }
            let start = end - len as usize;
            if data[end - 1] != 0 {
                return Err(r.err(format!("string {} is not NUL-terminated", n - 1 - i)));
            }
            strings[n - 1 - i] = Cow::Borrowed(&data[start..end - 1]);
            end = start;
        }
        if end != r.pos() {
            return Err(r.err("trailing data between the string sizes and the strings"));
        }
        self.strings = strings;
        Ok(())
    }

    fn check_string(&self, r: &Cursor<'a>, idx: u64) -> Result<()> {
        if idx >= self.strings.len() as u64 {
            return Err(r.err(format!(
                "string index {idx} out of range ({} strings)",
                self.strings.len()
            )));
        }
        Ok(())
    }

    fn check_dialect(&self, r: &Cursor<'a>, idx: u64) -> Result<()> {
        if idx >= self.dialects.len() as u64 {
            return Err(r.err(format!(
                "dialect index {idx} out of range ({} dialects)",
                self.dialects.len()
            )));
        }
        Ok(())
    }

    fn parse_dialects(&mut self, mut r: Cursor<'a>) -> Result<()> {
        let n = r.count("dialect", 1)?;
        for i in 0..n {
            r.set_entry(format!("dialect {i}"));
            let (name, has_version) = if self.version >= 1 {
                r.varint_flag()?
            } else {
                (r.varint()?, false)
            };
            self.check_string(&r, name)?;
            let version = if has_version {
                let (id, body) = parse_section(&mut r)?;
                if id != section::DIALECT_VERSIONS {
                    return Err(r.err(format!(
                        "expected a dialect version section, found section {id}"
                    )));
                }
                Some(Cow::Borrowed(&body.data()[body.pos()..body.end()]))
            } else {
                None
            };
            self.dialects.push(DialectEntry { name, version });
        }
        r.entry_clear();
        let total = if self.version >= 4 {
            Some(r.varint()?)
        } else {
            None
        };
        while !r.is_empty() {
            let d = r.varint()?;
            self.check_dialect(&r, d)?;
            let k = r.count("op name", 1)?;
            for _ in 0..k {
                let (name, registered) = if self.version >= 5 {
                    let (n, reg) = r.varint_flag()?;
                    (n, Some(reg))
                } else {
                    (r.varint()?, None)
                };
                self.check_string(&r, name)?;
                self.op_names.push(OpNameEntry {
                    dialect: d,
                    name,
                    registered,
                });
            }
        }
        if let Some(total) = total
            && total != self.op_names.len() as u64
        {
            return Err(r.err(format!(
                "op name count {total} but {} names",
                self.op_names.len()
            )));
        }
        Ok(())
    }

    fn parse_attr_types(&mut self, data: Cursor<'a>, mut off: Cursor<'a>) -> Result<()> {
        let na = off.varint()?;
        let nt = off.varint()?;
        let total = na
            .checked_add(nt)
            .filter(|t| *t <= off.left() as u64)
            .ok_or_else(|| {
                off.err(format!(
                    "{na} attributes and {nt} types cannot fit in {} offset bytes",
                    off.left()
                ))
            })?;
        let mut entries = Vec::with_capacity(total as usize);
        let mut cur = data.pos();
        while !off.is_empty() {
            let d = off.varint()?;
            self.check_dialect(&off, d)?;
            let k = off.count("attribute/type", 1)?;
            for _ in 0..k {
                let (size, custom) = off.varint_flag()?;
                if size > (data.end() - cur) as u64 {
                    return Err(off.err(format!(
                        "entry {} of {size} bytes runs past the end of the attrType section",
                        entries.len()
                    )));
                }
                let bytes = &data.data()[cur..cur + size as usize];
                cur += size as usize;
                entries.push(Entry {
                    dialect: d,
                    custom,
                    data: Cow::Borrowed(bytes),
                });
            }
        }
        if entries.len() as u64 != total {
            return Err(off.err(format!(
                "{} entries listed, {total} declared",
                entries.len()
            )));
        }
        if cur != data.end() {
            return Err(data.clone().err("trailing bytes in the attrType section"));
        }
        self.types = entries.split_off(na as usize);
        self.attrs = entries;
        Ok(())
    }

    fn parse_properties(&mut self, mut r: Cursor<'a>) -> Result<()> {
        let n = r.count("properties", 1)?;
        let mut props = Vec::with_capacity(n);
        for i in 0..n {
            r.set_entry(format!("properties {i}"));
            let len = r.varint()?;
            props.push(Cow::Borrowed(r.bytes(len)?));
        }
        if !r.is_empty() {
            return Err(r.err("trailing bytes in the properties section"));
        }
        self.properties = Some(props);
        Ok(())
    }

    fn parse_resources(&mut self, mut data: Cursor<'a>, mut off: Cursor<'a>) -> Result<()> {
        let mut res = Resources::default();
        let n_ext = off.count("external resource group", 2)?;
        let mut g = 0usize;
        while !off.is_empty() {
            let key = off.varint()?;
            if g < n_ext {
                self.check_string(&off, key)?;
            } else {
                self.check_dialect(&off, key)?;
            }
            let n = off.count("resource", 3)?;
            let mut entries = Vec::with_capacity(n);
            for _ in 0..n {
                let k = off.varint()?;
                self.check_string(&off, k)?;
                let size = off.varint()?;
                let kind = off.byte()?;
                let mut e = data.sub(size, "resource")?;
                e.set_entry(format!(
                    "resource '{}'",
                    String::from_utf8_lossy(self.string(k).unwrap_or_default())
                ));
                let value = match kind {
                    0 if size > 0 => {
                        let alignment = e.varint()?;
                        let len = e.varint()?;
                        e.align(alignment)?;
                        let bytes = e.bytes(len)?;
                        if !e.is_empty() {
                            return Err(e.err("trailing bytes after the resource blob"));
                        }
                        ResourceValue::Blob {
                            alignment,
                            data: Cow::Borrowed(bytes),
                        }
                    }
                    1 if size == 1 => ResourceValue::Bool(e.byte()? != 0),
                    2 if size > 0 => {
                        let s = e.varint()?;
                        self.check_string(&e, s)?;
                        if !e.is_empty() {
                            return Err(e.err("trailing bytes after the resource string"));
                        }
                        ResourceValue::String(s)
                    }
                    _ => ResourceValue::Raw(Cow::Borrowed(e.bytes(size)?)),
                };
                entries.push(ResourceEntry {
                    key: k,
                    kind,
                    value,
                });
            }
            let group = ResourceGroup { key, entries };
            if g < n_ext {
                res.external.push(group);
            } else {
                res.dialect.push(group);
            }
            g += 1;
        }
        if g < n_ext {
            return Err(off.err(format!(
                "{n_ext} external resource groups declared, {g} present"
            )));
        }
        if !data.is_empty() {
            return Err(data.err("trailing bytes in the resource section"));
        }
        self.resources = Some(res);
        Ok(())
    }

    fn parse_use_lists(&self, r: &mut Cursor<'a>, range: usize) -> Result<UseLists> {
        let n = if range > 1 {
            r.count("use-list", 2)?
        } else {
            1
        };
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            let idx = if range > 1 { r.varint()? } else { 0 };
            if idx >= range as u64 {
                return Err(r.err(format!(
                    "use-list value index {idx} out of range ({range} values)"
                )));
            }
            let (len, pair) = r.varint_flag()?;
            let len = bounded(r, len, 1, "use-list index")?;
            let mut idxs = Vec::with_capacity(len);
            for _ in 0..len {
                idxs.push(r.varint()?);
            }
            entries.push((idx, pair, idxs));
        }
        Ok(UseLists { entries })
    }

    fn parse_op(&self, r: &mut Cursor<'a>, depth: usize) -> Result<Op> {
        let start = r.pos();
        let name = r.varint()?;
        if name >= self.op_names.len() as u64 {
            return Err(r.err(format!(
                "op name index {name} out of range ({} names)",
                self.op_names.len()
            )));
        }
        let m = r.byte()?;
        if m & 0x80 != 0 {
            return Err(r.err(format!("bad op encoding mask {m:#04x}")));
        }
        let mut op = Op {
            name,
            loc: r.varint()?,
            ..Default::default()
        };
        if m & mask::ATTRS != 0 {
            op.attrs = Some(r.varint()?);
        }
        if m & mask::PROPERTIES != 0 {
            op.props = Some(r.varint()?);
        }
        if m & mask::RESULTS != 0 {
            let n = r.count("result", 1)?;
            op.results = (0..n).map(|_| r.varint()).collect::<Result<_>>()?;
        }
        if m & mask::OPERANDS != 0 {
            let n = r.count("operand", 1)?;
            op.operands = (0..n).map(|_| r.varint()).collect::<Result<_>>()?;
        }
        if m & mask::SUCCESSORS != 0 {
            let n = r.count("successor", 1)?;
            op.successors = (0..n).map(|_| r.varint()).collect::<Result<_>>()?;
        }
        if m & mask::USE_LISTS != 0 {
            if self.version < 3 {
                return Err(r.err("use-list orders before bytecode version 3"));
            }
            op.use_lists = Some(self.parse_use_lists(r, op.results.len())?);
        }
        if m & mask::REGIONS != 0 {
            if depth >= MAX_NESTING {
                return Err(r
                    .clone()
                    .err(format!("regions nested deeper than {MAX_NESTING}")));
            }
            let (n, isolated) = r.varint_flag()?;
            let n = bounded(r, n, 1, "region")?;
            op.isolated = isolated;
            if isolated && self.version >= 2 {
                let (id, mut sub) = parse_section(r)?;
                if id != section::IR {
                    return Err(r.err(format!("expected a nested IR section, found section {id}")));
                }
                for _ in 0..n {
                    op.regions.push(self.parse_region(&mut sub, depth + 1)?);
                }
                if !sub.is_empty() {
                    return Err(sub.err("trailing bytes after the isolated regions"));
                }
            } else {
                for _ in 0..n {
                    op.regions.push(self.parse_region(r, depth + 1)?);
                }
            }
            if n == 0 && !isolated {
                // MLIR never writes the flag without regions; keep parsing anyway.
            }
        }
        let _ = start;
        Ok(op)
    }

    fn parse_region(&self, r: &mut Cursor<'a>, depth: usize) -> Result<Region> {
        let nb = r.varint()?;
        if nb == 0 {
            return Ok(Region::default());
        }
        let nb = bounded(r, nb, 1, "block")?;
        let num_values = r.varint()?;
        if num_values > r.data().len() as u64 {
            return Err(r.err(format!(
                "region value count {num_values} exceeds the file size"
            )));
        }
        let mut blocks = Vec::with_capacity(nb);
        for _ in 0..nb {
            blocks.push(self.parse_block(r, depth)?);
        }
        Ok(Region { num_values, blocks })
    }

    fn parse_block(&self, r: &mut Cursor<'a>, depth: usize) -> Result<Block> {
        let (nops, has_args) = r.varint_flag()?;
        let nops = bounded(r, nops, 2, "operation")?;
        let mut b = Block::default();
        if has_args {
            let n = r.count("block argument", 1)?;
            for _ in 0..n {
                if self.version >= 4 {
                    let (ty, has_loc) = r.varint_flag()?;
                    let loc = if has_loc { Some(r.varint()?) } else { None };
                    b.args.push(Arg { ty, loc });
                } else {
                    let ty = r.varint()?;
                    b.args.push(Arg {
                        ty,
                        loc: Some(r.varint()?),
                    });
                }
            }
            if self.version >= 3 {
                b.arg_use_list_mask = r.byte()?;
                if b.arg_use_list_mask != 0 {
                    b.arg_use_lists = Some(self.parse_use_lists(r, b.args.len())?);
                }
            }
        }
        b.ops.reserve(nops);
        for _ in 0..nops {
            b.ops.push(self.parse_op(r, depth)?);
        }
        Ok(b)
    }
}

trait EntryClear {
    fn entry_clear(&mut self);
}
impl EntryClear for Cursor<'_> {
    fn entry_clear(&mut self) {
        self.set_entry(String::new());
    }
}

fn bounded(r: &Cursor<'_>, n: u64, min: usize, what: &str) -> Result<usize> {
    if n > (r.left() / min.max(1)) as u64 {
        return Err(r.err(format!(
            "{what} count {n} exceeds the {} bytes left",
            r.left()
        )));
    }
    Ok(n as usize)
}

/// Parses a section header and returns its id and a cursor over its body.
fn parse_section<'a>(r: &mut Cursor<'a>) -> Result<(u8, Cursor<'a>)> {
    let code = r.byte()?;
    let id = code & 0x7f;
    let len = r.varint()?;
    if code & 0x80 != 0 {
        let align = r.varint()?;
        r.align(align)?;
    }
    let name = section::NAMES
        .get(id as usize)
        .copied()
        .unwrap_or("unknown");
    let body = r.sub(len, name)?;
    Ok((id, body))
}

// -------------------------------------------------------------------------------------------
// Writing
// -------------------------------------------------------------------------------------------

/// A piece of output: owned bytes or a borrowed blob.
enum Chunk<'b> {
    Owned(Vec<u8>),
    Borrowed(&'b [u8]),
}

/// MLIR's `EncodingEmitter`: a list of chunks plus the current buffer, with the alignment the
/// section needs.
struct Out<'b> {
    chunks: Vec<Chunk<'b>>,
    cur: Vec<u8>,
    prev: usize,
    required_align: u64,
}

impl<'b> Out<'b> {
    fn new() -> Self {
        Out {
            chunks: Vec::new(),
            cur: Vec::new(),
            prev: 0,
            required_align: 1,
        }
    }
    fn size(&self) -> usize {
        self.prev + self.cur.len()
    }
    fn flush(&mut self) {
        if !self.cur.is_empty() {
            let c = std::mem::take(&mut self.cur);
            self.prev += c.len();
            self.chunks.push(Chunk::Owned(c));
        }
    }
    fn bytes(&mut self, b: &[u8]) {
        self.cur.extend_from_slice(b);
    }
    fn byte(&mut self, b: u8) {
        self.cur.push(b);
    }
    fn varint(&mut self, v: u64) {
        crate::encoding::encode_varint(v, &mut self.cur);
    }
    fn blob(&mut self, b: &'b [u8]) {
        self.flush();
        if !b.is_empty() {
            self.prev += b.len();
            self.chunks.push(Chunk::Borrowed(b));
        }
    }
    fn align(&mut self, a: u64) {
        if a < 2 {
            return;
        }
        let off = self.size() as u64;
        let pad = off.next_multiple_of(a) - off;
        for _ in 0..pad {
            self.cur.push(ALIGNMENT_BYTE);
        }
        self.required_align = self.required_align.max(a);
    }
    /// `emitSection`.
    fn section(&mut self, id: u8, mut body: Out<'b>) {
        let code_at = self.cur.len();
        self.byte(id);
        self.varint(body.size() as u64);
        let a = body.required_align;
        if a > 1 {
            if self.size() as u64 & (a - 1) != 0 {
                self.varint(a);
                self.align(a);
                self.cur[code_at] |= 0x80;
            } else {
                self.required_align = self.required_align.max(a);
            }
        }
        self.flush();
        body.flush();
        self.prev += body.prev;
        self.chunks.append(&mut body.chunks);
    }
    fn section_bytes(&mut self, id: u8, e: Emitter) {
        let mut o = Out::new();
        o.cur = e.buf;
        self.section(id, o);
    }
    fn write_to(mut self, w: &mut dyn Write) -> std::io::Result<u64> {
        self.flush();
        let mut n = 0u64;
        for c in &self.chunks {
            let b: &[u8] = match c {
                Chunk::Owned(v) => v,
                Chunk::Borrowed(b) => b,
            };
            w.write_all(b)?;
            n += b.len() as u64;
        }
        Ok(n)
    }
}

impl<'a> Bytecode<'a> {
    /// Writes the file in MLIR's section order to `w`; blobs are written from their slices.
    /// Returns the number of bytes written.
    ///
    /// # Errors
    /// An I/O error of the sink, or [`Error::Write`] for an inconsistent structure.
    pub fn write(&self, w: &mut dyn Write) -> Result<u64> {
        let out = self.build()?;
        out.write_to(w).map_err(|e| Error::io("<output>", e))
    }

    /// Writes the file into a vector.
    ///
    /// # Errors
    /// As [`Bytecode::write`].
    pub fn to_vec(&self) -> Result<Vec<u8>> {
        let mut v = Vec::new();
        self.write(&mut v)?;
        Ok(v)
    }

    fn build(&self) -> Result<Out<'_>> {
        let mut out = Out::new();
        out.bytes(MAGIC);
        out.varint(self.version);
        out.bytes(&self.producer);
        out.byte(0);

        // Dialect section.
        let mut d = Emitter::new();
        d.varint(self.dialects.len() as u64);
        for dl in &self.dialects {
            if self.version >= 1 {
                d.varint_flag(dl.name, dl.version.is_some());
                if let Some(v) = &dl.version {
                    d.byte(section::DIALECT_VERSIONS);
                    d.varint(v.len() as u64);
                    d.bytes(v);
                }
            } else {
                d.varint(dl.name);
            }
        }
        if self.version >= 4 {
            d.varint(self.op_names.len() as u64);
        }
        for (dialect, names) in groups(&self.op_names, |o| o.dialect) {
            d.varint(dialect);
            d.varint(names.len() as u64);
            for n in names {
                match n.registered {
                    Some(reg) if self.version >= 5 => d.varint_flag(n.name, reg),
                    _ => d.varint(n.name),
                }
            }
        }
        out.section_bytes(section::DIALECT, d);

        // Attribute/type sections.
        let mut off = Emitter::new();
        let mut data = Out::new();
        off.varint(self.attrs.len() as u64);
        off.varint(self.types.len() as u64);
        for list in [&self.attrs, &self.types] {
            for (dialect, entries) in groups(list, |e| e.dialect) {
                off.varint(dialect);
                off.varint(entries.len() as u64);
                for e in entries {
                    off.varint_flag(e.data.len() as u64, e.custom);
                    data.blob(&e.data);
                }
            }
        }
        out.section_bytes(section::ATTR_TYPE_OFFSET, off);
        out.section(section::ATTR_TYPE, data);

        // IR.
        let mut ir = Out::new();
        ir.varint(self.ops.len() as u64 * 2);
        for op in &self.ops {
            self.write_op(&mut ir, op);
        }
        out.section(section::IR, ir);

        // Resources.
        if let Some(res) = &self.resources {
            let mut roff = Emitter::new();
            let mut rdata = Out::new();
            roff.varint(res.external.len() as u64);
            for g in res.external.iter().chain(&res.dialect) {
                roff.varint(g.key);
                roff.varint(g.entries.len() as u64);
                for e in &g.entries {
                    let before = rdata.size();
                    match &e.value {
                        ResourceValue::Blob { alignment, data } => {
                            rdata.varint(*alignment);
                            rdata.varint(data.len() as u64);
                            rdata.align(*alignment);
                            rdata.blob(data);
                        }
                        ResourceValue::Bool(b) => rdata.byte(u8::from(*b)),
                        ResourceValue::String(s) => rdata.varint(*s),
                        ResourceValue::Raw(b) => rdata.blob(b),
                    }
                    roff.varint(e.key);
                    roff.varint((rdata.size() - before) as u64);
                    roff.byte(e.kind);
                }
            }
            out.section_bytes(section::RESOURCE_OFFSET, roff);
            out.section(section::RESOURCE, rdata);
        }

        // Strings.
        let mut s = Emitter::new();
        s.varint(self.strings.len() as u64);
        for st in self.strings.iter().rev() {
            s.varint(st.len() as u64 + 1);
        }
        let mut sdata = Out::new();
        sdata.cur = s.buf;
        for st in &self.strings {
            sdata.blob(st);
            sdata.byte(0);
        }
        out.section(section::STRING, sdata);

        // Properties.
        if let Some(props) = &self.properties {
            let mut p = Out::new();
            p.varint(props.len() as u64);
            for e in props {
                p.varint(e.len() as u64);
                p.blob(e);
            }
            out.section(section::PROPERTIES, p);
        }
        Ok(out)
    }

    fn write_use_lists(&self, o: &mut Out<'_>, u: &UseLists, range: usize) {
        if range > 1 {
            o.varint(u.entries.len() as u64);
        }
        for (idx, pair, idxs) in &u.entries {
            if range > 1 {
                o.varint(*idx);
            }
            o.varint((idxs.len() as u64) << 1 | u64::from(*pair));
            for i in idxs {
                o.varint(*i);
            }
        }
    }

    fn write_op(&self, o: &mut Out<'_>, op: &Op) {
        o.varint(op.name);
        let mut m = 0u8;
        let mask_at = o.cur.len();
        o.byte(0);
        o.varint(op.loc);
        if let Some(a) = op.attrs {
            m |= mask::ATTRS;
            o.varint(a);
        }
        if let Some(p) = op.props {
            m |= mask::PROPERTIES;
            o.varint(p);
        }
        if !op.results.is_empty() {
            m |= mask::RESULTS;
            o.varint(op.results.len() as u64);
            for t in &op.results {
                o.varint(*t);
            }
        }
        if !op.operands.is_empty() {
            m |= mask::OPERANDS;
            o.varint(op.operands.len() as u64);
            for v in &op.operands {
                o.varint(*v);
            }
        }
        if !op.successors.is_empty() {
            m |= mask::SUCCESSORS;
            o.varint(op.successors.len() as u64);
            for s in &op.successors {
                o.varint(*s);
            }
        }
        if let Some(u) = &op.use_lists {
            m |= mask::USE_LISTS;
            self.write_use_lists(o, u, op.results.len());
        }
        if !op.regions.is_empty() {
            m |= mask::REGIONS;
        }
        o.cur[mask_at] = m;
        if !op.regions.is_empty() {
            o.varint((op.regions.len() as u64) << 1 | u64::from(op.isolated));
            if op.isolated && self.version >= 2 {
                let mut sub = Out::new();
                for r in &op.regions {
                    self.write_region(&mut sub, r);
                }
                o.section(section::IR, sub);
            } else {
                for r in &op.regions {
                    self.write_region(o, r);
                }
            }
        }
    }

    fn write_region(&self, o: &mut Out<'_>, r: &Region) {
        if r.blocks.is_empty() {
            o.varint(0);
            return;
        }
        o.varint(r.blocks.len() as u64);
        o.varint(r.num_values);
        for b in &r.blocks {
            o.varint((b.ops.len() as u64) << 1 | u64::from(!b.args.is_empty()));
            if !b.args.is_empty() {
                o.varint(b.args.len() as u64);
                for a in &b.args {
                    if self.version >= 4 {
                        o.varint((a.ty << 1) | u64::from(a.loc.is_some()));
                        if let Some(l) = a.loc {
                            o.varint(l);
                        }
                    } else {
                        o.varint(a.ty);
                        o.varint(a.loc.unwrap_or(0));
                    }
                }
                if self.version >= 3 {
                    o.byte(b.arg_use_list_mask);
                    if let Some(u) = &b.arg_use_lists {
                        self.write_use_lists(o, u, b.args.len());
                    }
                }
            }
            for op in &b.ops {
                self.write_op(o, op);
            }
        }
    }
}

/// Maximal runs of consecutive items with the same key (MLIR's `writeDialectGrouping`).
fn groups<T>(items: &[T], key: impl Fn(&T) -> u64) -> Vec<(u64, &[T])> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let k = key(&items[i]);
        let mut j = i + 1;
        while j < items.len() && key(&items[j]) == k {
            j += 1;
        }
        out.push((k, &items[i..j]));
        i = j;
    }
    out
}

/// The size of a minimal varint (re-exported for the module writer).
pub fn varint_size(v: u64) -> usize {
    varint_len(v)
}
