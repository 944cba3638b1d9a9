mod asset;
mod corpus;
mod decompose;
mod regressions;
mod robustness;

use std::path::PathBuf;

/// The committed corpus: `test/data/aimodel/corpus/*.aimodel`, made by
/// `test/conformance/aimodel/make_corpus.py` with coreai-core.
pub fn corpus() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test/data/aimodel/corpus");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "aimodel"))
        .collect();
    v.sort();
    assert!(v.len() >= 20, "corpus has only {} assets", v.len());
    v
}
