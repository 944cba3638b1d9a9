#loc3 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.debuginfo.subprogram_v1<typeAttr = !aicode.debuginfo.unresolved_v1<wrappedType = !aicode.function_v1<(operands !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> (results !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>)>>, compileUnit = #aicode.debuginfo.compile_unit_v1<sourceLanguage = "DW_LANG_Python", file = <filename = "<string>", directory = "", sha256Sum = "">, producer = "ODIE", optimized = false, flags = "">, file = <filename = "<string>", directory = "", sha256Sum = "">, name = "main", linkageName = "main">>
#loc4 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 0, startColumn = 0, endLine = 0, endColumn = 0>, scope = #aicode.unit_v1, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 0>]>}>>>>
#loc5 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 0, startColumn = 0, endLine = 0, endColumn = 0>, scope = #aicode.unit_v1, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 1>]>}>>>>
#loc6 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 0, startColumn = 0, endLine = 0, endColumn = 0>, scope = #aicode.unit_v1, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 2>]>}>>>>
#loc7 = #aicode.debuginfo.location_v1<src = <file = <filename = "-", directory = "", sha256Sum = "">, startLine = 0, startColumn = 0, endLine = 0, endColumn = 0>, scope = #aicode.unit_v1, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 3>]>}>>>>
#loc8 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 4>]>}>>>>
#loc9 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 5>]>}>>>>
"builtin.module"() ({
  "aicode.serialization.asset"() <{version = #aicode.serialization.integer<(32bit unsigned) 20260204>}> ({
    "aicode.dataflow.graph_v1"() <{argAttrs = #aicode.serialization.array<[#aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"a0">]>]>]>, externalize = #aicode.serialization.integer<(1bit unsigned) 0>, functionType = #aicode.serialization.type<!aicode.function_v1<(operands !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> (results !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>)>>, isPrivate = #aicode.serialization.integer<(1bit unsigned) 0>, name = #aicode.serialization.string<"main">, noInline = #aicode.serialization.integer<(1bit unsigned) 0>, paramDecls = #aicode.serialization.array<>, resAttrs = #aicode.serialization.array<[#aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"o0">]>]>]>}> ({
    ^bb0(%arg0: !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc3)):
      %0 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "zczMPQ==">}> : () -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc4)
      %1 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AA==">}> : () -> !aicode.tensor_v1<!aicode.sint8_v1> loc(#loc5)
      %2 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAAAAA==">}> : () -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc6)
      %3 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAAAAA==">}> : () -> !aicode.tensor_v1<!aicode.sint32_v1> loc(#loc7)
      %4 = "aicode.quantize_v2"(%arg0, %0, %1, %2, %3) ({
      ^bb0(%arg12: !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc3), %arg13: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc4), %arg14: !aicode.tensor_v1<!aicode.sint8_v1> loc(#loc5), %arg15: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc6), %arg16: !aicode.tensor_v1<!aicode.sint32_v1> loc(#loc7)):
        %29 = "aicode.broadcasting_sub_v1"(%arg12, %arg15) ({
        ^bb0(%arg25: !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8), %arg26: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)):
          %63 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc8)
          %64 = "aicode.primitive.reshape_v2"(%arg26, %63) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1, 1] : !aicode.float32_v1> loc(#loc8)
          %65 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "BAAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.uint32_v1> loc(#loc8)
          %66 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AAAAAAEAAAA=">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc8)
          %67 = "aicode.primitive.broadcast_in_dims_v1"(%64, %65, %66) : (!aicode.tensor_v1<[1, 1] : !aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.uint32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
          %68 = "aicode.primitive.sub_v1"(%arg25, %67) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
          "aicode.dataflow.yield_v1"(%68) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> () loc(#loc8)
        }) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
        %30 = "aicode.broadcasting_divide_v1"(%29, %arg13) ({
        ^bb0(%arg23: !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8), %arg24: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)):
          %57 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc8)
          %58 = "aicode.primitive.reshape_v2"(%arg24, %57) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1, 1] : !aicode.float32_v1> loc(#loc8)
          %59 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "BAAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.uint32_v1> loc(#loc8)
          %60 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AAAAAAEAAAA=">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc8)
          %61 = "aicode.primitive.broadcast_in_dims_v1"(%58, %59, %60) : (!aicode.tensor_v1<[1, 1] : !aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.uint32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
          %62 = "aicode.primitive.divide_v1"(%arg23, %61) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
          "aicode.dataflow.yield_v1"(%62) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> () loc(#loc8)
        }) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
        %31 = "aicode.primitive.round_v1"(%30) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
        %32 = "aicode.primitive.cast_v1"(%arg14) : (!aicode.tensor_v1<!aicode.sint8_v1>) -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)
        %33 = "aicode.broadcasting_add_v1"(%31, %32) ({
        ^bb0(%arg21: !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8), %arg22: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)):
          %51 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc8)
          %52 = "aicode.primitive.reshape_v2"(%arg22, %51) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1, 1] : !aicode.float32_v1> loc(#loc8)
          %53 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "BAAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.uint32_v1> loc(#loc8)
          %54 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AAAAAAEAAAA=">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc8)
          %55 = "aicode.primitive.broadcast_in_dims_v1"(%52, %53, %54) : (!aicode.tensor_v1<[1, 1] : !aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.uint32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
          %56 = "aicode.primitive.add_v1"(%arg21, %55) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
          "aicode.dataflow.yield_v1"(%56) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> () loc(#loc8)
        }) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
        %34 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAAAww==">}> : () -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)
        %35 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAD+Qg==">}> : () -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)
        %36 = "aicode.broadcasting_maximum_v1"(%33, %34) ({
        ^bb0(%arg19: !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8), %arg20: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)):
          %45 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc8)
          %46 = "aicode.primitive.reshape_v2"(%arg20, %45) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1, 1] : !aicode.float32_v1> loc(#loc8)
          %47 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "BAAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.uint32_v1> loc(#loc8)
          %48 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AAAAAAEAAAA=">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc8)
          %49 = "aicode.primitive.broadcast_in_dims_v1"(%46, %47, %48) : (!aicode.tensor_v1<[1, 1] : !aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.uint32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
          %50 = "aicode.primitive.maximum_v1"(%arg19, %49) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
          "aicode.dataflow.yield_v1"(%50) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> () loc(#loc8)
        }) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
        %37 = "aicode.broadcasting_minimum_v1"(%36, %35) ({
        ^bb0(%arg17: !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8), %arg18: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)):
          %39 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc8)
          %40 = "aicode.primitive.reshape_v2"(%arg18, %39) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1, 1] : !aicode.float32_v1> loc(#loc8)
          %41 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "BAAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.uint32_v1> loc(#loc8)
          %42 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AAAAAAEAAAA=">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc8)
          %43 = "aicode.primitive.broadcast_in_dims_v1"(%40, %41, %42) : (!aicode.tensor_v1<[1, 1] : !aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.uint32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
          %44 = "aicode.primitive.minimum_v1"(%arg17, %43) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
          "aicode.dataflow.yield_v1"(%44) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> () loc(#loc8)
        }) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc8)
        %38 = "aicode.primitive.cast_v1"(%37) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.sint8_v1> loc(#loc8)
        "aicode.dataflow.yield_v1"(%38) : (!aicode.tensor_v1<[4, 4] : !aicode.sint8_v1>) -> () loc(#loc8)
      }) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<!aicode.sint8_v1>, !aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<!aicode.sint32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.sint8_v1> loc(#loc8)
      %5 = "aicode.dequantize_v2"(%4, %0, %1, %2, %3) ({
      ^bb0(%arg1: !aicode.tensor_v1<[4, 4] : !aicode.sint8_v1> loc(#loc8), %arg2: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc4), %arg3: !aicode.tensor_v1<!aicode.sint8_v1> loc(#loc5), %arg4: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc6), %arg5: !aicode.tensor_v1<!aicode.sint32_v1> loc(#loc7)):
        %6 = "aicode.primitive.cast_v1"(%arg1) : (!aicode.tensor_v1<[4, 4] : !aicode.sint8_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
        %7 = "aicode.primitive.cast_v1"(%arg3) : (!aicode.tensor_v1<!aicode.sint8_v1>) -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc9)
        %8 = "aicode.broadcasting_sub_v1"(%6, %7) ({
        ^bb0(%arg10: !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9), %arg11: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc9)):
          %23 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc9)
          %24 = "aicode.primitive.reshape_v2"(%arg11, %23) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1, 1] : !aicode.float32_v1> loc(#loc9)
          %25 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "BAAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.uint32_v1> loc(#loc9)
          %26 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AAAAAAEAAAA=">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc9)
          %27 = "aicode.primitive.broadcast_in_dims_v1"(%24, %25, %26) : (!aicode.tensor_v1<[1, 1] : !aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.uint32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
          %28 = "aicode.primitive.sub_v1"(%arg10, %27) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
          "aicode.dataflow.yield_v1"(%28) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> () loc(#loc9)
        }) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
        %9 = "aicode.broadcasting_mul_v1"(%8, %arg2) ({
        ^bb0(%arg8: !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9), %arg9: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc9)):
          %17 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc9)
          %18 = "aicode.primitive.reshape_v2"(%arg9, %17) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1, 1] : !aicode.float32_v1> loc(#loc9)
          %19 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "BAAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.uint32_v1> loc(#loc9)
          %20 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AAAAAAEAAAA=">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc9)
          %21 = "aicode.primitive.broadcast_in_dims_v1"(%18, %19, %20) : (!aicode.tensor_v1<[1, 1] : !aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.uint32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
          %22 = "aicode.primitive.mul_v1"(%arg8, %21) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
          "aicode.dataflow.yield_v1"(%22) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> () loc(#loc9)
        }) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
        %10 = "aicode.broadcasting_add_v1"(%9, %arg4) ({
        ^bb0(%arg6: !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9), %arg7: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc6)):
          %11 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc9)
          %12 = "aicode.primitive.reshape_v2"(%arg7, %11) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1, 1] : !aicode.float32_v1> loc(#loc9)
          %13 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "BAAAAA==">}> : () -> !aicode.tensor_v1<[2] : !aicode.uint32_v1> loc(#loc9)
          %14 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AAAAAAEAAAA=">}> : () -> !aicode.tensor_v1<[2] : !aicode.sint32_v1> loc(#loc9)
          %15 = "aicode.primitive.broadcast_in_dims_v1"(%12, %13, %14) : (!aicode.tensor_v1<[1, 1] : !aicode.float32_v1>, !aicode.tensor_v1<[2] : !aicode.uint32_v1>, !aicode.tensor_v1<[2] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
          %16 = "aicode.primitive.add_v1"(%arg6, %15) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
          "aicode.dataflow.yield_v1"(%16) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> () loc(#loc9)
        }) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
        "aicode.dataflow.yield_v1"(%10) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> () loc(#loc9)
      }) : (!aicode.tensor_v1<[4, 4] : !aicode.sint8_v1>, !aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<!aicode.sint8_v1>, !aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<!aicode.sint32_v1>) -> !aicode.tensor_v1<[4, 4] : !aicode.float32_v1> loc(#loc9)
      "aicode.dataflow.output_v1"(%5) : (!aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> () loc(#loc10)
    }) : () -> () loc(#loc2)
  }) : () -> () loc(#loc1)
}) : () -> () loc(#loc)
#loc = loc("-":0:0)
#loc1 = #aicode.debuginfo.location_v1<src = <file = <filename = "corpus_programs.py", directory = "", sha256Sum = "">, startLine = 64, startColumn = 0, endLine = 64, endColumn = 0>, scope = #aicode.debuginfo.compile_unit_v1<sourceLanguage = "DW_LANG_Python", file = <filename = "corpus_programs.py", directory = "", sha256Sum = "">, producer = "ODIE", optimized = false, flags = "">, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 8>]>}>>>>
#loc2 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.debuginfo.subprogram_v1<typeAttr = !aicode.debuginfo.unresolved_v1<wrappedType = !aicode.function_v1<(operands !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>) -> (results !aicode.tensor_v1<[4, 4] : !aicode.float32_v1>)>>, compileUnit = #aicode.debuginfo.compile_unit_v1<sourceLanguage = "DW_LANG_Python", file = <filename = "<string>", directory = "", sha256Sum = "">, producer = "ODIE", optimized = false, flags = "">, file = <filename = "<string>", directory = "", sha256Sum = "">, name = "main", linkageName = "main">, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 7>]>}>>>>
#loc10 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 6>]>}>>>>

