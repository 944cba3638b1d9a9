"builtin.module"() ({
  "coreai.graph"() <{arg_attrs = [{coreai.name = "x"}], function_type = (tensor<1x4xf16>) -> tensor<1x2xf16>, param_decls = #param.decl.array<[]>, res_attrs = [{coreai.name = "y"}], sym_name = "main"}> ({
  ^bb0(%arg0: tensor<1x4xf16> loc(#debuginfo.location<loc("-":3:22) in unit>)):
    %0 = "coreai.constant"() <{value = dense<[[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00], [7.000000e+00, 8.000000e+00]]> : tensor<4x2xf16>}> : () -> tensor<4x2xf16> loc(#debuginfo.location<loc("-":4:10) in unit>)
    %1 = "coreai.batch_matmul"(%arg0, %0) : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16> loc(#debuginfo.location<loc("-":5:10) in unit>)
    "coreai.output"(%1) : (tensor<1x2xf16>) -> () loc(#debuginfo.location<loc("-":6:5) in unit>)
  }) : () -> () loc(#debuginfo.location<loc("-":3:3) in unit>)
}) : () -> () loc(#debuginfo.location<loc("-":2:1) in unit>)
