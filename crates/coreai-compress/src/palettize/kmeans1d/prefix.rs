//! Prefix sums of the weights, the shifted values and their squares: every DP cost (the
//! weighted SSE of a run around its mean) is an O(1) difference of them.
//!
//! Values are shifted by their weighted mean, which keeps the cancellation in
//! `Σw·x² − (Σw·x)²/Σw` small; costs are clamped at 0. Every solver path uses the sums of the
//! *whole* input (or samples of them at bin edges), so a cost is the same f64 whichever path
//! evaluates it.

/// Prefix sums of weights, shifted values and shifted squares.
pub(super) struct Prefix {
    /// `w[i]`: the sum of the first `i` weights.
    pub(super) w: Vec<f64>,
    /// `s1[i]`: the sum of the first `i` weighted shifted values `w·(x − shift)`.
    pub(super) s1: Vec<f64>,
    /// `s2[i]`: the sum of the first `i` weighted shifted squares `w·(x − shift)²`.
    pub(super) s2: Vec<f64>,
    /// The weighted mean subtracted from every value.
    pub(super) shift: f64,
}

impl Prefix {
    pub(super) fn new(values: &[f64], weights: &[f64]) -> Self {
        let wsum: f64 = weights.iter().sum();
        let shift = values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / wsum;
        let n = values.len();
        let (mut w, mut s1, mut s2) = (
            Vec::with_capacity(n + 1),
            Vec::with_capacity(n + 1),
            Vec::with_capacity(n + 1),
        );
        let (mut a, mut b, mut c) = (0.0f64, 0.0f64, 0.0f64);
        w.push(a);
        s1.push(b);
        s2.push(c);
        for (&v, &wt) in values.iter().zip(weights) {
            let x = v - shift;
            a += wt;
            b += wt * x;
            c += wt * x * x;
            w.push(a);
            s1.push(b);
            s2.push(c);
        }
        Self { w, s1, s2, shift }
    }

    /// The prefix sums at `edges` only: item `b` of the result is the run of values
    /// `edges[b]..edges[b + 1]`, and its costs are bit-identical to the corresponding costs of
    /// `self` (same f64 operands).
    pub(super) fn sample(&self, edges: &[usize]) -> Self {
        Self {
            w: edges.iter().map(|&e| self.w[e]).collect(),
            s1: edges.iter().map(|&e| self.s1[e]).collect(),
            s2: edges.iter().map(|&e| self.s2[e]).collect(),
            shift: self.shift,
        }
    }

    /// Number of items.
    pub(super) fn len(&self) -> usize {
        self.w.len() - 1
    }

    /// Weighted SSE of values `j..=i` around their weighted mean (`j <= i`).
    #[inline]
    pub(super) fn cost(&self, j: usize, i: usize) -> f64 {
        let w = self.w[i + 1] - self.w[j];
        let s = self.s1[i + 1] - self.s1[j];
        let q = self.s2[i + 1] - self.s2[j];
        let c = q - s * s / w;
        if c > 0.0 { c } else { 0.0 }
    }
}
