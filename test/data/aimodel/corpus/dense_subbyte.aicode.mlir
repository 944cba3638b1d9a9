#loc3 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 3, startColumn = 22, endLine = 3, endColumn = 22>, scope = #aicode.unit_v1>
"builtin.module"() ({
  "aicode.serialization.asset"() <{version = #aicode.serialization.integer<(32bit unsigned) 20251003>}> ({
    "aicode.dataflow.graph_v1"() <{argAttrs = #aicode.serialization.array<[#aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"x">]>]>]>, externalize = #aicode.serialization.integer<(1bit unsigned) 0>, functionType = #aicode.serialization.type<!aicode.function_v1<(operands !aicode.tensor_v1<[1, 8] : !aicode.float16_v1>) -> (results !aicode.tensor_v1<[9] : !aicode.uint1_v1>, !aicode.tensor_v1<[5] : !aicode.sint4_v1>, !aicode.tensor_v1<[5] : !aicode.uint3_v1>, !aicode.tensor_v1<[3] : !aicode.float8E4M3FN_v1>, !aicode.tensor_v1<[2] : !aicode.float32_v1>)>>, isPrivate = #aicode.serialization.integer<(1bit unsigned) 0>, name = #aicode.serialization.string<"main">, noInline = #aicode.serialization.integer<(1bit unsigned) 0>, paramDecls = #aicode.serialization.array<>, resAttrs = #aicode.serialization.array<[#aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"m">]>]>, #aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"a">]>]>, #aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"b">]>]>, #aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"c">]>]>, #aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"d">]>]>]>}> ({
    ^bb0(%arg0: !aicode.tensor_v1<[1, 8] : !aicode.float16_v1> loc(#loc3)):
      %0 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "jQE=">}> : () -> !aicode.tensor_v1<[9] : !aicode.uint1_v1> loc(#loc4)
      %1 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "CA8AAQc=">}> : () -> !aicode.tensor_v1<[5] : !aicode.sint4_v1> loc(#loc5)
      %2 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AAEFBgc=">}> : () -> !aicode.tensor_v1<[5] : !aicode.uint3_v1> loc(#loc6)
      %3 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "OMB+">}> : () -> !aicode.tensor_v1<[3] : !aicode.float8E4M3FN_v1> loc(#loc7)
      %4 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AACAPwAAAIA=">}> : () -> !aicode.tensor_v1<[2] : !aicode.float32_v1> loc(#loc8)
      "aicode.dataflow.output_v1"(%0, %1, %2, %3, %4) : (!aicode.tensor_v1<[9] : !aicode.uint1_v1>, !aicode.tensor_v1<[5] : !aicode.sint4_v1>, !aicode.tensor_v1<[5] : !aicode.uint3_v1>, !aicode.tensor_v1<[3] : !aicode.float8E4M3FN_v1>, !aicode.tensor_v1<[2] : !aicode.float32_v1>) -> () loc(#loc9)
    }) : () -> () loc(#loc2)
  }) : () -> () loc(#loc1)
}) : () -> () loc(#loc)
#loc = loc("-":0:0)
#loc1 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 2, startColumn = 1, endLine = 2, endColumn = 1>, scope = #aicode.unit_v1>
#loc2 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 3, startColumn = 3, endLine = 3, endColumn = 3>, scope = #aicode.unit_v1>
#loc4 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 4, startColumn = 10, endLine = 4, endColumn = 10>, scope = #aicode.unit_v1>
#loc5 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 5, startColumn = 10, endLine = 5, endColumn = 10>, scope = #aicode.unit_v1>
#loc6 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 6, startColumn = 10, endLine = 6, endColumn = 10>, scope = #aicode.unit_v1>
#loc7 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 7, startColumn = 10, endLine = 7, endColumn = 10>, scope = #aicode.unit_v1>
#loc8 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 8, startColumn = 10, endLine = 8, endColumn = 10>, scope = #aicode.unit_v1>
#loc9 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 9, startColumn = 5, endLine = 9, endColumn = 5>, scope = #aicode.unit_v1>

