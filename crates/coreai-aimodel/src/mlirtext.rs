//! MLIR's textual forms of element types, floats and dense elements, as MLIR 22's AsmPrinter
//! writes them (`printFloatValue`, `printDenseIntOrFPElementsAttr`), so that a program read from
//! an asset prints exactly as coreai-core prints it.
//!
//! Floats are formatted from their exact binary value (an arbitrary-precision decimal
//! expansion), with APFloat's rules: 6 significant digits in `%e` style when that round-trips,
//! else APFloat's shortest-but-exact default form, else (NaN, infinities, integral values
//! without a `.`) the hex bit pattern.

/// An element type of a tensor, as far as dense data is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elem {
    /// `i1` (bit-packed in dense storage).
    Bool,
    /// A signed (`siN`) integer.
    SInt(u32),
    /// An unsigned (`uiN`) integer.
    UInt(u32),
    /// A float format.
    Float(FloatFormat),
    /// `complex<F>`.
    Complex(FloatFormat),
}

/// Float formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatFormat {
    /// IEEE half.
    F16,
    /// bfloat16.
    BF16,
    /// IEEE single.
    F32,
    /// IEEE double.
    F64,
    /// TensorFloat-32 (stored in 4 bytes).
    TF32,
    /// f8E5M2.
    F8E5M2,
    /// f8E4M3FN.
    F8E4M3FN,
    /// f8E8M0FNU.
    F8E8M0FNU,
    /// f4E2M1FN (one byte per element in dense storage).
    F4E2M1FN,
}

impl FloatFormat {
    /// Storage bytes per element in dense data.
    pub fn bytes(self) -> usize {
        match self {
            FloatFormat::F16 | FloatFormat::BF16 => 2,
            FloatFormat::F32 | FloatFormat::TF32 => 4,
            FloatFormat::F64 => 8,
            _ => 1,
        }
    }
    /// (exponent bits, mantissa bits, bias)
    fn layout(self) -> (u32, u32, i32) {
        match self {
            FloatFormat::F16 => (5, 10, 15),
            FloatFormat::BF16 => (8, 7, 127),
            FloatFormat::F32 => (8, 23, 127),
            FloatFormat::F64 => (11, 52, 1023),
            FloatFormat::TF32 => (8, 10, 127),
            FloatFormat::F8E5M2 => (5, 2, 15),
            FloatFormat::F8E4M3FN => (4, 3, 7),
            FloatFormat::F8E8M0FNU => (8, 0, 127),
            FloatFormat::F4E2M1FN => (2, 1, 1),
        }
    }
    fn width(self) -> u32 {
        match self {
            FloatFormat::TF32 => 19,
            FloatFormat::F4E2M1FN => 4,
            f => f.bytes() as u32 * 8,
        }
    }
    /// APFloat's precision (mantissa bits + 1).
    fn precision(self) -> u32 {
        self.layout().1 + 1
    }
}

/// A decoded float: sign, and either a finite value `mant * 2^exp` or a special.
enum Decoded {
    Finite { neg: bool, mant: u64, exp: i32 },
    Special,
}

fn decode(f: FloatFormat, bits: u64) -> Decoded {
    let (eb, mb, bias) = f.layout();
    if f == FloatFormat::F8E8M0FNU {
        let e = (bits & 0xff) as i32;
        if e == 0xff {
            return Decoded::Special;
        }
        return Decoded::Finite {
            neg: false,
            mant: 1,
            exp: e - bias,
        };
    }
    let sign_bit = eb + mb;
    let neg = (bits >> sign_bit) & 1 == 1;
    let e = ((bits >> mb) & ((1 << eb) - 1)) as i32;
    let m = bits & ((1u64 << mb) - 1);
    let emax = (1 << eb) - 1;
    match f {
        FloatFormat::F8E4M3FN => {
            if e == emax && m == (1 << mb) - 1 {
                return Decoded::Special;
            }
        }
        FloatFormat::F4E2M1FN => {}
        _ => {
            if e == emax {
                return Decoded::Special;
            }
        }
    }
    if e == 0 {
        Decoded::Finite {
            neg,
            mant: m,
            exp: 1 - bias - mb as i32,
        }
    } else {
        Decoded::Finite {
            neg,
            mant: m | (1 << mb),
            exp: e - bias - mb as i32,
        }
    }
}

/// A little-endian base-2^32 natural number, enough for APFloat's decimal conversion.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }
    fn trim(&mut self) {
        while self.0.len() > 1 && *self.0.last().unwrap() == 0 {
            self.0.pop();
        }
    }
    fn is_zero(&self) -> bool {
        self.0.iter().all(|&x| x == 0)
    }
    fn mul_small(&mut self, k: u32) {
        let mut carry = 0u64;
        for l in &mut self.0 {
            let v = u64::from(*l) * u64::from(k) + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }
    fn shl(&mut self, n: u32) {
        for _ in 0..n {
            self.mul_small(2);
        }
    }
    /// Divides in place, returns the remainder.
    fn div_small(&mut self, k: u32) -> u32 {
        let mut rem = 0u64;
        for l in self.0.iter_mut().rev() {
            let v = (rem << 32) | u64::from(*l);
            *l = (v / u64::from(k)) as u32;
            rem = v % u64::from(k);
        }
        self.trim();
        rem as u32
    }
    fn bits(&self) -> u32 {
        let top = *self.0.last().unwrap();
        (self.0.len() as u32 - 1) * 32 + (32 - top.leading_zeros())
    }
}

/// APFloat's decimal conversion of `mant * 2^exp` (mant > 0) for a target precision:
/// the significand reduced by truncating whole decades first (`AdjustToPrecision` on the
/// APInt), then the digits, least significant first, without trailing zeros.
fn apfloat_digits(mant: u64, mut exp: i32, precision: usize) -> (Vec<u8>, i32) {
    let tz = mant.trailing_zeros() as i32;
    let mut n = Big::from(mant >> tz);
    exp += tz;
    if exp > 0 {
        n.shl(exp as u32);
        exp = 0;
    } else {
        for _ in 0..(-exp) {
            n.mul_small(5);
        }
    }
    // exp now counts powers of ten.
    let bits = n.bits();
    let required = (precision * 196).div_ceil(59) as u32;
    if bits > required {
        let tens = (bits - required) * 59 / 196;
        for _ in 0..tens {
            n.div_small(10);
        }
        exp += tens as i32;
    }
    let mut digits = Vec::new();
    let mut trail = true;
    while !n.is_zero() {
        let d = n.div_small(10) as u8;
        if trail && d == 0 {
            exp += 1;
        } else {
            digits.push(d);
            trail = false;
        }
    }
    (digits, exp)
}

/// APFloat::toString(precision, max_padding, truncate_zero) for a finite non-zero value.
fn apfloat_to_string(
    neg: bool,
    mant: u64,
    exp: i32,
    precision: usize,
    max_padding: u32,
    truncate_zero: bool,
) -> String {
    let (mut buf, mut e) = apfloat_digits(mant, exp, precision);
    // Decimal AdjustToPrecision: round half up on the first dropped digit (LSB-first buffer).
    let n = buf.len();
    if n > precision {
        let mut first = n - precision;
        if buf[first - 1] < 5 {
            while first < n && buf[first] == 0 {
                first += 1;
            }
            e += first as i32;
            buf.drain(..first);
        } else {
            let mut i = first;
            while i < n {
                if buf[i] == 9 {
                    first += 1;
                    i += 1;
                } else {
                    buf[i] += 1;
                    break;
                }
            }
            if first == n {
                e += first as i32;
                buf = vec![1];
            } else {
                e += first as i32;
                buf.drain(..first);
            }
        }
    }
    // Most significant first from here on.
    buf.reverse();
    let d = buf;
    let n = d.len() as i32;
    let scientific = if max_padding == 0 {
        true
    } else if e >= 0 {
        e > max_padding as i32 || n + e > precision as i32
    } else {
        let msd = e + n - 1;
        if msd >= 0 {
            false
        } else {
            (-msd) as u32 > max_padding
        }
    };
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    let dig = |x: u8| char::from(b'0' + x);
    if scientific {
        let x = e + n - 1;
        s.push(dig(d[0]));
        s.push('.');
        if n == 1 && truncate_zero {
            s.push('0');
        } else {
            for &x in &d[1..] {
                s.push(dig(x));
            }
        }
        if !truncate_zero && precision as i32 > n - 1 {
            for _ in 0..(precision as i32 - n + 1) {
                s.push('0');
            }
        }
        s.push(if truncate_zero { 'E' } else { 'e' });
        s.push(if x >= 0 { '+' } else { '-' });
        let xs = x.unsigned_abs().to_string();
        if !truncate_zero && xs.len() < 2 {
            s.push('0');
        }
        s.push_str(&xs);
        return s;
    }
    if e >= 0 {
        for &x in &d {
            s.push(dig(x));
        }
        for _ in 0..e {
            s.push('0');
        }
        return s;
    }
    let whole = e + n;
    let mut i = 0usize;
    if whole > 0 {
        while i < whole as usize {
            s.push(dig(d[i]));
            i += 1;
        }
        s.push('.');
    } else {
        s.push_str("0.");
        for _ in 0..(-whole) {
            s.push('0');
        }
    }
    for &x in &d[i..] {
        s.push(dig(x));
    }
    s
}

/// Whether `s` parses back to the same bits in format `f` (only f32/f64 can fail at 6 digits).
fn round_trips(f: FloatFormat, s: &str, bits: u64) -> bool {
    match f {
        FloatFormat::F32 => s
            .parse::<f32>()
            .is_ok_and(|v| u64::from(v.to_bits()) == bits),
        FloatFormat::F64 => s.parse::<f64>().is_ok_and(|v| v.to_bits() == bits),
        // TF32 has 11 bits of precision: 6 digits always suffice, like the 8/16-bit formats.
        _ => true,
    }
}

/// MLIR's `printFloatValue` for the raw bits of a value of format `f`.
pub fn format_float(f: FloatFormat, bits: u64) -> String {
    if let Decoded::Finite { neg, mant, exp } = decode(f, bits) {
        if mant == 0 {
            return if neg {
                "-0.000000e+00".into()
            } else {
                "0.000000e+00".into()
            };
        }
        let s = apfloat_to_string(neg, mant, exp, 6, 0, false);
        if round_trips(f, &s, bits) {
            return s;
        }
        let p = 2 + f.precision() as usize * 59 / 196;
        let s = apfloat_to_string(neg, mant, exp, p, 3, true);
        if s.contains('.') {
            return s;
        }
    }
    format!("0x{:X}", bits & width_mask(f.width()))
}

fn width_mask(w: u32) -> u64 {
    if w >= 64 { u64::MAX } else { (1u64 << w) - 1 }
}

/// Rounds an `f64` to nearest-even into an IEEE-style binary format with `ebits` exponent and
/// `mbits` mantissa bits (infinities and NaN kept), returning its bit pattern.
fn f64_to_ieee(x: f64, ebits: u32, mbits: u32) -> u64 {
    let b = x.to_bits();
    let sign = (b >> 63) << (ebits + mbits);
    let max_e = (1u64 << ebits) - 1;
    if x.is_nan() {
        return sign | (max_e << mbits) | (1 << (mbits - 1));
    }
    if x.is_infinite() {
        return sign | (max_e << mbits);
    }
    if x == 0.0 {
        return sign;
    }
    let e = ((b >> 52) & 0x7ff) as i32;
    let frac = b & ((1u64 << 52) - 1);
    let (mant, exp) = if e == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), e - 1075)
    };
    let bias = (1i32 << (ebits - 1)) - 1;
    let lg = 63 - mant.leading_zeros() as i32 + exp;
    let te = lg.max(1 - bias);
    let shift = te - mbits as i32 - exp;
    let q = if shift <= 0 {
        mant << (-shift).min(63)
    } else if shift > 63 {
        0
    } else {
        let q = mant >> shift;
        let rem = mant & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        if rem > half || (rem == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    let (q, te) = if q >> (mbits + 1) != 0 {
        (q >> 1, te + 1)
    } else {
        (q, te)
    };
    if q >> mbits == 0 {
        return sign | q;
    }
    let be = (te + bias) as u64;
    if be >= max_e {
        return sign | (max_e << mbits);
    }
    sign | (be << mbits) | (q & ((1u64 << mbits) - 1))
}

/// The IEEE half bits nearest to `x`.
pub fn f64_to_f16_bits(x: f64) -> u16 {
    f64_to_ieee(x, 5, 10) as u16
}

/// The bfloat16 bits nearest to `x`.
pub fn f64_to_bf16_bits(x: f64) -> u16 {
    f64_to_ieee(x, 8, 7) as u16
}

/// The MLIR spelling of an element type.
pub fn elem_name(e: Elem) -> String {
    fn fname(f: FloatFormat) -> &'static str {
        match f {
            FloatFormat::F16 => "f16",
            FloatFormat::BF16 => "bf16",
            FloatFormat::F32 => "f32",
            FloatFormat::F64 => "f64",
            FloatFormat::TF32 => "tf32",
            FloatFormat::F8E5M2 => "f8E5M2",
            FloatFormat::F8E4M3FN => "f8E4M3FN",
            FloatFormat::F8E8M0FNU => "f8E8M0FNU",
            FloatFormat::F4E2M1FN => "f4E2M1FN",
        }
    }
    match e {
        Elem::Bool => "i1".into(),
        Elem::SInt(w) => format!("si{w}"),
        Elem::UInt(w) => format!("ui{w}"),
        Elem::Float(f) => fname(f).into(),
        Elem::Complex(f) => format!("complex<{}>", fname(f)),
    }
}

/// Storage bytes of one element in dense data (`None` for bit-packed `i1`).
pub fn elem_bytes(e: Elem) -> Option<usize> {
    match e {
        Elem::Bool => None,
        Elem::SInt(1) | Elem::UInt(1) => None,
        Elem::SInt(w) | Elem::UInt(w) => Some((w as usize).div_ceil(8)),
        Elem::Float(f) => Some(f.bytes()),
        Elem::Complex(f) => Some(2 * f.bytes()),
    }
}

/// Elements above which MLIR prints dense data as a hex string (its default).
pub const HEX_LIMIT: u64 = 100;

fn le(bytes: &[u8]) -> u64 {
    let mut v = [0u8; 8];
    v[..bytes.len().min(8)].copy_from_slice(&bytes[..bytes.len().min(8)]);
    u64::from_le_bytes(v)
}

fn element_text(e: Elem, data: &[u8], i: usize) -> Option<String> {
    Some(match e {
        Elem::Bool | Elem::SInt(1) | Elem::UInt(1) => {
            let b = (data.get(i / 8)? >> (i % 8)) & 1;
            if b == 1 {
                "true".into()
            } else {
                "false".into()
            }
        }
        Elem::SInt(w) => {
            let n = elem_bytes(e)?;
            let raw = le(data.get(i * n..(i + 1) * n)?) & width_mask(w);
            let v = if w < 64 && raw >> (w - 1) & 1 == 1 {
                (raw | !width_mask(w)) as i64
            } else {
                raw as i64
            };
            v.to_string()
        }
        Elem::UInt(w) => {
            let n = elem_bytes(e)?;
            (le(data.get(i * n..(i + 1) * n)?) & width_mask(w)).to_string()
        }
        Elem::Float(f) => {
            let n = f.bytes();
            format_float(
                f,
                le(data.get(i * n..(i + 1) * n)?) & width_mask(f.width().max(8 * n as u32).min(64)),
            )
        }
        Elem::Complex(f) => {
            let n = f.bytes();
            let re = format_float(f, le(data.get(2 * i * n..(2 * i + 1) * n)?));
            let im = format_float(f, le(data.get((2 * i + 1) * n..(2 * i + 2) * n)?));
            format!("({re},{im})")
        }
    })
}

/// The body of `dense<...>` (without `dense<`, `>` and the type) for raw MLIR storage `data`
/// of a tensor of `shape` (static) and element `e`; `splat` when the storage holds one element.
/// `None` when the data does not match the shape.
pub fn dense_body(e: Elem, shape: &[i64], data: &[u8], splat: bool) -> Option<String> {
    let n: u64 = shape
        .iter()
        .try_fold(1u64, |a, &d| a.checked_mul(u64::try_from(d).ok()?))?;
    let need = |k: u64| -> Option<usize> {
        match elem_bytes(e) {
            Some(b) => usize::try_from(k).ok()?.checked_mul(b),
            None => usize::try_from(k.div_ceil(8)).ok(),
        }
    };
    // A splat is printed as one value (MLIR checks the storage for a splat).
    let splat = splat || (n > 0 && is_splat(e, data, n));
    if splat {
        if data.len() < need(1)? {
            return None;
        }
        return element_text(e, data, 0);
    }
    if data.len() != need(n)? {
        return None;
    }
    if n > HEX_LIMIT {
        let mut s = String::with_capacity(2 + 2 * data.len() + 2);
        s.push_str("\"0x");
        for b in data {
            s.push_str(&format!("{b:02X}"));
        }
        s.push('"');
        return Some(s);
    }
    if shape.is_empty() {
        return element_text(e, data, 0);
    }
    let mut out = String::new();
    let mut idx = 0usize;
    fn rec(e: Elem, data: &[u8], shape: &[i64], idx: &mut usize, out: &mut String) -> Option<()> {
        out.push('[');
        for k in 0..shape[0] {
            if k > 0 {
                out.push_str(", ");
            }
            if shape.len() == 1 {
                out.push_str(&element_text(e, data, *idx)?);
                *idx += 1;
            } else {
                rec(e, data, &shape[1..], idx, out)?;
            }
        }
        out.push(']');
        Some(())
    }
    rec(e, data, shape, &mut idx, &mut out)?;
    Some(out)
}

fn is_splat(e: Elem, data: &[u8], n: u64) -> bool {
    if n == 1 {
        return true;
    }
    match e {
        Elem::Bool | Elem::SInt(1) | Elem::UInt(1) => false,
        _ => {
            let b = elem_bytes(e).unwrap_or(1);
            data.len() as u64 == n * b as u64 && data.chunks(b).all(|c| c == &data[..b])
        }
    }
}

/// A dictionary key or other identifier as MLIR prints it: bare when it is a valid bare
/// identifier (`[a-zA-Z_][a-zA-Z0-9_$.]*`), else quoted.
pub fn key(s: &[u8]) -> String {
    let bare = s
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        && s.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'.'));
    if bare {
        String::from_utf8_lossy(s).into_owned()
    } else {
        quote(s)
    }
}

/// `llvm::printEscapedString` in double quotes.
pub fn quote(s: &[u8]) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for &c in s {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\{c:02X}")),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f16(x: f32) -> u64 {
        // Exact for the test values.
        let b = x.to_bits();
        let sign = (b >> 31) as u64;
        let e = ((b >> 23) & 0xff) as i32 - 127 + 15;
        let m = (b >> 13) & 0x3ff;
        (sign << 15) | ((e as u64) << 10) | u64::from(m)
    }

    #[test]
    fn f64_to_half_and_bfloat_round_to_nearest_even() {
        assert_eq!(f64_to_f16_bits(1.0), 0x3c00);
        assert_eq!(f64_to_f16_bits(-2.5), 0xc100);
        assert_eq!(f64_to_f16_bits(65504.0), 0x7bff);
        assert_eq!(f64_to_f16_bits(65520.0), 0x7c00);
        assert_eq!(f64_to_f16_bits(5.960464477539063e-8), 0x0001);
        // Halfway between 1 and the next half: ties to even (1.0).
        assert_eq!(f64_to_f16_bits(1.0 + 2f64.powi(-11)), 0x3c00);
        assert_eq!(f64_to_f16_bits(1.0 + 3.0 * 2f64.powi(-11)), 0x3c02);
        assert_eq!(f64_to_bf16_bits(1.0), 0x3f80);
        assert_eq!(f64_to_bf16_bits(f64::NEG_INFINITY), 0xff80);
        for bits in [0x3555u64, 0x0200, 0x7bff, 0x8001, 0x4248] {
            let s = format_float(FloatFormat::F16, bits);
            assert_eq!(u64::from(f64_to_f16_bits(s.parse().unwrap())), bits, "{s}");
        }
    }

    #[test]
    fn floats_as_mlir_prints_them() {
        assert_eq!(format_float(FloatFormat::F16, f16(1.0)), "1.000000e+00");
        assert_eq!(format_float(FloatFormat::F16, 0), "0.000000e+00");
        assert_eq!(format_float(FloatFormat::F16, 0x8000), "-0.000000e+00");
        assert_eq!(format_float(FloatFormat::F16, 0x24af), "1.829530e-02");
        assert_eq!(format_float(FloatFormat::F16, 0x7e00), "0x7E00");
        assert_eq!(
            format_float(FloatFormat::F32, 1.5f32.to_bits().into()),
            "1.500000e+00"
        );
        assert_eq!(
            format_float(FloatFormat::F32, 0.1f32.to_bits().into()),
            "1.000000e-01"
        );
        assert_eq!(
            format_float(FloatFormat::F32, 1.2345679f32.to_bits().into()),
            "1.23456788"
        );
        // 6 digits do not round-trip and the exact form has no '.': hex, as MLIR does.
        assert_eq!(
            format_float(FloatFormat::F32, 16777216f32.to_bits().into()),
            "0x4B800000"
        );
        assert_eq!(
            format_float(FloatFormat::F32, 1e-7f32.to_bits().into()),
            "1.000000e-07"
        );
        assert_eq!(
            format_float(FloatFormat::F32, f32::INFINITY.to_bits().into()),
            "0x7F800000"
        );
        assert_eq!(format_float(FloatFormat::F4E2M1FN, 0b0011), "1.500000e+00");
        assert_eq!(format_float(FloatFormat::F8E8M0FNU, 127), "1.000000e+00");
    }

    #[test]
    fn dense_bodies() {
        let e = Elem::Float(FloatFormat::F16);
        let data: Vec<u8> = [1.0f32, 2.0, 3.0, 4.0]
            .iter()
            .flat_map(|&x| (f16(x) as u16).to_le_bytes())
            .collect();
        assert_eq!(
            dense_body(e, &[2, 2], &data, false).unwrap(),
            "[[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]"
        );
        assert_eq!(
            dense_body(Elem::SInt(4), &[5], &[8, 15, 0, 1, 7], false).unwrap(),
            "[-8, -1, 0, 1, 7]"
        );
        assert_eq!(
            dense_body(Elem::Bool, &[9], &[0x8d, 0x01], false).unwrap(),
            "[true, false, true, true, false, false, false, true, true]"
        );
        assert_eq!(
            dense_body(Elem::UInt(32), &[3], &[1, 0, 0, 0], true).unwrap(),
            "1"
        );
        assert_eq!(quote(b"a\"b\\\n"), "\"a\\\"b\\\\\\0A\"");
    }
}
