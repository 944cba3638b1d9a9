//! Replays the kept crash inputs of the `aimodel` fuzz target (fuzz/regressions/aimodel/) with
//! the target's contract: an error or a consistent round trip, never a panic.
use coreai_aimodel::{bytecode::Bytecode, module::Module};

#[test]
fn fuzz_regressions_replay() {
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions/aimodel");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            continue;
        }
        let data = std::fs::read(&p).unwrap();
        if let Ok(bc) = Bytecode::parse(&data) {
            let raw = bc.to_vec().unwrap();
            assert_eq!(Bytecode::parse(&raw).unwrap(), bc, "{}", p.display());
            if let Ok(m) = Module::decode(&bc) {
                if let Ok(p) = coreai_aimodel::convert::read_program(&m) {
                    let _ = p.print();
                }
                if let Ok(enc) = m.encode() {
                    let bytes = enc.to_vec().unwrap();
                    Module::decode(&Bytecode::parse(&bytes).unwrap()).unwrap();
                }
            }
        }
        n += 1;
    }
    eprintln!("{n} regression inputs replayed");
}
