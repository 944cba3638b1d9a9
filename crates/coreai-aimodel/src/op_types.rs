//! The row types of the coreai <-> aicode op table (`ops`): shared by the table's accessors
//! and the generated data (`ops_table.rs`), so that the dependency runs one way.

/// The category of an aicode op (its name's second component).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// `aicode.primitive.*`.
    Primitive,
    /// `aicode.dataflow.*`.
    Dataflow,
    /// `aicode.controlflow.*`.
    Controlflow,
    /// `aicode.execution.*`.
    Execution,
    /// `aicode.udml.*`.
    Udml,
    /// `aicode.serialization.*`.
    Serialization,
    /// `aicode.debuginfo.*`.
    Debuginfo,
    /// `aicode.ax.*`.
    Ax,
    /// `aicode.metal.*`.
    Metal,
    /// No category: decomposable ops, written with their decomposition region.
    Decomposable,
}

/// One inherent attribute (property) of an aicode op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prop {
    /// Name.
    pub name: &'static str,
    /// Optional (encoded as `0` or `index << 1 | 1`) or required (an attribute index).
    pub optional: bool,
}

/// One aicode op version.
#[derive(Debug, Clone, Copy)]
pub struct AicodeOp {
    /// Name without `aicode.`, with the version suffix (`primitive.add_v1`).
    pub name: &'static str,
    /// Category.
    pub category: Category,
    /// Base name without category and suffix (`add`).
    pub base: &'static str,
    /// Version number (the `_vN` suffix; 0 for unversioned serialization ops).
    pub version: u32,
    /// Introduction date (`YYYYMMDD`; 0 = not probed).
    pub date: u32,
    /// Properties, alphabetically (their bytecode order).
    pub props: &'static [Prop],
}

impl AicodeOp {
    /// Whether the op is written with its decomposition region.
    pub fn decomposable(&self) -> bool {
        self.category == Category::Decomposable
    }
    /// The name without the version suffix (`primitive.add`).
    pub fn stem(&self) -> &'static str {
        match self.name.rfind("_v") {
            Some(i) if self.version > 0 => &self.name[..i],
            _ => self.name,
        }
    }
}

/// One coreai op.
#[derive(Debug, Clone, Copy)]
pub struct CoreaiOp {
    /// Name without `coreai.` (`add`, `decomposable.broadcasting_add`).
    pub name: &'static str,
    /// aicode name without `aicode.` and the version suffix (`primitive.add`).
    pub aicode: Option<&'static str>,
}
