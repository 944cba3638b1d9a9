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

#[test]
fn read_equals_coreai_core_printing() {
    // Our op tree printed in MLIR's generic form equals coreai-core's printing of
    // AIModelAsset.load(p).program (generic, debug info, local scope), stored by
    // make_corpus.py as NAME.coreai.mlir: op names, attributes, types, locations, dense data
    // and SSA numbering, character for character.
    let mut n = 0;
    for p in super::corpus() {
        let asset = coreai_aimodel::Asset::open(&p).unwrap();
        let m = asset.module().unwrap();
        let prog = coreai_aimodel::convert::read_program(&m)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let expected = std::fs::read_to_string(p.with_extension("coreai.mlir")).unwrap();
        let ours = prog.print();
        if ours.trim_end() != expected.trim_end() {
            let line = ours
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{}: line {} differs\nours:     {}\nexpected: {}",
                p.display(),
                line + 1,
                ours.lines().nth(line).unwrap_or(""),
                expected.lines().nth(line).unwrap_or("")
            );
        }
        // Resource blobs are borrowed from the memory map, not copied.
        let range = asset.bytes().as_ptr_range();
        fn walk<'a>(
            ops: &[coreai_aimodel::tree::TreeOp<'a>],
            f: &mut impl FnMut(&coreai_aimodel::tree::AttrValue<'a>),
        ) {
            for o in ops {
                o.attrs.iter().for_each(|a| f(&a.value));
                o.regions
                    .iter()
                    .flat_map(|r| &r.blocks)
                    .for_each(|b| walk(&b.ops, f));
            }
        }
        walk(&prog.ops, &mut |v| {
            if let coreai_aimodel::tree::AttrValue::Resource { data, .. } = v {
                assert!(matches!(data, std::borrow::Cow::Borrowed(_)));
                assert!(
                    range.contains(&data.as_ptr()),
                    "blob not in the mapped file"
                );
            }
        });
        n += 1;
    }
    assert!(n >= 20);
}
