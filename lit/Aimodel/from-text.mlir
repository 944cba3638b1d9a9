// A program from text written as an asset: decomposition regions are generated (softmax,
// relu, reduce_mean, broadcasting_add here) and the asset reads back. coreai-core's check of
// such assets is test/conformance/aimodel/check_opt.py.
// RUN: rm -rf %t && mkdir -p %t
// RUN: coreai-opt %s -o %t/text.aimodel
// RUN: coreai-opt %t/text.aimodel | FileCheck %s
// CHECK-LABEL: coreai.graph @main
// CHECK: coreai.softmax %arg0, %{{.*}} : (tensor<2x8xf16>, tensor<si32>) -> tensor<2x8xf16> {aimodel.decomposition = 0 : i64}
// CHECK: coreai.relu {{.*}} attributes {aimodel.decomposition = 1 : i64}
// CHECK: coreai.decomposable.broadcasting_add {{.*}} attributes {aimodel.decomposition = 2 : i64}
// CHECK: coreai.reduce_mean {{.*}} attributes {aimodel.decomposition = 3 : i64}
// Written again, the regions read from the asset give the same bytes as generated ones.
// RUN: coreai-opt %t/text.aimodel -o %t/again.aimodel
// RUN: cmp %t/text.aimodel/main.mlirb %t/again.aimodel/main.mlirb

coreai.graph @main(%arg0: tensor<2x8xf16> {coreai.name = "x"}, %arg1: tensor<8xf16> {coreai.name = "b"}) -> (tensor<2x1xf16> {coreai.name = "y"}) {
  %c = coreai.constant dense<-1> : tensor<si32>
  %0 = coreai.softmax %arg0, %c : (tensor<2x8xf16>, tensor<si32>) -> tensor<2x8xf16>
  %1 = coreai.relu %0 : (tensor<2x8xf16>) -> tensor<2x8xf16>
  %ax = coreai.constant dense<[1]> : tensor<1xsi32>
  %2 = coreai.decomposable.broadcasting_add %1, %arg1 : (tensor<2x8xf16>, tensor<8xf16>) -> tensor<2x8xf16>
  %3 = coreai.reduce_mean %2, %ax : (tensor<2x8xf16>, tensor<1xsi32>) -> tensor<2x1xf16>
  coreai.output %3 : tensor<2x1xf16>
}
