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

#[test]
fn write_from_the_op_tree_round_trips() {
    // read -> op tree -> aicode -> bytes -> read again: the same program (the printed form
    // coreai-core gives), and for most assets the very bytes coreai-core wrote.
    let (mut n, mut identical) = (0, 0);
    for p in super::corpus() {
        let asset = coreai_aimodel::Asset::open(&p).unwrap();
        let m = asset.module().unwrap();
        let prog = coreai_aimodel::convert::read_program(&m).unwrap();
        let out = coreai_aimodel::write::write_program(&prog, Some(&m), &Default::default())
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let bytes = out.encode().and_then(|b| b.to_vec()).unwrap();
        identical += usize::from(bytes == asset.bytes());
        let bc = Bytecode::parse(&bytes).unwrap();
        let again = coreai_aimodel::convert::read_program(&Module::decode(&bc).unwrap()).unwrap();
        assert_eq!(again.print(), prog.print(), "{}", p.display());
        n += 1;
    }
    eprintln!("{identical} of {n} rewritten assets byte-identical to coreai-core's");
    assert!(identical * 2 >= n, "only {identical} of {n} byte-identical");
}

#[test]
fn decomposable_op_without_region_is_generated_or_a_clear_error() {
    // softmax/relu: the regions are generated, the same bytes as with the input's regions.
    let p = super::corpus()
        .into_iter()
        .find(|p| p.ends_with("softmax_relu.aimodel"))
        .unwrap();
    let asset = coreai_aimodel::Asset::open(&p).unwrap();
    let m = asset.module().unwrap();
    let prog = coreai_aimodel::convert::read_program(&m).unwrap();
    let mut bare = prog.clone();
    for op in &mut bare.ops[0].regions[0].blocks[0].ops {
        op.decomposition = None;
    }
    let bytes = |p: &coreai_aimodel::tree::Program<'_>| {
        coreai_aimodel::write::write_program(p, Some(&m), &Default::default())
            .and_then(|o| o.encode()?.to_vec())
            .unwrap()
    };
    assert!(bytes(&bare) == bytes(&prog));
    // argmax: no generator in this build, an error naming it.
    let p = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../test/data/aimodel/decompositions/argmax.aimodel");
    let asset = coreai_aimodel::Asset::open(&p).unwrap();
    let m = asset.module().unwrap();
    let mut prog = coreai_aimodel::convert::read_program(&m).unwrap();
    for op in &mut prog.ops[0].regions[0].blocks[0].ops {
        op.decomposition = None;
    }
    let e = coreai_aimodel::write::write_program(&prog, Some(&m), &Default::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("op 'coreai.argmax' is decomposable and has no decomposition region"),
        "{e}"
    );
}

#[test]
fn version_cap_selects_older_op_versions() {
    let p = super::corpus()
        .into_iter()
        .find(|p| p.ends_with("compress_ops_named.aimodel"))
        .unwrap();
    let asset = coreai_aimodel::Asset::open(&p).unwrap();
    let m = asset.module().unwrap();
    let prog = coreai_aimodel::convert::read_program(&m).unwrap();
    let names = |cap| {
        let opts = coreai_aimodel::write::WriteOptions {
            cap,
            ..Default::default()
        };
        let out = coreai_aimodel::write::write_program(&prog, Some(&m), &opts).unwrap();
        let mut v = Vec::new();
        for r in &out.ops[0].regions {
            for b in &r.blocks {
                for g in &b.ops {
                    for op in g
                        .regions
                        .iter()
                        .flat_map(|r| &r.blocks)
                        .flat_map(|b| &b.ops)
                    {
                        v.push(op.name.to_string());
                    }
                }
            }
        }
        let version = match &out.ops[0].props {
            coreai_aimodel::module::Props::Attrs(p) => p[1],
            _ => None,
        };
        (v, version.is_some())
    };
    let (newest, has_version) = names(coreai_aimodel::ops::DEFAULT_CAP);
    assert!(has_version);
    assert!(
        newest
            .iter()
            .any(|n| n == "primitive.blockwise_shift_scale_v2"),
        "{newest:?}"
    );
    let (older, _) = names(20260201);
    assert!(
        older
            .iter()
            .any(|n| n == "primitive.blockwise_shift_scale_v1"),
        "{older:?}"
    );
    assert!(
        !older
            .iter()
            .any(|n| n == "primitive.blockwise_shift_scale_v2")
    );
}
