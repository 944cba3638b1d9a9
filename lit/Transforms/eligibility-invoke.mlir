// Eligibility through calls, as in exported transformers (spec B.1-B.3): a weight passed
// straight to `coreai.invoke` is left alone (invoke is not a consumer); a weight read by
// `transpose` -> `invoke` is compressed with the default axes (out 0); a weight read by
// `decomposable.broadcasting_batch_matmul` as y is compressed with out axis -1; and by
// `transpose` -> `batch_matmul` with out axis 0. coreai-opt 0.4.0 (the reference) gives the same
// decisions and the same scale/LUT shapes on this program for quantize int8, palettize 4-bit
// and sparsify 50%.
// RUN: coreai-opt %s --coreai-quantize | FileCheck %s --check-prefix=QUANT
// RUN: coreai-opt %s --coreai-palettize | FileCheck %s --check-prefix=PAL
// RUN: coreai-opt %s --coreai-sparsify | FileCheck %s --check-prefix=SPARSE

// QUANT-LABEL: coreai.graph @main
// QUANT:       %[[W1:.*]] = coreai.constant dense<5.000000e-01> : tensor<64x32xf16>
// QUANT-NEXT:  coreai.invoke @callee(%arg0, %[[W1]])
// QUANT:       %[[Q2:.*]] = coreai.blockwise_shift_scale {{.*}} : (tensor<32x64xsi8>, tensor<32x1xf16>, tensor<32x1xsi8>, tensor<32x1xf16>) -> tensor<32x64xf16>
// QUANT:       %[[T2:.*]] = coreai.transpose %[[Q2]]
// QUANT-NEXT:  coreai.invoke @callee(%arg0, %[[T2]])
// QUANT:       %[[Q3:.*]] = coreai.blockwise_shift_scale {{.*}} : (tensor<64x32xsi8>, tensor<1x32xf16>, tensor<1x32xsi8>, tensor<1x32xf16>) -> tensor<64x32xf16>
// QUANT-NEXT:  coreai.decomposable.broadcasting_batch_matmul %arg0, %[[Q3]]
// QUANT:       %[[Q4:.*]] = coreai.blockwise_shift_scale {{.*}} : (tensor<32x64xsi8>, tensor<32x1xf16>, tensor<32x1xsi8>, tensor<32x1xf16>) -> tensor<32x64xf16>
// QUANT:       %[[T4:.*]] = coreai.transpose %[[Q4]]
// QUANT-NEXT:  coreai.batch_matmul %arg0, %[[T4]]

// PAL-LABEL:   coreai.graph @main
// PAL:         %[[W1:.*]] = coreai.constant dense<5.000000e-01> : tensor<64x32xf16>
// PAL-NEXT:    coreai.invoke @callee(%arg0, %[[W1]])
// PAL:         %[[L2:.*]] = coreai.lut_to_dense {{.*}} : (tensor<32x64xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<32x64xf16>
// PAL:         %[[T2:.*]] = coreai.transpose %[[L2]]
// PAL-NEXT:    coreai.invoke @callee(%arg0, %[[T2]])
// PAL:         %[[L3:.*]] = coreai.lut_to_dense {{.*}} : (tensor<64x32xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<64x32xf16>
// PAL-NEXT:    coreai.decomposable.broadcasting_batch_matmul %arg0, %[[L3]]
// PAL:         %[[L4:.*]] = coreai.lut_to_dense {{.*}} : (tensor<32x64xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<32x64xf16>
// PAL:         %[[T4:.*]] = coreai.transpose %[[L4]]
// PAL-NEXT:    coreai.batch_matmul %arg0, %[[T4]]

// SPARSE-LABEL: coreai.graph @main
// SPARSE:       %[[W1:.*]] = coreai.constant dense<5.000000e-01> : tensor<64x32xf16>
// SPARSE-NEXT:  coreai.invoke @callee(%arg0, %[[W1]])
// SPARSE:       coreai.build_sparse_with_bitmask {{.*}} : (tensor<{{[0-9]+}}xf16>, tensor<32x64xui1>)
// SPARSE:       coreai.transpose
// SPARSE-NEXT:  coreai.invoke @callee
// SPARSE:       coreai.build_sparse_with_bitmask {{.*}} : (tensor<{{[0-9]+}}xf16>, tensor<64x32xui1>)
// SPARSE:       coreai.decomposable.broadcasting_batch_matmul
// SPARSE:       coreai.build_sparse_with_bitmask {{.*}} : (tensor<{{[0-9]+}}xf16>, tensor<32x64xui1>)
// SPARSE:       coreai.transpose
// SPARSE-NEXT:  coreai.batch_matmul
module {
  coreai.graph private noinline @callee(%arg0: tensor<4x64xf16>, %arg1: tensor<64x32xf16>) -> tensor<4x32xf16> {
    %0 = coreai.decomposable.broadcasting_batch_matmul %arg0, %arg1 : (tensor<4x64xf16>, tensor<64x32xf16>) -> tensor<4x32xf16>
    coreai.output %0 : tensor<4x32xf16>
  }
  coreai.graph @main(%arg0: tensor<4x64xf16>) -> (tensor<4x32xf16>, tensor<4x32xf16>, tensor<4x32xf16>, tensor<4x32xf16>) {
    %w1 = coreai.constant dense<0.5> : tensor<64x32xf16>
    %0 = coreai.invoke @callee(%arg0, %w1)  : (tensor<4x64xf16>, tensor<64x32xf16>) -> tensor<4x32xf16>
    %w2 = coreai.constant dense<0.25> : tensor<32x64xf16>
    %p = coreai.constant dense<[1, 0]> : tensor<2xui32>
    %t2 = coreai.transpose %w2, %p : (tensor<32x64xf16>, tensor<2xui32>) -> tensor<64x32xf16>
    %1 = coreai.invoke @callee(%arg0, %t2)  : (tensor<4x64xf16>, tensor<64x32xf16>) -> tensor<4x32xf16>
    %w3 = coreai.constant dense<0.125> : tensor<64x32xf16>
    %2 = coreai.decomposable.broadcasting_batch_matmul %arg0, %w3 : (tensor<4x64xf16>, tensor<64x32xf16>) -> tensor<4x32xf16>
    %w4 = coreai.constant dense<0.75> : tensor<32x64xf16>
    %t4 = coreai.transpose %w4, %p : (tensor<32x64xf16>, tensor<2xui32>) -> tensor<64x32xf16>
    %3 = coreai.batch_matmul %arg0, %t4 : (tensor<4x64xf16>, tensor<64x32xf16>) -> tensor<4x32xf16>
    coreai.output %0, %1, %2, %3 : tensor<4x32xf16>, tensor<4x32xf16>, tensor<4x32xf16>, tensor<4x32xf16>
  }
}
