//! The aicode attribute and type encodings (encoding version 2), as data.
//!
//! Every aicode attribute or type entry is a leading varint *kind* followed by its fields in
//! declaration order. This table lists, for every kind coreai-core 1.0.0b3 reads, its mnemonic
//! and field layout; the `module` module decodes, encodes, numbers and prints entries from it, so
//! supporting a new kind is one row here. Kinds not in the table are kept as raw bytes.
//!
//! The kinds were found by probing coreai-core: its writer for textual samples, and its reader
//! on crafted entries of every kind number (`test/conformance/aimodel/probe_kinds.py`).

/// A field of an encoded entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An attribute reference (varint index).
    Attr,
    /// An optional attribute reference: `0` or `index << 1 | 1`.
    OptAttr,
    /// A type reference.
    Type,
    /// A string reference.
    Str,
    /// An unsigned varint.
    U,
    /// A signed (zigzag) varint.
    I,
    /// One raw byte.
    Byte,
    /// An APInt whose bit width is the `U` field at the given position.
    ApInt(usize),
    /// A length-prefixed blob.
    Blob,
    /// A dialect resource handle (varint index into the resource table).
    Resource,
    /// A count-prefixed list of attribute references.
    Attrs,
    /// A count-prefixed list of type references.
    Types,
    /// A count-prefixed list of string references.
    Strs,
    /// A count-prefixed list of signed varints.
    Is,
    /// A count-prefixed list of unsigned varints.
    Us,
    /// A presence byte (0/1) followed, when 1, by an unsigned varint.
    OptU,
}

/// One kind of the table.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// The kind number.
    pub kind: u64,
    /// The mnemonic without `aicode.` (e.g. `serialization.string`).
    pub name: &'static str,
    /// The fields in encoding order.
    pub fields: &'static [Field],
}

use Field::*;

macro_rules! kinds {
    ($($k:literal $name:literal [$($f:expr),*]),* $(,)?) => {
        &[$(Kind { kind: $k, name: $name, fields: &[$($f),*] }),*]
    };
}

/// Attribute kinds of encoding version 2.
pub const ATTR_KINDS: &[Kind] = kinds![
    1 "serialization.string" [Str],
    2 "serialization.integer" [U, Byte, ApInt(0)],
    3 "serialization.float" [U, ApInt(0)],
    4 "serialization.type" [Type],
    5 "serialization.array" [Attrs],
    6 "serialization.dense_elements" [Byte, Blob],
    7 "serialization.dense_resource" [Resource],
    9 "serialization.opaque" [Str, Attrs],
    10 "param.decl_v1" [Str, Type],
    11 "param.decl_v1" [Str, Type, Attr],
    12 "ax.hw_constraints_v1" [Is, Is, U],
    13 "ax.hw_constraints_v1" [Is, Is, U, Attr],
    14 "symbol_ref_v1" [Strs],
    15 "param.bind_v1" [Attr, Type, Attrs],
    16 "param.constant_v1" [Attr, Type],
    17 "padding_mode_v1" [U],
    18 "execution.lifecycle_phase_v1" [U],
    19 "approximate_v1" [U],
    20 "scatter_mode_v1" [U],
    21 "sparse_tensor_encoding_v1" [U, U, U, OptU],
    23 "sparse_tensor_encoding_v1" [U, U, U, OptU, Us],
    25 "scan_combiner_v1" [U],
    26 "ax.image_constraints_v1" [U, Is],
    27 "fourcc_v1" [U],
    28 "execution.compilation_v1" [U],
    29 "execution.target_spec_v1" [Attr, Attr, Attr],
    30 "debuginfo.file_v1" [Str, Str, Str],
    31 "debuginfo.source_location_v1" [Attr, U, U, U, U],
    32 "debuginfo.compile_unit_v1" [Str, Attr, Str, U, Str, Attrs],
    33 "debuginfo.metadata_data_v1" [Attr],
    35 "debuginfo.metadata_v1" [Str, Attr],
    36 "debuginfo.subprogram_v1" [Type, Attr, Attr, Str, Str, OptAttr],
    38 "debuginfo.bounds_v1" [I, I, I, I],
    39 "debuginfo.composite_element_v1" [Attr],
    40 "debuginfo.location_v1" [Attr, Attr, Attrs, Attrs],
    42 "debuginfo.metadata_location_v1" [Attrs],
    43 "interpolation_mode_v1" [U],
    44 "execution.intent_v1" [U],
    45 "serialization.dictionary" [Attrs],
    46 "unit_v1" [],
    47 "serialization.opaque_loc" [Attr],
];

/// Type kinds of encoding version 2.
pub const TYPE_KINDS: &[Kind] = kinds![
    1 "serialization.opaque_type" [Str, OptAttr],
    2 "tensor_v1" [Is, Type],
    3 "tensor_v1" [Is, Type, Attr],
    4 "bool_v1" [],
    5 "float64_v1" [],
    6 "float32_v1" [],
    7 "float16_v1" [],
    8 "bfloat16_v1" [],
    9 "float8E5M2_v1" [],
    10 "float8E4M3FN_v1" [],
    11 "complex_float64_v1" [],
    12 "complex_float32_v1" [],
    13 "complex_float16_v1" [],
    14 "complex_bfloat16_v1" [],
    15 "complex_float8E5M2_v1" [],
    16 "complex_float8E4M3FN_v1" [],
    17 "sint64_v1" [],
    18 "sint32_v1" [],
    19 "sint16_v1" [],
    20 "sint8_v1" [],
    21 "sint4_v1" [],
    22 "sint2_v1" [],
    23 "uint64_v1" [],
    24 "uint32_v1" [],
    25 "uint16_v1" [],
    26 "uint8_v1" [],
    27 "uint4_v1" [],
    28 "uint2_v1" [],
    29 "uint1_v1" [],
    30 "function_v1" [Types, Types],
    31 "handle_v1" [Type],
    32 "token_v1" [],
    33 "param.symbol_v1" [],
    34 "param.type_v1" [],
    35 "param.ref_v1" [Str, Type],
    36 "uint6_v1" [],
    37 "uint3_v1" [],
    38 "tfloat32_v1" [],
    39 "image_v1" [Attr, U, U],
    40 "image_v1" [Attr, U, U, Attr],
    41 "debuginfo.unresolved_v1" [Type],
    42 "debuginfo.basic_v1" [U, U, Str, U],
    43 "debuginfo.derived_v1" [U, Str, U, U, U, Type],
    46 "float4E2M1FN_v1" [],
    47 "float8E8M0FN_v1" [],
];

/// Looks up an attribute kind.
pub fn attr_kind(kind: u64) -> Option<&'static Kind> {
    ATTR_KINDS.iter().find(|k| k.kind == kind)
}

/// Looks up a type kind.
pub fn type_kind(kind: u64) -> Option<&'static Kind> {
    TYPE_KINDS.iter().find(|k| k.kind == kind)
}

/// The attribute kind number of a mnemonic (the first row with that name).
pub fn attr_kind_by_name(name: &str) -> Option<u64> {
    ATTR_KINDS.iter().find(|k| k.name == name).map(|k| k.kind)
}

/// The type kind number of a mnemonic (the first row with that name).
pub fn type_kind_by_name(name: &str) -> Option<u64> {
    TYPE_KINDS.iter().find(|k| k.name == name).map(|k| k.kind)
}

/// The aicode encoding version this table describes.
pub const ENCODING_VERSION: u64 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_unique_and_sorted() {
        for t in [ATTR_KINDS, TYPE_KINDS] {
            for w in t.windows(2) {
                assert!(w[0].kind < w[1].kind, "{} then {}", w[0].kind, w[1].kind);
            }
        }
    }

    #[test]
    fn apint_width_fields_point_at_varints() {
        for k in ATTR_KINDS.iter().chain(TYPE_KINDS) {
            for f in k.fields {
                if let Field::ApInt(i) = f {
                    assert_eq!(k.fields[*i], Field::U, "kind {}", k.kind);
                }
            }
        }
    }
}
