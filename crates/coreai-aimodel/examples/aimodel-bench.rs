//! Read/write throughput of the `.aimodel` codec on a large synthetic asset, against a plain
//! copy of the weight bytes, with peak RSS. Measures; asserts nothing.
//!
//!   aimodel-bench make DIR/big.aimodel     # 158M f16 parameters in 10 dense_resource constants
//!   aimodel-bench run DIR/big.aimodel      # read (decode + coreai op tree) + write, in a fresh process
//!   aimodel-bench copy DIR/big.aimodel     # baseline: mmap main.mlirb's weights and write them out
use std::{borrow::Cow, io::Write, path::Path, time::Instant};

use coreai_aimodel::{
    Asset, convert,
    tree::{AttrValue, NamedAttr, Program, TreeArg, TreeBlock, TreeOp, TreeRegion},
    write, write_asset,
};

const SHAPES: [(u64, u64); 10] = [
    (4096, 4096),
    (4096, 4096),
    (4096, 4096),
    (4096, 4096),
    (4096, 4096),
    (4096, 4096),
    (4096, 11008),
    (1024, 4096),
    (1024, 4096),
    (1024, 4096),
];

fn peak_rss_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

fn make(out: &Path) {
    let blobs: Vec<Vec<u8>> = SHAPES
        .iter()
        .enumerate()
        .map(|(i, (r, c))| {
            let n = (r * c) as usize;
            let mut v = vec![0u8; 2 * n];
            let mut s = 0x9e37_79b9_7f4a_7c15u64 ^ i as u64;
            for ch in v.chunks_exact_mut(8) {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                // f16 values of small magnitude: exponent bits kept below 0x3c.
                let w = (s & 0x33ff_33ff_33ff_33ff) | 0x2000_2000_2000_2000;
                ch.copy_from_slice(&w.to_le_bytes());
            }
            v
        })
        .collect();
    let loc = "loc(\"bench\":1:1)".to_string();
    let mut ops = Vec::new();
    let mut outs = Vec::new();
    let mut next = 2u32;
    for (i, ((r, c), b)) in SHAPES.iter().zip(&blobs).enumerate() {
        let wty = format!("tensor<{r}x{c}xf16>");
        let w = next;
        next += 1;
        ops.push(TreeOp {
            name: "coreai.constant".into(),
            operands: vec![],
            results: vec![(w, wty.clone())],
            attrs: vec![NamedAttr {
                name: "value".into(),
                value: AttrValue::Resource {
                    key: format!("w{i}"),
                    ty: wty,
                    data: Cow::Borrowed(b),
                    alignment: 64,
                },
                inherent: true,
            }],
            regions: vec![],
            loc: loc.clone(),
            decomposition: None,
        });
        let x = if *r == 4096 { 0 } else { 1 };
        let y = next;
        next += 1;
        ops.push(TreeOp {
            name: "coreai.batch_matmul".into(),
            operands: vec![x, w],
            results: vec![(y, format!("tensor<1x{c}xf16>"))],
            attrs: vec![],
            regions: vec![],
            loc: loc.clone(),
            decomposition: None,
        });
        outs.push((y, format!("tensor<1x{c}xf16>")));
    }
    ops.push(TreeOp {
        name: "coreai.output".into(),
        operands: outs.iter().map(|(v, _)| *v).collect(),
        results: vec![],
        attrs: vec![],
        regions: vec![],
        loc: loc.clone(),
        decomposition: None,
    });
    let ft = format!(
        "(tensor<1x4096xf16>, tensor<1x1024xf16>) -> ({})",
        outs.iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let graph = TreeOp {
        name: "coreai.graph".into(),
        operands: vec![],
        results: vec![],
        attrs: vec![
            NamedAttr {
                name: "function_type".into(),
                value: AttrValue::Text(ft),
                inherent: true,
            },
            NamedAttr {
                name: "param_decls".into(),
                value: AttrValue::Text("#param.decl.array<[]>".into()),
                inherent: true,
            },
            NamedAttr {
                name: "sym_name".into(),
                value: AttrValue::Text("\"main\"".into()),
                inherent: true,
            },
        ],
        regions: vec![TreeRegion {
            blocks: vec![TreeBlock {
                args: vec![
                    TreeArg {
                        id: 0,
                        ty: "tensor<1x4096xf16>".into(),
                        loc: loc.clone(),
                    },
                    TreeArg {
                        id: 1,
                        ty: "tensor<1x1024xf16>".into(),
                        loc: loc.clone(),
                    },
                ],
                ops,
            }],
        }],
        loc: loc.clone(),
        decomposition: None,
    };
    let program = Program {
        loc,
        ops: vec![graph],
        ..Default::default()
    };
    let m = write::write_program(&program, None, &write::WriteOptions::default()).expect("write");
    let bc = m.encode().expect("encode");
    let n = write_asset(
        out,
        &bc,
        &coreai_aimodel::Metadata::default().for_output(std::time::SystemTime::now()),
    )
    .expect("asset");
    let params: u64 = SHAPES.iter().map(|(r, c)| r * c).sum();
    println!(
        "made {}: {params} f16 parameters in {} constants, main.mlirb {n} bytes",
        out.display(),
        SHAPES.len()
    );
}

fn run(input: &Path) {
    let out = input.with_extension("out.aimodel");
    let t0 = Instant::now();
    let asset = Asset::open(input).expect("open");
    let module = asset.module().expect("decode");
    let program = convert::read_program(&module).expect("read");
    let t_read = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let m = write::write_program(&program, Some(&module), &write::WriteOptions::default())
        .expect("write");
    let bc = m.encode().expect("encode");
    let n = write_asset(
        &out,
        &bc,
        &asset.metadata.for_output(std::time::SystemTime::now()),
    )
    .expect("asset");
    let t_write = t1.elapsed().as_secs_f64();
    let weights: u64 = SHAPES.iter().map(|(r, c)| 2 * r * c).sum();
    println!(
        "read {t_read:.3} s, write {t_write:.3} s, read+write {:.3} s; {n} bytes written; weights {:.1} MB; peak RSS {:.1} MB ({:.2}x the weight bytes)",
        t_read + t_write,
        weights as f64 / 1e6,
        peak_rss_mb(),
        peak_rss_mb() * 1048576.0 / weights as f64
    );
    let _ = std::fs::remove_dir_all(&out);
}

fn copy(input: &Path) {
    let t0 = Instant::now();
    let asset = Asset::open(input).expect("open");
    let out = input.with_extension("copy.bin");
    let mut f =
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&out).expect("create"));
    f.write_all(asset.bytes()).expect("write");
    f.into_inner().expect("flush").sync_all().expect("sync");
    let t = t0.elapsed().as_secs_f64();
    println!(
        "plain copy of {} bytes: {t:.3} s; peak RSS {:.1} MB",
        asset.bytes().len(),
        peak_rss_mb()
    );
    let _ = std::fs::remove_file(&out);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("make"), Some(p)) => make(Path::new(p)),
        (Some("run"), Some(p)) => run(Path::new(p)),
        (Some("copy"), Some(p)) => copy(Path::new(p)),
        _ => {
            eprintln!("usage: aimodel-bench make|run|copy PATH.aimodel");
            std::process::exit(2);
        }
    }
}
