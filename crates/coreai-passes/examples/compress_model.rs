//! Compresses the bundled Core AI program from Rust with the coreai-opt-style API and prints
//! the report.
//!
//! ```text
//! cargo run -p coreai-passes --example compress_model [-- input.mlir [output.mlir]]
//! ```

use coreai_passes::{
    QuantizeOptions, api,
    options::{DType, Granularity},
    report::Decision,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let input = args.next().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../test/data/llm-layer.mlir"
        )
        .to_string()
    });
    let output = args.next();

    let context = coreai_dialect::context();
    let mut module = api::load_module(&context, std::path::Path::new(&input))?;

    let options = QuantizeOptions {
        dtype: DType::Int4,
        granularity: Granularity::PerBlock,
        block_size: 32,
        ..Default::default()
    };
    let report = api::quantize_weights(&mut module, &options)?;

    for c in &report.constants {
        let shape: Vec<String> = c.shape.iter().map(|d| d.to_string()).collect();
        match &c.decision {
            Decision::Compressed => println!(
                "{:<28} {:>10} {:>5.2} bits/weight  SNR {:>6.2} dB",
                c.location,
                shape.join("x"),
                c.bits_per_weight,
                c.snr_db.unwrap_or(f64::INFINITY)
            ),
            Decision::Skipped(why) => {
                println!("{:<28} {:>10} skipped: {why}", c.location, shape.join("x"))
            }
        }
    }
    let (before, after) = report.bytes();
    println!(
        "{} of {} weights compressed: {before} -> {after} bytes ({:.2}x)",
        report.compressed(),
        report.constants.len(),
        before as f64 / after.max(1) as f64
    );
    if let Some(path) = output {
        std::fs::write(&path, module.as_operation().to_string())?;
        println!("wrote {path}");
    }
    Ok(())
}
