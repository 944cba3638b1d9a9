//! Generated decomposition regions equal coreai-core's, op for op: for every decomposable op
//! of the harvested fixtures (`test/data/aimodel/decompositions`, made by
//! `test/conformance/aimodel/harvest_decompositions.py`), the corpus and the real exported
//! models, the program is written once with the regions read from the asset and once with
//! every region generated from the op's operand and result types; each generated region must
//! print exactly as coreai-core's (values renumbered), and the two written assets must be the
//! same bytes.
use std::{collections::BTreeMap, path::PathBuf};

use coreai_aimodel::{
    Asset, convert, decompose,
    module::{Module, Op},
    print::print_region,
    tree::TreeOp,
    write::{WriteOptions, write_program},
};

fn fixtures() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test/data");
    let mut v = Vec::new();
    for dir in ["aimodel/decompositions", "aimodel/corpus", "models"] {
        let mut d: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "aimodel"))
            .collect();
        d.sort();
        v.extend(d);
    }
    v
}

/// Drops the input's regions of the ops that have a generator.
fn clear(ops: &mut [TreeOp<'_>]) {
    for o in ops {
        let stem = coreai_aimodel::ops::coreai_op(&o.name).and_then(|c| c.aicode);
        if stem.is_some_and(decompose::supported) {
            o.decomposition = None;
        }
        for r in &mut o.regions {
            for b in &mut r.blocks {
                clear(&mut b.ops);
            }
        }
    }
}

/// The decomposable ops of a module's graphs, in order (top level of each graph).
fn decomposables<'m, 'a>(m: &'m Module<'a>) -> Vec<&'m Op<'a>> {
    fn walk<'m, 'a>(ops: &'m [Op<'a>], out: &mut Vec<&'m Op<'a>>) {
        for o in ops {
            let row = coreai_aimodel::ops::aicode_op(&o.full_name());
            if row.is_some_and(|r| r.decomposable()) {
                out.push(o);
            } else {
                for r in &o.regions {
                    for b in &r.blocks {
                        walk(&b.ops, out);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&m.ops, &mut out);
    out
}

#[test]
fn generated_decompositions_equal_coreai_cores() {
    // stem -> (cases, equal, first mismatch)
    let mut stats: BTreeMap<String, (usize, usize, Option<String>)> = BTreeMap::new();
    let (mut assets, mut whole) = (0, 0);
    for p in fixtures() {
        let asset = Asset::open(&p).unwrap();
        let m = asset.module().unwrap();
        let prog = convert::read_program(&m).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let opts = WriteOptions::default();
        let base = write_program(&prog, Some(&m), &opts).unwrap();
        assets += 1;
        // Each op alone: its region regenerated from the types and locations of its region's
        // arguments (= its operands) and its results.
        let mut all_equal = true;
        let mut g = base.clone();
        let mut next = g.num_values;
        for x in decomposables(&base) {
            let stem = coreai_aimodel::ops::aicode_op(&x.full_name())
                .unwrap()
                .stem();
            if !decompose::supported(stem) {
                stats.entry(format!("{stem} (no generator)")).or_default().0 += 1;
                continue;
            }
            let ins: Vec<_> = x.regions[0].blocks[0]
                .args
                .iter()
                .map(|a| (a.ty, a.loc.unwrap()))
                .collect();
            let res: Vec<_> = x.results.iter().map(|(_, t)| *t).collect();
            let st = stats.entry(stem.to_string()).or_default();
            st.0 += 1;
            let tx = print_region(&base, &x.regions[0]);
            let ty = match decompose::generate(&mut g, &mut next, opts.cap, stem, &ins, &res, x.loc)
            {
                Ok(r) => print_region(&g, &r),
                Err(e) => format!("error: {e}\n"),
            };
            if tx == ty {
                st.1 += 1;
            } else {
                all_equal = false;
                st.2.get_or_insert_with(|| {
                    let (lx, ly): (Vec<&str>, Vec<&str>) = (tx.lines().collect(), ty.lines().collect());
                    let i = lx.iter().zip(&ly).position(|(a, b)| a != b).unwrap_or(lx.len().min(ly.len()));
                    format!(
                        "{}: line {}\ncoreai-core: {}\ngenerated:   {}\n--- coreai-core\n{}--- generated\n{}",
                        p.display(),
                        i + 1,
                        lx.get(i).unwrap_or(&""),
                        ly.get(i).unwrap_or(&""),
                        tx,
                        ty
                    )
                });
            }
        }
        // The whole program written without the input's regions (those with a generator):
        // the same bytes.
        if all_equal {
            let mut bare = prog.clone();
            clear(&mut bare.ops);
            let g = write_program(&bare, Some(&m), &opts)
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let (x, y) = (
                base.encode().unwrap().to_vec().unwrap(),
                g.encode().unwrap().to_vec().unwrap(),
            );
            assert!(
                x == y,
                "{}: regions equal but the written assets differ",
                p.display()
            );
            whole += 1;
        }
    }
    let mut report = String::new();
    let mut bad = 0;
    for (stem, (n, ok, first)) in &stats {
        report.push_str(&format!("  {stem}: {ok}/{n}\n"));
        if ok != n && !stem.ends_with("(no generator)") {
            bad += 1;
            if let Some(f) = first {
                eprintln!("== {stem}\n{}", f.chars().take(8000).collect::<String>());
            }
        }
    }
    eprintln!(
        "decompositions over {assets} assets ({whole} rewritten whole, byte-identical):\n{report}"
    );
    assert_eq!(
        bad, 0,
        "{bad} decomposable ops differ from coreai-core:\n{report}"
    );
}
