//! Declarative pass options and their parser.
//!
//! Every pass declares its options once, as a table of [`OptionSpec`]s (the Rust
//! counterpart of the `Option<...>` records of a `Passes.td`). The same table drives the
//! parser, the pass options registered with MLIR (`--help`, printed pipelines) and the
//! generated documentation (`docs/passes.md`), so they cannot drift apart.
//!
//! The syntax is MLIR's: space-separated `key=value` pairs (`key` alone means `key=true`),
//! lists comma-separated, values optionally quoted with `'`, `"` or `{}`. Keys accept `-`
//! and `_` alike, and so do enum values (`per_block` = `per-block`). An option without a
//! default takes `none` for "not set".
//!
//! [`ParsedOptions::canonical_values`] prints parsed options back: every option's value in
//! one spelling, defaults included, which parses back to the same options. The pass options
//! that MLIR prints in textual pipelines hold these texts (see `registry`).

use std::fmt;

/// The type of an option value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptionKind {
    /// `true`/`false` (a bare key means `true`).
    Bool,
    /// A non-negative integer.
    UInt,
    /// A floating-point number.
    Float,
    /// One of a fixed set of strings (canonical spelling with `_`).
    Enum(&'static [&'static str]),
    /// A comma-separated list of non-negative integers.
    UIntList,
    /// A file path.
    Path,
}

impl OptionKind {
    /// A short description of the accepted values, for documentation.
    pub fn describe(&self) -> String {
        match self {
            OptionKind::Bool => "bool".into(),
            OptionKind::UInt => "unsigned".into(),
            OptionKind::Float => "float".into(),
            OptionKind::Enum(values) => values.join(" \\| "),
            OptionKind::UIntList => "list of unsigned".into(),
            OptionKind::Path => "path".into(),
        }
    }
}

impl OptionSpec {
    /// The accepted values, as `--help` shows them (`unsigned`, `int8|uint8`, ...).
    pub fn value_desc(&self) -> String {
        self.kind.describe().replace(" \\| ", "|")
    }

    /// The `--help` line of the option: its help and its default.
    pub fn help_line(&self) -> String {
        let default = if self.default.is_empty() {
            "none"
        } else {
            self.default
        };
        format!("{} (default: {default})", self.help)
    }

    /// The allowed values of an enum option (empty for other kinds).
    pub fn kind_values(&self) -> &'static [&'static str] {
        match self.kind {
            OptionKind::Enum(values) => values,
            _ => &[],
        }
    }
}

/// One pass option: its command-line name, type, default (as text; empty means unset) and
/// help.
#[derive(Clone, Copy, Debug)]
pub struct OptionSpec {
    /// Kebab-case name, e.g. `block-size`.
    pub name: &'static str,
    /// Value type.
    pub kind: OptionKind,
    /// Default value as written on the command line; `""` means "not set" (such an option
    /// also takes `none` for "not set").
    pub default: &'static str,
    /// One-line help.
    pub help: &'static str,
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

/// Options parsed against a table; values are kept as text until read with a typed getter.
#[derive(Clone, Debug)]
pub struct ParsedOptions {
    pass: &'static str,
    specs: &'static [OptionSpec],
    values: Vec<Option<String>>,
}

fn normalise_key(key: &str) -> String {
    key.trim().replace('_', "-")
}

fn normalise_enum(value: &str) -> String {
    value.trim().to_ascii_lowercase().replace('-', "_")
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

impl ParsedOptions {
    /// Parses `text` against `specs`, checking names and value syntax. Range and consistency
    /// checks belong to each pass's `check()`.
    pub fn parse(
        pass: &'static str,
        specs: &'static [OptionSpec],
        text: &str,
    ) -> Result<Self, OptionError> {
        let mut values = vec![None; specs.len()];
        for token in tokenize(pass, text)? {
            let (key, value) = match token.split_once('=') {
                Some((k, v)) => (normalise_key(k), Some(v.to_string())),
                None => (normalise_key(&token), None),
            };
            let index = specs.iter().position(|s| s.name == key).ok_or_else(|| {
                let known: Vec<&str> = specs.iter().map(|s| s.name).collect();
                let list = if known.is_empty() {
                    format!("{pass} takes no options")
                } else {
                    format!("options: {}", known.join(", "))
                };
                OptionError::new(pass, format!("no such option '{key}' ({list})"))
            })?;
            let spec = &specs[index];
            let value = match (value, spec.kind) {
                (None, OptionKind::Bool) => "true".to_string(),
                // A bare path option (e.g. `report`) means "no file".
                (None, OptionKind::Path) => String::new(),
                (None, _) => {
                    return Err(OptionError::new(
                        pass,
                        format!("option '{key}' needs a value"),
                    ));
                }
                (Some(v), _) => v,
            };
            if spec.default.is_empty() && value.trim().eq_ignore_ascii_case("none") {
                values[index] = None;
                continue;
            }
            check_syntax(pass, spec, &value)?;
            values[index] = Some(value);
        }
        Ok(ParsedOptions {
            pass,
            specs,
            values,
        })
    }

    fn raw(&self, name: &str) -> Option<&str> {
        let i = self.specs.iter().position(|s| s.name == name)?;
        match &self.values[i] {
            Some(v) => Some(v.as_str()),
            None if self.specs[i].default.is_empty() => None,
            None => Some(self.specs[i].default),
        }
    }

    /// Whether the option was given explicitly.
    pub fn is_set(&self, name: &str) -> bool {
        self.specs
            .iter()
            .position(|s| s.name == name)
            .is_some_and(|i| self.values[i].is_some())
    }

    /// A bool option (its default when not given).
    pub fn bool(&self, name: &str) -> bool {
        self.raw(name).is_some_and(|v| parse_bool(v) == Some(true))
    }

    /// An unsigned option, `None` when unset without default.
    pub fn uint(&self, name: &str) -> Option<u64> {
        self.raw(name).and_then(|v| v.trim().parse().ok())
    }

    /// A float option (`None` when unset or given as `none`).
    pub fn float(&self, name: &str) -> Option<f64> {
        self.raw(name).and_then(|v| v.trim().parse().ok())
    }

    /// An enum option in canonical spelling (`_`, lower case).
    pub fn enumeration(&self, name: &str) -> Option<String> {
        self.raw(name).map(normalise_enum)
    }

    /// A list option.
    pub fn uint_list(&self, name: &str) -> Option<Vec<u64>> {
        self.raw(name)
            .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
    }

    /// A string or path option (`Some("")` for a bare path key).
    pub fn string(&self, name: &str) -> Option<String> {
        let i = self.specs.iter().position(|s| s.name == name)?;
        self.values[i]
            .clone()
            .or_else(|| self.raw(name).map(str::to_string))
    }

    /// An error of this pass.
    pub fn error(&self, message: impl fmt::Display) -> OptionError {
        OptionError::new(self.pass, message)
    }

    /// Gives `name` the value `value` unless it was given: a default that depends on other
    /// options (applied before printing, so that the printed text parses back the same).
    pub fn imply(&mut self, name: &str, value: &str) {
        if let Some(i) = self.specs.iter().position(|s| s.name == name) {
            self.values[i].get_or_insert_with(|| value.to_string());
        }
    }

    /// The canonical text of every option, in table order, quoted where MLIR's option
    /// syntax needs it: the value given or the default, in one spelling (enums with `_`,
    /// numbers without sign or leading zeros, `true`/`false`), or `none` when neither.
    /// `name=value` pairs of these texts parse back to the same options.
    pub fn canonical_values(&self) -> Vec<String> {
        self.specs
            .iter()
            .zip(&self.values)
            .map(|(spec, value)| {
                let raw = value
                    .as_deref()
                    .or((!spec.default.is_empty()).then_some(spec.default));
                match raw {
                    Some(v) => quote(&canonical_value(spec.kind, v)),
                    None => "none".to_string(),
                }
            })
            .collect()
    }
}

/// One value in its canonical spelling (the value has passed `check_syntax`).
fn canonical_value(kind: OptionKind, value: &str) -> String {
    let v = value.trim();
    match kind {
        OptionKind::Bool => (parse_bool(v) == Some(true)).to_string(),
        OptionKind::UInt => v
            .parse::<u64>()
            .map_or_else(|_| v.to_string(), |n| n.to_string()),
        OptionKind::Float if v.eq_ignore_ascii_case("none") => "none".to_string(),
        // Rust prints the shortest text that parses back to the same f64.
        OptionKind::Float => v
            .parse::<f64>()
            .map_or_else(|_| v.to_string(), |f| f.to_string()),
        OptionKind::Enum(_) => normalise_enum(v),
        OptionKind::UIntList => v
            .split(',')
            .map(|x| {
                x.trim()
                    .parse::<u64>()
                    .map_or_else(|_| x.trim().to_string(), |n| n.to_string())
            })
            .collect::<Vec<_>>()
            .join(","),
        OptionKind::Path => value.to_string(),
    }
}

/// Quotes a value if the option syntax needs it (empty, or with spaces, quotes or braces).
/// The quoted text starts with the quote, so MLIR prints it as it is.
fn quote(value: &str) -> String {
    let plain = !value.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '\'' | '"' | '{' | '}'));
    if plain {
        value.to_string()
    } else if !value.contains('\'') {
        format!("'{value}'")
    } else if !value.contains('"') {
        format!("\"{value}\"")
    } else {
        format!("{{{value}}}")
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "on" | "yes" => Some(true),
        "false" | "0" | "off" | "no" => Some(false),
        _ => None,
    }
}

fn check_syntax(pass: &str, spec: &OptionSpec, value: &str) -> Result<(), OptionError> {
    let bad = |what: &str| {
        OptionError::new(
            pass,
            format!("'{}' expects {what}; got '{value}'", spec.name),
        )
    };
    match spec.kind {
        OptionKind::Bool => parse_bool(value)
            .map(|_| ())
            .ok_or_else(|| bad("true or false")),
        OptionKind::UInt => value
            .trim()
            .parse::<u64>()
            .map(|_| ())
            .map_err(|_| bad("an unsigned integer")),
        OptionKind::Float if value.trim().eq_ignore_ascii_case("none") => Ok(()),
        OptionKind::Float => match value.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(()),
            _ => Err(bad("a finite number or none")),
        },
        OptionKind::Enum(allowed) => {
            let v = normalise_enum(value);
            if allowed.contains(&v.as_str()) {
                Ok(())
            } else {
                Err(OptionError::new(
                    pass,
                    format!(
                        "'{}' must be one of {}; got '{value}'",
                        spec.name,
                        allowed.join(", ")
                    ),
                ))
            }
        }
        OptionKind::UIntList => {
            if value.split(',').all(|x| x.trim().parse::<u64>().is_ok()) {
                Ok(())
            } else {
                Err(bad("a comma-separated list of unsigned integers"))
            }
        }
        OptionKind::Path => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SPECS: &[OptionSpec] = &[
        OptionSpec {
            name: "dtype",
            kind: OptionKind::Enum(&["int8", "per_block"]),
            default: "int8",
            help: "",
        },
        OptionSpec {
            name: "block-size",
            kind: OptionKind::UInt,
            default: "32",
            help: "",
        },
        OptionSpec {
            name: "flag",
            kind: OptionKind::Bool,
            default: "false",
            help: "",
        },
        OptionSpec {
            name: "ratio",
            kind: OptionKind::UIntList,
            default: "",
            help: "",
        },
        OptionSpec {
            name: "report",
            kind: OptionKind::Path,
            default: "",
            help: "",
        },
    ];

    #[test]
    fn parses_values_defaults_and_spellings() {
        let o = ParsedOptions::parse(
            "p",
            SPECS,
            "dtype=per-block block_size=16 flag ratio=2,4 report='a b.json'",
        )
        .unwrap();
        assert_eq!(o.enumeration("dtype").as_deref(), Some("per_block"));
        assert_eq!(o.uint("block-size"), Some(16));
        assert!(o.bool("flag"));
        assert_eq!(o.uint_list("ratio"), Some(vec![2, 4]));
        assert_eq!(o.string("report").as_deref(), Some("a b.json"));
        let d = ParsedOptions::parse("p", SPECS, "").unwrap();
        assert_eq!(d.uint("block-size"), Some(32));
        assert!(!d.bool("flag"));
        assert_eq!(d.uint_list("ratio"), None);
        assert!(!d.is_set("dtype"));
    }

    #[test]
    fn rejects_bad_options_with_mlir_style_messages() {
        let e = ParsedOptions::parse("coreai-x", SPECS, "bogus=1").unwrap_err();
        assert_eq!(
            e.to_string(),
            "coreai-x: no such option 'bogus' (options: dtype, block-size, flag, ratio, report)"
        );
        let e = ParsedOptions::parse("coreai-x", SPECS, "dtype=int3").unwrap_err();
        assert_eq!(
            e.to_string(),
            "coreai-x: 'dtype' must be one of int8, per_block; got 'int3'"
        );
        let e = ParsedOptions::parse("coreai-x", SPECS, "block-size=-1").unwrap_err();
        assert!(e.to_string().contains("expects an unsigned integer"));
        assert!(ParsedOptions::parse("coreai-x", SPECS, "block-size").is_err());
        assert!(ParsedOptions::parse("coreai-x", SPECS, "flag=maybe").is_err());
        assert!(ParsedOptions::parse("coreai-x", SPECS, "ratio=2,x").is_err());
        assert!(ParsedOptions::parse("coreai-x", SPECS, "report='x").is_err());
        assert_eq!(
            ParsedOptions::parse("coreai-x", SPECS, "report")
                .unwrap()
                .string("report")
                .as_deref(),
            Some("")
        );
    }
}
