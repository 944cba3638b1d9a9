// The plugin links the system's shared MLIR and LLVM (the libraries mlir-opt uses), exports
// only MLIR's two plugin entry points, and contains no MLIR or LLVM library code of its own:
// no function or object that libMLIR.so or libLLVM.so defines out of line is also defined in
// the plugin (see Inputs/link_facts.py).
// RUN: %python %S/Inputs/link_facts.py %coreai_plugin %mlir_lib_dir | FileCheck %s
// CHECK-DAG: NEEDED libMLIR.so.22
// CHECK-DAG: NEEDED libLLVM.so.22
// CHECK-DAG: FLAGS_1 {{.*}}NODELETE
// CHECK:      EXPORT mlirGetDialectPluginInfo
// CHECK-NEXT: EXPORT mlirGetPassPluginInfo
// CHECK-NEXT: DUPLICATE libMLIR.so 0{{$}}
// CHECK-NEXT: DUPLICATE libLLVM.so 0{{$}}

// For contrast, the statically linked driver carries its own copy of both (which is right
// for a stand-alone tool, and shows that the check above can fail).
// RUN: %python %S/Inputs/link_facts.py %coreai_bin_dir/coreai-opt %mlir_lib_dir | FileCheck %s --check-prefix=DRIVER
// DRIVER-NOT: NEEDED libMLIR
// DRIVER:     DUPLICATE libMLIR.so {{[1-9][0-9]+$}}
// DRIVER:     DUPLICATE libLLVM.so {{[1-9][0-9]+$}}
