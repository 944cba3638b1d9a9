//===- ConstantCompression.td - coreai constants and compression -*- tablegen -*-===//
//
// `coreai.constant`, the decompression ops that weight compression emits
// (`blockwise_shift_scale`, `lut_to_dense`, the bitmask sparse ops),
// quantize/dequantize and the quantization statistics.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS_CONSTANT_COMPRESSION
#define COREAI_OPS_CONSTANT_COMPRESSION

include "CoreAI/CoreAIOpBase.td"

def CoreAI_ConstantOp : CoreAI_Op<"constant", [
    ConstantLike, Pure, AllTypesMatch<["value", "result"]>
  ]> {
  let summary = "a compile-time constant tensor";
  let description = [{
    Materialises a `DenseElementsAttr` (inline `dense<...>`, or a splat) or a
    `DenseResourceElementsAttr` (`dense_resource<name>`, whose blob lives in
    the `{-# dialect_resources: { builtin: { name: "0x..." } } #-}` trailer).
    The result type is the attribute's type.

    Blob layout of `dense_resource` constants (checked by the verifier when
    the blob is present):

    - Elements are stored row-major, little-endian.
    - Sub-byte integers (`si2`, `ui2`, `si4`, `ui4`, `ui1`, `ui3`, `ui6`, any
      width below 8) are bit-packed as one continuous LSB-first bit stream:
      element `i` occupies stream bits `n*i .. n*i+n-1`, and the last byte is
      zero-padded. A byte holds two 4-bit, four 2-bit or eight 1-bit values;
      four 6-bit values take 3 bytes (`v0 | v1<<6 | v2<<12 | v3<<18`); eight
      3-bit values take 3 bytes. Signed values store the low `n` bits of their
      two's complement.
    - `f4E2M1FN` is packed two per byte, low nibble first: element `2k` is in
      bits 0-3 of byte `k` and element `2k+1` in bits 4-7. A blob of one code
      per byte (what the reference passes write) is accepted too: the two
      layouts are told apart by size.
    - 8-bit types (`si8`, `ui8`, `f8E4M3FN`, `f8E5M2`, `f8E8M0FNU`) take one
      byte per element; wider types take their natural size.
    - Signless `i1` (bool) blobs may be bit-packed or one byte per element.

    Example:

    ```mlir
    %0 = coreai.constant dense<[[7, -12], [62, 13]]> : tensor<2x2xsi8>
    %1 = coreai.constant dense_resource<resource_6836271006014146806> : tensor<8x4xsi4>
    ```
  }];
  let arguments = (ins CoreAI_DenseOrResourceAttr:$value);
  let results = (outs CoreAI_AnyRankedTensor:$result);
  let assemblyFormat = "$value attr-dict";
  let hasFolder = 1;
  let hasVerifier = 1;
}

def CoreAI_BlockwiseShiftScaleOp : CoreAI_Op<"blockwise_shift_scale", [Pure]> {
  let summary = "blockwise affine dequantization with two offsets";
  let description = [{
    `output[i] = scale[b(i)] * (data[i] - offset1[b(i)]) + offset2[b(i)]`,
    where `b(i)_d = i_d / (data.shape[d] / scale.shape[d])`: every dim of the
    parameters divides the matching dim of `data`, and each parameter entry
    covers one block.

    Constraints:
    - all operands and the result have the same rank;
    - `scale`, `offset1` and `offset2` have identical shapes, each dim of
      which divides the matching `data` dim;
    - `offset1` has the element type of `data`;
    - the result has the shape of `data` and the element type of `offset2`;
    - for `f8E5M2`/`f8E4M3FN` data the scale is f32, f16, bf16 or
      f8E8M0FNU; for `f4E2M1FN` data it is f8E8M0FNU, f16 or bf16.

    Example (int4 per-block along axis 0):

    ```mlir
    %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<8x4xsi4>, tensor<2x4xf16>, tensor<2x4xsi4>, tensor<2x4xf16>) -> tensor<8x4xf16>
    ```
  }];
  let arguments = (ins CoreAI_AnyRankedTensor:$data,
                       CoreAI_AnyRankedTensor:$scale,
                       CoreAI_AnyRankedTensor:$offset1,
                       CoreAI_AnyRankedTensor:$offset2);
  let results = (outs CoreAI_AnyRankedTensor:$output);
  let assemblyFormat =
      "operands `:` functional-type(operands, results) attr-dict";
  let hasVerifier = 1;
}

def CoreAI_LutToDenseOp : CoreAI_Op<"lut_to_dense", [Pure]> {
  let summary = "expands palettized indices through a lookup table";
  let description = [{
    For indices of shape `[a0, ..., a(K-1)]` with element type `ui<N>`, the
    LUT has shape `[b0, ..., b(K-1), P, V]` with `P = 2^N`, each `bi`
    dividing `ai`. For index position `p`, the block is
    `bi_idx = pi / (ai / bi)` and the op reads the vector
    `lut[b0_idx, ..., b(K-1)_idx, indices[p], :]`. Element `j` of that vector
    goes to `p` with `p[axis] -> p[axis] * V + j`. The result has the LUT's
    element type and the indices' shape with dim `axis` multiplied by `V`.
    `axis` is a rank-0 `si16` tensor (usually a `coreai.constant`).

    Example (4-bit per-tensor):

    ```mlir
    %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<16x8xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<16x8xf16>
    ```
  }];
  let arguments = (ins CoreAI_AnyRankedTensor:$indices,
                       CoreAI_AnyRankedTensor:$lut,
                       CoreAI_AnyRankedTensor:$axis);
  let results = (outs CoreAI_AnyRankedTensor:$result);
  let assemblyFormat =
      "operands `:` functional-type(operands, results) attr-dict";
  let hasVerifier = 1;
}

def CoreAI_LutToSparseWithBitmaskOp
    : CoreAI_Op<"lut_to_sparse_with_bitmask", [Pure]> {
  let summary = "expands a palettized sparse tensor to a sparse tensor";
  let description = [{
    Like `coreai.lut_to_dense`, applied to the non-zero values of a bitmask
    sparse tensor (MIL `constexpr_lut_to_sparse`): `indices` is a sparse
    tensor with `#coreai.sparse_tensor_encoding`, and the result is a sparse
    tensor with the same encoding and shape and the LUT's element type.

    Example:

    ```mlir
    %r = coreai.lut_to_sparse_with_bitmask %i, %lut, %axis : (tensor<8x4xui4, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
    ```
  }];
  let arguments = (ins CoreAI_AnyRankedTensor:$indices,
                       CoreAI_AnyRankedTensor:$lut,
                       CoreAI_AnyRankedTensor:$axis);
  let results = (outs CoreAI_AnyRankedTensor:$result);
  let assemblyFormat =
      "operands `:` functional-type(operands, results) attr-dict";
  let hasVerifier = 1;
}

def CoreAI_BuildSparseWithBitmaskOp
    : CoreAI_Op<"build_sparse_with_bitmask", [Pure]> {
  let summary = "builds a bitmask sparse tensor from non-zero values and a mask";
  let description = [{
    `values` holds the non-zeros in row-major order of `bitmask`, so its
    length equals the number of ones in the mask. The result has the mask's
    shape, the values' element type and the encoding
    `#coreai.sparse_tensor_encoding<bitmask, numNonZero = nnz, posWidth = 1,
    crdWidth = 1>`. Value types: si8, ui8, bf16, f16, f32, f8E5M2, f8E4M3FN.

    Example:

    ```mlir
    %2 = coreai.build_sparse_with_bitmask %0, %1 : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
    ```
  }];
  let arguments = (ins RankedTensorOf<[AnyType]>:$values,
                       CoreAI_AnyRankedTensor:$bitmask);
  let results = (outs CoreAI_SparseTensor:$result);
  let assemblyFormat =
      "operands `:` functional-type(operands, results) attr-dict";
  let hasVerifier = 1;
}

def CoreAI_SparseWithBitmaskToDenseOp
    : CoreAI_Op<"sparse_with_bitmask_to_dense", [Pure]> {
  let summary = "densifies a bitmask sparse tensor";
  let description = [{
    Fills in zeros where the bitmask is 0. The result has the input's shape
    and element type, without the encoding.

    Example:

    ```mlir
    %3 = coreai.sparse_with_bitmask_to_dense %2 : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
    ```
  }];
  let arguments = (ins CoreAI_SparseTensor:$input);
  let results = (outs CoreAI_AnyRankedTensor:$result);
  let assemblyFormat =
      "$input `:` type($input) `->` type($result) attr-dict";
  let hasVerifier = 1;
}

class CoreAI_QuantizationOp<string mnemonic>
    : CoreAI_KeywordFunctionalOp<mnemonic> {
  let arguments = (ins AnyType:$input, AnyType:$scale, AnyType:$offset1,
                       AnyType:$offset2, AnyType:$axis);
  let results = (outs AnyType:$output);
}

def CoreAI_QuantizeOp : CoreAI_QuantizationOp<"quantize"> {
  let summary = "per-tensor or per-axis affine quantization";
  let description = [{
    `output = clip(round((input - offset2) / scale) + offset1)` per axis
    (`axis` rank 0: `scale`, `offset1`, `offset2` have one entry per channel
    of that dim) or per tensor (`axis` lists every dim; the parameters are
    rank 0). The result has the element type of `offset1`. Not emitted by
    the compression passes.

    Example:

    ```mlir
    %1 = coreai.quantize %arg0, %arg1, %arg2, %arg3, %0 : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xsi8>, tensor<3xf32>, tensor<si32>) -> tensor<2x3xsi8>
    ```
  }];
}

def CoreAI_DequantizeOp : CoreAI_QuantizationOp<"dequantize"> {
  let summary = "per-tensor or per-axis affine dequantization";
  let description = [{
    `output = (input - offset1) * scale + offset2`, per axis or per tensor as
    for `coreai.quantize`; the result has the element type of `offset2`.

    Example:

    ```mlir
    %1 = coreai.dequantize %arg0, %arg1, %arg2, %arg3, %0 : (tensor<2x3xsi8>, tensor<f32>, tensor<si8>, tensor<f32>, tensor<2xsi32>) -> tensor<2x3xf32>
    ```
  }];
}

def CoreAI_AsymmetricQuantStatsOp
    : CoreAI_KeywordFunctionalOp<"asymmetric_quantization_statistics",
        [DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "per-channel scale and zero point for affine quantization";
  let description = [{
    For each index along `axis`: `scale = (max - min) / (range[1] - range[0])`
    over the slice (clamped to include 0) and
    `zero_point = clip(range[0] - round(min / scale))`. The results print as
    `%scale, %zero_point`.

    Example:

    ```mlir
    %scale, %zero_point = coreai.asymmetric_quantization_statistics %arg0, %0, %1 : (tensor<2x3xf32>, tensor<2xsi8>, tensor<si32>) -> (tensor<3xf32>, tensor<3xsi8>)
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$range, AnyType:$axis);
  let results = (outs AnyType:$scale, AnyType:$zero_point);
}

def CoreAI_SymmetricQuantStatsOp
    : CoreAI_KeywordFunctionalOp<"symmetric_quantization_statistics"> {
  let summary = "per-channel scale for symmetric quantization";
  let description = [{
    For each index along `axis`, the scale that maps the slice's largest
    magnitude to the edge of `range`.

    Example:

    ```mlir
    %2 = coreai.symmetric_quantization_statistics %arg0, %0, %1 : (tensor<2x3xf32>, tensor<2xf32>, tensor<si32>) -> tensor<3xf32>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$range, AnyType:$axis);
  let results = (outs AnyType:$scale);
}

#endif // COREAI_OPS_CONSTANT_COMPRESSION
