//! An emulation of the reference's quantization numerics (coreai-opt 0.3.0, spec D.1/D.2):
//! every step in the weight's dtype, i.e. f16 arithmetic for f16 weights, and FP8 codes from
//! the unrounded scale. Used to check "ours is no worse than the reference" on identical
//! weights. Each f16 operation is computed in f32 and rounded once, which is exact f16
//! arithmetic (f32 holds every f16 sum, difference, product and quotient to within one
//! rounding of the exact value, and f32 has more than twice f16's precision plus two bits).

use half::f16;

fn h(v: f32) -> f32 {
    f16::from_f32(v).to_f32()
}

/// Per-block decoded weights of the reference integer quantization of a row-major
/// `[rows, cols]` f16 weight with blocks of `block` consecutive elements along each row
/// (`block == cols` for per-channel along axis 0).
pub fn reference_int(
    w: &[f16],
    cols: usize,
    block: usize,
    bits: u32,
    signed: bool,
    symmetric: bool,
) -> Vec<f32> {
    let (mut qmin, mut qmax) = if signed {
        (-(1i32 << (bits - 1)), (1i32 << (bits - 1)) - 1)
    } else {
        (0, (1i32 << bits) - 1)
    };
    if symmetric {
        if signed {
            qmin += 1;
        } else {
            qmax -= 1;
        }
    }
    let eps = h(1e-6);
    let mut out = vec![0f32; w.len()];
    for (b, chunk) in w.chunks(block).enumerate() {
        let _ = cols;
        let vals: Vec<f32> = chunk.iter().map(|v| v.to_f32()).collect();
        let min = vals.iter().copied().fold(f32::INFINITY, f32::min);
        let max = vals.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let (vmin, vmax) = if symmetric {
            let m = min.abs().max(max.abs());
            (-m, m)
        } else {
            (min.min(0.0), max.max(0.0))
        };
        let range = h(h(vmax - vmin) + eps);
        let scale = h(range / (qmax - qmin) as f32);
        let zp = if symmetric {
            if signed { 0 } else { qmax / 2 }
        } else {
            let num = h(h(qmin as f32 * vmax) - h(qmax as f32 * vmin));
            (h(num / range).round_ties_even() as i32).clamp(qmin, qmax)
        };
        for (i, &v) in vals.iter().enumerate() {
            let q = (h(v / scale).round_ties_even() as i32 + zp).clamp(qmin, qmax);
            out[b * block + i] = h(scale * (q - zp) as f32);
        }
    }
    out
}

/// The reference FP8 E4M3FN quantization with a float (f16) scale per block.
pub fn reference_fp8_e4m3(w: &[f16], block: usize) -> Vec<f32> {
    const FMAX: f32 = 448.0;
    let mut out = vec![0f32; w.len()];
    for (b, chunk) in w.chunks(block).enumerate() {
        let m = chunk.iter().map(|v| v.to_f32().abs()).fold(0f32, f32::max);
        let scale = h(h(h(2.0 * m) + h(1e-6)) / h(2.0 * FMAX));
        for (i, v) in chunk.iter().enumerate() {
            let x = h(v.to_f32() / scale).clamp(-FMAX, FMAX);
            let code = coreai_compress::formats::encode_e4m3fn(x);
            out[b * block + i] = h(scale * coreai_compress::formats::decode_e4m3fn(code));
        }
    }
    out
}
