//! Byte-identical round trips of every corpus asset written by coreai-core.
use coreai_aimodel::{bytecode::Bytecode, module::Module};

#[test]
fn container_round_trip_is_byte_identical() {
    for p in super::corpus() {
        let data = std::fs::read(p.join("main.mlirb")).unwrap();
        let bc = Bytecode::parse(&data).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert_eq!(bc.to_vec().unwrap(), data, "{}", p.display());
    }
}

#[test]
fn typed_round_trip_is_byte_identical() {
    // Decode every attribute/type into typed fields, drop all table indices, renumber the way
    // MLIR's writer does and re-encode: coreai-core's bytes must come back exactly.
    let mut n = 0;
    for p in super::corpus() {
        let data = std::fs::read(p.join("main.mlirb")).unwrap();
        let bc = Bytecode::parse(&data).unwrap();
        let m = Module::decode(&bc).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        for i in 0..m.attrs.len() {
            assert!(
                matches!(
                    m.attrs.get(i as u32),
                    coreai_aimodel::module::Node::Known { .. }
                ),
                "{}: attribute {i} is not decoded: {:?}",
                p.display(),
                m.attrs.get(i as u32)
            );
        }
        let out = m
            .encode()
            .and_then(|b| b.to_vec())
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        if out != data {
            let i = out
                .iter()
                .zip(&data)
                .position(|(a, b)| a != b)
                .unwrap_or(out.len().min(data.len()));
            panic!(
                "{}: first difference at byte {i:#x} ({} vs {} bytes)",
                p.display(),
                out.len(),
                data.len()
            );
        }
        n += 1;
    }
    assert!(n >= 20);
}
