//! Hostile input: every truncation and many corruptions of real assets give an error, never a
//! panic; unknown versions are clear errors.
use coreai_aimodel::{bytecode::Bytecode, module::Module};

fn decode(data: &[u8]) -> Result<(), String> {
    let bc = Bytecode::parse(data).map_err(|e| e.to_string())?;
    let m = Module::decode(&bc).map_err(|e| e.to_string())?;
    let _ = m.encode().map_err(|e| e.to_string())?;
    Ok(())
}

#[test]
fn every_truncation_is_an_error() {
    for p in super::corpus().into_iter().take(6) {
        let data = std::fs::read(p.join("main.mlirb")).unwrap();
        for n in 0..data.len() {
            assert!(
                decode(&data[..n]).is_err(),
                "{}: prefix of {n} bytes accepted",
                p.display()
            );
        }
    }
}

#[test]
fn corrupted_bytes_never_panic() {
    let mut seed = 0x9e3779b97f4a7c15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut errors = 0;
    for p in super::corpus() {
        let data = std::fs::read(p.join("main.mlirb")).unwrap();
        for _ in 0..300 {
            let mut d = data.clone();
            for _ in 0..1 + next() % 4 {
                let i = (next() % d.len() as u64) as usize;
                d[i] = next() as u8;
            }
            if decode(&d).is_err() {
                errors += 1;
            }
        }
    }
    assert!(errors > 0);
}

#[test]
fn unknown_versions_are_clear_errors() {
    let p = &super::corpus()[0];
    let mut data = std::fs::read(p.join("main.mlirb")).unwrap();
    assert_eq!(data[4], 0x0d, "bytecode version 6");
    data[4] = 0x0f;
    let e = Bytecode::parse(&data).unwrap_err().to_string();
    assert!(
        e.contains("unsupported bytecode version 7; this build reads versions 1..=6"),
        "{e}"
    );

    // The aicode dialect version entry: `07 03 05` (nested section 7, length 1, varint 2).
    let mut data = std::fs::read(p.join("main.mlirb")).unwrap();
    let at = data
        .windows(3)
        .position(|w| w == [0x07, 0x03, 0x05])
        .expect("version entry");
    data[at + 2] = 0x07;
    let bc = Bytecode::parse(&data).unwrap();
    let e = Module::decode(&bc).unwrap_err().to_string();
    assert!(
        e.contains("unsupported aicode encoding version 3; this build reads version 2"),
        "{e}"
    );
}

#[test]
fn deep_nesting_and_cycles_are_errors() {
    // An attribute that refers to itself: aicode array [#0].
    let p = &super::corpus()[0];
    let data = std::fs::read(p.join("main.mlirb")).unwrap();
    let mut bc = Bytecode::parse(&data).unwrap();
    bc.attrs[0].data = vec![0x0b, 0x03, 0x01].into();
    let bytes = bc.to_vec().unwrap();
    let e = decode(&bytes).unwrap_err();
    assert!(e.contains("cyclic attribute reference"), "{e}");
    // A chain of 10000 nested arrays.
    let mut bc = Bytecode::parse(&data).unwrap();
    let n = bc.attrs.len();
    for i in 0..10_000u64 {
        let mut e = vec![0x0b, 0x03];
        coreai_aimodel::encoding::encode_varint(n as u64 + i + 1, &mut e);
        bc.attrs.push(coreai_aimodel::bytecode::Entry {
            dialect: bc.attrs[0].dialect,
            custom: true,
            data: e.into(),
        });
    }
    let bytes = bc.to_vec().unwrap();
    let e = decode(&bytes).unwrap_err();
    assert!(e.contains("nested deeper"), "{e}");
}
