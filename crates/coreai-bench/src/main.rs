//! `coreai-bench`: model-scale benchmark of `coreai-opt`'s compression passes.
//!
//! ```text
//! coreai-bench [--set small|llm|1.5b] [--out DIR] [--methods int8,pal4,...] [--inputs bytecode,text,aimodel]
//!              [--repeat N] [--reference] [--reference-only] [--no-report] [--verify] [--keep]
//!              [--opt PATH] [--python PATH] [--seed N] [--floor-cap-mb N]
//!              [--determinism THREADS]
//! ```
//!
//! 1. Generates the set once (`DIR/<set>/model.mlir`: Core AI text with a hex `dense_resource`
//!    trailer, seeded N(0, 0.02) f16 weights) and converts it with
//!    `coreai-opt --emit-bytecode` to `model.mlirbc` (the conversion is measured too), and
//!    that with `coreai-opt -o model.aimodel` to a Core AI asset (`model.aimodel/`).
//! 2. Measures the memory-bandwidth floor: one read + one write of the weight bytes.
//! 3. For every method: `coreai-opt` bytecode→bytecode, text→text and .aimodel→.aimodel with
//!    `--mlir-timing`
//!    (pass / parse / output time from the timing report, wall time and peak RSS of the child
//!    from `wait4`), repeated; one extra run with `report=` for bits per weight and SNR; a
//!    load-back check of the bytecode output; with `--verify`, the output decoded by
//!    `--coreai-decompress` and scored against the regenerated weights.
//! 4. With `--reference`: the Python reference (coreai-opt 0.4.0) on the same text, per method
//!    in its own process, its output decoded by our `--coreai-decompress` and scored the same
//!    way, and the ratios reference/ours. For the `.aimodel` input the reference runs Core AI's
//!    documented flow, `AIModelAsset.load` + `*_weights` + `save_asset`, asset to asset.
//!
//! With `--determinism THREADS`, step 2 on is replaced by a check: every method runs
//! bytecode→bytecode with `RAYON_NUM_THREADS=1` and with `RAYON_NUM_THREADS=THREADS`, and the
//! two outputs must be byte-identical (exit status 1 otherwise).
//!
//! Results: `DIR/<set>/results.md` and `results.json` (also printed). Our results and the
//! reference's are kept in `ours.json` / `reference.json`, so `--reference-only` can add the
//! reference to an earlier run.

mod aimodel;
mod bandwidth;
mod methods;
mod mlirtext;
mod model;
mod run;

use methods::{METHODS, Method};
use model::ModelSpec;
use run::{Measured, measure};
use serde_json::{Value, json};
use std::{
    fmt::Write as _,
    fs,
    io::{BufWriter, Write},
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

struct Args {
    set: String,
    out: PathBuf,
    methods: Vec<&'static Method>,
    inputs: Vec<String>,
    repeat: usize,
    reference: bool,
    reference_only: bool,
    report: bool,
    verify: bool,
    keep: bool,
    opt: PathBuf,
    python: PathBuf,
    seed: u64,
    floor_cap_mb: usize,
    skip_ours: bool,
    determinism: Option<usize>,
}

fn usage() -> ! {
    eprintln!(
        "usage: coreai-bench [--set small|llm|1.5b] [--out DIR] [--methods {}] [--inputs bytecode,text,aimodel]\n\
         \x20                  [--repeat N] [--reference] [--reference-only] [--no-report] [--verify] [--keep]\n\
         \x20                  [--opt PATH] [--python PATH] [--seed N] [--floor-cap-mb N]\n\
         \x20                  [--determinism THREADS]",
        METHODS.iter().map(|m| m.key).collect::<Vec<_>>().join(",")
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let mut a = Args {
        set: "small".into(),
        out: PathBuf::from("bench-out"),
        methods: METHODS.iter().collect(),
        inputs: vec![],
        repeat: 0,
        reference: false,
        reference_only: false,
        report: true,
        verify: false,
        keep: false,
        opt: exe_dir.join("coreai-opt"),
        python: PathBuf::from(".venv-reference/bin/python"),
        seed: 20_250_601,
        floor_cap_mb: 2048,
        skip_ours: false,
        determinism: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (k, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut val = || {
            inline
                .clone()
                .or_else(|| it.next())
                .unwrap_or_else(|| usage())
        };
        match k.as_str() {
            "--set" => a.set = val(),
            "--out" => a.out = PathBuf::from(val()),
            "--methods" => {
                let v = val();
                a.methods = v
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|k| {
                        METHODS.iter().find(|m| m.key == k).unwrap_or_else(|| {
                            eprintln!("unknown method {k}");
                            usage()
                        })
                    })
                    .collect();
            }
            "--inputs" => {
                a.inputs = val().split(',').map(str::to_string).collect();
                if let Some(bad) = a.inputs.iter().find(|i| !INPUTS.contains(&i.as_str())) {
                    eprintln!("unknown input {bad} (one of {})", INPUTS.join(","));
                    usage()
                }
            }
            "--repeat" => a.repeat = val().parse().unwrap_or_else(|_| usage()),
            "--reference" => a.reference = true,
            "--reference-only" => {
                a.reference = true;
                a.reference_only = true;
            }
            "--skip-ours" => a.skip_ours = true,
            "--no-report" => a.report = false,
            "--verify" => a.verify = true,
            "--keep" => a.keep = true,
            "--opt" => a.opt = PathBuf::from(val()),
            "--python" => a.python = PathBuf::from(val()),
            "--seed" => a.seed = val().parse().unwrap_or_else(|_| usage()),
            "--floor-cap-mb" => a.floor_cap_mb = val().parse().unwrap_or_else(|_| usage()),
            "--determinism" => {
                a.determinism = Some(
                    val()
                        .parse()
                        .ok()
                        .filter(|&t| t > 1)
                        .unwrap_or_else(|| usage()),
                )
            }
            "-h" | "--help" => usage(),
            _ => {
                eprintln!("unknown argument {arg}");
                usage()
            }
        }
    }
    if a.inputs.is_empty() {
        a.inputs = INPUTS.iter().map(|s| s.to_string()).collect();
    }
    if a.repeat == 0 {
        a.repeat = match a.set.as_str() {
            "small" => 5,
            "llm" | "157m" => 3,
            _ => 1,
        };
    }
    a
}

/// The input formats, in table order.
const INPUTS: &[&str] = &["bytecode", "text", "aimodel"];

/// Where one input format lives and how its output is written.
struct Io {
    /// The input program.
    src: PathBuf,
    /// Output extension (`mlirbc`, `mlir`, `aimodel`).
    ext: &'static str,
    /// Whether `--emit-bytecode` is passed (`-o NAME.aimodel` selects the asset writer itself).
    emit_bytecode: bool,
}

fn io_for(input: &str, dir: &Path) -> Io {
    match input {
        "bytecode" => Io {
            src: dir.join("model.mlirbc"),
            ext: "mlirbc",
            emit_bytecode: true,
        },
        "aimodel" => Io {
            src: dir.join(aimodel::ASSET),
            ext: "aimodel",
            emit_bytecode: false,
        },
        _ => Io {
            src: dir.join("model.mlir"),
            ext: "mlir",
            emit_bytecode: false,
        },
    }
}

fn log(msg: &str) {
    eprintln!("[coreai-bench] {msg}");
}

fn mb(b: u64) -> f64 {
    b as f64 / 1e6
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

fn min(v: &[f64]) -> Option<f64> {
    v.iter().copied().reduce(f64::min)
}

/// `pass` time: the timing rows of our passes (`CoreAI*`).
fn pass_time(m: &Measured) -> Option<f64> {
    m.timing_sum(|k| k.starts_with("CoreAI"))
}

fn row(m: &Measured, name: &str) -> Option<f64> {
    m.timing.get(name).copied()
}

fn measured_json(m: &Measured) -> Value {
    json!({
        "wall_s": m.wall_s, "cpu_s": m.cpu_s, "max_rss_bytes": m.max_rss, "exit_code": m.code,
        "pass_s": pass_time(m), "parse_s": row(m, "Parser"), "output_s": row(m, "Output"),
        "timing": m.timing,
        "stderr_tail": if m.ok() { Value::Null } else { Value::String(m.stderr.clone()) },
    })
}

fn opt_cmd(a: &Args) -> Command {
    let mut c = Command::new(&a.opt);
    c.env_remove("RAYON_NUM_THREADS");
    c
}

/// Generates (or reuses) the set; returns the energies of the weights.
fn prepare(a: &Args, spec: &ModelSpec, dir: &Path, results: &mut Value) -> Vec<f64> {
    let text = dir.join("model.mlir");
    let bc = dir.join("model.mlirbc");
    let manifest = dir.join("manifest.json");
    let key = json!({"set": spec.name, "seed": spec.seed, "d": spec.d, "ffn": spec.ffn,
                     "blocks": spec.blocks, "sigma": spec.sigma, "generator": 2});
    if let Ok(m) = fs::read_to_string(&manifest)
        && let Ok(v) = serde_json::from_str::<Value>(&m)
        && v["key"] == key
        && text.exists()
        && bc.exists()
    {
        log(&format!("reusing {}", text.display()));
        results["generation"] = v["generation"].clone();
        return v["energies"]
            .as_array()
            .map(|e| e.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
    }
    log(&format!(
        "generating {} ({} params, {:.1} MB f16) -> {}",
        spec.name,
        spec.params(),
        mb(spec.weight_bytes() as u64),
        text.display()
    ));
    let t = Instant::now();
    let energies = {
        let f = fs::File::create(&text).unwrap_or_else(|e| panic!("{}: {e}", text.display()));
        let mut w = BufWriter::with_capacity(1 << 22, f);
        let e = spec.write_text(&mut w).expect("write model text");
        w.flush().expect("flush model text");
        e
    };
    let gen_s = t.elapsed().as_secs_f64();
    log(&format!(
        "  text written in {gen_s:.2} s; converting to bytecode"
    ));
    let m = measure(
        opt_cmd(a)
            .arg(&text)
            .arg("--mlir-timing")
            .arg("--emit-bytecode")
            .arg("-o")
            .arg(&bc),
        &dir.join("convert.stderr"),
    )
    .expect("run coreai-opt");
    if !m.ok() {
        panic!("coreai-opt --emit-bytecode failed:\n{}", m.stderr);
    }
    log(&format!(
        "  bytecode in {:.2} s (parse {:.2} s), peak RSS {:.0} MB",
        m.wall_s,
        row(&m, "Parser").unwrap_or(f64::NAN),
        mb(m.max_rss)
    ));
    let generation = json!({
        "text_bytes": fs::metadata(&text).map(|m| m.len()).unwrap_or(0),
        "bytecode_bytes": fs::metadata(&bc).map(|m| m.len()).unwrap_or(0),
        "generate_text_s": gen_s,
        "text_to_bytecode": measured_json(&m),
    });
    fs::write(
        &manifest,
        serde_json::to_string_pretty(&json!({"key": key, "energies": energies, "generation": generation,
            "weights": spec.weights().iter().map(|w| json!({"name": w.name, "shape": w.shape, "transposed": w.transposed})).collect::<Vec<_>>()}))
        .unwrap_or_default(),
    )
    .expect("write manifest");
    results["generation"] = generation;
    energies
}

/// Aggregates a report JSON: totals plus the energy-weighted SNR over compressed entries.
fn read_report(path: &Path, spec: &ModelSpec, energies: &[f64]) -> Value {
    let Ok(text) = fs::read_to_string(path) else {
        return json!({"error": format!("no report at {}", path.display())});
    };
    let Ok(r) = serde_json::from_str::<Value>(&text) else {
        return json!({"error": "report is not JSON"});
    };
    let weights = spec.weights();
    let mut sse = 0.0;
    let mut energy = 0.0;
    let mut max_abs: f64 = 0.0;
    let mut wi = 0usize;
    let mut exact = 0usize;
    let mut mismatch = None;
    for c in r["constants"].as_array().into_iter().flatten() {
        let shape: Vec<usize> = c["shape"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_u64().map(|v| v as usize))
            .collect();
        if c["element_type"] != "f16" || shape.len() != 2 {
            continue;
        }
        let Some(w) = weights.get(wi) else { break };
        if shape != w.shape {
            mismatch = Some(format!("entry {wi}: shape {shape:?} vs {:?}", w.shape));
            break;
        }
        let e = energies.get(wi).copied().unwrap_or(0.0);
        energy += e;
        if c["decision"] == "compressed" {
            match c["snr_db"].as_f64() {
                Some(s) => sse += e / 10f64.powf(s / 10.0),
                None => exact += 1,
            }
            max_abs = max_abs.max(c["max_abs_error"].as_f64().unwrap_or(0.0));
        }
        wi += 1;
    }
    let snr = (sse > 0.0).then(|| 10.0 * (energy / sse).log10());
    json!({
        "totals": r["totals"],
        "bits_per_weight": r["totals"]["bits_per_weight"],
        "bytes_before": r["totals"]["bytes_before"],
        "bytes_after": r["totals"]["bytes_after"],
        "compressed": r["totals"]["compressed"],
        "snr_db": snr, "max_abs_error": max_abs, "exact_entries": exact,
        "matched_weights": wi, "mismatch": mismatch,
    })
}

fn run_ours(a: &Args, spec: &ModelSpec, dir: &Path, energies: &[f64]) -> Value {
    let runs = dir.join("runs");
    fs::create_dir_all(&runs).expect("runs dir");
    let bc = dir.join("model.mlirbc");
    let mut out = serde_json::Map::new();

    // Baselines: I/O only.
    let mut base = serde_json::Map::new();
    for input in &a.inputs {
        let io = io_for(input, dir);
        let dst = runs.join(format!("baseline.{}", io.ext));
        let mut ms = Vec::new();
        for _ in 0..a.repeat {
            let mut c = opt_cmd(a);
            c.arg(&io.src).arg("--mlir-timing").arg("-o").arg(&dst);
            if io.emit_bytecode {
                c.arg("--emit-bytecode");
            }
            let m = measure(&mut c, &runs.join(format!("baseline.{input}.stderr"))).expect("run");
            if !m.ok() {
                log(&format!("baseline {input}: FAILED\n{}", m.stderr));
            }
            ms.push(m);
        }
        let output_bytes = aimodel::output_bytes(&dst);
        aimodel::remove_output(&dst);
        log(&format!(
            "baseline {input}: e2e {:.3} s, parse {:.3} s, output {:.3} s, peak RSS {:.0} MB",
            min(&ms.iter().map(|m| m.wall_s).collect::<Vec<_>>()).unwrap_or(f64::NAN),
            min(&ms
                .iter()
                .filter_map(|m| row(m, "Parser"))
                .collect::<Vec<_>>())
            .unwrap_or(f64::NAN),
            min(&ms
                .iter()
                .filter_map(|m| row(m, "Output"))
                .collect::<Vec<_>>())
            .unwrap_or(f64::NAN),
            mb(ms.iter().map(|m| m.max_rss).max().unwrap_or(0))
        ));
        let mut s = summarize(&ms);
        s["output_bytes"] = json!(output_bytes);
        base.insert(input.clone(), s);
    }
    out.insert("baseline".into(), Value::Object(base));

    let mut per = serde_json::Map::new();
    for m in &a.methods {
        let mut entry = serde_json::Map::new();
        entry.insert("label".into(), json!(m.label));
        entry.insert("pass".into(), json!(m.pass_arg(None)));
        for input in &a.inputs {
            let io = io_for(input, dir);
            let emit = io.emit_bytecode;
            let dst = runs.join(format!("{}.{}", m.key, io.ext));
            let mut ms = Vec::new();
            for _ in 0..a.repeat {
                let mut c = opt_cmd(a);
                c.arg(&io.src)
                    .arg(m.pass_arg(None))
                    .arg("--mlir-timing")
                    .arg("-o")
                    .arg(&dst);
                if emit {
                    c.arg("--emit-bytecode");
                }
                let r =
                    measure(&mut c, &runs.join(format!("{}.{input}.stderr", m.key))).expect("run");
                if !r.ok() {
                    log(&format!("{} {input}: FAILED\n{}", m.key, r.stderr));
                }
                ms.push(r);
            }
            let mut s = summarize(&ms);
            // Load-back check of the output (parse + verify).
            if ms.iter().all(Measured::ok) {
                let lb = measure(
                    opt_cmd(a)
                        .arg(&dst)
                        .arg("--mlir-timing")
                        .arg("-o")
                        .arg("/dev/null"),
                    &runs.join(format!("{}.loadback.stderr", m.key)),
                )
                .expect("run");
                s["output_bytes"] = json!(aimodel::output_bytes(&dst));
                s["loadback_ok"] = json!(lb.ok());
                s["loadback_s"] = json!(lb.wall_s);
                if a.verify && (emit || io.ext == "aimodel") {
                    let dec = runs.join(format!("{}.decoded.mlir", m.key));
                    let d = measure(
                        opt_cmd(a)
                            .arg(&dst)
                            .arg("--coreai-decompress")
                            .arg("-o")
                            .arg(&dec),
                        &runs.join(format!("{}.decompress.stderr", m.key)),
                    )
                    .expect("run");
                    s["verify"] = if d.ok() {
                        match mlirtext::score_program(&dec, spec) {
                            Ok(t) => json!({"snr_db": t.snr_db(), "max_abs_error": t.max_abs,
                                            "decompress_s": d.wall_s}),
                            Err(e) => json!({"error": e}),
                        }
                    } else {
                        json!({"error": d.stderr})
                    };
                    let _ = fs::remove_file(&dec);
                }
            }
            if !a.keep {
                aimodel::remove_output(&dst);
            }
            log(&format!(
                "{:14} {input:8}: pass {:.3} s, e2e {:.3} s, peak RSS {:.0} MB{}",
                m.key,
                s["pass_s_min"].as_f64().unwrap_or(f64::NAN),
                s["wall_s_min"].as_f64().unwrap_or(f64::NAN),
                mb(s["max_rss_bytes"].as_u64().unwrap_or(0)),
                if s["loadback_ok"] == json!(false) {
                    " (OUTPUT DOES NOT LOAD BACK)"
                } else {
                    ""
                }
            ));
            entry.insert(input.clone(), s);
        }
        if a.report {
            let rp = runs.join(format!("{}.report.json", m.key));
            let r = measure(
                opt_cmd(a)
                    .arg(&bc)
                    .arg(m.pass_arg(Some(&rp.display().to_string())))
                    .arg("--mlir-timing")
                    .arg("--emit-bytecode")
                    .arg("-o")
                    .arg("/dev/null"),
                &runs.join(format!("{}.report.stderr", m.key)),
            )
            .expect("run");
            let mut rep = read_report(&rp, spec, energies);
            rep["run"] = measured_json(&r);
            log(&format!(
                "{:14} report  : {:.3} bits/weight, SNR {:.2} dB (pass with report {:.3} s)",
                m.key,
                rep["bits_per_weight"].as_f64().unwrap_or(f64::NAN),
                rep["snr_db"].as_f64().unwrap_or(f64::NAN),
                pass_time(&r).unwrap_or(f64::NAN)
            ));
            entry.insert("report".into(), rep);
        }
        per.insert(m.key.into(), Value::Object(entry));
    }
    out.insert("methods".into(), Value::Object(per));
    Value::Object(out)
}

fn summarize(ms: &[Measured]) -> Value {
    let walls: Vec<f64> = ms.iter().filter(|m| m.ok()).map(|m| m.wall_s).collect();
    let passes: Vec<f64> = ms.iter().filter(|m| m.ok()).filter_map(pass_time).collect();
    let parses: Vec<f64> = ms
        .iter()
        .filter(|m| m.ok())
        .filter_map(|m| row(m, "Parser"))
        .collect();
    let outputs: Vec<f64> = ms
        .iter()
        .filter(|m| m.ok())
        .filter_map(|m| row(m, "Output"))
        .collect();
    json!({
        "ok": ms.iter().all(Measured::ok),
        "runs": ms.iter().map(measured_json).collect::<Vec<_>>(),
        "wall_s_min": min(&walls), "wall_s_median": median(walls.clone()),
        "pass_s_min": min(&passes), "pass_s_median": median(passes.clone()),
        "parse_s_min": min(&parses), "output_s_min": min(&outputs),
        "max_rss_bytes": ms.iter().map(|m| m.max_rss).max(),
    })
}

/// Runs the reference on the text program (results in `prev[method]`) and, when the `.aimodel`
/// input is benchmarked, on the asset with Core AI's asset flow (`prev["aimodel"][method]`).
fn run_reference(a: &Args, spec: &ModelSpec, dir: &Path, prev: &mut Value) {
    let runs = dir.join("reference");
    fs::create_dir_all(&runs).expect("reference dir");
    let script = runs.join("reference_runner.py");
    fs::write(&script, include_str!("reference.py")).expect("write runner");
    let mut kinds = vec![];
    if a.inputs.iter().any(|i| i != "aimodel") {
        kinds.push("text");
    }
    if a.inputs.iter().any(|i| i == "aimodel") {
        kinds.push("aimodel");
    }
    for kind in kinds {
        for m in &a.methods {
            let e = run_reference_one(a, spec, dir, &runs, &script, kind, m);
            if kind == "aimodel" {
                if !prev["aimodel"].is_object() {
                    prev["aimodel"] = json!({});
                }
                prev["aimodel"][m.key] = e;
            } else {
                prev[m.key] = e;
            }
            let _ = fs::write(
                dir.join("reference.json"),
                serde_json::to_string_pretty(prev).unwrap_or_default(),
            );
        }
    }
}

/// One reference run of method `m` on input `kind` (`text` or `aimodel`), its output decoded
/// by our `--coreai-decompress` and scored.
fn run_reference_one(
    a: &Args,
    spec: &ModelSpec,
    dir: &Path,
    runs: &Path,
    script: &Path,
    kind: &str,
    m: &Method,
) -> Value {
    let io = io_for(kind, dir);
    let tag = if kind == "aimodel" {
        format!("{}.aimodel", m.key)
    } else {
        m.key.to_string()
    };
    {
        let out = runs.join(format!("{}.ref.{}", m.key, io.ext));
        let timing = runs.join(format!("{tag}.timing.json"));
        let _ = fs::remove_file(&timing);
        aimodel::remove_output(&out);
        log(&format!("reference {tag} ..."));
        let r = measure(
            Command::new(&a.python)
                .arg(script)
                .arg(&io.src)
                .arg(&out)
                .arg(&timing)
                .arg(m.ref_fn)
                .arg(m.ref_kwargs),
            &runs.join(format!("{tag}.stderr")),
        );
        let mut e = match r {
            Ok(r) => {
                let t: Value = fs::read_to_string(&timing)
                    .ok()
                    .and_then(|s| serde_json::from_str(&s).ok())
                    .unwrap_or_else(|| json!({"ok": false, "error": r.stderr.clone()}));
                let mut e = t.clone();
                e["process_wall_s"] = json!(r.wall_s);
                e["process_max_rss_bytes"] = json!(r.max_rss);
                e["exit_code"] = json!(r.code);
                e
            }
            Err(err) => json!({"ok": false, "error": err.to_string()}),
        };
        if e["ok"] == json!(true) {
            // Decode its output with our --coreai-decompress and score it.
            let dec = runs.join(format!("{tag}.ref.decoded.mlir"));
            let d = measure(
                opt_cmd(a)
                    .arg(&out)
                    .arg("--coreai-decompress")
                    .arg("-o")
                    .arg(&dec),
                &runs.join(format!("{tag}.decompress.stderr")),
            )
            .expect("run");
            if d.ok() {
                match mlirtext::score_program(&dec, spec) {
                    Ok(t) => {
                        e["snr_db"] = json!(t.snr_db());
                        e["max_abs_error"] = json!(t.max_abs);
                    }
                    Err(err) => e["score_error"] = json!(err),
                }
            } else {
                e["score_error"] = json!(d.stderr);
            }
            e["output_bytes"] = json!(aimodel::output_bytes(&out));
            let _ = fs::remove_file(&dec);
        }
        if !a.keep {
            aimodel::remove_output(&out);
        }
        log(&format!(
            "reference {tag:22}: {} pass {:.2} s, load+pass+save {:.2} s, SNR {:.2} dB, peak RSS {:.0} MB",
            if e["ok"] == json!(true) {
                "ok"
            } else {
                "FAILED"
            },
            e["pass_s"].as_f64().unwrap_or(f64::NAN),
            e["total_s"].as_f64().unwrap_or(f64::NAN),
            e["snr_db"].as_f64().unwrap_or(f64::NAN),
            mb(e["process_max_rss_bytes"].as_u64().unwrap_or(0))
        ));
        e
    }
}

fn f(v: &Value, digits: usize) -> String {
    v.as_f64().map_or("–".into(), |x| format!("{x:.digits$}"))
}

fn ratio(num: Option<f64>, den: Option<f64>) -> String {
    match (num, den) {
        (Some(n), Some(d)) if d > 0.0 => format!("{:.1}×", n / d),
        _ => "–".into(),
    }
}

fn render(
    spec: &ModelSpec,
    floor: &bandwidth::Floor,
    generation: &Value,
    ours: &Value,
    reference: &Value,
) -> String {
    let wb = spec.weight_bytes() as f64;
    let fl = floor.floor_s();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## coreai-bench: set `{}` — {} weights, {:.1} M params, {:.1} MB f16\n",
        spec.name,
        spec.weights().len(),
        spec.params() as f64 / 1e6,
        wb / 1e6
    );
    let _ = writeln!(
        s,
        "Bandwidth floor (read + write of {:.1} MB): **{:.4} s** ({:.1} GB/s traffic; 1 thread {:.4} s, all threads {:.4} s; into a fresh allocation {:.4} s; read only {:.4} s).\n",
        wb / 1e6,
        fl,
        floor.gbps(),
        floor.copy_1t_s,
        floor.copy_mt_s,
        floor.copy_fresh_s,
        floor.read_s
    );
    if let Some(g) = generation.as_object() {
        let c = &g["text_to_bytecode"];
        let _ = writeln!(
            s,
            "Input: text {:.1} MB (generated in {} s), bytecode {:.1} MB. Text → bytecode conversion: {} s (parse {} s), peak RSS {:.0} MB ({:.2}× W).\n",
            mb(g["text_bytes"].as_u64().unwrap_or(0)),
            f(&g["generate_text_s"], 2),
            mb(g["bytecode_bytes"].as_u64().unwrap_or(0)),
            f(&c["wall_s"], 2),
            f(&c["parse_s"], 2),
            mb(c["max_rss_bytes"].as_u64().unwrap_or(0)),
            c["max_rss_bytes"].as_u64().unwrap_or(0) as f64 / wb
        );
    }
    let base = &ours["baseline"];
    let _ = writeln!(s, "I/O baseline (no pass, best of runs):\n");
    let _ = writeln!(
        s,
        "| path | e2e s | parse s | output s | peak RSS MB | RSS ÷ W |\n|---|---|---|---|---|---|"
    );
    for (k, label) in [("bytecode", "bytecode → bytecode"), ("text", "text → text")] {
        let b = &base[k];
        if b.is_null() {
            continue;
        }
        let rss = b["max_rss_bytes"].as_u64().unwrap_or(0);
        let _ = writeln!(
            s,
            "| {label} | {} | {} | {} | {:.0} | {:.2} |",
            f(&b["wall_s_min"], 3),
            f(&b["parse_s_min"], 3),
            f(&b["output_s_min"], 3),
            mb(rss),
            rss as f64 / wb
        );
    }
    let _ = writeln!(
        s,
        "\nOurs (`coreai-opt`, release; times are the best of the repeated runs; pass time from `--mlir-timing`; bits/weight and SNR from the `report=` JSON, SNR energy-weighted over all weights):\n"
    );
    let _ = writeln!(
        s,
        "| method | pass s | e2e bc→bc s | e2e text→text s | peak RSS bc MB (÷ W) | peak RSS text MB (÷ W) | bits/weight | SNR dB | pass ÷ floor | e2e bc ÷ floor | target (157M) |\n|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for m in METHODS {
        let e = &ours["methods"][m.key];
        if e.is_null() {
            continue;
        }
        let bc = &e["bytecode"];
        let tx = &e["text"];
        let pass = bc["pass_s_min"].as_f64().or(tx["pass_s_min"].as_f64());
        let rss = |v: &Value| {
            v["max_rss_bytes"].as_u64().map_or("–".into(), |r| {
                format!("{:.0} ({:.2})", mb(r), r as f64 / wb)
            })
        };
        let target = match (m.target_s, spec.name.as_str()) {
            (Some(t), "llm") => format!(
                "≤ {t} s {}",
                if pass.is_some_and(|p| p <= t) {
                    "✅"
                } else {
                    "❌"
                }
            ),
            (Some(t), _) => format!("(≤ {t} s at 157M)"),
            (None, _) if m.quantization => "≤ 3× floor".into(),
            _ => "–".into(),
        };
        let mut bad = String::new();
        for v in [bc, tx] {
            if v["loadback_ok"] == json!(false) {
                bad = " ⚠ output does not load back".into();
            }
            if v["ok"] == json!(false) {
                bad = " ⚠ FAILED".into();
            }
        }
        let _ = writeln!(
            s,
            "| {}{bad} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {target} |",
            m.label,
            pass.map_or("–".into(), |p| format!("{p:.3}")),
            f(&bc["wall_s_min"], 3),
            f(&tx["wall_s_min"], 3),
            rss(bc),
            rss(tx),
            f(&e["report"]["bits_per_weight"], 3),
            f(&e["report"]["snr_db"], 2),
            ratio(pass, Some(fl)),
            ratio(bc["wall_s_min"].as_f64(), Some(fl)),
        );
    }
    let verified: Vec<String> = METHODS
        .iter()
        .filter_map(|m| {
            let v = &ours["methods"][m.key]["bytecode"]["verify"];
            v["snr_db"]
                .as_f64()
                .map(|x| format!("{} {x:.2} dB", m.key))
                .or_else(|| v["error"].as_str().map(|e| format!("{} ERROR {e}", m.key)))
        })
        .collect();
    if !verified.is_empty() {
        let _ = writeln!(
            s,
            "\nSNR re-measured from the bytecode output decoded by `--coreai-decompress`: {}.",
            verified.join(", ")
        );
    }
    if reference.as_object().is_some_and(|o| !o.is_empty()) {
        let _ = writeln!(
            s,
            "\nReference (coreai-opt 0.4.0 on coreai-core, same weights, num_kmeans_workers=1; its output decoded by our `--coreai-decompress`; ratio = reference ÷ ours):\n"
        );
        let _ = writeln!(
            s,
            "| method | ref pass s | ours pass s | pass ratio | ref parse+pass+print s | ours e2e text→text s | e2e ratio | ref SNR dB | ours SNR dB | ref peak RSS MB |\n|---|---|---|---|---|---|---|---|---|---|"
        );
        for m in METHODS {
            let r = &reference[m.key];
            if r.is_null() {
                continue;
            }
            let e = &ours["methods"][m.key];
            let ours_pass = e["bytecode"]["pass_s_min"]
                .as_f64()
                .or(e["text"]["pass_s_min"].as_f64());
            let ours_e2e = e["text"]["wall_s_min"].as_f64();
            if r["ok"] != json!(true) {
                let err = r["error"].as_str().unwrap_or("failed");
                let err: String = err
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .trim()
                    .chars()
                    .take(90)
                    .collect();
                let _ = writeln!(
                    s,
                    "| {} | fails: `{}` | {} | – | – | {} | – | – | {} | {:.0} |",
                    m.label,
                    err.replace('|', "/"),
                    ours_pass.map_or("–".into(), |p| format!("{p:.3}")),
                    ours_e2e.map_or("–".into(), |p| format!("{p:.3}")),
                    f(&e["report"]["snr_db"], 2),
                    mb(r["process_max_rss_bytes"].as_u64().unwrap_or(0))
                );
                continue;
            }
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0} |",
                m.label,
                f(&r["pass_s"], 2),
                ours_pass.map_or("–".into(), |p| format!("{p:.3}")),
                ratio(r["pass_s"].as_f64(), ours_pass),
                f(&r["total_s"], 2),
                ours_e2e.map_or("–".into(), |p| format!("{p:.3}")),
                ratio(r["total_s"].as_f64(), ours_e2e),
                f(&r["snr_db"], 2),
                f(&e["report"]["snr_db"], 2),
                mb(r["process_max_rss_bytes"].as_u64().unwrap_or(0))
            );
        }
    }
    s
}

/// This process's current resident set (VmRSS), in bytes. Children are forked, so their
/// `ru_maxrss` can never be below this.
fn self_rss() -> Option<u64> {
    let s = fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs every method bytecode→bytecode with 1 and with `threads` rayon threads and compares
/// the outputs byte for byte. Returns the exit status: 0 when every pair is identical.
fn check_determinism(a: &Args, dir: &Path, threads: usize) -> i32 {
    let input = dir.join("model.mlirbc");
    let runs = dir.join("runs");
    fs::create_dir_all(&runs).expect("runs dir");
    let mut failed = 0;
    println!("| method | pass | 1 thread vs {threads} threads |");
    println!("|---|---|---|");
    for m in &a.methods {
        let mut outputs = Vec::new();
        for t in [1, threads] {
            let out = runs.join(format!("{}.t{t}.mlirbc", m.key));
            let status = opt_cmd(a)
                .env("RAYON_NUM_THREADS", t.to_string())
                .arg(&input)
                .arg(format!("--{}={}", m.pass, m.options))
                .arg("--emit-bytecode")
                .arg("-o")
                .arg(&out)
                .status()
                .expect("run coreai-opt");
            let bytes = if status.success() {
                fs::read(&out).ok()
            } else {
                None
            };
            let _ = fs::remove_file(&out);
            outputs.push(bytes);
        }
        let verdict = match (&outputs[0], &outputs[1]) {
            (Some(x), Some(y)) if x == y => format!("identical ({} bytes)", x.len()),
            (Some(_), Some(_)) => "DIFFERENT".to_string(),
            _ => "coreai-opt FAILED".to_string(),
        };
        if !verdict.starts_with("identical") {
            failed += 1;
        }
        println!("| {} | --{}=\"{}\" | {verdict} |", m.key, m.pass, m.options);
    }
    println!(
        "determinism: {} identical, {failed} failed",
        a.methods.len() - failed
    );
    i32::from(failed > 0)
}

fn main() {
    let a = parse_args();
    let Some(spec) = ModelSpec::named(&a.set, a.seed) else {
        eprintln!("unknown set {}", a.set);
        usage()
    };
    if !a.opt.exists() {
        eprintln!(
            "coreai-opt not found at {} (build it: cargo build --release -p coreai-opt, or pass --opt)",
            a.opt.display()
        );
        std::process::exit(1);
    }
    let dir = a.out.join(&spec.name);
    fs::create_dir_all(&dir).expect("output dir");
    let mut results = json!({
        "set": spec.name, "params": spec.params(), "weight_bytes": spec.weight_bytes(),
        "weights": spec.weights().iter().map(|w| json!({"name": w.name, "shape": w.shape, "transposed": w.transposed})).collect::<Vec<_>>(),
        "seed": spec.seed, "coreai_opt": a.opt.display().to_string(),
        "rayon_threads": rayon::current_num_threads(),
    });
    let energies = prepare(&a, &spec, &dir, &mut results);
    if let Some(threads) = a.determinism {
        std::process::exit(check_determinism(&a, &dir, threads));
    }
    let with_aimodel = a.inputs.iter().any(|i| i == "aimodel");
    if with_aimodel {
        match aimodel::prepare(&mut opt_cmd(&a), &dir) {
            Ok(v) => results["aimodel_asset"] = v,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }

    let cap = a.floor_cap_mb * 1_000_000;
    let wb = spec.weight_bytes();
    let mut floor = bandwidth::measure(wb.min(cap), 5);
    if wb > cap {
        // Scale linearly from the capped measurement (the copy is bandwidth-bound).
        let k = wb as f64 / cap as f64;
        floor.bytes = wb;
        floor.copy_1t_s *= k;
        floor.copy_mt_s *= k;
        floor.copy_fresh_s *= k;
        floor.read_s *= k;
        results["floor_extrapolated_from_bytes"] = json!(cap);
    }
    log(&format!(
        "bandwidth floor: {:.4} s for {:.1} MB read + write ({:.1} GB/s)",
        floor.floor_s(),
        mb(wb as u64),
        floor.gbps()
    ));
    results["bandwidth_floor"] = json!({
        "bytes": floor.bytes, "floor_s": floor.floor_s(), "gbps_read_plus_write": floor.gbps(),
        "copy_1t_s": floor.copy_1t_s, "copy_mt_s": floor.copy_mt_s,
        "copy_fresh_alloc_s": floor.copy_fresh_s, "read_only_s": floor.read_s,
    });

    if with_aimodel {
        let scratch = dir.join("runs");
        fs::create_dir_all(&scratch).expect("runs dir");
        match aimodel::file_copy(&dir, &scratch, 5) {
            Ok(v) => {
                log(&format!(
                    "file copy of main.mlirb: {:.4} s ({:.4} s with fsync)",
                    v["copy_s"].as_f64().unwrap_or(f64::NAN),
                    v["copy_fsync_s"].as_f64().unwrap_or(f64::NAN)
                ));
                results["file_copy"] = v;
            }
            Err(e) => log(&format!("file copy: {e}")),
        }
    }
    results["bench_rss_bytes_before_runs"] = json!(self_rss());
    let ours_path = dir.join("ours.json");
    let ours = if a.reference_only || a.skip_ours {
        fs::read_to_string(&ours_path)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(json!({}))
    } else {
        let o = run_ours(&a, &spec, &dir, &energies);
        fs::write(
            &ours_path,
            serde_json::to_string_pretty(&o).unwrap_or_default(),
        )
        .expect("write ours.json");
        o
    };
    let ref_path = dir.join("reference.json");
    let mut reference: Value = fs::read_to_string(&ref_path)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(json!({}));
    if a.reference {
        if a.python.exists() {
            run_reference(&a, &spec, &dir, &mut reference);
        } else {
            log(&format!(
                "reference python {} not found (run scripts/setup-reference.sh); skipping the reference",
                a.python.display()
            ));
        }
    }
    results["ours"] = ours.clone();
    results["reference"] = reference.clone();
    let md = render(
        &spec,
        &floor,
        &results["generation"].clone(),
        &ours,
        &reference,
    );
    let md = md
        + &aimodel::render(
            spec.weight_bytes() as f64,
            floor.floor_s(),
            &results,
            &ours,
            &reference,
        );
    fs::write(dir.join("results.md"), &md).expect("write results.md");
    fs::write(
        dir.join("results.json"),
        serde_json::to_string_pretty(&results).unwrap_or_default(),
    )
    .expect("write results.json");
    println!("{md}");
    log(&format!(
        "wrote {} and {}",
        dir.join("results.md").display(),
        dir.join("results.json").display()
    ));
}
