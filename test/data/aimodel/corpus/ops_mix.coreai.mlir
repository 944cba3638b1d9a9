"builtin.module"() ({
  "coreai.graph"() <{arg_attrs = [{coreai.name = "x"}], function_type = (tensor<1x8xf16>) -> tensor<1x4xf16>, param_decls = #param.decl.array<[]>, res_attrs = [{coreai.name = "y"}], sym_name = "main"}> ({
  ^bb0(%arg2: tensor<1x8xf16> loc(#debuginfo.location<loc("-":4:22) in unit>)):
    %0 = "coreai.constant"() <{value = dense<[[7, -12, 62, 13], [1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16], [17, 18, 19, 20], [21, 22, 23, 24], [-25, 20, -98, -25]]> : tensor<8x4xsi8>}> : () -> tensor<8x4xsi8> loc(#debuginfo.location<loc("-":5:10) in unit>)
    %1 = "coreai.constant"() <{value = dense<[[1.829530e-02, 1.075740e-02, 1.026920e-02, 8.209230e-03]]> : tensor<1x4xf16>}> : () -> tensor<1x4xf16> loc(#debuginfo.location<loc("-":6:10) in unit>)
    %2 = "coreai.constant"() <{value = dense<0> : tensor<1x4xsi8>}> : () -> tensor<1x4xsi8> loc(#debuginfo.location<loc("-":7:10) in unit>)
    %3 = "coreai.constant"() <{value = dense<0.000000e+00> : tensor<1x4xf16>}> : () -> tensor<1x4xf16> loc(#debuginfo.location<loc("-":8:10) in unit>)
    %4 = "coreai.blockwise_shift_scale"(%0, %1, %2, %3) : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<1x4xsi8>, tensor<1x4xf16>) -> tensor<8x4xf16> loc(#debuginfo.location<loc("-":9:10) in unit>)
    %5 = "coreai.batch_matmul"(%arg2, %4) : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16> loc(#debuginfo.location<loc("-":10:10) in unit>)
    %6 = "coreai.invoke"(%arg2) <{callee = #param.constant<@helper> : !param.symbol}> : (tensor<1x8xf16>) -> tensor<1x8xf16> loc(#debuginfo.location<loc("-":68:11) in unit>)
    "coreai.output"(%5) : (tensor<1x4xf16>) -> () loc(#debuginfo.location<loc("-":71:5) in unit>)
  }) : () -> () loc(#debuginfo.location<loc("-":4:3) in unit>)
  "coreai.graph"() <{function_type = (tensor<1x8xf16>) -> tensor<1x8xf16>, no_inline, param_decls = #param.decl.array<[]>, priv, sym_name = "helper"}> ({
  ^bb0(%arg1: tensor<1x8xf16> loc(#debuginfo.location<loc("-":73:41) in unit>)):
    "coreai.output"(%arg1) : (tensor<1x8xf16>) -> () loc(#debuginfo.location<loc("-":74:5) in unit>)
  }) : () -> () loc(#debuginfo.location<loc("-":73:3) in unit>)
  "coreai.graph"() <{externalize, function_type = (tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>), param_decls = #param.decl.array<[]>, sym_name = "two"}> ({
  ^bb0(%arg0: tensor<2xf32> loc(#debuginfo.location<loc("-":76:33) in unit>)):
    "coreai.output"(%arg0, %arg0) : (tensor<2xf32>, tensor<2xf32>) -> () loc(#debuginfo.location<loc("-":77:5) in unit>)
  }) : () -> () loc(#debuginfo.location<loc("-":76:3) in unit>)
}) : () -> () loc(#debuginfo.location<loc("-":3:1) in unit>)
