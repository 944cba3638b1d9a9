// Assets compressed by the reference read too. The reference writes FP4 data unpacked, one
// code per byte (spec F.8 and coreai-torch pack two per byte): the decoder tells the layouts
// apart by blob size. face_detector.quantize_fp4_mx is a real asset of the reference
// (coreai-opt 0.4.0, quantize_weights dtype=fp4_e2m1fn per_block 32).
// RUN: rm -rf %t && mkdir -p %t
// RUN: coreai-opt %testdata/models/reference/face_detector.quantize_fp4_mx.aimodel | FileCheck %s --check-prefix=READ
// READ: coreai.constant dense_resource<{{.*}}> : tensor<{{[0-9x]+}}xf4E2M1FN>
// READ: coreai.blockwise_shift_scale
// RUN: coreai-opt %testdata/models/reference/face_detector.quantize_fp4_mx.aimodel --coreai-decompress | FileCheck %s --check-prefix=DENSE
// DENSE-NOT: f4E2M1FN
// DENSE-NOT: blockwise_shift_scale
// DENSE: coreai.graph
// Written back as an asset (dense), which re-reads.
// RUN: coreai-opt %testdata/models/reference/face_detector.quantize_fp4_mx.aimodel --coreai-decompress -o %t/dense.aimodel
// RUN: coreai-opt %t/dense.aimodel | FileCheck %s --check-prefix=DENSE
// (A blob of neither layout's size: lit/Robustness/resources.mlir.)
