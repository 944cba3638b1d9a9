//! `.aimodel` asset directories: `metadata.json`, `main.mlirb` (memory-mapped) and `main.hash`.
//!
//! [`Asset::open`] accepts an asset directory or a bare `main.mlirb`; the file is memory-mapped
//! and kept alive by an [`Arc`], so resource blobs borrowed from it stay valid for as long as a
//! user (e.g. an MLIR context with unmanaged blobs) holds a clone of [`Asset::mapping`].
//! [`write_asset`] writes a new asset atomically: everything goes into a temporary sibling
//! directory that is renamed into place only when complete; an existing asset is replaced
//! only on success and is left untouched on failure.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    sync::Arc,
    time::{SystemTime, UNIX_EPOCH},
};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::{
    bytecode::Bytecode,
    error::{Error, Result},
    module::Module,
};

/// The bytecode file of an asset.
pub const MAIN: &str = "main.mlirb";
/// The metadata file.
pub const METADATA: &str = "metadata.json";
/// The hash file.
pub const HASH: &str = "main.hash";
/// The asset format version we write.
pub const ASSET_VERSION: &str = "2.0";
/// Our producer string.
pub const PRODUCER: &str = concat!("coreai-aimodel ", env!("CARGO_PKG_VERSION"));

/// The bytes of `main.mlirb`: a read-only memory map (or an owned buffer for empty files and
/// tests).
pub enum Mapping {
    /// A memory map.
    Mmap(memmap2::Mmap),
    /// Owned bytes.
    Owned(Vec<u8>),
}

impl std::ops::Deref for Mapping {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Mapping::Mmap(m) => m,
            Mapping::Owned(v) => v,
        }
    }
}

/// `metadata.json`: the keys coreai-core knows, plus any others, kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// All keys, in file order.
    pub fields: Map<String, Value>,
}

impl Metadata {
    /// A string field.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }
    /// The metadata of an asset we write: the input's author, license, description and
    /// creator-defined metadata (and any other keys) are kept; producer, creation date (UTC
    /// `YYYYMMDDTHHMMSSZ`) and asset version are ours.
    pub fn for_output(&self, now: SystemTime) -> Metadata {
        let mut fields = Map::new();
        fields.insert("assetVersion".into(), Value::String(ASSET_VERSION.into()));
        fields.insert("producer".into(), Value::String(PRODUCER.into()));
        fields.insert("creationDate".into(), Value::String(creation_date(now)));
        for (k, v) in &self.fields {
            if !matches!(k.as_str(), "assetVersion" | "producer" | "creationDate") {
                fields.insert(k.clone(), v.clone());
            }
        }
        Metadata { fields }
    }
}

/// `YYYYMMDDTHHMMSSZ` in UTC.
pub fn creation_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// An opened asset.
pub struct Asset {
    /// The asset directory (`None` for a bare `main.mlirb`).
    pub dir: Option<PathBuf>,
    /// The `main.mlirb` path.
    pub main: PathBuf,
    /// `metadata.json` (empty when absent).
    pub metadata: Metadata,
    bytes: Arc<Mapping>,
}

impl Asset {
    /// Opens an asset directory or a bare `main.mlirb`.
    ///
    /// A `main.hash` that is present must be the sha256 of `main.mlirb` (32 bytes); a
    /// missing one, or a missing `metadata.json`, is accepted (as coreai-core does).
    ///
    /// # Errors
    /// I/O errors with the path; malformed `metadata.json`; a `main.hash` that does not match.
    pub fn open(path: impl AsRef<Path>) -> Result<Asset> {
        let path = path.as_ref();
        let (dir, main) = if path.is_dir() {
            (Some(path.to_path_buf()), path.join(MAIN))
        } else {
            (None, path.to_path_buf())
        };
        let file = fs::File::open(&main).map_err(|e| Error::io(&main, e))?;
        let len = file.metadata().map_err(|e| Error::io(&main, e))?.len();
        let bytes = if len == 0 {
            Mapping::Owned(Vec::new())
        } else {
            // SAFETY: the map is read-only and private; a concurrent truncation of the file by
            // another process is outside what this reader defends against (as for any mmap).
            let map = unsafe { memmap2::Mmap::map(&file) };
            Mapping::Mmap(map.map_err(|e| Error::io(&main, e))?)
        };
        let mut metadata = Metadata::default();
        if let Some(d) = &dir {
            let hp = d.join(HASH);
            if hp.exists() {
                let want = fs::read(&hp).map_err(|e| Error::io(&hp, e))?;
                let got = Sha256::digest(&bytes[..]);
                if want.len() != got.len() {
                    return Err(Error::Convert(format!(
                        "{}: holds {} bytes, not a 32-byte sha256",
                        hp.display(),
                        want.len()
                    )));
                }
                if want[..] != got[..] {
                    return Err(Error::Convert(format!(
                        "{}: does not match the sha256 of {} (the asset is corrupted or was \
                         modified)",
                        hp.display(),
                        main.display()
                    )));
                }
            }
            let mp = d.join(METADATA);
            if mp.exists() {
                let text = fs::read(&mp).map_err(|e| Error::io(&mp, e))?;
                let v: Value = serde_json::from_slice(&text)
                    .map_err(|e| Error::Convert(format!("{}: {e}", mp.display())))?;
                match v {
                    Value::Object(fields) => metadata.fields = fields,
                    _ => {
                        return Err(Error::Convert(format!(
                            "{}: not a JSON object",
                            mp.display()
                        )));
                    }
                }
            }
        }
        Ok(Asset {
            dir,
            main,
            metadata,
            bytes: Arc::new(bytes),
        })
    }

    /// Wraps bytes already in memory (no directory, no metadata).
    pub fn from_bytes(bytes: Vec<u8>) -> Asset {
        Asset {
            dir: None,
            main: PathBuf::from(MAIN),
            metadata: Metadata::default(),
            bytes: Arc::new(Mapping::Owned(bytes)),
        }
    }

    /// The `main.mlirb` bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// A shared handle on the mapping (keep it alive while borrowed blobs are in use).
    pub fn mapping(&self) -> Arc<Mapping> {
        self.bytes.clone()
    }

    /// Parses the container; errors name the file.
    ///
    /// # Errors
    /// Malformed bytecode.
    pub fn bytecode(&self) -> Result<Bytecode<'_>> {
        Bytecode::parse(self.bytes()).map_err(|e| e.in_file(&self.main.display().to_string()))
    }

    /// Parses and decodes the aicode module; errors name the file.
    ///
    /// # Errors
    /// Malformed bytecode or records.
    pub fn module(&self) -> Result<Module<'_>> {
        let bc = self.bytecode()?;
        Module::decode(&bc).map_err(|e| e.in_file(&self.main.display().to_string()))
    }
}

/// Writes `bytecode` as the asset `path` (a directory, normally `NAME.aimodel`) atomically,
/// with `metadata.json` and `main.hash` (sha256 of `main.mlirb`). Returns the size of
/// `main.mlirb`.
///
/// # Errors
/// I/O errors with the path; on error nothing at `path` has changed.
pub fn write_asset(path: &Path, bytecode: &Bytecode<'_>, metadata: &Metadata) -> Result<u64> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::Convert(format!("{}: not a file name", path.display())))?;
    let tmp = parent.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&tmp);
    let result = (|| -> Result<u64> {
        fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let main = tmp.join(MAIN);
        let f = fs::File::create(&main).map_err(|e| Error::io(&main, e))?;
        let mut w = HashingWriter {
            inner: std::io::BufWriter::with_capacity(1 << 20, f),
            hash: Sha256::new(),
            n: 0,
        };
        bytecode.write(&mut w).map_err(|e| match e {
            Error::Io { source, .. } => Error::io(&main, source),
            e => e,
        })?;
        let HashingWriter { inner, hash, n } = w;
        let f = inner
            .into_inner()
            .map_err(|e| Error::io(&main, e.into_error()))?;
        f.sync_all().map_err(|e| Error::io(&main, e))?;
        let digest = hash.finalize();
        fs::write(tmp.join(HASH), digest).map_err(|e| Error::io(tmp.join(HASH), e))?;
        let json = serde_json::to_string_pretty(&Value::Object(metadata.fields.clone()))
            .expect("JSON of a JSON value");
        fs::write(tmp.join(METADATA), json).map_err(|e| Error::io(tmp.join(METADATA), e))?;
        Ok(n)
    })();
    let n = match result {
        Ok(n) => n,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    // Swap into place: move an existing asset aside, rename, then drop the old one.
    let old = parent.join(format!(
        ".{}.old-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let had_old = path.exists();
    if had_old && let Err(e) = fs::rename(path, &old) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(Error::io(path, e));
    }
    if let Err(e) = fs::rename(&tmp, path) {
        if had_old {
            let _ = fs::rename(&old, path);
        }
        let _ = fs::remove_dir_all(&tmp);
        return Err(Error::io(path, e));
    }
    if had_old {
        if old.is_dir() {
            let _ = fs::remove_dir_all(&old);
        } else {
            let _ = fs::remove_file(&old);
        }
    }
    Ok(n)
}

struct HashingWriter<W: Write> {
    inner: W,
    hash: Sha256,
    n: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let k = self.inner.write(buf)?;
        self.hash.update(&buf[..k]);
        self.n += k as u64;
        Ok(k)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creation_dates() {
        assert_eq!(creation_date(UNIX_EPOCH), "19700101T000000Z");
        // 2026-12-07T17:42:35Z
        assert_eq!(
            creation_date(UNIX_EPOCH + std::time::Duration::from_secs(1_796_665_355)),
            "20261207T174235Z"
        );
        assert_eq!(
            creation_date(UNIX_EPOCH + std::time::Duration::from_secs(951_782_400)),
            "20000229T000000Z"
        );
    }

    #[test]
    fn metadata_keeps_user_fields() {
        let m = Metadata {
            fields: serde_json::from_str(r#"{"assetVersion":"2.0","producer":"coreai-core 1.0.0b3","creationDate":"x","author":"A","license":"L","description":"D","creatorDefinedMetadata":{"k":"v"}}"#).unwrap(),
        };
        let o = m.for_output(UNIX_EPOCH);
        assert_eq!(o.get("producer"), Some(PRODUCER));
        assert_eq!(o.get("creationDate"), Some("19700101T000000Z"));
        assert_eq!(o.get("author"), Some("A"));
        assert_eq!(o.get("license"), Some("L"));
        assert_eq!(o.get("description"), Some("D"));
        assert_eq!(o.fields["creatorDefinedMetadata"]["k"], "v");
    }
}
