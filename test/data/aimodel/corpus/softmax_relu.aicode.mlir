#loc3 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.debuginfo.subprogram_v1<typeAttr = !aicode.debuginfo.unresolved_v1<wrappedType = !aicode.function_v1<(operands !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>) -> (results !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>)>>, compileUnit = #aicode.debuginfo.compile_unit_v1<sourceLanguage = "DW_LANG_Python", file = <filename = "<string>", directory = "", sha256Sum = "">, producer = "ODIE", optimized = false, flags = "">, file = <filename = "<string>", directory = "", sha256Sum = "">, name = "main", linkageName = "main">>
#loc4 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 0>]>}>>>>
#loc5 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 1>]>}>>>>
#loc6 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 2>]>}>>>>
#loc7 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 3>]>}>>>>
#loc8 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 4>]>}>>>>
#loc9 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 5>]>}>>>>
#loc10 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 6>]>}>>>>
#loc11 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 7>]>}>>>>
"builtin.module"() ({
  "aicode.serialization.asset"() <{version = #aicode.serialization.integer<(32bit unsigned) 20260204>}> ({
    "aicode.dataflow.graph_v1"() <{argAttrs = #aicode.serialization.array<[#aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"a0">]>]>, #aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"a1">]>]>]>, externalize = #aicode.serialization.integer<(1bit unsigned) 0>, functionType = #aicode.serialization.type<!aicode.function_v1<(operands !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>) -> (results !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>)>>, isPrivate = #aicode.serialization.integer<(1bit unsigned) 0>, name = #aicode.serialization.string<"main">, noInline = #aicode.serialization.integer<(1bit unsigned) 0>, paramDecls = #aicode.serialization.array<>, resAttrs = #aicode.serialization.array<[#aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"o0">]>]>, #aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"o1">]>]>, #aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"o2">]>]>, #aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"o3">]>]>, #aicode.serialization.array<[#aicode.serialization.opaque<"aicode.name" = [#aicode.serialization.string<"o4">]>]>]>}> ({
    ^bb0(%arg0: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc3), %arg1: !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc3)):
      %0 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAAAAA==">}> : () -> !aicode.tensor_v1<!aicode.sint32_v1> loc(#loc4)
      %1 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<!aicode.sint32_v1> loc(#loc5)
      %2 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "/////w==">}> : () -> !aicode.tensor_v1<!aicode.sint32_v1> loc(#loc6)
      %3 = "aicode.softmax_v1"(%arg0, %2) ({
      ^bb0(%arg24: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc3), %arg25: !aicode.tensor_v1<!aicode.sint32_v1> loc(#loc6)):
        %43 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc7)
        %44 = "aicode.primitive.reshape_v2"(%arg25, %43) : (!aicode.tensor_v1<!aicode.sint32_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc7)
        %45 = "aicode.primitive.exp_v1"(%arg24) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc7)
        %46 = "aicode.reduce_sum_v1"(%45, %44) ({
        ^bb0(%arg28: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc7), %arg29: !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc7)):
          %49 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAAAAA==">}> : () -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc7)
          %50 = "aicode.primitive.reduce_v1"(%arg28, %arg29, %49) ({
          ^bb0(%arg30: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc7), %arg31: !aicode.tensor_v1<!aicode.float16_v1> loc(#loc7)):
            %51 = "aicode.primitive.cast_v1"(%arg31) : (!aicode.tensor_v1<!aicode.float16_v1>) -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc7)
            %52 = "aicode.primitive.add_v1"(%arg30, %51) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc7)
            "aicode.dataflow.yield_v1"(%52) : (!aicode.tensor_v1<!aicode.float32_v1>) -> () loc(#loc7)
          }) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[-9223372036854775808, -9223372036854775808, -9223372036854775808] : !aicode.float16_v1> loc(#loc7)
          "aicode.dataflow.yield_v1"(%50) : (!aicode.tensor_v1<[-9223372036854775808, -9223372036854775808, -9223372036854775808] : !aicode.float16_v1>) -> () loc(#loc7)
        }) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc7)
        %47 = "aicode.broadcasting_divide_v1"(%45, %46) ({
        ^bb0(%arg26: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc7), %arg27: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc7)):
          %48 = "aicode.primitive.divide_v1"(%arg26, %arg27) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc7)
          "aicode.dataflow.yield_v1"(%48) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> () loc(#loc7)
        }) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc7)
        "aicode.dataflow.yield_v1"(%47) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> () loc(#loc7)
      }) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<!aicode.sint32_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc7)
      %4 = "aicode.softmax_v1"(%arg0, %1) ({
      ^bb0(%arg16: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc3), %arg17: !aicode.tensor_v1<!aicode.sint32_v1> loc(#loc5)):
        %33 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc8)
        %34 = "aicode.primitive.reshape_v2"(%arg17, %33) : (!aicode.tensor_v1<!aicode.sint32_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc8)
        %35 = "aicode.primitive.exp_v1"(%arg16) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc8)
        %36 = "aicode.reduce_sum_v1"(%35, %34) ({
        ^bb0(%arg20: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc8), %arg21: !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc8)):
          %39 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAAAAA==">}> : () -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)
          %40 = "aicode.primitive.reduce_v1"(%arg20, %arg21, %39) ({
          ^bb0(%arg22: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8), %arg23: !aicode.tensor_v1<!aicode.float16_v1> loc(#loc8)):
            %41 = "aicode.primitive.cast_v1"(%arg23) : (!aicode.tensor_v1<!aicode.float16_v1>) -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)
            %42 = "aicode.primitive.add_v1"(%arg22, %41) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc8)
            "aicode.dataflow.yield_v1"(%42) : (!aicode.tensor_v1<!aicode.float32_v1>) -> () loc(#loc8)
          }) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[-9223372036854775808, -9223372036854775808, -9223372036854775808] : !aicode.float16_v1> loc(#loc8)
          "aicode.dataflow.yield_v1"(%40) : (!aicode.tensor_v1<[-9223372036854775808, -9223372036854775808, -9223372036854775808] : !aicode.float16_v1>) -> () loc(#loc8)
        }) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc8)
        %37 = "aicode.broadcasting_divide_v1"(%35, %36) ({
        ^bb0(%arg18: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc8), %arg19: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc8)):
          %38 = "aicode.primitive.divide_v1"(%arg18, %arg19) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc8)
          "aicode.dataflow.yield_v1"(%38) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> () loc(#loc8)
        }) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc8)
        "aicode.dataflow.yield_v1"(%37) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> () loc(#loc8)
      }) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<!aicode.sint32_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc8)
      %5 = "aicode.softmax_v1"(%arg1, %0) ({
      ^bb0(%arg8: !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc3), %arg9: !aicode.tensor_v1<!aicode.sint32_v1> loc(#loc4)):
        %24 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc9)
        %25 = "aicode.primitive.reshape_v2"(%arg9, %24) : (!aicode.tensor_v1<!aicode.sint32_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc9)
        %26 = "aicode.primitive.exp_v1"(%arg8) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>) -> !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc9)
        %27 = "aicode.reduce_sum_v1"(%26, %25) ({
        ^bb0(%arg12: !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc9), %arg13: !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc9)):
          %30 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAAAAA==">}> : () -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc9)
          %31 = "aicode.primitive.reduce_v1"(%arg12, %arg13, %30) ({
          ^bb0(%arg14: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc9), %arg15: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc9)):
            %32 = "aicode.primitive.add_v1"(%arg14, %arg15) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc9)
            "aicode.dataflow.yield_v1"(%32) : (!aicode.tensor_v1<!aicode.float32_v1>) -> () loc(#loc9)
          }) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[-9223372036854775808] : !aicode.float32_v1> loc(#loc9)
          "aicode.dataflow.yield_v1"(%31) : (!aicode.tensor_v1<[-9223372036854775808] : !aicode.float32_v1>) -> () loc(#loc9)
        }) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc9)
        %28 = "aicode.broadcasting_divide_v1"(%26, %27) ({
        ^bb0(%arg10: !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc9), %arg11: !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc9)):
          %29 = "aicode.primitive.divide_v1"(%arg10, %arg11) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>) -> !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc9)
          "aicode.dataflow.yield_v1"(%29) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>) -> () loc(#loc9)
        }) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>) -> !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc9)
        "aicode.dataflow.yield_v1"(%28) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>) -> () loc(#loc9)
      }) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.sint32_v1>) -> !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc9)
      %6 = "aicode.relu_v1"(%arg0) ({
      ^bb0(%arg5: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc3)):
        %16 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAA=">}> : () -> !aicode.tensor_v1<!aicode.float16_v1> loc(#loc10)
        %17 = "aicode.broadcasting_maximum_v1"(%arg5, %16) ({
        ^bb0(%arg6: !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc3), %arg7: !aicode.tensor_v1<!aicode.float16_v1> loc(#loc10)):
          %18 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[3] : !aicode.sint32_v1> loc(#loc10)
          %19 = "aicode.primitive.reshape_v2"(%arg7, %18) : (!aicode.tensor_v1<!aicode.float16_v1>, !aicode.tensor_v1<[3] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1, 1, 1] : !aicode.float16_v1> loc(#loc10)
          %20 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AgAAAAMAAAAIAAAA">}> : () -> !aicode.tensor_v1<[3] : !aicode.uint32_v1> loc(#loc10)
          %21 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = false] "AAAAAAEAAAACAAAA">}> : () -> !aicode.tensor_v1<[3] : !aicode.sint32_v1> loc(#loc10)
          %22 = "aicode.primitive.broadcast_in_dims_v1"(%19, %20, %21) : (!aicode.tensor_v1<[1, 1, 1] : !aicode.float16_v1>, !aicode.tensor_v1<[3] : !aicode.uint32_v1>, !aicode.tensor_v1<[3] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc10)
          %23 = "aicode.primitive.maximum_v1"(%arg6, %22) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc10)
          "aicode.dataflow.yield_v1"(%23) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> () loc(#loc10)
        }) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<!aicode.float16_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc10)
        "aicode.dataflow.yield_v1"(%17) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> () loc(#loc10)
      }) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>) -> !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1> loc(#loc10)
      %7 = "aicode.relu_v1"(%arg1) ({
      ^bb0(%arg2: !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc3)):
        %8 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAAAAA==">}> : () -> !aicode.tensor_v1<!aicode.float32_v1> loc(#loc11)
        %9 = "aicode.broadcasting_maximum_v1"(%arg2, %8) ({
        ^bb0(%arg3: !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc3), %arg4: !aicode.tensor_v1<!aicode.float32_v1> loc(#loc11)):
          %10 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AQAAAA==">}> : () -> !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc11)
          %11 = "aicode.primitive.reshape_v2"(%arg4, %10) : (!aicode.tensor_v1<!aicode.float32_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[1] : !aicode.float32_v1> loc(#loc11)
          %12 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "BQAAAA==">}> : () -> !aicode.tensor_v1<[1] : !aicode.uint32_v1> loc(#loc11)
          %13 = "aicode.primitive.constant_v1"() <{value = #aicode.serialization.dense_elements<[splat = true] "AAAAAA==">}> : () -> !aicode.tensor_v1<[1] : !aicode.sint32_v1> loc(#loc11)
          %14 = "aicode.primitive.broadcast_in_dims_v1"(%11, %12, %13) : (!aicode.tensor_v1<[1] : !aicode.float32_v1>, !aicode.tensor_v1<[1] : !aicode.uint32_v1>, !aicode.tensor_v1<[1] : !aicode.sint32_v1>) -> !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc11)
          %15 = "aicode.primitive.maximum_v1"(%arg3, %14) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>) -> !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc11)
          "aicode.dataflow.yield_v1"(%15) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>) -> () loc(#loc11)
        }) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<!aicode.float32_v1>) -> !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc11)
        "aicode.dataflow.yield_v1"(%9) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>) -> () loc(#loc11)
      }) : (!aicode.tensor_v1<[5] : !aicode.float32_v1>) -> !aicode.tensor_v1<[5] : !aicode.float32_v1> loc(#loc11)
      "aicode.dataflow.output_v1"(%3, %4, %5, %6, %7) : (!aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>) -> () loc(#loc12)
    }) : () -> () loc(#loc2)
  }) : () -> () loc(#loc1)
}) : () -> () loc(#loc)
#loc = loc("-":0:0)
#loc1 = #aicode.debuginfo.location_v1<src = <file = <filename = "corpus_programs.py", directory = "", sha256Sum = "">, startLine = 64, startColumn = 0, endLine = 64, endColumn = 0>, scope = #aicode.debuginfo.compile_unit_v1<sourceLanguage = "DW_LANG_Python", file = <filename = "corpus_programs.py", directory = "", sha256Sum = "">, producer = "ODIE", optimized = false, flags = "">, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 10>]>}>>>>
#loc2 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.debuginfo.subprogram_v1<typeAttr = !aicode.debuginfo.unresolved_v1<wrappedType = !aicode.function_v1<(operands !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>) -> (results !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>, !aicode.tensor_v1<[2, 3, 8] : !aicode.float16_v1>, !aicode.tensor_v1<[5] : !aicode.float32_v1>)>>, compileUnit = #aicode.debuginfo.compile_unit_v1<sourceLanguage = "DW_LANG_Python", file = <filename = "<string>", directory = "", sha256Sum = "">, producer = "ODIE", optimized = false, flags = "">, file = <filename = "<string>", directory = "", sha256Sum = "">, name = "main", linkageName = "main">, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 9>]>}>>>>
#loc12 = #aicode.debuginfo.location_v1<src = <file = <filename = "<string>", directory = "", sha256Sum = "">, startLine = 1, startColumn = 0, endLine = 1, endColumn = 0>, scope = #aicode.symbol_ref_v1<main>, metadata = <"op_id": <value = #aicode.serialization.dictionary<{<"type" = [#aicode.serialization.string<"coreai">]>, <"value" = [#aicode.serialization.integer<(64bit unsigned) 8>]>}>>>>

