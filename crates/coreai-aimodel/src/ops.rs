//! The coreai <-> aicode op table: one row per aicode op version (name, category, introduction
//! date, properties layout, decomposable or not) and one row per coreai op (its aicode name).
//!
//! The data lives in `ops_table.rs`, generated from coreai-core by
//! `test/conformance/aimodel/gen_ops_table.py`; adding a coreai-core release is a data change.
//! A date of 0 means "not probed": such an op is written as-is and does not raise the asset
//! version.

pub use crate::op_types::{AicodeOp, Category, CoreaiOp, Prop};
pub use crate::ops_table::{AICODE_OPS, COREAI_OPS, TYPE_DATES};

/// The introduction date of an aicode type mnemonic (`float16_v1`), 0 when not probed.
pub fn type_date(mnemonic: &str) -> u32 {
    TYPE_DATES
        .iter()
        .find(|(n, _)| *n == mnemonic)
        .map_or(0, |(_, d)| *d)
}

/// Core AI's OS 27 cap: the default newest op date written.
pub const DEFAULT_CAP: u32 = 20260409;

/// The aicode op row for a full name (`aicode.primitive.add_v1`) or a name without `aicode.`.
pub fn aicode_op(name: &str) -> Option<&'static AicodeOp> {
    let n = name.strip_prefix("aicode.").unwrap_or(name);
    AICODE_OPS
        .binary_search_by(|o| o.name.cmp(n))
        .ok()
        .map(|i| &AICODE_OPS[i])
}

/// The properties layout of an aicode op (full name), if it is in the table.
pub fn props_layout(name: &str) -> Option<&'static [Prop]> {
    aicode_op(name).map(|o| o.props)
}

/// The coreai op row for a name with or without `coreai.`.
pub fn coreai_op(name: &str) -> Option<&'static CoreaiOp> {
    let n = name.strip_prefix("coreai.").unwrap_or(name);
    COREAI_OPS
        .binary_search_by(|o| o.name.cmp(n))
        .ok()
        .map(|i| &COREAI_OPS[i])
}

/// All versions of an aicode op stem (`primitive.reshape`), oldest first.
pub fn versions(stem: &str) -> Vec<&'static AicodeOp> {
    let mut v: Vec<_> = AICODE_OPS.iter().filter(|o| o.stem() == stem).collect();
    v.sort_by_key(|o| o.version);
    v
}

/// The newest version of a stem whose date is not above `cap` (unprobed dates count as 0).
pub fn newest_version(stem: &str, cap: u32) -> Option<&'static AicodeOp> {
    versions(stem)
        .into_iter()
        .filter(|o| o.date <= cap)
        .max_by_key(|o| o.version)
}

/// The coreai op a given aicode op reads as (`primitive.logical_and_v1` -> `and`).
pub fn coreai_name_of(aicode: &str) -> Option<&'static str> {
    let op = aicode_op(aicode)?;
    let stem = op.stem();
    COREAI_OPS
        .iter()
        .find(|c| c.aicode == Some(stem))
        .map(|c| c.name)
}

/// The asset `version`: the newest date among the given aicode ops (0 if none is dated).
pub fn asset_version<'n>(names: impl IntoIterator<Item = &'n str>) -> u32 {
    names
        .into_iter()
        .filter_map(aicode_op)
        .map(|o| o.date)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(AICODE_OPS.windows(2).all(|w| w[0].name < w[1].name));
        assert!(COREAI_OPS.windows(2).all(|w| w[0].name < w[1].name));
    }

    #[test]
    fn every_coreai_op_maps_to_an_aicode_op() {
        assert_eq!(COREAI_OPS.len(), 140);
        for c in COREAI_OPS {
            let stem = c.aicode.unwrap_or_else(|| panic!("{} unmapped", c.name));
            assert!(
                !versions(stem).is_empty(),
                "{} -> {stem} has no aicode op",
                c.name
            );
        }
    }

    #[test]
    fn version_selection_under_a_cap() {
        assert_eq!(
            newest_version("primitive.blockwise_shift_scale", DEFAULT_CAP)
                .unwrap()
                .version,
            2
        );
        assert_eq!(
            newest_version("primitive.blockwise_shift_scale", 20260201)
                .unwrap()
                .version,
            1
        );
        assert_eq!(
            newest_version("primitive.reshape", DEFAULT_CAP)
                .unwrap()
                .name,
            "primitive.reshape_v2"
        );
        assert_eq!(
            coreai_name_of("aicode.primitive.logical_and_v1"),
            Some("and")
        );
        assert_eq!(
            asset_version(["primitive.batch_matmul_v1", "primitive.constant_v1"]),
            20250723
        );
        assert!(aicode_op("softmax_v1").unwrap().decomposable());
        let g = props_layout("aicode.dataflow.graph_v1").unwrap();
        assert_eq!(
            g.iter().map(|p| p.name).collect::<Vec<_>>()[..3],
            ["argAttrs", "compositeDecl", "externalize"]
        );
        assert!(g[1].optional && !g[0].optional);
    }
}
