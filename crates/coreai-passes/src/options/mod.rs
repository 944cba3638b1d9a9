//! Typed pass options, declared once per option.
//!
//! Each pass declares its options type with [`pass_options!`]: one line per option holds the
//! Rust field, its type, and an [`OptionDecl`] with the command-line name, the default, the
//! help and (for enums) the allowed values. That single declaration generates:
//! - the public options struct (plain fields: what users build) and its [`Default`];
//! - the parser of MLIR's option syntax ([`PassOptions::from_option_string`]) and the
//!   canonical printer ([`PassOptions::to_option_string`]), which round-trip;
//! - the run-time option table ([`PassOptions::table`]: name, kind, default text, help,
//!   allowed values) behind `--help`, the generated `docs/passes.md` and language bindings.
//!
//! Validation is separate and typed, as in linfa: `check()` turns the options into the
//! pass's config, whose fields are private (spec A; the messages are the ones the lit tests
//! and the conformance suite expect).
//!
//! The syntax is MLIR's: space-separated `key=value` pairs (`key` alone means `key=true`, or
//! an empty value for a path), lists comma-separated, values optionally quoted with `'`, `"`
//! or `{}`. Keys accept `-` and `_` alike, and so do enum values (`per_block` = `per-block`).
//! Optional options take `none` for "not set".

mod types;

pub(crate) use types::REPORT;
pub use types::{DType, Granularity, Report, WEIGHT_NUM_THRESHOLD};

use std::fmt;

/// The type of an option value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    /// `true`/`false` (a bare key means `true`).
    Bool,
    /// A non-negative integer.
    UInt,
    /// A finite floating-point number.
    Float,
    /// One of a fixed set of names (canonical spelling with `_`).
    Enum,
    /// A comma-separated list of non-negative integers.
    UIntList,
    /// A file path (a bare key gives the empty path).
    Path,
}

impl OptionKind {
    /// What a value of this kind must look like, as error messages say it.
    pub fn expects(self) -> &'static str {
        match self {
            OptionKind::Bool => "true or false",
            OptionKind::UInt => "an unsigned integer",
            OptionKind::Float => "a finite number or none",
            OptionKind::Enum => "one of the allowed values",
            OptionKind::UIntList => "a comma-separated list of unsigned integers",
            OptionKind::Path => "a path",
        }
    }

    /// A short name of the kind, for documentation and bindings.
    pub fn name(self) -> &'static str {
        match self {
            OptionKind::Bool => "bool",
            OptionKind::UInt => "unsigned",
            OptionKind::Float => "float",
            OptionKind::Enum => "enum",
            OptionKind::UIntList => "list",
            OptionKind::Path => "path",
        }
    }
}

/// A value type of pass options: how it is parsed from and printed to option text.
pub trait OptionValue: Sized + Clone {
    /// The kind of the values.
    const KIND: OptionKind;
    /// Parses a value; enum names arrive normalised (lower case, `_`). `None` if the text is
    /// not a value of this type (the caller reports it with [`OptionKind::expects`]).
    fn parse_text(text: &str) -> Option<Self>;
    /// The canonical text of the value, as [`OptionValue::parse_text`] reads it back.
    fn to_text(&self) -> String;
    /// The allowed names of an enum type, in documentation order (empty for other kinds).
    fn names() -> &'static [&'static str] {
        &[]
    }
    /// True if `none` parses to "not set" (the `Option` types).
    fn takes_none() -> bool {
        false
    }
}

/// The declaration of one option of type `T`.
#[derive(Clone, Debug)]
pub struct OptionDecl<T> {
    /// Kebab-case name, e.g. `block-size`.
    pub name: &'static str,
    /// The default value.
    pub default: T,
    /// One-line help.
    pub help: &'static str,
    /// Allowed names of an enum option, if narrower than its type's; in message order.
    pub values: Option<&'static [&'static str]>,
}

/// One row of an option table, for `--help`, the docs and bindings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionSpec {
    /// Kebab-case name, e.g. `block-size`.
    pub name: &'static str,
    /// Value type.
    pub kind: OptionKind,
    /// The default, as option text.
    pub default: String,
    /// One-line help.
    pub help: &'static str,
    /// Allowed values of an enum option (empty for other kinds).
    pub values: &'static [&'static str],
    /// Whether `none` means "not set".
    pub takes_none: bool,
}

impl OptionSpec {
    /// The row of `decl`.
    pub fn of<T: OptionValue>(decl: &OptionDecl<T>) -> Self {
        OptionSpec {
            name: decl.name,
            kind: T::KIND,
            default: decl.default.to_text(),
            help: decl.help,
            values: decl.values.unwrap_or_else(T::names),
            takes_none: T::takes_none(),
        }
    }
}

/// An invalid option string or value; the message is MLIR-style and names the pass.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{pass}: {message}")]
pub struct OptionError {
    /// The pass argument, e.g. `coreai-quantize`.
    pub pass: String,
    /// What is wrong.
    pub message: String,
}

impl OptionError {
    /// An error of `pass`.
    pub fn new(pass: &str, message: impl fmt::Display) -> Self {
        OptionError {
            pass: pass.to_string(),
            message: message.to_string(),
        }
    }
}

/// The options type of a pass, generated by [`pass_options!`].
pub trait PassOptions: Default + Clone + PartialEq + fmt::Debug + Sized {
    /// The pass argument, e.g. `coreai-quantize`.
    const PASS: &'static str;
    /// The option table, in declaration order.
    fn table() -> &'static [OptionSpec];
    /// Parses MLIR option text on top of the defaults: names, syntax and allowed values only
    /// (consistency is `check()`'s job).
    ///
    /// # Errors
    /// An [`OptionError`] for an unknown option or a malformed value.
    fn from_option_string(text: &str) -> Result<Self, OptionError>;
    /// Every option in declaration order as `key=value`, values quoted where needed; parsing
    /// it with [`PassOptions::from_option_string`] gives back an equal value.
    fn to_option_string(&self) -> String;
}

/// Declares a pass's options type: see the module docs.
///
/// ```ignore
/// pass_options! {
///     /// Options of `--coreai-x`.
///     pub struct XOptions for "coreai-x" {
///         /// Bits per index.
///         n_bits: u32 = OptionDecl { name: "n-bits", default: 4, help: "index width", values: None },
///         weight_num_threshold: u64 = WEIGHT_NUM_THRESHOLD,
///     }
///     implied: fn_adjusting_defaults_from_the_options_given;   // optional
/// }
/// ```
macro_rules! pass_options {
    (
        $(#[$meta:meta])*
        pub struct $name:ident for $pass:literal {
            $(
                $(#[$fmeta:meta])*
                $field:ident : $ty:ty = $decl:expr
            ),* $(,)?
        }
        $(implied: $implied:path;)?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
        }

        impl $name {
            $(
                #[allow(dead_code)]
                fn $field() -> $crate::options::OptionDecl<$ty> {
                    $decl
                }
            )*
        }

        impl Default for $name {
            fn default() -> Self {
                $name {
                    $($field: Self::$field().default,)*
                }
            }
        }

        impl $crate::options::PassOptions for $name {
            const PASS: &'static str = $pass;

            fn table() -> &'static [$crate::options::OptionSpec] {
                static TABLE: ::std::sync::OnceLock<Vec<$crate::options::OptionSpec>> =
                    ::std::sync::OnceLock::new();
                TABLE.get_or_init(|| vec![$($crate::options::OptionSpec::of(&Self::$field()),)*])
            }

            #[allow(unused_mut, unused_variables)]
            fn from_option_string(text: &str) -> Result<Self, $crate::options::OptionError> {
                let mut options = Self::default();
                let mut given: Vec<&'static str> = Vec::new();
                for (key, value) in $crate::options::tokens($pass, text)? {
                    $(
                        let decl = Self::$field();
                        if key == decl.name {
                            options.$field = $crate::options::parse_value($pass, &decl, value)?;
                            given.push(decl.name);
                            continue;
                        }
                    )*
                    return Err($crate::options::unknown_option($pass, &key, Self::table()));
                }
                $($implied(&mut options, &given);)?
                Ok(options)
            }

            fn to_option_string(&self) -> String {
                let parts: Vec<String> = vec![$(
                    $crate::options::option_text(
                        Self::$field().name,
                        &$crate::options::OptionValue::to_text(&self.$field),
                    ),
                )*];
                parts.join(" ")
            }
        }
    };
}

pub(crate) use pass_options;

/// The normalised key of an option.
fn normalise_key(key: &str) -> String {
    key.trim().replace('_', "-")
}

/// The canonical spelling of an enum value.
fn normalise_enum(value: &str) -> String {
    value.trim().to_ascii_lowercase().replace('-', "_")
}

/// Splits option text into `(key, value)` pairs (`None` for a bare key), honouring quotes and
/// braces.
#[doc(hidden)]
pub fn tokens(pass: &str, text: &str) -> Result<Vec<(String, Option<String>)>, OptionError> {
    Ok(tokenize(pass, text)?
        .into_iter()
        .map(|token| match token.split_once('=') {
            Some((k, v)) => (normalise_key(k), Some(v.to_string())),
            None => (normalise_key(&token), None),
        })
        .collect())
}

/// Splits an option string at top-level whitespace, honouring quotes and braces.
fn tokenize(pass: &str, text: &str) -> Result<Vec<String>, OptionError> {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                continue;
            }
            Some(_) => {
                cur.push(c);
                continue;
            }
            None => {}
        }
        match c {
            '\'' | '"' if depth == 0 => quote = Some(c),
            '{' => {
                if depth > 0 {
                    cur.push(c);
                }
                depth += 1;
            }
            '}' => {
                if depth == 0 {
                    return Err(OptionError::new(
                        pass,
                        format!("unbalanced '}}' in options '{text}'"),
                    ));
                }
                depth -= 1;
                if depth > 0 {
                    cur.push(c);
                }
            }
            c if c.is_whitespace() && depth == 0 => {
                if !cur.is_empty() {
                    tokens.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if quote.is_some() || depth > 0 {
        return Err(OptionError::new(
            pass,
            format!("unterminated quote or brace in options '{text}'"),
        ));
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
    Ok(tokens)
}

/// The error for an option `key` that `table` does not have.
#[doc(hidden)]
pub fn unknown_option(pass: &str, key: &str, table: &[OptionSpec]) -> OptionError {
    let known: Vec<&str> = table.iter().map(|s| s.name).collect();
    let list = if known.is_empty() {
        format!("{pass} takes no options")
    } else {
        format!("options: {}", known.join(", "))
    };
    OptionError::new(pass, format!("no such option '{key}' ({list})"))
}

/// Parses the value of the option `decl` (`None` for a bare key).
#[doc(hidden)]
pub fn parse_value<T: OptionValue>(
    pass: &str,
    decl: &OptionDecl<T>,
    value: Option<String>,
) -> Result<T, OptionError> {
    let name = decl.name;
    let value = match (value, T::KIND) {
        (Some(v), _) => v,
        (None, OptionKind::Bool) => "true".to_string(),
        // A bare path option (e.g. `report`) means the empty path.
        (None, OptionKind::Path) => String::new(),
        (None, _) => {
            return Err(OptionError::new(
                pass,
                format!("option '{name}' needs a value"),
            ));
        }
    };
    let none = T::takes_none() && value.trim().eq_ignore_ascii_case("none");
    let text = if T::KIND == OptionKind::Enum {
        normalise_enum(&value)
    } else {
        value.clone()
    };
    if T::KIND == OptionKind::Enum && !none {
        let allowed = decl.values.unwrap_or_else(T::names);
        if !allowed.contains(&text.as_str()) {
            return Err(OptionError::new(
                pass,
                format!(
                    "'{name}' must be one of {}; got '{value}'",
                    allowed.join(", ")
                ),
            ));
        }
    }
    T::parse_text(&text).ok_or_else(|| {
        OptionError::new(
            pass,
            format!("'{name}' expects {}; got '{value}'", T::KIND.expects()),
        )
    })
}

/// `name=value`, with the value quoted if the option syntax needs it.
#[doc(hidden)]
pub fn option_text(name: &str, value: &str) -> String {
    let plain = !value.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '\'' | '"' | '{' | '}'));
    if plain {
        format!("{name}={value}")
    } else if !value.contains('\'') {
        format!("{name}='{value}'")
    } else if !value.contains('"') {
        format!("{name}=\"{value}\"")
    } else {
        format!("{name}={{{value}}}")
    }
}

/// Renders an option table as `--help` text.
pub fn help_text(table: &[OptionSpec]) -> String {
    let mut out = String::new();
    for s in table {
        let what = if s.values.is_empty() {
            s.kind.name().to_string()
        } else {
            s.values.join(" | ")
        };
        out.push_str(&format!(
            "  {}=<{what}> (default {}): {}\n",
            s.name, s.default, s.help
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pass_options! {
        /// Options of a test pass.
        pub struct TestOptions for "coreai-x" {
            /// An enum.
            dtype: DType = OptionDecl {
                name: "dtype",
                default: DType::Int8,
                help: "",
                values: Some(&["int8", "uint4"]),
            },
            /// An unsigned.
            block_size: usize = OptionDecl { name: "block-size", default: 32, help: "", values: None },
            /// A bool.
            flag: bool = OptionDecl { name: "flag", default: false, help: "", values: None },
            /// A list.
            ratio: Option<Vec<u64>> = OptionDecl { name: "ratio", default: None, help: "", values: None },
            /// A float.
            fraction: Option<f64> = OptionDecl { name: "fraction", default: Some(0.5), help: "", values: None },
            /// A path.
            report: Report = OptionDecl { name: "report", default: Report::Off, help: "", values: None },
        }
    }

    #[test]
    fn parses_values_defaults_and_spellings() {
        let o = TestOptions::from_option_string(
            "dtype=UInt4 block_size=16 flag ratio=2,4 fraction=none report='a b.json'",
        )
        .unwrap();
        assert_eq!(o.dtype, DType::UInt4);
        assert_eq!(o.block_size, 16);
        assert!(o.flag);
        assert_eq!(o.ratio, Some(vec![2, 4]));
        assert_eq!(o.fraction, None);
        assert_eq!(o.report, Report::Json("a b.json".into()));
        assert_eq!(
            TestOptions::from_option_string("").unwrap(),
            TestOptions::default()
        );
        let d = TestOptions::default();
        assert_eq!((d.block_size, d.fraction, d.ratio), (32, Some(0.5), None));
        assert_eq!(
            TestOptions::from_option_string("report").unwrap().report,
            Report::Remarks
        );
    }

    #[test]
    fn rejects_bad_options_with_mlir_style_messages() {
        let err = |text: &str| {
            TestOptions::from_option_string(text)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("bogus=1"),
            "coreai-x: no such option 'bogus' (options: dtype, block-size, flag, ratio, fraction, report)"
        );
        assert_eq!(
            err("dtype=int3"),
            "coreai-x: 'dtype' must be one of int8, uint4; got 'int3'"
        );
        // In the type but not allowed for this option.
        assert_eq!(
            err("dtype=int4"),
            "coreai-x: 'dtype' must be one of int8, uint4; got 'int4'"
        );
        assert_eq!(
            err("block-size=-1"),
            "coreai-x: 'block-size' expects an unsigned integer; got '-1'"
        );
        assert_eq!(
            err("block-size"),
            "coreai-x: option 'block-size' needs a value"
        );
        assert!(err("flag=maybe").contains("expects true or false"));
        assert!(err("ratio=2,x").contains("comma-separated list"));
        assert!(err("fraction=inf").contains("expects a finite number or none; got 'inf'"));
        assert_eq!(
            err("report='x"),
            "coreai-x: unterminated quote or brace in options 'report='x'"
        );
        assert_eq!(
            err("dtype=int8}"),
            "coreai-x: unbalanced '}' in options 'dtype=int8}'"
        );
    }

    #[test]
    fn prints_every_option_canonically() {
        let o = TestOptions {
            ratio: Some(vec![1, 2]),
            report: Report::Json("my report.json".into()),
            ..Default::default()
        };
        assert_eq!(
            o.to_option_string(),
            "dtype=int8 block-size=32 flag=false ratio=1,2 fraction=0.5 report='my report.json'"
        );
        assert_eq!(
            TestOptions::from_option_string(&o.to_option_string()).unwrap(),
            o
        );
        assert_eq!(option_text("p", ""), "p=''");
        assert_eq!(option_text("p", "it's"), "p=\"it's\"");
        assert_eq!(option_text("p", "'\""), "p={'\"}");
    }

    #[test]
    fn the_table_shows_defaults_and_allowed_values() {
        let t = TestOptions::table();
        assert_eq!(t[0].values, &["int8", "uint4"]);
        assert_eq!(t[0].default, "int8");
        assert_eq!(t[3].default, "none");
        assert!(t[3].takes_none && !t[1].takes_none);
        assert_eq!(t[5].default, "false");
        assert!(help_text(t).contains("  dtype=<int8 | uint4> (default int8): \n"));
    }
}
