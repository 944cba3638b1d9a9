"builtin.module"() ({
  "coreai.graph"() <{arg_attrs = [{coreai.name = "x"}], function_type = (tensor<1x8xf16>) -> (tensor<9xui1>, tensor<5xsi4>, tensor<5xui3>, tensor<3xf8E4M3FN>, tensor<2xf32>), param_decls = #param.decl.array<[]>, res_attrs = [{coreai.name = "m"}, {coreai.name = "a"}, {coreai.name = "b"}, {coreai.name = "c"}, {coreai.name = "d"}], sym_name = "main"}> ({
  ^bb0(%arg0: tensor<1x8xf16> loc(#debuginfo.location<loc("-":3:22) in unit>)):
    %0 = "coreai.constant"() <{value = dense<[true, false, true, true, false, false, false, true, true]> : tensor<9xui1>}> : () -> tensor<9xui1> loc(#debuginfo.location<loc("-":4:10) in unit>)
    %1 = "coreai.constant"() <{value = dense<[-8, -1, 0, 1, 7]> : tensor<5xsi4>}> : () -> tensor<5xsi4> loc(#debuginfo.location<loc("-":5:10) in unit>)
    %2 = "coreai.constant"() <{value = dense<[0, 1, 5, 6, 7]> : tensor<5xui3>}> : () -> tensor<5xui3> loc(#debuginfo.location<loc("-":6:10) in unit>)
    %3 = "coreai.constant"() <{value = dense<[1.000000e+00, -2.000000e+00, 4.480000e+02]> : tensor<3xf8E4M3FN>}> : () -> tensor<3xf8E4M3FN> loc(#debuginfo.location<loc("-":7:10) in unit>)
    %4 = "coreai.constant"() <{value = dense<[1.000000e+00, -0.000000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32> loc(#debuginfo.location<loc("-":8:10) in unit>)
    "coreai.output"(%0, %1, %2, %3, %4) : (tensor<9xui1>, tensor<5xsi4>, tensor<5xui3>, tensor<3xf8E4M3FN>, tensor<2xf32>) -> () loc(#debuginfo.location<loc("-":9:5) in unit>)
  }) : () -> () loc(#debuginfo.location<loc("-":3:3) in unit>)
}) : () -> () loc(#debuginfo.location<loc("-":2:1) in unit>)
