// Hand-written compressed IR that breaks the decompression ops' contracts (spec C.2): every
// pass, the decompressor included, reports the verifier error at the op and never runs on it.

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-decompress
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-quantize=weight-num-threshold=0
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=none"
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-sparsify=weight-num-threshold=0
// RUN: not coreai-opt %s -split-input-file --coreai-decompress 2>&1 | FileCheck %s --implicit-check-not="Stack dump"
// CHECK: error: 'coreai.lut_to_dense' op 'lut' dim -2 must equal 2^4 = 16, got 8

// A 4-bit index needs a 16-entry LUT.
coreai.graph @lut_wrong_size() -> tensor<16x8xf16> {
  %idx = coreai.constant dense<3> : tensor<16x8xui4>
  %axis = coreai.constant dense<0> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x8x1xf16>
  // expected-error@+1 {{'lut' dim -2 must equal 2^4 = 16, got 8}}
  %r = coreai.lut_to_dense %idx, %lut, %axis : (tensor<16x8xui4>, tensor<1x1x8x1xf16>, tensor<si16>) -> tensor<16x8xf16>
  coreai.output %r : tensor<16x8xf16>
}

// -----

// ui3 indices need 8 entries (F.7).
coreai.graph @lut_wrong_size_ui3() -> tensor<16x8xf16> {
  %idx = coreai.constant dense<3> : tensor<16x8xui3>
  %axis = coreai.constant dense<0> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x16x1xf16>
  // expected-error@+1 {{'lut' dim -2 must equal 2^3 = 8, got 16}}
  %r = coreai.lut_to_dense %idx, %lut, %axis : (tensor<16x8xui3>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<16x8xf16>
  coreai.output %r : tensor<16x8xf16>
}

// -----

// Signed indices.
coreai.graph @indices_signed() -> tensor<16x8xf16> {
  %idx = coreai.constant dense<3> : tensor<16x8xsi4>
  %axis = coreai.constant dense<0> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x16x1xf16>
  // expected-error@+1 {{'indices' element type must be ui1 to ui8, got 'si4'}}
  %r = coreai.lut_to_dense %idx, %lut, %axis : (tensor<16x8xsi4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<16x8xf16>
  coreai.output %r : tensor<16x8xf16>
}

// -----

// Indices wider than 8 bits.
coreai.graph @indices_too_wide() -> tensor<4x4xf16> {
  %idx = coreai.constant dense<3> : tensor<4x4xui16>
  %axis = coreai.constant dense<0> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x4x1xf16>
  // expected-error@+1 {{'indices' element type must be ui1 to ui8, got 'ui16'}}
  %r = coreai.lut_to_dense %idx, %lut, %axis : (tensor<4x4xui16>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<4x4xf16>
  coreai.output %r : tensor<4x4xf16>
}

// -----

// A vector LUT (V = 2) whose axis constant is outside the indices' rank.
coreai.graph @lut_axis_value() -> tensor<16x8xf16> {
  %idx = coreai.constant dense<1> : tensor<16x4xui2>
  %axis = coreai.constant dense<7> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x4x2xf16>
  // expected-error@+1 {{'axis' 7 is out of range for rank 2}}
  %r = coreai.lut_to_dense %idx, %lut, %axis : (tensor<16x4xui2>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<16x8xf16>
  coreai.output %r : tensor<16x8xf16>
}

// -----

// Scale and offsets of different shapes.
coreai.graph @scale_shapes_mismatch() -> tensor<8x4xf16> {
  %q = coreai.constant dense<1> : tensor<8x4xsi8>
  %s = coreai.constant dense<1.0> : tensor<1x4xf16>
  %o1 = coreai.constant dense<0> : tensor<2x4xsi8>
  %o2 = coreai.constant dense<0.0> : tensor<1x4xf16>
  // expected-error@+1 {{'scale', 'offset1' and 'offset2' must have identical shapes}}
  %r = coreai.blockwise_shift_scale %q, %s, %o1, %o2 : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<2x4xsi8>, tensor<1x4xf16>) -> tensor<8x4xf16>
  coreai.output %r : tensor<8x4xf16>
}

// -----

// A scale of lower rank than the data.
coreai.graph @scale_rank() -> tensor<8x4xf16> {
  %q = coreai.constant dense<1> : tensor<8x4xsi4>
  %s = coreai.constant dense<1.0> : tensor<4xf16>
  %o1 = coreai.constant dense<0> : tensor<4xsi4>
  %o2 = coreai.constant dense<0.0> : tensor<4xf16>
  // expected-error@+1 {{'scale' has rank 1, but 'data' has rank 2}}
  %r = coreai.blockwise_shift_scale %q, %s, %o1, %o2 : (tensor<8x4xsi4>, tensor<4xf16>, tensor<4xsi4>, tensor<4xf16>) -> tensor<8x4xf16>
  coreai.output %r : tensor<8x4xf16>
}

// -----

// A scale dim that does not divide the data dim (8 rows, 3 blocks).
coreai.graph @scale_not_divisor() -> tensor<8x4xf16> {
  %q = coreai.constant dense<1> : tensor<8x4xui8>
  %s = coreai.constant dense<1.0> : tensor<3x4xf16>
  %o1 = coreai.constant dense<127> : tensor<3x4xui8>
  %o2 = coreai.constant dense<0.0> : tensor<3x4xf16>
  // expected-error@+1 {{'scale' dim 0 (3) must divide 'data' dim 0 (8)}}
  %r = coreai.blockwise_shift_scale %q, %s, %o1, %o2 : (tensor<8x4xui8>, tensor<3x4xf16>, tensor<3x4xui8>, tensor<3x4xf16>) -> tensor<8x4xf16>
  coreai.output %r : tensor<8x4xf16>
}

// -----

// An offset1 whose type is not the data's.
coreai.graph @offset1_type() -> tensor<8x4xf16> {
  %q = coreai.constant dense<1> : tensor<8x4xsi8>
  %s = coreai.constant dense<1.0> : tensor<1x4xf16>
  %o1 = coreai.constant dense<127> : tensor<1x4xui8>
  %o2 = coreai.constant dense<0.0> : tensor<1x4xf16>
  // expected-error@+1 {{'offset1' element type 'ui8' must match the 'data' element type 'si8'}}
  %r = coreai.blockwise_shift_scale %q, %s, %o1, %o2 : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<1x4xui8>, tensor<1x4xf16>) -> tensor<8x4xf16>
  coreai.output %r : tensor<8x4xf16>
}

// -----

// An encoding whose numNonZero disagrees with the values.
coreai.graph @sparse_nnz_mismatch() -> tensor<8x4xf16> {
  %v = coreai.constant dense<1.0> : tensor<15xf16>
  %mask = coreai.constant dense_resource<mask> : tensor<8x4xui1>
  // expected-error@+1 {{encoding numNonZero = 16 must equal the number of values 15}}
  %s = coreai.build_sparse_with_bitmask %v, %mask : (tensor<15xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
  %d = coreai.sparse_with_bitmask_to_dense %s : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}
{-#
  dialect_resources: { builtin: { mask: "0x10000000C4D7684D" } }
#-}

// -----

// A mask whose set bits (16) disagree with the values (15).
coreai.graph @sparse_mask_count() -> tensor<8x4xf16> {
  %v = coreai.constant dense<1.0> : tensor<15xf16>
  %mask = coreai.constant dense_resource<mask> : tensor<8x4xui1>
  // expected-error@+1 {{'bitmask' has 16 set bits, but there are 15 values}}
  %s = coreai.build_sparse_with_bitmask %v, %mask : (tensor<15xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 15, posWidth = 1, crdWidth = 1>>
  %d = coreai.sparse_with_bitmask_to_dense %s : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 15, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}
{-#
  dialect_resources: { builtin: { mask: "0x10000000C4D7684D" } }
#-}

// -----

// Bad widths in the encoding.
// expected-error@+1 {{the bitmask scheme requires posWidth = 1 and crdWidth = 1, got 1 and 8}}
coreai.graph @sparse_bad_widths(%arg0: tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 8>>) -> tensor<8x4xf16> {
  %d = coreai.sparse_with_bitmask_to_dense %arg0 : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 8>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}

// -----

// An unknown compression scheme.
// expected-error@+1 {{invalid compression scheme 'blocked'; expected bitmask, coo, csr, csc or bsr}}
coreai.graph @sparse_bad_scheme(%arg0: tensor<8x4xf16, #coreai.sparse_tensor_encoding<blocked, posWidth = 1, crdWidth = 1>>) -> () {
  coreai.output
}

// -----

// A mask that is not ui1.
coreai.graph @sparse_mask_type() -> tensor<8x4xf16> {
  %v = coreai.constant dense<1.0> : tensor<16xf16>
  %mask = coreai.constant dense<1> : tensor<8x4xui8>
  // expected-error@+1 {{'bitmask' element type must be ui1 or i1, got 'ui8'}}
  %s = coreai.build_sparse_with_bitmask %v, %mask : (tensor<16xf16>, tensor<8x4xui8>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
  %d = coreai.sparse_with_bitmask_to_dense %s : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}
