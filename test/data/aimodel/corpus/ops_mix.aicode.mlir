#loc3 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 4, startColumn = 22, endLine = 4, endColumn = 22>, scope = #aicode.unit_v1>
#loc13 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 73, startColumn = 41, endLine = 73, endColumn = 41>, scope = #aicode.unit_v1>
#loc16 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 76, startColumn = 33, endLine = 76, endColumn = 33>, scope = #aicode.unit_v1>
"builtin.module"() ({
  "aicode.serialization.asset"() <{version = #aicode.serialization.integer<(32bit unsigned) 20260202>}> ({
    "aicode.dataflow.graph_v1"() <{argAttrs = #aicode.serialization.array<[#aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"x">]>]>]>, externalize = #aicode.serialization.integer<(1bit unsigned) 0>, functionType = #aicode.serialization.type<!aicode.function_v1<(operands !aicode.tensor_v1<[1, 8] : !aicode.float16_v1>) -> (results !aicode.tensor_v1<[1, 4] : !aicode.float16_v1>)>>, isPrivate = #aicode.serialization.integer<(1bit unsigned) 0>, name = #aicode.serialization.string<"main">, noInline = #aicode.serialization.integer<(1bit unsigned) 0>, paramDecls = #aicode.serialization.array<>, resAttrs = #aicode.serialization.array<[#aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"y">]>]>]>}> ({
    ^bb0(%arg2: !aicode.tensor_v1<[1, 8] : !aicode.float16_v1> loc(#loc3)):
      %0 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "B/Q+DQECAwQFBgcICQoLDA0ODxAREhMUFRYXGOcUnuc=">}> : () -> !aicode.tensor_v1<[8, 4] : !aicode.sint8_v1> loc(#loc4)
      %1 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "rySCIUIhNCA=">}> : () -> !aicode.tensor_v1<[1, 4] : !aicode.float16_v1> loc(#loc5)
      %2 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AA==">}> : () -> !aicode.tensor_v1<[1, 4] : !aicode.sint8_v1> loc(#loc6)
      %3 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAA=">}> : () -> !aicode.tensor_v1<[1, 4] : !aicode.float16_v1> loc(#loc7)
      %4 = "aicode.primitive.blockwise_shift_scale_v2"(%0, %1, %2, %3) : (!aicode.tensor_v1<[8, 4] : !aicode.sint8_v1>, !aicode.tensor_v1<[1, 4] : !aicode.float16_v1>, !aicode.tensor_v1<[1, 4] : !aicode.sint8_v1>, !aicode.tensor_v1<[1, 4] : !aicode.float16_v1>) -> !aicode.tensor_v1<[8, 4] : !aicode.float16_v1> loc(#loc8)
      %5 = "aicode.primitive.batch_matmul_v1"(%arg2, %4) : (!aicode.tensor_v1<[1, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[8, 4] : !aicode.float16_v1>) -> !aicode.tensor_v1<[1, 4] : !aicode.float16_v1> loc(#loc9)
      %6 = "aicode.dataflow.invoke_v1"(%arg2) <{arg_attrs = #aicode.serialization.array<>, callee = #aicode.param.constant_v1<binding{ [#aicode.symbol_ref_v1<helper>] : !aicode.param.symbol_v1 }>, res_attrs = #aicode.serialization.array<>}> : (!aicode.tensor_v1<[1, 8] : !aicode.float16_v1>) -> !aicode.tensor_v1<[1, 8] : !aicode.float16_v1> loc(#loc10)
      "aicode.dataflow.output_v1"(%5) : (!aicode.tensor_v1<[1, 4] : !aicode.float16_v1>) -> () loc(#loc11)
    }) : () -> () loc(#loc2)
    "aicode.dataflow.graph_v1"() <{argAttrs = #aicode.serialization.array<>, externalize = #aicode.serialization.integer<(1bit unsigned) 0>, functionType = #aicode.serialization.type<!aicode.function_v1<(operands !aicode.tensor_v1<[1, 8] : !aicode.float16_v1>) -> (results !aicode.tensor_v1<[1, 8] : !aicode.float16_v1>)>>, isPrivate = #aicode.serialization.integer<(1bit unsigned) 1>, name = #aicode.serialization.string<"helper">, noInline = #aicode.serialization.integer<(1bit unsigned) 1>, paramDecls = #aicode.serialization.array<>, resAttrs = #aicode.serialization.array<>}> ({
    ^bb0(%arg1: !aicode.tensor_v1<[1, 8] : !aicode.float16_v1> loc(#loc13)):
      "aicode.dataflow.output_v1"(%arg1) : (!aicode.tensor_v1<[1, 8] : !aicode.float16_v1>) -> () loc(#loc14)
    }) : () -> () loc(#loc12)
    "aicode.dataflow.graph_v1"() <{argAttrs = #aicode.serialization.array<>, externalize = #aicode.serialization.integer<(1bit unsigned) 1>, functionType = #aicode.serialization.type<!aicode.function_v1<(operands !aicode.tensor_v1<[2] : !aicode.float32_v1>) -> (results !aicode.tensor_v1<[2] : !aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.float32_v1>)>>, isPrivate = #aicode.serialization.integer<(1bit unsigned) 0>, name = #aicode.serialization.string<"two">, noInline = #aicode.serialization.integer<(1bit unsigned) 0>, paramDecls = #aicode.serialization.array<>, resAttrs = #aicode.serialization.array<>}> ({
    ^bb0(%arg0: !aicode.tensor_v1<[2] : !aicode.float32_v1> loc(#loc16)):
      "aicode.dataflow.output_v1"(%arg0, %arg0) : (!aicode.tensor_v1<[2] : !aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.float32_v1>) -> () loc(#loc17)
    }) : () -> () loc(#loc15)
  }) : () -> () loc(#loc1)
}) : () -> () loc(#loc)
#loc = loc("-":0:0)
#loc1 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 3, startColumn = 1, endLine = 3, endColumn = 1>, scope = #aicode.unit_v1>
#loc2 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 4, startColumn = 3, endLine = 4, endColumn = 3>, scope = #aicode.unit_v1>
#loc4 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 5, startColumn = 10, endLine = 5, endColumn = 10>, scope = #aicode.unit_v1>
#loc5 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 6, startColumn = 10, endLine = 6, endColumn = 10>, scope = #aicode.unit_v1>
#loc6 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 7, startColumn = 10, endLine = 7, endColumn = 10>, scope = #aicode.unit_v1>
#loc7 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 8, startColumn = 10, endLine = 8, endColumn = 10>, scope = #aicode.unit_v1>
#loc8 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 9, startColumn = 10, endLine = 9, endColumn = 10>, scope = #aicode.unit_v1>
#loc9 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 10, startColumn = 10, endLine = 10, endColumn = 10>, scope = #aicode.unit_v1>
#loc10 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 68, startColumn = 11, endLine = 68, endColumn = 11>, scope = #aicode.unit_v1>
#loc11 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 71, startColumn = 5, endLine = 71, endColumn = 5>, scope = #aicode.unit_v1>
#loc12 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 73, startColumn = 3, endLine = 73, endColumn = 3>, scope = #aicode.unit_v1>
#loc14 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 74, startColumn = 5, endLine = 74, endColumn = 5>, scope = #aicode.unit_v1>
#loc15 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 76, startColumn = 3, endLine = 76, endColumn = 3>, scope = #aicode.unit_v1>
#loc17 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 77, startColumn = 5, endLine = 77, endColumn = 5>, scope = #aicode.unit_v1>

