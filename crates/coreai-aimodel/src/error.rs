//! The error type of the crate: every failure names where it happened (file, section, entry and
//! byte offset) so that a bad `.aimodel` gets a diagnostic, never a panic.

use std::fmt;

/// Where in a bytecode file an error was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// The file name (e.g. `main.mlirb`), when known.
    pub file: Option<String>,
    /// The section being read (`string`, `dialect`, `attrType`, `IR`, ...).
    pub section: &'static str,
    /// An entry inside the section, e.g. `attribute 17` or `op 'aicode.primitive.add_v1'`.
    pub entry: Option<String>,
    /// Absolute byte offset in the file.
    pub offset: usize,
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        write!(f, "{} section", self.section)?;
        if let Some(entry) = &self.entry {
            write!(f, ", {entry}")?;
        }
        write!(f, " at offset {:#x}", self.offset)
    }
}

/// Errors of the `.aimodel` codec.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Malformed bytecode: truncated data, bad varints, indices out of range, ...
    #[error("{context}: {message}")]
    Malformed {
        /// Where.
        context: Context,
        /// What.
        message: String,
    },
    /// A bytecode or encoding version this build does not know.
    #[error("{context}: {message}")]
    Unsupported {
        /// Where.
        context: Context,
        /// What.
        message: String,
    },
    /// The in-memory form cannot be written (e.g. a reference to a missing value).
    #[error("cannot write {what}: {message}")]
    Write {
        /// The item being written.
        what: String,
        /// Why it failed.
        message: String,
    },
    /// A conversion between aicode and coreai failed.
    #[error("{0}")]
    Convert(String),
    /// Writing an op failed: the innermost op of the program tree that failed, by its
    /// location text (`TreeOp::loc`), so that callers can report the error at the op.
    #[error("{error}")]
    AtOp {
        /// The op's location text.
        loc: String,
        /// The error.
        error: Box<Error>,
    },
    /// File-system failure, with the path.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Prefixes the file name to a located error (no effect on other kinds).
    pub fn in_file(mut self, file: &str) -> Self {
        if let Error::Malformed { context, .. } | Error::Unsupported { context, .. } = &mut self
            && context.file.is_none()
        {
            context.file = Some(file.to_string());
        }
        self
    }

    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
