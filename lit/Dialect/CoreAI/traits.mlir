// Side effects as coreai-core's canonicalizer shows them: unused results of the pure ops (and of
// if / while / isolated_group with pure bodies) are removed; scan, invoke, delegate and
// metal4_kernel stay, as they do in coreai-core.
// RUN: coreai-opt %s --canonicalize | FileCheck %s

// CHECK-LABEL: coreai.graph @unused
// CHECK-NOT: coreai.add
// CHECK-NOT: coreai.reduce_sum
// CHECK-NOT: coreai.if
// CHECK-NOT: coreai.isolated_group
// CHECK: coreai.scan
// CHECK: coreai.invoke @helper
// CHECK: coreai.delegate<"ANE">
// CHECK-NEXT: coreai.output
coreai.graph @unused(%arg0: tensor<4xf32>, %arg1: tensor<i1>) {
  %0 = coreai.add %arg0, %arg0 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = coreai.constant dense<0> : tensor<1xsi32>
  %2 = coreai.reduce_sum %arg0, %1 : (tensor<4xf32>, tensor<1xsi32>) -> tensor<1xf32>
  %3 = coreai.if %arg1 {
    coreai.yield %arg0 : tensor<4xf32>
  } else {
    coreai.yield %0 : tensor<4xf32>
  } : tensor<i1> -> tensor<4xf32>
  %4 = coreai.isolated_group<"BNNS">(%arg0) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%arg2: tensor<4xf32>):
    %9 = coreai.relu %arg2 : (tensor<4xf32>) -> tensor<4xf32>
    coreai.yield %9 : tensor<4xf32>
  }
  %5 = coreai.constant dense<0> : tensor<ui32>
  %6 = coreai.constant dense<false> : tensor<i1>
  %7 = coreai.scan %arg0, %5, %6 combiner = <sum> : (tensor<4xf32>, tensor<ui32>, tensor<i1>) -> tensor<4xf32>
  %8 = coreai.invoke @helper(%arg0)  : (tensor<4xf32>) -> tensor<4xf32>
  %10 = coreai.delegate<"ANE">(%arg0) {resource = array<i8: 1>} : (tensor<4xf32>) -> tensor<4xf32>
  coreai.output
}

coreai.graph private @helper(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  coreai.output %arg0 : tensor<4xf32>
}
