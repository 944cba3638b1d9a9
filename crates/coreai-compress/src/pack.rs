//! Bit packing of n-bit values (n = 1..=8) into the dialect's blob layout.
//!
//! # Layout (spec C.3, D.7, F.7, F.8)
//! Values form one continuous, row-major, LSB-first bit stream: value `i` occupies stream bits
//! `n*i ..= n*i + n - 1`, stream bit `k` is bit `k % 8` of byte `k / 8`, and the last byte is
//! zero-padded. This is exactly D.7 for 1/2/4 bits (8, 4 or 2 values per byte, element 0 in the
//! lowest bits), for 6 bits (`v0 | v1<<6 | v2<<12 | v3<<18`, little-endian, in 3 bytes) and F.7
//! for 3 bits (8 values in 3 bytes). 8-bit values are stored unpacked. FP4 codes are packed
//! like 4-bit integers: element `2k` in bits 0-3 of byte `k`, element `2k+1` in bits 4-7.
//! Signed values store the low n bits of their two's complement and are sign-extended on
//! unpacking.
//!
//! # Parallelism
//! Every 8 values map to exactly `n` bytes, so large inputs are split into fixed chunks of
//! [`PAR_CHUNK_VALUES`] values (a multiple of 8) that map to disjoint byte ranges. The output is
//! identical for any thread count.

use rayon::prelude::*;
use thiserror::Error;

/// Values per parallel task (a multiple of 8, so chunks map to whole bytes).
pub const PAR_CHUNK_VALUES: usize = 1 << 18;

/// Errors of packing and unpacking.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PackError {
    /// A bit width outside 1..=8.
    #[error("unsupported packing width {bits}: expected 1..=8")]
    InvalidWidth {
        /// The rejected width.
        bits: u32,
    },
    /// A value that does not fit the width.
    #[error("value {value} at index {index} does not fit in {bits} {} bits", if *.signed { "signed" } else { "unsigned" })]
    ValueOutOfRange {
        /// Position of the value.
        index: usize,
        /// The value.
        value: i64,
        /// The width.
        bits: u32,
        /// Whether the range was the signed one.
        signed: bool,
    },
    /// A packed buffer whose length does not match the element count.
    #[error("{count} values of {bits} bits need {expected} bytes, got {got}")]
    Length {
        /// Number of values.
        count: usize,
        /// Width in bits.
        bits: u32,
        /// Required bytes.
        expected: usize,
        /// Actual bytes.
        got: usize,
    },
}

/// Bytes needed for `count` values of `bits` bits: `ceil(count * bits / 8)`.
pub fn packed_len(count: usize, bits: u32) -> usize {
    // count * bits may overflow for absurd counts; split to stay exact.
    (count / 8) * bits as usize + ((count % 8) * bits as usize).div_ceil(8)
}

fn check_width(bits: u32) -> Result<(), PackError> {
    if (1..=8).contains(&bits) {
        Ok(())
    } else {
        Err(PackError::InvalidWidth { bits })
    }
}

/// Byte `j` replicated into every byte of a u64 mask: `lanes(m)` has `m` in each byte.
const fn lanes(m: u64) -> u64 {
    m * 0x0101_0101_0101_0101
}

/// Packs 8 one-byte values (little-endian in `x`, each already masked to `B` bits) into the low
/// `8·B` bits: three shift-and-merge steps (pairs, quads, halves), no per-value loop.
#[inline(always)]
fn compact<const B: usize>(x: u64) -> u64 {
    let b = B as u32;
    // 16-bit lanes: v0 | v1 << B.
    let x = (x & 0x00FF_00FF_00FF_00FF) | ((x & 0xFF00_FF00_FF00_FF00) >> (8 - b));
    // 32-bit lanes: (v0 | v1 << B) | (v2 | v3 << B) << 2B.
    let x = (x & 0x0000_FFFF_0000_FFFF) | ((x & 0xFFFF_0000_FFFF_0000) >> (16 - 2 * b));
    (x & 0x0000_0000_FFFF_FFFF) | ((x & 0xFFFF_FFFF_0000_0000) >> (32 - 4 * b))
}

/// The inverse of [`compact`]: spreads 8 `B`-bit values from the low `8·B` bits to one byte
/// each.
#[inline(always)]
fn spread<const B: usize>(x: u64) -> u64 {
    let b = B as u32;
    let m4 = (1u64 << (4 * b)) - 1;
    let x = (x & m4) | (((x >> (4 * b)) & m4) << 32);
    let m2 = ((1u64 << (2 * b)) - 1) * 0x0000_0001_0000_0001;
    let x = (x & m2) | (((x >> (2 * b)) & m2) << 16);
    let m1 = ((1u64 << b) - 1) * 0x0001_0001_0001_0001;
    (x & m1) | (((x >> b) & m1) << 8)
}

/// Packs (masking each value to `B` bits) into `out`, which holds exactly
/// `packed_len(values.len(), B)` bytes.
fn pack_seq<const B: usize>(values: &[u8], out: &mut [u8]) {
    if B == 8 {
        out.copy_from_slice(values);
        return;
    }
    let mask = lanes((1u64 << B) - 1);
    let (groups, tail_v) = values.as_chunks::<8>();
    let (head_o, tail_o) = out.split_at_mut(groups.len() * B);
    let (outs, _) = head_o.as_chunks_mut::<B>();
    for (v, o) in groups.iter().zip(outs) {
        let packed = compact::<B>(u64::from_le_bytes(*v) & mask);
        o.copy_from_slice(&packed.to_le_bytes()[..B]);
    }
    if !tail_v.is_empty() {
        let mut v = [0u8; 8];
        v[..tail_v.len()].copy_from_slice(tail_v);
        let packed = compact::<B>(u64::from_le_bytes(v) & mask);
        tail_o.copy_from_slice(&packed.to_le_bytes()[..tail_o.len()]);
    }
}

fn unpack_seq<const B: usize>(bytes: &[u8], out: &mut [u8]) {
    if B == 8 {
        out.copy_from_slice(&bytes[..out.len()]);
        return;
    }
    let full = out.len() / 8;
    let (groups, tail_o) = out.as_chunks_mut::<8>();
    let (ins, _) = bytes[..full * B].as_chunks::<B>();
    for (o, b) in groups.iter_mut().zip(ins) {
        let mut w = [0u8; 8];
        w[..B].copy_from_slice(b);
        *o = spread::<B>(u64::from_le_bytes(w)).to_le_bytes();
    }
    if !tail_o.is_empty() {
        let rest = &bytes[full * B..];
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        let v = spread::<B>(u64::from_le_bytes(w)).to_le_bytes();
        tail_o.copy_from_slice(&v[..tail_o.len()]);
    }
}

fn pack_dispatch(values: &[u8], bits: u32, out: &mut [u8]) {
    match bits {
        1 => pack_seq::<1>(values, out),
        2 => pack_seq::<2>(values, out),
        3 => pack_seq::<3>(values, out),
        4 => pack_seq::<4>(values, out),
        5 => pack_seq::<5>(values, out),
        6 => pack_seq::<6>(values, out),
        7 => pack_seq::<7>(values, out),
        _ => pack_seq::<8>(values, out),
    }
}

fn unpack_dispatch(bytes: &[u8], bits: u32, out: &mut [u8]) {
    match bits {
        1 => unpack_seq::<1>(bytes, out),
        2 => unpack_seq::<2>(bytes, out),
        3 => unpack_seq::<3>(bytes, out),
        4 => unpack_seq::<4>(bytes, out),
        5 => unpack_seq::<5>(bytes, out),
        6 => unpack_seq::<6>(bytes, out),
        7 => unpack_seq::<7>(bytes, out),
        _ => unpack_seq::<8>(bytes, out),
    }
}

/// Packs values keeping only their low `bits` bits (no range check). This is the form for
/// codes that already hold a two's-complement bit pattern, such as the codes of a quantized
/// weight.
///
/// # Errors
/// [`PackError::InvalidWidth`] if `bits` is outside 1..=8.
pub fn pack_low_bits(values: &[u8], bits: u32) -> Result<Vec<u8>, PackError> {
    check_width(bits)?;
    let mut out = vec![0u8; packed_len(values.len(), bits)];
    if values.len() <= PAR_CHUNK_VALUES {
        pack_dispatch(values, bits, &mut out);
    } else {
        let out_chunk = PAR_CHUNK_VALUES / 8 * bits as usize;
        values
            .par_chunks(PAR_CHUNK_VALUES)
            .zip(out.par_chunks_mut(out_chunk))
            .for_each(|(v, o)| pack_dispatch(v, bits, o));
    }
    Ok(out)
}

/// Packs unsigned values of `bits` bits (each must be `< 2^bits`).
///
/// # Errors
/// [`PackError::InvalidWidth`] for a bad width, [`PackError::ValueOutOfRange`] naming the first
/// value that does not fit.
pub fn pack_unsigned(values: &[u8], bits: u32) -> Result<Vec<u8>, PackError> {
    check_width(bits)?;
    if bits < 8 {
        let limit = 1u8 << bits;
        // A branch-free OR reduction first; the position is only searched on failure.
        let any_high = values.iter().fold(0u8, |a, &v| a | (v & !(limit - 1)));
        if any_high != 0 {
            let index = values.iter().position(|&v| v >= limit).unwrap_or(0);
            return Err(PackError::ValueOutOfRange {
                index,
                value: i64::from(values[index]),
                bits,
                signed: false,
            });
        }
    }
    pack_low_bits(values, bits)
}

/// Packs signed values as the low `bits` bits of their two's complement. Each value must be
/// in `-2^(bits-1) ..= 2^(bits-1) - 1`.
///
/// # Errors
/// [`PackError::InvalidWidth`] for a bad width, [`PackError::ValueOutOfRange`] naming the first
/// value that does not fit.
pub fn pack_signed(values: &[i8], bits: u32) -> Result<Vec<u8>, PackError> {
    check_width(bits)?;
    let lo = -(1i16 << (bits - 1));
    let hi = (1i16 << (bits - 1)) - 1;
    if let Some(index) = values
        .iter()
        .position(|&v| i16::from(v) < lo || i16::from(v) > hi)
    {
        return Err(PackError::ValueOutOfRange {
            index,
            value: i64::from(values[index]),
            bits,
            signed: true,
        });
    }
    let low: Vec<u8> = values.iter().map(|&v| v as u8).collect();
    pack_low_bits(&low, bits)
}

fn check_packed(bytes: &[u8], count: usize, bits: u32) -> Result<(), PackError> {
    check_width(bits)?;
    let expected = packed_len(count, bits);
    if bytes.len() != expected {
        return Err(PackError::Length {
            count,
            bits,
            expected,
            got: bytes.len(),
        });
    }
    Ok(())
}

/// Unpacks `count` unsigned `bits`-bit values. Padding bits of the last byte are ignored.
///
/// # Errors
/// [`PackError::InvalidWidth`] for a bad width, [`PackError::Length`] unless `bytes` holds
/// exactly `packed_len(count, bits)` bytes.
pub fn unpack_unsigned(bytes: &[u8], count: usize, bits: u32) -> Result<Vec<u8>, PackError> {
    check_packed(bytes, count, bits)?;
    let mut out = vec![0u8; count];
    if count <= PAR_CHUNK_VALUES {
        unpack_dispatch(bytes, bits, &mut out);
    } else {
        let in_chunk = PAR_CHUNK_VALUES / 8 * bits as usize;
        out.par_chunks_mut(PAR_CHUNK_VALUES)
            .zip(bytes.par_chunks(in_chunk))
            .for_each(|(o, b)| unpack_dispatch(b, bits, o));
    }
    Ok(out)
}

/// Unpacks `count` signed `bits`-bit values (two's complement, sign-extended).
///
/// # Errors
/// As [`unpack_unsigned`].
pub fn unpack_signed(bytes: &[u8], count: usize, bits: u32) -> Result<Vec<i8>, PackError> {
    let raw = unpack_unsigned(bytes, count, bits)?;
    let sh = 8 - bits;
    Ok(raw.into_iter().map(|v| ((v << sh) as i8) >> sh).collect())
}

/// Packs FP4 (E2M1FN) codes two per byte, low nibble first (F.8).
///
/// # Errors
/// [`PackError::ValueOutOfRange`] for a code above 15.
pub fn pack_fp4(codes: &[u8]) -> Result<Vec<u8>, PackError> {
    pack_unsigned(codes, 4)
}

/// Unpacks `count` FP4 codes (the inverse of [`pack_fp4`]).
///
/// # Errors
/// [`PackError::Length`] unless `bytes` holds exactly `ceil(count / 2)` bytes.
pub fn unpack_fp4(bytes: &[u8], count: usize) -> Result<Vec<u8>, PackError> {
    unpack_unsigned(bytes, count, 4)
}

/// Packs a boolean mask into the `ui1` layout (element 0 in bit 0 of byte 0).
pub fn pack_bools(mask: &[bool]) -> Vec<u8> {
    let mut out = vec![0u8; mask.len().div_ceil(8)];
    for (o, m) in out.iter_mut().zip(mask.chunks(8)) {
        *o = m
            .iter()
            .enumerate()
            .fold(0u8, |a, (j, &b)| a | (u8::from(b) << j));
    }
    out
}

/// Unpacks `count` bits of a `ui1` buffer into booleans.
///
/// # Errors
/// [`PackError::Length`] unless `bytes` holds exactly `ceil(count / 8)` bytes.
pub fn unpack_bools(bytes: &[u8], count: usize) -> Result<Vec<bool>, PackError> {
    check_packed(bytes, count, 1)?;
    Ok((0..count)
        .map(|i| bytes[i / 8] >> (i % 8) & 1 == 1)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::SplitMix64;

    /// Bit-by-bit reference of the stream layout.
    fn reference_pack(values: &[u8], bits: u32) -> Vec<u8> {
        let mut out = vec![0u8; packed_len(values.len(), bits)];
        for (i, &v) in values.iter().enumerate() {
            for b in 0..bits as usize {
                if (v >> b) & 1 == 1 {
                    let k = i * bits as usize + b;
                    out[k / 8] |= 1 << (k % 8);
                }
            }
        }
        out
    }

    #[test]
    fn roundtrip_every_width_and_length() {
        let mut rng = SplitMix64::new(3);
        for bits in 1..=8u32 {
            for len in (0..70).chain([1000, 4097]) {
                let v: Vec<u8> = (0..len)
                    .map(|_| (rng.next_u64() & ((1u64 << bits) - 1)) as u8)
                    .collect();
                let p = pack_unsigned(&v, bits).unwrap();
                assert_eq!(p, reference_pack(&v, bits), "bits {bits} len {len}");
                assert_eq!(unpack_unsigned(&p, len, bits).unwrap(), v);
                let s: Vec<i8> = v
                    .iter()
                    .map(|&x| ((x << (8 - bits)) as i8) >> (8 - bits))
                    .collect();
                let ps = pack_signed(&s, bits).unwrap();
                assert_eq!(ps, p);
                assert_eq!(unpack_signed(&ps, len, bits).unwrap(), s);
            }
        }
    }

    #[test]
    fn parallel_chunks_match_sequential() {
        let mut rng = SplitMix64::new(9);
        for bits in [1u32, 3, 4, 6] {
            let len = PAR_CHUNK_VALUES * 2 + 13;
            let v: Vec<u8> = (0..len)
                .map(|_| (rng.next_u64() & ((1u64 << bits) - 1)) as u8)
                .collect();
            let p = pack_unsigned(&v, bits).unwrap();
            let mut seq = vec![0u8; packed_len(len, bits)];
            pack_dispatch(&v, bits, &mut seq);
            assert_eq!(p, seq);
            assert_eq!(unpack_unsigned(&p, len, bits).unwrap(), v);
        }
    }

    #[test]
    fn spec_layouts() {
        // D.7 6-bit: v0 | v1<<6 | v2<<12 | v3<<18, little-endian.
        let v = [1u8, 2, 3, 63];
        let word = 1u32 | 2 << 6 | 3 << 12 | 63 << 18;
        assert_eq!(
            pack_unsigned(&v, 6).unwrap(),
            word.to_le_bytes()[..3].to_vec()
        );
        // F.7 3-bit: 8 values in 3 bytes, value i at stream bits 3i..3i+2.
        let v = [7u8, 0, 0, 0, 0, 0, 0, 5];
        assert_eq!(pack_unsigned(&v, 3).unwrap(), vec![0x07, 0x00, 0xA0]);
        // 32 si4 take 16 bytes; -1 is the nibble 0xF.
        assert_eq!(pack_signed(&[-1i8; 32], 4).unwrap(), vec![0xFF; 16]);
        assert_eq!(pack_signed(&[-8i8, 7], 4).unwrap(), vec![0x78]);
        // 256 ui6 take 192 bytes.
        assert_eq!(pack_unsigned(&[5u8; 256], 6).unwrap().len(), 192);
        // ui1: element 0 in bit 0; last byte zero-padded.
        assert_eq!(
            pack_bools(&[true, false, true, true, false, false, false, false, true]),
            vec![0x0D, 0x01]
        );
        // FP4 (F.8): element 2k low nibble.
        assert_eq!(pack_fp4(&[0x2, 0xF, 0x1]).unwrap(), vec![0xF2, 0x01]);
        assert_eq!(unpack_fp4(&[0xF2, 0x01], 3).unwrap(), vec![0x2, 0xF, 0x1]);
        // C.9 mask bytes decode to 16 set bits.
        let m = unpack_bools(&[0xC4, 0xD7, 0x68, 0x4D], 32).unwrap();
        assert_eq!(m.iter().filter(|&&b| b).count(), 16);
        assert_eq!(pack_bools(&m), vec![0xC4, 0xD7, 0x68, 0x4D]);
    }

    #[test]
    fn errors() {
        assert_eq!(
            pack_unsigned(&[1, 4], 2),
            Err(PackError::ValueOutOfRange {
                index: 1,
                value: 4,
                bits: 2,
                signed: false
            })
        );
        assert_eq!(
            pack_signed(&[0, -3], 2),
            Err(PackError::ValueOutOfRange {
                index: 1,
                value: -3,
                bits: 2,
                signed: true
            })
        );
        assert_eq!(
            pack_unsigned(&[1], 0),
            Err(PackError::InvalidWidth { bits: 0 })
        );
        assert_eq!(
            pack_low_bits(&[1], 9),
            Err(PackError::InvalidWidth { bits: 9 })
        );
        assert_eq!(unpack_unsigned(&[0, 0], 3, 4), Ok(vec![0, 0, 0]));
        assert!(matches!(
            unpack_unsigned(&[0, 0, 0], 3, 4),
            Err(PackError::Length {
                expected: 2,
                got: 3,
                ..
            })
        ));
        assert!(unpack_bools(&[0], 9).is_err());
        assert_eq!(pack_low_bits(&[0xFF, 0x0E], 4).unwrap(), vec![0xEF]);
        assert_eq!(packed_len(usize::MAX / 8 * 8, 8), usize::MAX / 8 * 8);
    }
}
