//! Dumps a `.aimodel` (directory or bare `main.mlirb`):
//! `aimodel-dump PATH [--coreai | --aicode | --raw-roundtrip | --typed-roundtrip]`
//! (`--coreai`: the program as coreai-core prints it; `--aicode`: the aicode module,
//! structurally; no flag: the container's tables).
use coreai_aimodel::bytecode::Bytecode;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: aimodel-dump PATH [--raw-roundtrip]");
        std::process::exit(2);
    };
    let p = std::path::Path::new(path);
    let file = if p.is_dir() {
        p.join("main.mlirb")
    } else {
        p.to_path_buf()
    };
    let data = std::fs::read(&file).unwrap_or_else(|e| {
        eprintln!("{}: {e}", file.display());
        std::process::exit(1)
    });
    let bc = match Bytecode::parse(&data) {
        Ok(bc) => bc,
        Err(e) => {
            eprintln!("error: {}", e.in_file(&file.display().to_string()));
            std::process::exit(1);
        }
    };
    if args.iter().any(|a| a == "--raw-roundtrip") {
        let out = bc.to_vec().expect("write");
        println!(
            "{}: {} bytes, round trip {}",
            file.display(),
            data.len(),
            if out == data {
                "identical"
            } else {
                "DIFFERENT"
            }
        );
        if out != data {
            let i = out
                .iter()
                .zip(&data)
                .position(|(a, b)| a != b)
                .unwrap_or(out.len().min(data.len()));
            println!("first difference at {i:#x} (ours {} bytes)", out.len());
        }
        return;
    }
    if args.iter().any(|a| a == "--aicode") {
        match coreai_aimodel::module::Module::decode(&bc) {
            Ok(m) => print!("{}", coreai_aimodel::print::print_module(&m)),
            Err(e) => {
                eprintln!("error: {}: {e}", file.display());
                std::process::exit(1)
            }
        }
        return;
    }
    if args.iter().any(|a| a == "--coreai") {
        let m = coreai_aimodel::module::Module::decode(&bc).unwrap_or_else(|e| {
            eprintln!("error: {e}");
            std::process::exit(1)
        });
        match coreai_aimodel::convert::read_program(&m) {
            Ok(p) => print!("{}", p.print()),
            Err(e) => {
                eprintln!("error: {}: {e}", file.display());
                std::process::exit(1)
            }
        }
        return;
    }
    if args.iter().any(|a| a == "--typed-roundtrip") {
        let m = coreai_aimodel::module::Module::decode(&bc).unwrap_or_else(|e| {
            eprintln!("error: {e}");
            std::process::exit(1)
        });
        let out = m.encode().and_then(|b| b.to_vec()).unwrap_or_else(|e| {
            eprintln!("error: {e}");
            std::process::exit(1)
        });
        println!(
            "{}: {} bytes, typed round trip {}",
            file.display(),
            data.len(),
            if out == data {
                "identical"
            } else {
                "DIFFERENT"
            }
        );
        if out != data {
            let i = out
                .iter()
                .zip(&data)
                .position(|(a, b)| a != b)
                .unwrap_or(out.len().min(data.len()));
            println!("first difference at {i:#x} (ours {} bytes)", out.len());
            std::fs::write("/tmp/aim/ours.mlirb", &out).ok();
        }
        return;
    }
    println!("{bc:#?}");
}
