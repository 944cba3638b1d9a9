//===- CoreAIOps.td - coreai op definitions ----------------*- tablegen -*-===//
//
// Ops of Apple's Core AI dialect that weight compression reads or writes.
// Operand order, operand names, attribute names and textual syntax follow
// coreai-core 1.0.0b3 (`coreai/_compiler/dialects/_coreai_ops_gen.py` and the
// text Core AI prints).
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS
#define COREAI_OPS

include "CoreAI/CoreAIDialect.td"
include "CoreAI/CoreAIAttrs.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

//===----------------------------------------------------------------------===//
// Constraints
//===----------------------------------------------------------------------===//

def CoreAI_DenseOrResourceAttr : Attr<
    CPred<"::llvm::isa<::mlir::DenseElementsAttr, "
          "::mlir::DenseResourceElementsAttr>($_self)">,
    "dense or dense_resource elements attribute"> {
  let storageType = "::mlir::ElementsAttr";
  let returnType = "::mlir::ElementsAttr";
  let convertFromStorage = "$_self";
}

def CoreAI_AnyRankedTensor : RankedTensorOf<[AnyType]>;

def CoreAI_SparseTensor : Type<
    CPred<"::llvm::isa<::mlir::RankedTensorType>($_self) && "
          "::llvm::isa_and_nonnull<::mlir::coreai::SparseTensorEncodingAttr>("
          "::llvm::cast<::mlir::RankedTensorType>($_self).getEncoding())">,
    "ranked tensor with #coreai.sparse_tensor_encoding">;

//===----------------------------------------------------------------------===//
// Graph structure
//===----------------------------------------------------------------------===//

def CoreAI_GraphOp : CoreAI_Op<"graph", [
    AffineScope, AutomaticAllocationScope, FunctionOpInterface,
    IsolatedFromAbove
  ]> {
  let summary = "a Core AI graph";
  let description = [{
    A graph: a function-like op with a signature and a single-block body that
    ends in `coreai.output`. It is not a `func.func`; it is called by
    `coreai.invoke`. The keywords `private`, `externalize` and `noinline`
    before the symbol name set the unit attributes `priv`, `externalize` and
    `no_inline`. `param_decls` holds Core AI parameter declarations and is
    elided from the custom form when it is the empty `#param.decl.array<[]>`.

    Example:

    ```mlir
    coreai.graph @main(%arg0: tensor<1x8xf16> {coreai.name = "x"}) -> (tensor<1x4xf16> {coreai.name = "y"}) attributes {__coreai_pure__} {
      %0 = coreai.constant dense<1.0> : tensor<8x4xf16>
      %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
      coreai.output %1 : tensor<1x4xf16>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       AnyAttr:$param_decls,
                       UnitAttr:$priv,
                       UnitAttr:$externalize,
                       UnitAttr:$no_inline,
                       OptionalAttr<AnyAttr>:$composite_decl,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region AnyRegion:$bodyRegion);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Region *getCallableRegion() { return &getBodyRegion(); }
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    bool isDeclaration() { return false; }
  }];
}

def CoreAI_OutputOp : CoreAI_Op<"output", [
    Pure, HasParent<"GraphOp">, ReturnLike, Terminator
  ]> {
  let summary = "returns the results of a coreai.graph";
  let description = [{
    Terminates a `coreai.graph`. Its operands must match the graph's result
    types.

    Example:

    ```mlir
    coreai.output %1, %2 : tensor<1x10xf32>, tensor<1x10xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$operands);
  let assemblyFormat = "($operands^ `:` type($operands))? attr-dict";
  let hasVerifier = 1;
}

def CoreAI_InvokeOp : CoreAI_Op<"invoke", []> {
  let summary = "calls a coreai.graph";
  let description = [{
    Calls the graph named by `callee`. Core AI stores the callee as
    `#param.constant<@f> : !param.symbol`; the custom form prints `@f`.

    Example:

    ```mlir
    %1 = coreai.invoke @f(%arg0, %0) : (tensor<1x10xf32>, tensor<10xf32>) -> tensor<1x10xf32>
    ```
  }];
  let arguments = (ins AnyAttr:$callee, Variadic<AnyType>:$operands,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let results = (outs Variadic<AnyType>:$result);
  let hasCustomAssemblyFormat = 1;
}

//===----------------------------------------------------------------------===//
// Constants and casts
//===----------------------------------------------------------------------===//

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
      bits 0-3 of byte `k` and element `2k+1` in bits 4-7.
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

def CoreAI_CastOp : CoreAI_Op<"cast", [Pure]> {
  let summary = "converts the element type of a tensor";
  let description = [{
    Converts each element to the result element type: integer to float gives
    the nearest value; float to float narrowing rounds to nearest even;
    float to integer truncates toward zero. Shapes must be compatible.

    Example:

    ```mlir
    %6 = coreai.cast %5 : tensor<16x64xsi8> to tensor<16x64xf16>
    ```
  }];
  let arguments = (ins AnyTensor:$input);
  let results = (outs AnyTensor:$output);
  let assemblyFormat = "$input `:` type($input) `to` type($output) attr-dict";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Decompression ops. They carry no attributes and are never folded: Core AI
// decompresses at load time or run time.
//===----------------------------------------------------------------------===//

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

class CoreAI_QuantizationOp<string mnemonic> : CoreAI_Op<mnemonic, [Pure]> {
  let arguments = (ins AnyTensor:$input, AnyTensor:$scale, AnyTensor:$offset1,
                       AnyTensor:$offset2, AnyTensor:$axis);
  let results = (outs AnyTensor:$output);
  let assemblyFormat =
      "operands `:` functional-type(operands, results) attr-dict";
}

def CoreAI_QuantizeOp : CoreAI_QuantizationOp<"quantize"> {
  let summary = "per-tensor or per-axis affine quantization";
  let description = [{
    `output = round(input / scale + offset1) - offset2` per tensor or along
    `axis` (a rank-0 integer tensor). Not emitted by the compression passes.
  }];
}

def CoreAI_DequantizeOp : CoreAI_QuantizationOp<"dequantize"> {
  let summary = "per-tensor or per-axis affine dequantization";
  let description = [{
    `output = (input - offset1) * scale + offset2` per tensor or along `axis`
    (a rank-0 integer tensor). Not emitted by the compression passes.
  }];
}

//===----------------------------------------------------------------------===//
// Weight consumers (spec B.2). Only their operands matter to compression.
//===----------------------------------------------------------------------===//

class CoreAI_BinaryFunctionalOp<string mnemonic>
    : CoreAI_Op<mnemonic, [Pure]> {
  let results = (outs AnyType:$output);
  let assemblyFormat =
      "operands `:` functional-type(operands, results) attr-dict";
}

def CoreAI_BatchMatmulOp : CoreAI_BinaryFunctionalOp<"batch_matmul"> {
  let summary = "batched matrix product";
  let description = [{
    `output = x @ y` over the last two dims, batched over the leading dims.

    ```mlir
    %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$x, AnyType:$y);
}

def CoreAI_BroadcastingBatchMatmulOp
    : CoreAI_BinaryFunctionalOp<"decomposable.broadcasting_batch_matmul"> {
  let assemblyFormat =
      "operands attr-dict-with-keyword `:` functional-type(operands, results)";
  let summary = "batched matrix product with broadcasting batch dims";
  let description = [{
    ```mlir
    %1 = coreai.decomposable.broadcasting_batch_matmul %arg0, %0 : (tensor<2x3x8xf16>, tensor<8x4xf16>) -> tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$x, AnyType:$y);
}

def CoreAI_TransposeOp : CoreAI_BinaryFunctionalOp<"transpose"> {
  let summary = "permutes the dims of a tensor";
  let description = [{
    ```mlir
    %2 = coreai.transpose %0, %1 : (tensor<4x8xf16>, tensor<2xui32>) -> tensor<8x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$permutation);
}

def CoreAI_Conv2dOp : CoreAI_Op<"conv2d", [Pure]> {
  let summary = "2-D convolution";
  let description = [{
    Operands: input `[N, Cin, H, W]`, weight `[Cout, Cin/groups, kH, kW]`,
    stride and dilation (`tensor<2xui32>`) and groups (`tensor<ui32>`).

    ```mlir
    %3 = coreai.conv2d %arg0, %0, %1, %1, %2 : (tensor<1x16x8x8xf16>, tensor<32x16x3x3xf16>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x32x6x6xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$weight, AnyType:$stride,
                       AnyType:$dilation, AnyType:$groups);
  let results = (outs AnyType:$output);
  let assemblyFormat =
      "operands `:` functional-type(operands, results) attr-dict";
}

def CoreAI_GatherNdOp : CoreAI_Op<"gather_nd", [Pure]> {
  let summary = "gathers slices of a tensor by index tuples";
  let description = [{
    ```mlir
    %1 = coreai.gather_nd %0 at %arg0 : (tensor<64x32xf16>, tensor<5x1xsi32>) to tensor<5x32xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$indices);
  let results = (outs AnyType:$output);
  let assemblyFormat = [{
    $input `at` $indices `:` `(` type($input) `,` type($indices) `)`
    `to` type($output) attr-dict
  }];
}

#endif // COREAI_OPS
