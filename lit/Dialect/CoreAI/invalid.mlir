// One case per verifier constraint.
// RUN: coreai-opt %s -split-input-file -verify-diagnostics

coreai.graph @bss_rank(%arg0: tensor<8x4xsi8>) -> tensor<8x4xf16> {
  %s = coreai.constant dense<1.0> : tensor<4xf16>
  %o1 = coreai.constant dense<0> : tensor<4xsi8>
  %o2 = coreai.constant dense<0.0> : tensor<4xf16>
  // expected-error@+1 {{'scale' has rank 1, but 'data' has rank 2}}
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<8x4xsi8>, tensor<4xf16>, tensor<4xsi8>, tensor<4xf16>) -> tensor<8x4xf16>
  coreai.output %r : tensor<8x4xf16>
}

// -----

coreai.graph @bss_shapes(%arg0: tensor<8x4xsi8>) -> tensor<8x4xf16> {
  %s = coreai.constant dense<1.0> : tensor<1x4xf16>
  %o1 = coreai.constant dense<0> : tensor<2x4xsi8>
  %o2 = coreai.constant dense<0.0> : tensor<1x4xf16>
  // expected-error@+1 {{'scale', 'offset1' and 'offset2' must have identical shapes}}
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<2x4xsi8>, tensor<1x4xf16>) -> tensor<8x4xf16>
  coreai.output %r : tensor<8x4xf16>
}

// -----

coreai.graph @bss_divide(%arg0: tensor<8x4xsi8>) -> tensor<8x4xf16> {
  %s = coreai.constant dense<1.0> : tensor<3x4xf16>
  %o1 = coreai.constant dense<0> : tensor<3x4xsi8>
  %o2 = coreai.constant dense<0.0> : tensor<3x4xf16>
  // expected-error@+1 {{'scale' dim 0 (3) must divide 'data' dim 0 (8)}}
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<8x4xsi8>, tensor<3x4xf16>, tensor<3x4xsi8>, tensor<3x4xf16>) -> tensor<8x4xf16>
  coreai.output %r : tensor<8x4xf16>
}

// -----

coreai.graph @bss_offset1(%arg0: tensor<8x4xsi8>) -> tensor<8x4xf16> {
  %s = coreai.constant dense<1.0> : tensor<1x4xf16>
  %o1 = coreai.constant dense<0> : tensor<1x4xui8>
  %o2 = coreai.constant dense<0.0> : tensor<1x4xf16>
  // expected-error@+1 {{'offset1' element type 'ui8' must match the 'data' element type 'si8'}}
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<1x4xui8>, tensor<1x4xf16>) -> tensor<8x4xf16>
  coreai.output %r : tensor<8x4xf16>
}

// -----

coreai.graph @bss_result_type(%arg0: tensor<8x4xsi8>) -> tensor<8x4xf32> {
  %s = coreai.constant dense<1.0> : tensor<1x4xf16>
  %o1 = coreai.constant dense<0> : tensor<1x4xsi8>
  %o2 = coreai.constant dense<0.0> : tensor<1x4xf16>
  // expected-error@+1 {{result element type 'f32' must match the 'offset2' element type 'f16'}}
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<1x4xsi8>, tensor<1x4xf16>) -> tensor<8x4xf32>
  coreai.output %r : tensor<8x4xf32>
}

// -----

coreai.graph @bss_result_shape(%arg0: tensor<8x4xsi8>) -> tensor<4x8xf16> {
  %s = coreai.constant dense<1.0> : tensor<1x4xf16>
  %o1 = coreai.constant dense<0> : tensor<1x4xsi8>
  %o2 = coreai.constant dense<0.0> : tensor<1x4xf16>
  // expected-error@+1 {{result shape must match 'data' shape}}
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<1x4xsi8>, tensor<1x4xf16>) -> tensor<4x8xf16>
  coreai.output %r : tensor<4x8xf16>
}

// -----

coreai.graph @bss_fp4_f32_scale(%arg0: tensor<64x4xf4E2M1FN>) -> tensor<64x4xf16> {
  %s = coreai.constant dense<1.0> : tensor<2x4xf32>
  %o1 = coreai.constant dense<0.0> : tensor<2x4xf4E2M1FN>
  %o2 = coreai.constant dense<0.0> : tensor<2x4xf16>
  // expected-error@+1 {{'scale' element type 'f32' is not allowed for 'f4E2M1FN' data; expected f8E8M0FNU, f16 or bf16}}
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<64x4xf4E2M1FN>, tensor<2x4xf32>, tensor<2x4xf4E2M1FN>, tensor<2x4xf16>) -> tensor<64x4xf16>
  coreai.output %r : tensor<64x4xf16>
}

// -----

coreai.graph @bss_fp8_int_scale(%arg0: tensor<64x4xf8E4M3FN>) -> tensor<64x4xf16> {
  %s = coreai.constant dense<1> : tensor<2x4xsi8>
  %o1 = coreai.constant dense<0.0> : tensor<2x4xf8E4M3FN>
  %o2 = coreai.constant dense<0.0> : tensor<2x4xf16>
  // expected-error@+1 {{'scale' element type 'si8' is not allowed for 'f8E4M3FN' data}}
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<64x4xf8E4M3FN>, tensor<2x4xsi8>, tensor<2x4xf8E4M3FN>, tensor<2x4xf16>) -> tensor<64x4xf16>
  coreai.output %r : tensor<64x4xf16>
}

// -----

coreai.graph @lut_size(%arg0: tensor<16x8xui4>) -> tensor<16x8xf16> {
  %axis = coreai.constant dense<0> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x8x1xf16>
  // expected-error@+1 {{'lut' dim -2 must equal 2^4 = 16, got 8}}
  %r = coreai.lut_to_dense %arg0, %lut, %axis : (tensor<16x8xui4>, tensor<1x1x8x1xf16>, tensor<si16>) -> tensor<16x8xf16>
  coreai.output %r : tensor<16x8xf16>
}

// -----

coreai.graph @lut_index_type(%arg0: tensor<16x8xsi4>) -> tensor<16x8xf16> {
  %axis = coreai.constant dense<0> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x16x1xf16>
  // expected-error@+1 {{'indices' element type must be ui1 to ui8, got 'si4'}}
  %r = coreai.lut_to_dense %arg0, %lut, %axis : (tensor<16x8xsi4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<16x8xf16>
  coreai.output %r : tensor<16x8xf16>
}

// -----

coreai.graph @lut_rank(%arg0: tensor<16x8xui4>) -> tensor<16x8xf16> {
  %axis = coreai.constant dense<0> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x16x1xf16>
  // expected-error@+1 {{'lut' rank must be the 'indices' rank + 2 = 4, got 3}}
  %r = coreai.lut_to_dense %arg0, %lut, %axis : (tensor<16x8xui4>, tensor<1x16x1xf16>, tensor<si16>) -> tensor<16x8xf16>
  coreai.output %r : tensor<16x8xf16>
}

// -----

coreai.graph @lut_blocks(%arg0: tensor<16x8xui4>) -> tensor<16x8xf16> {
  %axis = coreai.constant dense<0> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<3x1x16x1xf16>
  // expected-error@+1 {{'lut' dim 0 (3) must divide 'indices' dim 0 (16)}}
  %r = coreai.lut_to_dense %arg0, %lut, %axis : (tensor<16x8xui4>, tensor<3x1x16x1xf16>, tensor<si16>) -> tensor<16x8xf16>
  coreai.output %r : tensor<16x8xf16>
}

// -----

coreai.graph @lut_axis_type(%arg0: tensor<16x8xui4>) -> tensor<16x8xf16> {
  %axis = coreai.constant dense<0> : tensor<si32>
  %lut = coreai.constant dense<1.0> : tensor<1x1x16x1xf16>
  // expected-error@+1 {{'axis' must be a rank-0 si16 tensor, got 'tensor<si32>'}}
  %r = coreai.lut_to_dense %arg0, %lut, %axis : (tensor<16x8xui4>, tensor<1x1x16x1xf16>, tensor<si32>) -> tensor<16x8xf16>
  coreai.output %r : tensor<16x8xf16>
}

// -----

coreai.graph @lut_vector_shape(%arg0: tensor<16x4xui2>) -> tensor<16x4xf16> {
  %axis = coreai.constant dense<1> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x4x2xf16>
  // expected-error@+1 {{result dim 1 must be 8, got 4}}
  %r = coreai.lut_to_dense %arg0, %lut, %axis : (tensor<16x4xui2>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<16x4xf16>
  coreai.output %r : tensor<16x4xf16>
}

// -----

coreai.graph @lut_result_type(%arg0: tensor<16x8xui4>) -> tensor<16x8xf32> {
  %axis = coreai.constant dense<0> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x16x1xf16>
  // expected-error@+1 {{result element type 'f32' must match the 'lut' element type 'f16'}}
  %r = coreai.lut_to_dense %arg0, %lut, %axis : (tensor<16x8xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<16x8xf32>
  coreai.output %r : tensor<16x8xf32>
}

// -----

coreai.graph @sparse_nnz(%arg0: tensor<15xf16>) -> tensor<8x4xf16> {
  %mask = coreai.constant dense_resource<mask> : tensor<8x4xui1>
  // expected-error@+1 {{encoding numNonZero = 16 must equal the number of values 15}}
  %s = coreai.build_sparse_with_bitmask %arg0, %mask : (tensor<15xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
  %d = coreai.sparse_with_bitmask_to_dense %s : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}
{-#
  dialect_resources: { builtin: { mask: "0x10000000C4D7684D" } }
#-}

// -----

coreai.graph @sparse_mask_count(%arg0: tensor<15xf16>) -> tensor<8x4xf16> {
  %mask = coreai.constant dense_resource<mask> : tensor<8x4xui1>
  // expected-error@+1 {{'bitmask' has 16 set bits, but there are 15 values}}
  %s = coreai.build_sparse_with_bitmask %arg0, %mask : (tensor<15xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 15, posWidth = 1, crdWidth = 1>>
  %d = coreai.sparse_with_bitmask_to_dense %s : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 15, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}
{-#
  dialect_resources: { builtin: { mask: "0x10000000C4D7684D" } }
#-}

// -----

coreai.graph @sparse_value_type(%arg0: tensor<16xsi4>, %mask: tensor<8x4xui1>) -> tensor<8x4xsi4> {
  // expected-error@+1 {{'values' element type must be a float (bf16, f16, f32, f64, f8E5M2, f8E4M3FN), si8 to si64, ui1 to ui64 or i1, got 'si4'}}
  %s = coreai.build_sparse_with_bitmask %arg0, %mask : (tensor<16xsi4>, tensor<8x4xui1>) -> tensor<8x4xsi4, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
  %d = coreai.sparse_with_bitmask_to_dense %s : tensor<8x4xsi4, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xsi4>
  coreai.output %d : tensor<8x4xsi4>
}

// -----

coreai.graph @sparse_mask_type(%arg0: tensor<16xf16>, %mask: tensor<8x4xui8>) -> tensor<8x4xf16> {
  // expected-error@+1 {{'bitmask' element type must be ui1 or i1, got 'ui8'}}
  %s = coreai.build_sparse_with_bitmask %arg0, %mask : (tensor<16xf16>, tensor<8x4xui8>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
  %d = coreai.sparse_with_bitmask_to_dense %s : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}

// -----

coreai.graph @sparse_result_shape(%arg0: tensor<16xf16>, %mask: tensor<8x4xui1>) -> tensor<4x8xf16> {
  // expected-error@+1 {{result shape must match the 'bitmask' shape}}
  %s = coreai.build_sparse_with_bitmask %arg0, %mask : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<4x8xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
  %d = coreai.sparse_with_bitmask_to_dense %s : tensor<4x8xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<4x8xf16>
  coreai.output %d : tensor<4x8xf16>
}

// -----

coreai.graph @to_dense_type(%arg0: tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>) -> tensor<8x4xf32> {
  // expected-error@+1 {{result type 'tensor<8x4xf32>' must be the input type}}
  %d = coreai.sparse_with_bitmask_to_dense %arg0 : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf32>
  coreai.output %d : tensor<8x4xf32>
}

// -----

coreai.graph @to_dense_not_sparse(%arg0: tensor<8x4xf16>) -> tensor<8x4xf16> {
  // expected-error@+1 {{operand #0 must be ranked tensor with #coreai.sparse_tensor_encoding}}
  %d = coreai.sparse_with_bitmask_to_dense %arg0 : tensor<8x4xf16> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}

// -----

// expected-error@+1 {{the bitmask scheme requires posWidth = 1 and crdWidth = 1, got 2 and 1}}
coreai.graph @bad_encoding(%arg0: tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 2, crdWidth = 1>>) -> tensor<8x4xf16> {
  %d = coreai.sparse_with_bitmask_to_dense %arg0 : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 2, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}

// -----

coreai.graph @blob_short() -> tensor<8x4xsi4> {
  // expected-error@+1 {{dense_resource<short> blob holds 15 bytes, but 'tensor<8x4xsi4>' needs 16 (bit-packed)}}
  %0 = coreai.constant dense_resource<short> : tensor<8x4xsi4>
  coreai.output %0 : tensor<8x4xsi4>
}
{-#
  dialect_resources: { builtin: { short: "0x10000000000102030405060708090A0B0C0D0E" } }
#-}

// -----

coreai.graph @blob_long() -> tensor<2x2xf16> {
  // expected-error@+1 {{dense_resource<long> blob holds 10 bytes, but 'tensor<2x2xf16>' needs 8}}
  %0 = coreai.constant dense_resource<long> : tensor<2x2xf16>
  coreai.output %0 : tensor<2x2xf16>
}
{-#
  dialect_resources: { builtin: { long: "0x1000000000010203040506070809" } }
#-}

// -----

coreai.graph @blob_missing() -> tensor<2x2xf16> {
  // expected-error@+1 {{dense_resource<nowhere> has no blob: the dialect_resources trailer has no entry for it}}
  %0 = coreai.constant dense_resource<nowhere> : tensor<2x2xf16>
  coreai.output %0 : tensor<2x2xf16>
}

// -----

coreai.graph @output_count(%arg0: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  // expected-error@+1 {{has 1 operands, but the enclosing graph @output_count returns 2}}
  coreai.output %arg0 : tensor<2xf32>
}

// -----

coreai.graph @output_type(%arg0: tensor<2xf32>) -> tensor<2xf16> {
  // expected-error@+1 {{type of operand #0 ('tensor<2xf32>') does not match graph result type ('tensor<2xf16>')}}
  coreai.output %arg0 : tensor<2xf32>
}

// -----

coreai.graph @cast_shape(%arg0: tensor<2x3xf32>) -> tensor<3x2xf16> {
  // expected-error@+1 {{input shape 'tensor<2x3xf32>' is not compatible with result shape 'tensor<3x2xf16>'}}
  %0 = coreai.cast %arg0 : tensor<2x3xf32> to tensor<3x2xf16>
  coreai.output %0 : tensor<3x2xf16>
}

// -----

// expected-error@+1 {{cannot be both private and externalize}}
coreai.graph private externalize @visibility() -> () {
  coreai.output
}

// -----

coreai.graph @fp8_offset_resource(%arg0: tensor<64x4xf8E4M3FN>) -> tensor<64x4xf16> {
  %s = coreai.constant dense<1.0> : tensor<2x4xf16>
  %o1 = coreai.constant dense<1.0> : tensor<2x4xf8E4M3FN>
  %o2 = coreai.constant dense<0.0> : tensor<2x4xf16>
  // expected-error@+1 {{'offset1' must be an inline constant zero for 'f8E4M3FN' data}}
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<64x4xf8E4M3FN>, tensor<2x4xf16>, tensor<2x4xf8E4M3FN>, tensor<2x4xf16>) -> tensor<64x4xf16>
  coreai.output %r : tensor<64x4xf16>
}

// -----

coreai.graph @fp4_offset_argument(%arg0: tensor<64x4xf4E2M1FN>, %o2: tensor<2x4xf16>) -> tensor<64x4xf16> {
  %s = coreai.constant dense<1.0> : tensor<2x4xf16>
  %o1 = coreai.constant dense<0.0> : tensor<2x4xf4E2M1FN>
  // expected-error@+1 {{'offset2' must be an inline constant zero for 'f4E2M1FN' data}}
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<64x4xf4E2M1FN>, tensor<2x4xf16>, tensor<2x4xf4E2M1FN>, tensor<2x4xf16>) -> tensor<64x4xf16>
  coreai.output %r : tensor<64x4xf16>
}

// -----

// expected-error@+1 {{invalid compression scheme 'dense'; expected bitmask, coo, csr, csc or bsr}}
coreai.graph @bad_scheme(%arg0: tensor<8x4xf16, #coreai.sparse_tensor_encoding<dense, posWidth = 1, crdWidth = 1>>) -> () {
  coreai.output
}

// -----

coreai.graph @lut_sparse_nnz(%i: tensor<8x4xui2, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>) -> () {
  %axis = coreai.constant dense<1> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x4x2xf16>
  // expected-error@+1 {{result numNonZero = 16 must be the 'indices' numNonZero 16 times the vector size 2}}
  %r = coreai.lut_to_sparse_with_bitmask %i, %lut, %axis : (tensor<8x4xui2, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<8x8xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
  coreai.output
}
