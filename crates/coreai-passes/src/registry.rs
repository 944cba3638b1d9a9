//! The pass list, and its registration in MLIR's pass registry so that
//! `--coreai-quantize="..."` and `--pass-pipeline="builtin.module(coreai-quantize{...})"` work
//! in `coreai-opt` like any upstream pass.
//!
//! MLIR 22's C API cannot register an external pass by name, so the C++ shim registers a pass
//! pipeline per pass whose callback calls back into Rust, which parses the options and returns
//! the pass, or reports the option error (see `ir::register_pass_factory`).

use crate::{decompress, ir, palettize, pass::PassInfo, quantize, report_pass, sparsify};
use std::sync::Once;

/// Every pass of this crate, in documentation order.
pub fn passes() -> &'static [&'static PassInfo] {
    static PASSES: &[&PassInfo] = &[
        &quantize::INFO,
        &palettize::INFO,
        &sparsify::INFO,
        &decompress::INFO,
        &report_pass::INFO,
    ];
    PASSES
}

/// Registers every pass in MLIR's global pass registry (idempotent).
pub fn register_passes() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for info in passes() {
            ir::register_pass_factory(*info, &info.help());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        decompress::DecompressOptions,
        options::{DType, Granularity, PassOptions, Report},
        palettize::PalettizeOptions,
        quantize::QuantizeOptions,
        report_pass::ReportOptions,
        sparsify::SparsifyOptions,
    };
    use coreai_compress::quantize::QScheme;

    /// A small deterministic generator (SplitMix64).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn pick<T: Clone>(&mut self, items: &[T]) -> T {
            items[(self.next() % items.len() as u64) as usize].clone()
        }
        fn uint(&mut self) -> u64 {
            let random = self.next();
            self.pick(&[
                0,
                1,
                2,
                3,
                4,
                7,
                8,
                16,
                32,
                1024,
                u64::from(u32::MAX),
                random,
            ])
        }
        fn opt<T>(&mut self, v: T) -> Option<T> {
            (!self.next().is_multiple_of(3)).then_some(v)
        }
        fn float(&mut self) -> f64 {
            self.pick(&[
                0.0,
                0.5,
                1.0,
                0.1,
                1e-7,
                0.333_333_333_333_333_3,
                1.5,
                -0.25,
                123_456.789,
            ])
        }
        fn report(&mut self) -> Report {
            self.pick(&[
                Report::Off,
                Report::Remarks,
                Report::Json("r.json".into()),
                Report::Json("dir with space/out report.json".into()),
                Report::Json("it's.json".into()),
                Report::Json("{braces}.json".into()),
                Report::Json("a=b.json".into()),
            ])
        }
        fn dtype(&mut self) -> DType {
            self.pick(&DType::ALL)
        }
        fn granularity(&mut self) -> Granularity {
            self.pick(&[
                Granularity::PerTensor,
                Granularity::PerChannel,
                Granularity::PerBlock,
                Granularity::PerGroupedChannel,
            ])
        }
    }

    fn round_trip<O: PassOptions>(o: &O) {
        let text = o.to_option_string();
        let back = O::from_option_string(&text)
            .unwrap_or_else(|e| panic!("{text} does not parse back: {e}"));
        assert_eq!(&back, o, "{text}");
        // The same text through MLIR's pipeline syntax: braces around it parse the same.
        assert_eq!(O::from_option_string(&format!(" {text} ")).as_ref(), Ok(o));
    }

    /// Every options type prints itself as an option string that parses back to an equal
    /// value, for many option values (including ones `check()` rejects: printing must not
    /// depend on validity).
    #[test]
    fn option_strings_round_trip() {
        let mut r = Rng(17);
        for _ in 0..400 {
            round_trip(&QuantizeOptions {
                dtype: r.dtype(),
                qscheme: r.pick(&[QScheme::Symmetric, QScheme::Asymmetric]),
                granularity: r.granularity(),
                block_size: r.uint() as usize,
                weight_num_threshold: r.uint(),
                scale_dtype: {
                    let d = r.dtype();
                    r.opt(d)
                },
                report: r.report(),
            });
            round_trip(&PalettizeOptions {
                n_bits: r.uint() as u32,
                lut_dtype: {
                    let d = r.pick(&[DType::Int8, DType::UInt8, DType::Fp8E4M3fn, DType::Fp8E5M2]);
                    r.opt(d)
                },
                granularity: r.pick(&[
                    Granularity::PerTensor,
                    Granularity::PerChannel,
                    Granularity::PerGroupedChannel,
                    Granularity::PerBlock,
                ]),
                group_size: r.uint() as usize,
                cluster_dim: r.uint() as usize,
                enable_per_channel_scale: r.next().is_multiple_of(2),
                weight_num_threshold: r.uint(),
                num_kmeans_workers: r.uint() as usize,
                enable_fast_kmeans_mode: r.next().is_multiple_of(2),
                rounding_precision: r.uint() as u32,
                report: r.report(),
            });
            round_trip(&SparsifyOptions {
                target_sparsity: {
                    let f = r.float();
                    r.opt(f)
                },
                block_size: {
                    let b = r.uint() as usize;
                    r.opt(b)
                },
                n_m_ratio: {
                    let len = r.pick(&[0usize, 1, 2, 2, 2, 3]);
                    let v = (0..len).map(|_| r.uint()).collect();
                    r.opt(v)
                },
                quantize_dtype: {
                    let d = r.pick(&[DType::Int8, DType::UInt8, DType::Fp8E4M3fn, DType::Fp8E5M2]);
                    r.opt(d)
                },
                palettize_nbits: {
                    let b = r.uint() as u32;
                    r.opt(b)
                },
                weight_num_threshold: r.uint(),
                report: r.report(),
            });
            round_trip(&ReportOptions {
                original: r.pick(&[String::new(), "model.mlir".into(), "my model.mlirbc".into()]),
                weight_num_threshold: r.uint(),
                report: r.report(),
            });
        }
        round_trip(&DecompressOptions::default());
        assert_eq!(DecompressOptions::default().to_option_string(), "");
    }

    /// Defaults print as the documented option string.
    #[test]
    fn default_option_strings() {
        assert_eq!(
            QuantizeOptions::default().to_option_string(),
            "dtype=int8 qscheme=symmetric granularity=per_channel block-size=32 weight-num-threshold=1024 scale-dtype=none report=false"
        );
        assert_eq!(
            SparsifyOptions::default().to_option_string(),
            "target-sparsity=0.5 block-size=none n-m-ratio=none quantize-dtype=none palettize-nbits=none weight-num-threshold=1024 report=false"
        );
        // n-m-ratio alone implies target-sparsity=none.
        let nm = SparsifyOptions::from_option_string("n-m-ratio=2,4").unwrap();
        assert_eq!(
            (nm.target_sparsity, nm.n_m_ratio.as_deref()),
            (None, Some(&[2, 4][..]))
        );
        assert!(nm.check().is_ok());
    }

    /// The option tables are introspectable: every pass lists its options with kind,
    /// default text, help and allowed values, and the default text parses to the default.
    #[test]
    fn option_tables_describe_every_option() {
        for info in passes() {
            let table = (info.options)();
            for spec in table {
                assert!(!spec.help.is_empty(), "{}: {}", info.argument, spec.name);
                let text = crate::options::option_text(spec.name, &spec.default);
                let created = (info.create)(&text);
                assert!(
                    created.is_ok(),
                    "{}: {text}: {:?}",
                    info.argument,
                    created.err()
                );
            }
        }
        let q = QuantizeOptions::table();
        let names: Vec<&str> = q.iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            [
                "dtype",
                "qscheme",
                "granularity",
                "block-size",
                "weight-num-threshold",
                "scale-dtype",
                "report"
            ]
        );
        assert_eq!(q[0].values.len(), 10);
        assert_eq!(q[4].default, "1024");
        assert_eq!(PalettizeOptions::table()[2].values[3], "per_block");
    }
}
