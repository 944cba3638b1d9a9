//! The kept fuzz findings (`fuzz/regressions/<target>/`) replayed through the same checks the
//! fuzz targets run (`coreai_tests::fuzz`), so that `cargo test` keeps them fixed.

use coreai_tests::fuzz::{kernels, pipeline};
use std::path::PathBuf;

/// The inputs kept for `target`, in name order (READMEs excluded).
fn regressions(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_none_or(|x| x != "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (
                name.unwrap_or_default(),
                std::fs::read(&p).expect("read a regression input"),
            )
        })
        .collect()
}

#[test]
fn kernel_fuzz_regressions_stay_fixed() {
    let inputs = regressions("kernels");
    assert!(
        inputs.len() >= 4,
        "expected the kept kernel findings, got {}",
        inputs.len()
    );
    for (name, data) in inputs {
        eprintln!("kernels: {name}");
        kernels::check(&data);
    }
}

/// The pipeline findings, in strict mode (the known-crash filter of the fuzz target is not
/// applied). The one kept input is an upstream MLIR lexer over-read at the end of the buffer;
/// here the text is followed by NUL bytes in the same allocation, as in a file buffer, so the
/// lexer stops at them and the rest of the check runs.
#[test]
fn pipeline_fuzz_regressions_stay_fixed() {
    let inputs = regressions("pipeline");
    assert!(!inputs.is_empty(), "expected the kept pipeline findings");
    for (name, data) in inputs {
        eprintln!("pipeline: {name}");
        let (index, text) = pipeline::split_input(&data).expect("a UTF-8 input");
        let padded = format!("{text}{}", "\0".repeat(64));
        pipeline::check(index, &padded[..text.len()]);
    }
}
