//! Fuzz target `aimodel`: the `.aimodel` reader of `coreai-aimodel` on arbitrary bytes
//! (seeded with the corpus's `main.mlirb` files).
//!
//! Contract checked: malformed input (truncated or corrupted sections, bad varints, kinds and
//! indices out of range, resource offsets past the end, cyclic or deep nesting) is a returned
//! `Err`, never a panic, hang or unbounded allocation; and whatever parses survives the
//! writers: the container re-written parses to the same structure, and a decoded module
//! re-encodes to bytes that decode again; the coreai op tree of a decoded module and its
//! printing never panic.
#![no_main]

use coreai_aimodel::{bytecode::Bytecode, module::Module};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(bc) = Bytecode::parse(data) else { return };
    let raw = bc.to_vec().expect("a parsed container writes");
    let again = Bytecode::parse(&raw).expect("a re-written container parses");
    assert_eq!(again, bc, "container round trip changed the structure");
    let Ok(m) = Module::decode(&bc) else { return };
    // The coreai view of whatever decodes, and its printing (dense data, floats, names).
    if let Ok(p) = coreai_aimodel::convert::read_program(&m) {
        let _ = p.print();
    }
    if let Ok(enc) = m.encode() {
        let bytes = enc.to_vec().expect("an encoded module writes");
        let bc2 = Bytecode::parse(&bytes).expect("an encoded module parses");
        Module::decode(&bc2).expect("an encoded module decodes");
    }
});
