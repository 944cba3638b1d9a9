//! MLIR bytecode primitives: a bounds-checked cursor over a borrowed buffer and an emitter.
//!
//! Every read is checked against the end of its section; counts read from the input are
//! checked against the bytes left before anything is allocated for them (each counted item
//! takes at least one byte), so a hostile count cannot make the reader allocate more than the
//! input's size.

use crate::error::{Context, Error, Result};

/// The byte that fills alignment padding.
pub const ALIGNMENT_BYTE: u8 = 0xCB;

/// A bounds-checked reader over `data[pos..end]`; offsets in errors are absolute.
#[derive(Clone)]
pub struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
    end: usize,
    section: &'static str,
    entry: Option<String>,
}

impl<'a> Cursor<'a> {
    /// A cursor over `data[start..end]` (clamped to the data).
    pub fn new(data: &'a [u8], start: usize, end: usize, section: &'static str) -> Self {
        let end = end.min(data.len());
        Cursor {
            data,
            pos: start.min(end),
            end,
            section,
            entry: None,
        }
    }

    /// The same bytes with another section name (for nested sections).
    pub fn with_section(mut self, section: &'static str) -> Self {
        self.section = section;
        self
    }

    /// Names the entry being read, for error messages.
    pub fn set_entry(&mut self, entry: impl Into<String>) {
        self.entry = Some(entry.into());
    }

    /// The absolute position.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The absolute end.
    pub fn end(&self) -> usize {
        self.end
    }

    /// Bytes left.
    pub fn left(&self) -> usize {
        self.end - self.pos
    }

    /// True when every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.pos == self.end
    }

    /// The whole underlying buffer.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// The error context at the current position.
    pub fn context(&self) -> Context {
        Context {
            file: None,
            section: self.section,
            entry: self.entry.clone(),
            offset: self.pos,
        }
    }

    /// A `Malformed` error at the current position.
    pub fn err(&self, message: impl Into<String>) -> Error {
        Error::Malformed {
            context: self.context(),
            message: message.into(),
        }
    }

    /// An `Unsupported` error at the current position.
    pub fn unsupported(&self, message: impl Into<String>) -> Error {
        Error::Unsupported {
            context: self.context(),
            message: message.into(),
        }
    }

    /// One byte.
    pub fn byte(&mut self) -> Result<u8> {
        if self.pos >= self.end {
            return Err(self.err("unexpected end of data reading a byte"));
        }
        let b = self.data[self.pos];
        self.pos += 1;
        Ok(b)
    }

    /// `n` bytes, borrowed.
    pub fn bytes(&mut self, n: u64) -> Result<&'a [u8]> {
        if n > self.left() as u64 {
            return Err(self.err(format!(
                "{n} bytes requested but only {} remain",
                self.left()
            )));
        }
        let n = n as usize;
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// A PrefixVarInt (MLIR's `parseVarInt`). Non-minimal encodings are accepted.
    pub fn varint(&mut self) -> Result<u64> {
        let start = self.pos;
        let first = self.byte()?;
        if first & 1 == 1 {
            return Ok(u64::from(first >> 1));
        }
        if first == 0 {
            let b = self
                .bytes(8)
                .map_err(|_| self.clone().at(start).err("varint runs past the end"))?;
            let mut v = [0u8; 8];
            v.copy_from_slice(b);
            return Ok(u64::from_le_bytes(v));
        }
        let extra = first.trailing_zeros() as usize;
        if extra as u64 > self.left() as u64 {
            return Err(self.clone().at(start).err("varint runs past the end"));
        }
        let mut v = [0u8; 8];
        v[0] = first;
        v[1..=extra].copy_from_slice(&self.data[self.pos..self.pos + extra]);
        self.pos += extra;
        Ok(u64::from_le_bytes(v) >> (extra + 1))
    }

    /// A zigzag-encoded signed varint.
    pub fn svarint(&mut self) -> Result<i64> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// A varint whose low bit is a flag: `(value << 1) | flag`.
    pub fn varint_flag(&mut self) -> Result<(u64, bool)> {
        let v = self.varint()?;
        Ok((v >> 1, v & 1 == 1))
    }

    /// A count of items that each take at least `min_item_bytes` bytes; rejected when the data
    /// left cannot hold them, so callers may allocate `count` slots.
    pub fn count(&mut self, what: &str, min_item_bytes: usize) -> Result<usize> {
        let start = self.pos;
        let n = self.varint()?;
        let cap = (self.left() / min_item_bytes.max(1)) as u64;
        if n > cap {
            return Err(self.clone().at(start).err(format!(
                "{what} count {n} exceeds the {} bytes left",
                self.left()
            )));
        }
        Ok(n as usize)
    }

    /// A NUL-terminated string (without the NUL).
    pub fn cstr(&mut self) -> Result<&'a [u8]> {
        let rest = &self.data[self.pos..self.end];
        match rest.iter().position(|&b| b == 0) {
            Some(i) => {
                let s = &rest[..i];
                self.pos += i + 1;
                Ok(s)
            }
            None => Err(self.err("string without NUL terminator")),
        }
    }

    /// Skips `0xCB` padding up to an absolute offset multiple of `align` (a power of two).
    pub fn align(&mut self, align: u64) -> Result<()> {
        if align == 0 || !align.is_power_of_two() {
            return Err(self.err(format!("alignment {align} is not a power of two")));
        }
        if align > 1 << 32 {
            return Err(self.err(format!("alignment {align} is too large")));
        }
        while !(self.pos as u64).is_multiple_of(align) {
            let b = self.byte()?;
            if b != ALIGNMENT_BYTE {
                return Err(self
                    .clone()
                    .at(self.pos - 1)
                    .err(format!("expected alignment byte 0xcb, found {b:#04x}")));
            }
        }
        Ok(())
    }

    /// A sub-cursor over the next `len` bytes (consumed from this one).
    pub fn sub(&mut self, len: u64, section: &'static str) -> Result<Cursor<'a>> {
        if len > self.left() as u64 {
            return Err(self.err(format!(
                "{section} of {len} bytes runs past the end ({} left)",
                self.left()
            )));
        }
        let start = self.pos;
        self.pos += len as usize;
        Ok(Cursor {
            data: self.data,
            pos: start,
            end: start + len as usize,
            section,
            entry: self.entry.clone(),
        })
    }

    fn at(mut self, pos: usize) -> Self {
        self.pos = pos;
        self
    }
}

/// An append-only byte emitter (MLIR's `EncodingEmitter`, single buffer).
#[derive(Default, Clone)]
pub struct Emitter {
    /// The bytes emitted so far.
    pub buf: Vec<u8>,
}

impl Emitter {
    /// A new empty emitter.
    pub fn new() -> Self {
        Self::default()
    }

    /// One byte.
    pub fn byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    /// Raw bytes.
    pub fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    /// A minimal PrefixVarInt (MLIR's `emitVarInt`).
    pub fn varint(&mut self, v: u64) {
        encode_varint(v, &mut self.buf);
    }

    /// A zigzag signed varint.
    pub fn svarint(&mut self, v: i64) {
        self.varint(((v as u64) << 1) ^ ((v >> 63) as u64));
    }

    /// `(value << 1) | flag`.
    pub fn varint_flag(&mut self, v: u64, flag: bool) {
        self.varint((v << 1) | u64::from(flag));
    }

    /// Current length.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// True when nothing has been emitted.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
}

/// Appends the minimal PrefixVarInt encoding of `v`.
pub fn encode_varint(v: u64, out: &mut Vec<u8>) {
    if v >> 7 == 0 {
        out.push(((v << 1) | 1) as u8);
        return;
    }
    let mut it = v >> 7;
    for num_bytes in 2..9usize {
        it >>= 7;
        if it == 0 {
            let enc = ((v << 1) | 1) << (num_bytes - 1);
            out.extend_from_slice(&enc.to_le_bytes()[..num_bytes]);
            return;
        }
    }
    out.push(0);
    out.extend_from_slice(&v.to_le_bytes());
}

/// The number of bytes of the minimal varint encoding of `v`.
pub fn varint_len(v: u64) -> usize {
    let mut tmp = Vec::with_capacity(9);
    encode_varint(v, &mut tmp);
    tmp.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint_round_trip_at_every_width() {
        for shift in 0..64 {
            for v in [1u64 << shift, (1u64 << shift) - 1, (1u64 << shift) + 1] {
                let mut buf = Vec::new();
                encode_varint(v, &mut buf);
                let mut c = Cursor::new(&buf, 0, buf.len(), "test");
                assert_eq!(c.varint().unwrap(), v, "value {v:#x} bytes {buf:02x?}");
                assert!(c.is_empty());
            }
        }
    }

    #[test]
    fn known_encodings() {
        let enc = |v| {
            let mut b = Vec::new();
            encode_varint(v, &mut b);
            b
        };
        assert_eq!(enc(2), [0x05]);
        // The APInt of `integer<(32bit unsigned) 20250723>` is a zigzag varint (spec 4.3).
        assert_eq!(enc(20250723 * 2), [0x68, 0x0c, 0xa0, 0x26]);
        assert_eq!(
            enc(u64::MAX),
            [0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
        );
        let mut e = Emitter::new();
        e.svarint(i64::MIN);
        assert_eq!(e.buf, [0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    }

    #[test]
    fn truncated_varint_is_an_error() {
        let buf = [0x00u8, 1, 2];
        let mut c = Cursor::new(&buf, 0, 3, "attrType");
        let e = c.varint().unwrap_err().to_string();
        assert!(e.contains("varint runs past the end"), "{e}");
        let buf = [0x02u8];
        assert!(Cursor::new(&buf, 0, 1, "x").varint().is_err());
    }

    #[test]
    fn counts_are_bounded_by_the_input() {
        let mut buf = Vec::new();
        encode_varint(1_000_000, &mut buf);
        buf.extend_from_slice(&[1, 1, 1]);
        let mut c = Cursor::new(&buf, 0, buf.len(), "string");
        assert!(c.count("strings", 1).is_err());
    }
}
