//! The benchmarked compression methods: our pass pipeline and the equivalent reference call.

/// One method.
#[derive(Clone, Debug)]
pub struct Method {
    /// Short key (file names, `--methods`).
    pub key: &'static str,
    /// Table label.
    pub label: &'static str,
    /// Pass name (`coreai-quantize`, ...).
    pub pass: &'static str,
    /// Pass options.
    pub options: &'static str,
    /// Reference function (`quantize`, `palettize`, `sparsify`).
    pub ref_fn: &'static str,
    /// Reference keyword arguments (JSON object).
    pub ref_kwargs: &'static str,
    /// Target pass time for the 157M set, seconds (from the issue), if any.
    pub target_s: Option<f64>,
    /// Whether this is a linear quantization (checked against 3× the bandwidth floor).
    pub quantization: bool,
}

impl Method {
    /// `--coreai-...="options report=FILE"`.
    pub fn pass_arg(&self, report: Option<&str>) -> String {
        match report {
            Some(r) => format!("--{}={} report={r}", self.pass, self.options),
            None => format!("--{}={}", self.pass, self.options),
        }
    }
}

/// Every method, in table order.
pub const METHODS: &[Method] = &[
    Method {
        key: "int8",
        label: "int8 per-channel",
        pass: "coreai-quantize",
        options: "dtype=int8 granularity=per_channel",
        ref_fn: "quantize",
        ref_kwargs: r#"{"dtype": "int8", "granularity": "per_channel"}"#,
        target_s: Some(0.25),
        quantization: true,
    },
    Method {
        key: "int4-b32",
        label: "int4 per-block 32",
        pass: "coreai-quantize",
        options: "dtype=int4 granularity=per_block block-size=32",
        ref_fn: "quantize",
        ref_kwargs: r#"{"dtype": "int4", "granularity": "per_block", "block_size": 32}"#,
        target_s: Some(0.3),
        quantization: true,
    },
    Method {
        key: "fp8-b32-e8m0",
        label: "fp8 e4m3 per-block 32, E8M0 scale",
        pass: "coreai-quantize",
        options: "dtype=fp8_e4m3fn granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu",
        ref_fn: "quantize",
        ref_kwargs: r#"{"dtype": "fp8_e4m3fn", "granularity": "per_block", "block_size": 32, "scale_dtype": "fp8_e8m0fnu"}"#,
        target_s: None,
        quantization: true,
    },
    Method {
        key: "pal4",
        label: "palettize 4-bit per-tensor",
        pass: "coreai-palettize",
        options: "n-bits=4 granularity=per_tensor",
        ref_fn: "palettize",
        ref_kwargs: r#"{"n_bits": 4, "granularity": "per_tensor"}"#,
        target_s: Some(1.0),
        quantization: false,
    },
    Method {
        key: "pal4-g16",
        label: "palettize 4-bit grouped 16",
        pass: "coreai-palettize",
        options: "n-bits=4 granularity=per_grouped_channel group-size=16",
        ref_fn: "palettize",
        ref_kwargs: r#"{"n_bits": 4, "granularity": "per_grouped_channel", "group_size": 16}"#,
        target_s: Some(1.5),
        quantization: false,
    },
    Method {
        key: "pal8",
        label: "palettize 8-bit per-tensor",
        pass: "coreai-palettize",
        options: "n-bits=8 granularity=per_tensor",
        ref_fn: "palettize",
        ref_kwargs: r#"{"n_bits": 8, "granularity": "per_tensor"}"#,
        target_s: Some(1.5),
        quantization: false,
    },
    Method {
        key: "pal4-pcs",
        label: "palettize 4-bit + per-channel scale",
        pass: "coreai-palettize",
        options: "n-bits=4 granularity=per_tensor enable-per-channel-scale=true",
        ref_fn: "palettize",
        ref_kwargs: r#"{"n_bits": 4, "granularity": "per_tensor", "enable_per_channel_scale": true}"#,
        target_s: Some(1.5),
        quantization: false,
    },
    Method {
        key: "pal3",
        label: "palettize 3-bit per-tensor",
        pass: "coreai-palettize",
        options: "n-bits=3 granularity=per_tensor",
        ref_fn: "palettize",
        ref_kwargs: r#"{"n_bits": 3, "granularity": "per_tensor"}"#,
        target_s: None,
        quantization: false,
    },
    Method {
        key: "prune50",
        label: "prune 50%",
        pass: "coreai-sparsify",
        options: "target-sparsity=0.5",
        ref_fn: "sparsify",
        ref_kwargs: r#"{"target_sparsity": 0.5}"#,
        target_s: Some(0.5),
        quantization: false,
    },
    Method {
        key: "prune50-int8",
        label: "prune 50% + int8",
        pass: "coreai-sparsify",
        options: "target-sparsity=0.5 quantize-dtype=int8",
        ref_fn: "sparsify",
        ref_kwargs: r#"{"target_sparsity": 0.5, "quantize_dtype": "int8"}"#,
        target_s: Some(0.6),
        quantization: false,
    },
    Method {
        key: "prune50-pal4",
        label: "prune 50% + 4-bit palettization",
        pass: "coreai-sparsify",
        options: "target-sparsity=0.5 palettize-nbits=4",
        ref_fn: "sparsify",
        ref_kwargs: r#"{"target_sparsity": 0.5, "palettize_nbits": 4}"#,
        target_s: Some(1.0),
        quantization: false,
    },
];
