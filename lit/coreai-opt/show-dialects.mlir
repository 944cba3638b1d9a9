// RUN: coreai-opt --show-dialects | FileCheck %s
// CHECK: Available Dialects:
// CHECK-SAME: arith
// CHECK-SAME: builtin
// CHECK-SAME: coreai
// CHECK-SAME: func
// CHECK-SAME: param
// CHECK-SAME: tensor
