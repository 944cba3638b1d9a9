//! Reads an asset (directory or bare `main.mlirb`) into the coreai op tree and writes it back
//! as a new asset through the writer: `aimodel-rewrite IN OUT.aimodel [--cap YYYYMMDD]`.
//! This is the path `coreai-opt in.aimodel -o out.aimodel` takes with no pass; the conformance
//! suite (test/conformance/aimodel/check_write.py) checks its output with coreai-core.
use coreai_aimodel::{Asset, convert, write, write_asset};

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(output)) = (args.first(), args.get(1)) else {
        return Err("usage: aimodel-rewrite IN OUT.aimodel [--cap YYYYMMDD]".into());
    };
    let mut opts = write::WriteOptions::default();
    if let Some(i) = args.iter().position(|a| a == "--cap") {
        opts.cap = args
            .get(i + 1)
            .and_then(|c| c.parse().ok())
            .ok_or("--cap needs a date YYYYMMDD")?;
    }
    let asset = Asset::open(input).map_err(|e| e.to_string())?;
    let module = asset.module().map_err(|e| e.to_string())?;
    let program = convert::read_program(&module).map_err(|e| format!("{input}: {e}"))?;
    let out = write::write_program(&program, Some(&module), &opts)
        .map_err(|e| format!("{input}: {e}"))?;
    let bc = out.encode().map_err(|e| e.to_string())?;
    let meta = asset.metadata.for_output(std::time::SystemTime::now());
    let n = write_asset(std::path::Path::new(output), &bc, &meta).map_err(|e| e.to_string())?;
    eprintln!("wrote {output}: main.mlirb {n} bytes");
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
