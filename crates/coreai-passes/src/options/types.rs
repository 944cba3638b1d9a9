//! The value types of pass options and the option declarations several passes share.

use super::{OptionDecl, OptionKind, OptionValue};
use coreai_compress::quantize::{QScheme, QuantDType};
use std::path::PathBuf;

/// `weight-num-threshold`, shared by the compression passes: weights with at most this many
/// elements are left alone (spec B.1).
pub const WEIGHT_NUM_THRESHOLD: OptionDecl<u64> = OptionDecl {
    name: "weight-num-threshold",
    default: 1024,
    help: "weights with at most this many elements are left alone",
    values: None,
};

/// The help of `report` in the compression passes.
const REPORT_HELP: &str = "write a JSON compression report to this file; `report` alone (or `report=true`) emits remarks, `report=false` nothing";

/// `report`, shared by the compression passes: off by default.
pub(crate) const REPORT: OptionDecl<Report> = OptionDecl {
    name: "report",
    default: Report::Off,
    help: REPORT_HELP,
    values: None,
};

/// A data type of spec A.1 (`DType`): the quantized types and the scale-only `fp8_e8m0fnu`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    /// `int2`.
    Int2,
    /// `uint2`.
    UInt2,
    /// `int4`.
    Int4,
    /// `uint4`.
    UInt4,
    /// `int8`.
    Int8,
    /// `uint8`.
    UInt8,
    /// `fp4_e2m1fn`.
    Fp4E2M1fn,
    /// `fp8_e4m3fn`.
    Fp8E4M3fn,
    /// `fp8_e5m2`.
    Fp8E5M2,
    /// `fp8_e8m0fnu` (MX scales only).
    Fp8E8M0fnu,
}

impl DType {
    /// Every data type, in spec order.
    pub const ALL: [DType; 10] = [
        DType::Int2,
        DType::UInt2,
        DType::Int4,
        DType::UInt4,
        DType::Int8,
        DType::UInt8,
        DType::Fp4E2M1fn,
        DType::Fp8E4M3fn,
        DType::Fp8E5M2,
        DType::Fp8E8M0fnu,
    ];

    const NAMES: [&'static str; 10] = [
        "int2",
        "uint2",
        "int4",
        "uint4",
        "int8",
        "uint8",
        "fp4_e2m1fn",
        "fp8_e4m3fn",
        "fp8_e5m2",
        "fp8_e8m0fnu",
    ];

    /// The spec name, e.g. `fp8_e4m3fn`.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The quantized data type, `None` for the scale-only `fp8_e8m0fnu`.
    pub fn quant(self) -> Option<QuantDType> {
        QuantDType::from_name(self.name())
    }
}

impl From<QuantDType> for DType {
    fn from(d: QuantDType) -> Self {
        DType::ALL
            .into_iter()
            .find(|x| x.name() == d.name())
            .unwrap_or(DType::Fp8E8M0fnu)
    }
}

impl OptionValue for DType {
    const KIND: OptionKind = OptionKind::Enum;
    fn parse_text(text: &str) -> Option<Self> {
        DType::ALL.into_iter().find(|d| d.name() == text)
    }
    fn to_text(&self) -> String {
        self.name().to_string()
    }
    fn names() -> &'static [&'static str] {
        &Self::NAMES
    }
}

/// Compression granularity (spec A.1 `CompressionGranularity`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    /// One scale (or LUT) for the whole tensor.
    PerTensor,
    /// One per output channel.
    PerChannel,
    /// Blocks of `block-size` along the input axis (quantization only).
    PerBlock,
    /// Groups of `group-size` output channels (palettization only).
    PerGroupedChannel,
}

impl Granularity {
    const ALL: [Granularity; 4] = [
        Granularity::PerTensor,
        Granularity::PerChannel,
        Granularity::PerBlock,
        Granularity::PerGroupedChannel,
    ];

    const NAMES: [&'static str; 4] = [
        "per_tensor",
        "per_channel",
        "per_block",
        "per_grouped_channel",
    ];

    /// The spec name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

impl OptionValue for Granularity {
    const KIND: OptionKind = OptionKind::Enum;
    fn parse_text(text: &str) -> Option<Self> {
        Granularity::ALL.into_iter().find(|g| g.name() == text)
    }
    fn to_text(&self) -> String {
        self.name().to_string()
    }
    fn names() -> &'static [&'static str] {
        &Self::NAMES
    }
}

impl OptionValue for QScheme {
    const KIND: OptionKind = OptionKind::Enum;
    fn parse_text(text: &str) -> Option<Self> {
        QScheme::from_name(text)
    }
    fn to_text(&self) -> String {
        self.name().to_string()
    }
    fn names() -> &'static [&'static str] {
        &["symmetric", "asymmetric"]
    }
}

/// Where a pass reports what it did (the `report` option).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Report {
    /// No report (`report=false`).
    #[default]
    Off,
    /// One remark per weight (`report` alone, or `report=true`).
    Remarks,
    /// A JSON report written to this file (`report=<file>`; the names `true` and `false` need
    /// a directory, e.g. `./true`).
    Json(PathBuf),
}

impl OptionValue for Report {
    const KIND: OptionKind = OptionKind::Path;
    fn parse_text(text: &str) -> Option<Self> {
        Some(match text {
            "" | "true" => Report::Remarks,
            "false" => Report::Off,
            path => Report::Json(PathBuf::from(path)),
        })
    }
    fn to_text(&self) -> String {
        match self {
            Report::Off => "false".into(),
            Report::Remarks => "true".into(),
            Report::Json(path) => path.to_string_lossy().into_owned(),
        }
    }
}

impl OptionValue for String {
    const KIND: OptionKind = OptionKind::Path;
    fn parse_text(text: &str) -> Option<Self> {
        Some(text.to_string())
    }
    fn to_text(&self) -> String {
        self.clone()
    }
}

impl OptionValue for bool {
    const KIND: OptionKind = OptionKind::Bool;
    fn parse_text(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "on" | "yes" => Some(true),
            "false" | "0" | "off" | "no" => Some(false),
            _ => None,
        }
    }
    fn to_text(&self) -> String {
        self.to_string()
    }
}

macro_rules! unsigned_option {
    ($($t:ty),*) => {$(
        impl OptionValue for $t {
            const KIND: OptionKind = OptionKind::UInt;
            fn parse_text(text: &str) -> Option<Self> {
                text.trim().parse::<u64>().ok().and_then(|v| <$t>::try_from(v).ok())
            }
            fn to_text(&self) -> String {
                self.to_string()
            }
        }
    )*};
}

unsigned_option!(u32, u64, usize);

impl OptionValue for f64 {
    const KIND: OptionKind = OptionKind::Float;
    fn parse_text(text: &str) -> Option<Self> {
        text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
    }
    fn to_text(&self) -> String {
        self.to_string()
    }
}

impl OptionValue for Vec<u64> {
    const KIND: OptionKind = OptionKind::UIntList;
    fn parse_text(text: &str) -> Option<Self> {
        if text.trim().is_empty() {
            return Some(Vec::new());
        }
        text.split(',').map(|x| x.trim().parse().ok()).collect()
    }
    fn to_text(&self) -> String {
        self.iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl<T: OptionValue> OptionValue for Option<T> {
    const KIND: OptionKind = T::KIND;
    fn parse_text(text: &str) -> Option<Self> {
        if text.trim().eq_ignore_ascii_case("none") {
            Some(None)
        } else {
            T::parse_text(text).map(Some)
        }
    }
    fn to_text(&self) -> String {
        self.as_ref().map_or_else(|| "none".into(), T::to_text)
    }
    fn names() -> &'static [&'static str] {
        T::names()
    }
    fn takes_none() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_spec() {
        for d in DType::ALL {
            assert_eq!(DType::parse_text(d.name()), Some(d));
            assert_eq!(
                d.quant().map(DType::from),
                (d != DType::Fp8E8M0fnu).then_some(d)
            );
        }
        assert_eq!(DType::Fp8E8M0fnu.quant(), None);
        assert_eq!(Granularity::PerGroupedChannel.name(), "per_grouped_channel");
        assert_eq!(<Option<u32>>::parse_text("NONE"), Some(None));
        assert_eq!(<u32>::parse_text("4294967296"), None);
        assert_eq!(<f64>::parse_text("nan"), None);
        assert_eq!(Report::parse_text(""), Some(Report::Remarks));
        assert_eq!(Report::parse_text("false"), Some(Report::Off));
    }
}
