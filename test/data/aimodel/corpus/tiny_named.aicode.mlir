#loc3 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 3, startColumn = 22, endLine = 3, endColumn = 22>, scope = #aicode.unit_v1>
"builtin.module"() ({
  "aicode.serialization.asset"() <{version = #aicode.serialization.integer<(32bit unsigned) 20250723>}> ({
    "aicode.dataflow.graph_v1"() <{argAttrs = #aicode.serialization.array<[#aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"x">]>]>]>, externalize = #aicode.serialization.integer<(1bit unsigned) 0>, functionType = #aicode.serialization.type<!aicode.function_v1<(operands !aicode.tensor_v1<[1, 4] : !aicode.float16_v1>) -> (results !aicode.tensor_v1<[1, 2] : !aicode.float16_v1>)>>, isPrivate = #aicode.serialization.integer<(1bit unsigned) 0>, name = #aicode.serialization.string<"main">, noInline = #aicode.serialization.integer<(1bit unsigned) 0>, paramDecls = #aicode.serialization.array<>, resAttrs = #aicode.serialization.array<[#aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"y">]>]>]>}> ({
    ^bb0(%arg0: !aicode.tensor_v1<[1, 4] : !aicode.float16_v1> loc(#loc3)):
      %0 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "ADwAQABCAEQARQBGAEcASA==">}> : () -> !aicode.tensor_v1<[4, 2] : !aicode.float16_v1> loc(#loc4)
      %1 = "aicode.primitive.batch_matmul_v1"(%arg0, %0) : (!aicode.tensor_v1<[1, 4] : !aicode.float16_v1>, !aicode.tensor_v1<[4, 2] : !aicode.float16_v1>) -> !aicode.tensor_v1<[1, 2] : !aicode.float16_v1> loc(#loc5)
      "aicode.dataflow.output_v1"(%1) : (!aicode.tensor_v1<[1, 2] : !aicode.float16_v1>) -> () loc(#loc6)
    }) : () -> () loc(#loc2)
  }) : () -> () loc(#loc1)
}) : () -> () loc(#loc)
#loc = loc("-":0:0)
#loc1 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 2, startColumn = 1, endLine = 2, endColumn = 1>, scope = #aicode.unit_v1>
#loc2 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 3, startColumn = 3, endLine = 3, endColumn = 3>, scope = #aicode.unit_v1>
#loc4 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 4, startColumn = 10, endLine = 4, endColumn = 10>, scope = #aicode.unit_v1>
#loc5 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 5, startColumn = 10, endLine = 5, endColumn = 10>, scope = #aicode.unit_v1>
#loc6 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 6, startColumn = 5, endLine = 6, endColumn = 5>, scope = #aicode.unit_v1>

