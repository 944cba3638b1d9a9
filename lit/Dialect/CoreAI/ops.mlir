// The ops weight compression reads and writes, in their custom form as Core AI prints it
// (spec section C), with dense_resource trailers. The round trip through custom and generic
// form is lossless. Every other op is in the atlas files (<family>.mlir).
// RUN: coreai-opt %s | coreai-opt | FileCheck %s
// RUN: coreai-opt %s --mlir-print-op-generic | coreai-opt | FileCheck %s
// RUN: coreai-opt %s --emit-bytecode | coreai-opt | FileCheck %s
// RUN: coreai-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// GENERIC: "coreai.graph"() <{{[{]}}arg_attrs = [{coreai.name = "x"}], function_type = (tensor<1x8xf16>) -> tensor<1x4xf16>, param_decls = #param.decl.array<[]>, res_attrs = [{coreai.name = "y"}], sym_name = "main"}>
// GENERIC: "coreai.constant"() <{{[{]}}value = dense<{{.*}}> : tensor<8x4xsi8>}> : () -> tensor<8x4xsi8>
// GENERIC: "coreai.invoke"(%{{.*}}) <{{[{]}}callee = #param.constant<@helper> : !param.symbol}>

module {
  // CHECK-LABEL: coreai.graph @main(%arg0: tensor<1x8xf16> {coreai.name = "x"}) -> (tensor<1x4xf16> {coreai.name = "y"}) attributes {__coreai_pure__} {{[{]}}
  coreai.graph @main(%arg0: tensor<1x8xf16> {coreai.name = "x"}) -> (tensor<1x4xf16> {coreai.name = "y"}) attributes {__coreai_pure__} {
    // C.4 int8 per-channel
    // CHECK: %[[D:.*]] = coreai.constant dense<{{\[}}[7, -12, 62, 13], {{.*}}]> : tensor<8x4xsi8>
    // CHECK: %[[S:.*]] = coreai.constant dense<{{\[}}[1.829530e-02, 1.075740e-02, 1.026920e-02, 8.209230e-03]]> : tensor<1x4xf16>
    // CHECK: %[[O1:.*]] = coreai.constant dense<0> : tensor<1x4xsi8>
    // CHECK: %[[O2:.*]] = coreai.constant dense<0.000000e+00> : tensor<1x4xf16>
    // CHECK: %[[W:.*]] = coreai.blockwise_shift_scale %[[D]], %[[S]], %[[O1]], %[[O2]] : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<1x4xsi8>, tensor<1x4xf16>) -> tensor<8x4xf16>
    %0 = coreai.constant dense<[[7, -12, 62, 13], [1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16], [17, 18, 19, 20], [21, 22, 23, 24], [-25, 20, -98, -25]]> : tensor<8x4xsi8>
    %1 = coreai.constant dense<[[1.829530e-02, 1.075740e-02, 1.026920e-02, 8.209230e-03]]> : tensor<1x4xf16>
    %2 = coreai.constant dense<0> : tensor<1x4xsi8>
    %3 = coreai.constant dense<0.000000e+00> : tensor<1x4xf16>
    %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<1x4xsi8>, tensor<1x4xf16>) -> tensor<8x4xf16>
    // CHECK: coreai.batch_matmul %arg0, %[[W]] : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
    %5 = coreai.batch_matmul %arg0, %4 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>

    // C.5 int4 per-block
    // CHECK: coreai.constant dense_resource<{{.*}}> : tensor<8x4xsi4>
    // CHECK: coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xsi4>, tensor<2x4xf16>, tensor<2x4xsi4>, tensor<2x4xf16>) -> tensor<8x4xf16>
    %10 = coreai.constant dense_resource<si4_8x4> : tensor<8x4xsi4>
    %11 = coreai.constant dense<[[3.320310e-01, 1.0, 2.0, 3.0], [1.290280e-01, 1.0, 2.0, 3.0]]> : tensor<2x4xf16>
    %12 = coreai.constant dense<0> : tensor<2x4xsi4>
    %13 = coreai.constant dense<0.000000e+00> : tensor<2x4xf16>
    %14 = coreai.blockwise_shift_scale %10, %11, %12, %13 : (tensor<8x4xsi4>, tensor<2x4xf16>, tensor<2x4xsi4>, tensor<2x4xf16>) -> tensor<8x4xf16>

    // C.6 FP8 with E8M0 scales, and MX FP4
    // CHECK: coreai.blockwise_shift_scale {{.*}} : (tensor<64x4xf8E4M3FN>, tensor<2x4xf8E8M0FNU>, tensor<2x4xf8E4M3FN>, tensor<2x4xf16>) -> tensor<64x4xf16>
    %20 = coreai.constant dense_resource<f8_64x4> : tensor<64x4xf8E4M3FN>
    %21 = coreai.constant dense_resource<e8m0_2x4> : tensor<2x4xf8E8M0FNU>
    %22 = coreai.constant dense<0.000000e+00> : tensor<2x4xf16>
    %23 = coreai.constant dense<0.000000e+00> : tensor<2x4xf8E4M3FN>
    %24 = coreai.blockwise_shift_scale %20, %21, %23, %22 : (tensor<64x4xf8E4M3FN>, tensor<2x4xf8E8M0FNU>, tensor<2x4xf8E4M3FN>, tensor<2x4xf16>) -> tensor<64x4xf16>
    // CHECK: coreai.blockwise_shift_scale {{.*}} : (tensor<64x4xf4E2M1FN>, tensor<2x4xf8E8M0FNU>, tensor<2x4xf4E2M1FN>, tensor<2x4xf16>) -> tensor<64x4xf16>
    %25 = coreai.constant dense_resource<fp4_64x4> : tensor<64x4xf4E2M1FN>
    %26 = coreai.constant dense<0.000000e+00> : tensor<2x4xf4E2M1FN>
    %27 = coreai.blockwise_shift_scale %25, %21, %26, %22 : (tensor<64x4xf4E2M1FN>, tensor<2x4xf8E8M0FNU>, tensor<2x4xf4E2M1FN>, tensor<2x4xf16>) -> tensor<64x4xf16>

    // C.7 4-bit per-tensor palettization, and the vector form
    // CHECK: coreai.lut_to_dense {{.*}} : (tensor<16x8xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<16x8xf16>
    %30 = coreai.constant dense_resource<ui4_16x8> : tensor<16x8xui4>
    %31 = coreai.constant dense<0> : tensor<si16>
    %32 = coreai.constant dense<[[[[-3.0], [-2.5], [-2.0], [-1.5], [-1.0], [-0.75], [-0.5], [-0.25], [0.0], [0.25], [0.5], [0.75], [1.0], [1.5], [2.0], [3.0]]]]> : tensor<1x1x16x1xf16>
    %33 = coreai.lut_to_dense %30, %32, %31 : (tensor<16x8xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<16x8xf16>
    // CHECK: coreai.lut_to_dense {{.*}} : (tensor<16x4xui2>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<16x8xf16>
    %34 = coreai.constant dense<1> : tensor<si16>
    %35 = coreai.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]]]> : tensor<1x1x4x2xf16>
    %36 = coreai.constant dense<[[0, 1, 2, 3], [3, 2, 1, 0], [0, 0, 0, 0], [1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3], [0, 1, 0, 1], [2, 3, 2, 3], [0, 1, 2, 3], [3, 2, 1, 0], [0, 0, 0, 0], [1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3], [0, 1, 0, 1], [2, 3, 2, 3]]> : tensor<16x4xui2>
    %37 = coreai.lut_to_dense %36, %35, %34 : (tensor<16x4xui2>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<16x8xf16>

    // C.8 / F.5 8-bit grouped palettization, int8 LUT, per-channel scale
    // CHECK: coreai.lut_to_dense {{.*}} : (tensor<16x64xui8>, tensor<1x2x256x1xsi8>, tensor<si16>) -> tensor<16x64xsi8>
    // CHECK: coreai.cast %{{.*}} : tensor<16x64xsi8> to tensor<16x64xf16>
    // CHECK: coreai.blockwise_shift_scale {{.*}} : (tensor<16x64xf16>, tensor<16x1xf16>, tensor<16x1xf16>, tensor<16x1xf16>) -> tensor<16x64xf16>
    %40 = coreai.constant dense_resource<ui8_16x64> : tensor<16x64xui8>
    %41 = coreai.constant dense<0> : tensor<si16>
    %42 = coreai.constant dense_resource<si8_lut> : tensor<1x2x256x1xsi8>
    %43 = coreai.constant dense<1.829530e-02> : tensor<16x1xf16>
    %44 = coreai.constant dense<0.000000e+00> : tensor<16x1xf16>
    %45 = coreai.lut_to_dense %40, %42, %41 : (tensor<16x64xui8>, tensor<1x2x256x1xsi8>, tensor<si16>) -> tensor<16x64xsi8>
    %46 = coreai.cast %45 : tensor<16x64xsi8> to tensor<16x64xf16>
    %47 = coreai.constant dense<0.000000e+00> : tensor<16x1xf16>
    %48 = coreai.blockwise_shift_scale %46, %43, %44, %47 : (tensor<16x64xf16>, tensor<16x1xf16>, tensor<16x1xf16>, tensor<16x1xf16>) -> tensor<16x64xf16>

    // C.9 unstructured sparsity
    // CHECK: %[[SP:.*]] = coreai.build_sparse_with_bitmask {{.*}} : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
    // CHECK: coreai.sparse_with_bitmask_to_dense %[[SP]] : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
    %50 = coreai.constant dense<[6.406250e-01, 1.303710e+00, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, -1.009770e+00]> : tensor<16xf16>
    %51 = coreai.constant dense_resource<mask_8x4> : tensor<8x4xui1>
    %52 = coreai.build_sparse_with_bitmask %50, %51 : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
    %53 = coreai.sparse_with_bitmask_to_dense %52 : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>

    // C.11 sparsity + palettization, and lut_to_sparse_with_bitmask
    // CHECK: coreai.lut_to_dense {{.*}} : (tensor<16xui4>, tensor<1x16x1xf16>, tensor<si16>) -> tensor<16xf16>
    %60 = coreai.constant dense_resource<ui4_16> : tensor<16xui4>
    %61 = coreai.constant dense<[[[-7.324210e-01], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0], [8.0], [9.0], [10.0], [11.0], [12.0], [13.0], [14.0], [15.0]]]> : tensor<1x16x1xf16>
    %62 = coreai.lut_to_dense %60, %61, %31 : (tensor<16xui4>, tensor<1x16x1xf16>, tensor<si16>) -> tensor<16xf16>
    // CHECK: coreai.lut_to_sparse_with_bitmask
    %63 = coreai.build_sparse_with_bitmask %60, %51 : (tensor<16xui4>, tensor<8x4xui1>) -> tensor<8x4xui4, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
    %64 = coreai.constant dense<1.0> : tensor<1x1x16x1xf16>
    %65 = coreai.lut_to_sparse_with_bitmask %63, %64, %31 : (tensor<8x4xui4, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>

    // quantize / dequantize, consumers
    // CHECK: coreai.quantize
    // CHECK: coreai.dequantize
    %70 = coreai.constant dense<0.5> : tensor<f32>
    %71 = coreai.constant dense<0> : tensor<si8>
    %72 = coreai.constant dense<0> : tensor<si32>
    %73 = coreai.quantize %53, %70, %71, %71, %72 : (tensor<8x4xf16>, tensor<f32>, tensor<si8>, tensor<si8>, tensor<si32>) -> tensor<8x4xsi8>
    %74 = coreai.dequantize %73, %70, %71, %71, %72 : (tensor<8x4xsi8>, tensor<f32>, tensor<si8>, tensor<si8>, tensor<si32>) -> tensor<8x4xf16>
    // CHECK: coreai.transpose %{{.*}}, %{{.*}} : (tensor<8x4xf16>, tensor<2xui32>) -> tensor<4x8xf16>
    %75 = coreai.constant dense<[1, 0]> : tensor<2xui32>
    %76 = coreai.transpose %74, %75 : (tensor<8x4xf16>, tensor<2xui32>) -> tensor<4x8xf16>
    // CHECK: coreai.decomposable.broadcasting_batch_matmul
    %77 = coreai.decomposable.broadcasting_batch_matmul %arg0, %14 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
    // CHECK: coreai.gather_nd %{{.*}} at %{{.*}} : (tensor<64x4xf16>, tensor<5x1xsi32>) to tensor<5x4xf16>
    %78 = coreai.constant dense<[[0], [1], [2], [3], [4]]> : tensor<5x1xsi32>
    %79 = coreai.gather_nd %24 at %78 : (tensor<64x4xf16>, tensor<5x1xsi32>) to tensor<5x4xf16>
    // CHECK: coreai.conv2d
    %80 = coreai.constant dense<1.0> : tensor<1x4x8x8xf16>
    %81 = coreai.constant dense_resource<f16_weight> : tensor<8x4x4x4xf16>
    %82 = coreai.constant dense<1> : tensor<2xui32>
    %83 = coreai.constant dense<1> : tensor<ui32>
    %84 = coreai.conv2d %80, %81, %82, %82, %83 : (tensor<1x4x8x8xf16>, tensor<8x4x4x4xf16>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x8x5x5xf16>
    // CHECK: coreai.invoke @helper(%arg0) : (tensor<1x8xf16>) -> tensor<1x8xf16>
    %90 = coreai.invoke @helper(%arg0)  : (tensor<1x8xf16>) -> tensor<1x8xf16>
    // Ops given in generic form print in their custom form.
    // CHECK: coreai.gelu %{{.*}} : tensor<1x8xf16> -> tensor<1x8xf16>
    %91 = "coreai.gelu"(%90) <{approximate = #coreai.approximate<none>}> : (tensor<1x8xf16>) -> tensor<1x8xf16>
    // CHECK: coreai.create_token : !coreai.token
    %92 = "coreai.create_token"() : () -> !coreai.token
    // CHECK: coreai.output %{{.*}} : tensor<1x4xf16>
    coreai.output %5 : tensor<1x4xf16>
  }
  // CHECK-LABEL: coreai.graph private noinline @helper(%arg0: tensor<1x8xf16>) -> tensor<1x8xf16> {
  coreai.graph private noinline @helper(%arg0: tensor<1x8xf16>) -> tensor<1x8xf16> {
    coreai.output %arg0 : tensor<1x8xf16>
  }
  // CHECK-LABEL: coreai.graph externalize @two(%arg0: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  coreai.graph externalize @two(%arg0: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
    // CHECK: coreai.output %arg0, %arg0 : tensor<2xf32>, tensor<2xf32>
    coreai.output %arg0, %arg0 : tensor<2xf32>, tensor<2xf32>
  }
}

{-#
  dialect_resources: {
    builtin: {
      si4_8x4: "0x10000000A54DCA182530BB1D6D132CDED6237B2E",
      f8_64x4: "0x01000000D91E3F721FCB1971174494D6493C9D5C3460BE31201E69FEDAA0EEE8B9997F5C7C2999FDAFE593253CD654AF4DFAD71427A0AEB3FEE9232F8AF2211F9EE491C5B10BECB5563BFC1E6F93427ECBC8FE2955E5CD8E46DC8ED4B7C2764D2A5A4D767706F85D8690024AD6BDA3401BE9C8CBCCC935F6CD1F61226AE15338AE1A34004D33BA0D246AC04C81B1BAF23E3BF9EEF5F79F2B4934AF87F5520B69B94B0D982E85BB55B672A872637ACD7466FCB60E0E8FF18463B0E4B2BA29703474F064AC68F700F5B02B3DC666F45BDEAA2CCAEDCD2B5157410E4DEE4AF2B34F430A073447DE636C0E806C957BA684D6431FB5EAD7424D09E15D024C5848F23D1FA6F736",
      e8m0_2x4: "0x010000007777777777777878",
      ui4_16x8: "0x100000001D7F618D1532E70E20E2A6668DE7F47E8467E546D53EC8E2A1257BDB256C9B3E4FBB498146EF7030CBF9537252DCCEADD764B6A32FBB09ADEAE109C4A9972039",
      ui8_16x64: "0x1000000075352B878B145C8A42D884CF4CFDA72D8E1D5DD92589082D852A7122873EE805ADD58942167A385286195C679F9C6994E45B8AB1098012070961F37DE436DDFDC99D6E75AF6547CFB11B42072482DC531C2BC3907C9617EB5E5089E40186BAA8A57D119E6FB65D00ABC32AF38E667F022E872D49CC15C90B999B772B4FC7A6FD4C914A16DB4708752B0F1544B835C0E719097DFA8701E9232F21F2812687786976EBFCC327F5931765274BA9829B4406F61FF889326FFA9492EDEEEE3C669F2BF20894EA27E689C66B6B262E4886B8438F39BA76FEF8C90C5101FBE6CF9A48D5B0C0A13DA900A6ADCB3D64069481BE21C9C727B8DB8C188F341A924C7F88DFA161BFDB0ECC682919D2E64692F8194157F1D4AF90988285CF7A9AF7C93D5552266AFE70E7AAE6DA47627C2E59AF2EA37ABC84670AD3C4D36BC08AAD1FFF8EB8406E2F8A7FC4CCE4DD9F0B4110D9F2FA0025C8EFE57F37724F4D37EA2B14004077139B4180DF3932249962C6857200059AEB8EA17CF3787E0ED29D1C0B63FFD7298374D9BD74FC11ADD7B9CA6503952269FD669F6376EE71879737FD5F72F8D51C4AC91B6D0C48D41A1E5EC9E6A0392854A8615EEF109FC1BFA9E2563701288F29B3D73F6AC2B69EDD2C19F264BEE462A5BAF20FD27ECF14C011ED201F836320ADB98BAB1686A28D9801210C7736F3EEC580DCFC43FE5D049B4D78A7A3EBB92865C8517ED02111F6A652DA3524872B6A31D7FFE4587744D5EB783E96968F89BE828565E07E5F7D784E9060A721CA807D7633ED123402F376E5BF1496773D19616326BE5BE5850336B36F13BCAE48166882136805A7D1BE5E9F276810FDF720D033CA4F2E53CB8AD1919DD51A9FB6D4D509BA64C8CF6803DE50D83A2ECFBAEB5342071A48CB2DBD574AB29152572237C4FB659A4016F7A11BC62C5271CF64F25D6F15CC50C4B73F4C7E621513A53CC7E99CD79D7FD9C7BCE4E05B0B01FAEE78E4EA5BF2CC362241B7DCBB2EE21414422AA0281BC1450D21386343FB93547121B38151A58CE94982F56A8679A3BE12655DCE528EA7C056873A18B8E73581C9BE87C0BC4AB8A929E2755A1897819EA00011714C94DDD5BA1843FA74170B1B01B59B36B672D39A4468BBF35144077C4CE631204A8ACD87051CB3E3FC7F5400161F0CCF5F79511D35066448D366D4599E209918F403C0DFEE29E75973358576133FAB861A88DF87976F2B075685786751A762C7A87AC2F0F1030DDF779D6CC827574A100D393652B0480E0F154615221721BA6621C4367E69683911112C93F43343326896A3ACD8850AB3839018BCA4F3930FD30FDF32B1F0186E2E9357DF0067931B02B2FB30FB5EFDB18551916D76FF543829FB35A7B630CDCA2CD80CBE699B86DB57C277EB4011B2A74FE6A556EDE0837640ABEC7962889A4F4F7EA7B25278A76084",
      si8_lut: "0x1000000034543464C44D4B9A98DE8C6437368F69C6ED1106CCDF7197ED0B4883CF027CDCD775755C3FE8DDA08532D67CCC5080D8F7E90AD15DA705C7FA3613806F5266B233E968F308BDAFD2E96B5EC83EB61C818CC3CC1F0626D6D7B48737729BCD70C8EC6C54422362F0734AB4D3EF9640F0B57588C081DA5FF6018FB77D9AA4F5F8DB2BB94E9BC51D2BA647B007056B2496803349775FE7B14E6ACE552E9865FD6D28E03B3C87D67747F2FC1DF7EF49FB7EFF540352A4EFFE97EEBFDAD6265CB80E0A17A930F7F849116DD440AD30BBAEF26B91DEAFD8801A9495B5FCCEAA8BB068FC3CA962A299412C14CCCF19CC9937031761F31EC04B2A6C14EA59335C12D73306BC479E849A5ED711A30ADC1BFE143CD7CFE42207C64FF3D3342AF16C4D07DA02043E2D6F3E42F1098D7CE65F19BB4A2B96FFEB821A10051F0728C79F9F54F91EA1BCE0F0554A3BB953D5F4C5E78BAA958F1FAA074D9EDB7EC0C6C077E79100A48689D8501593484B8CFFB12BF8C366779E1DCAEE698204C5EB2CB52077CB84A4F467606C622F5C94B9B7CE4C7E16FCBF36BEED294FA10FB08F0A301168F86D858FDA31E4438213AD665CC12A0E1A11BDEAF920CB3D2E83A3772DC95DE551BD7871581383B41E0E1884F71C334AA2026598E135F1A5BE83C73FBFF6C256E17A4906EF6312507027BF47E431C50B26E7ADA577F43BBB49A9711D5CE74AE04C88D6",
      mask_8x4: "0x10000000C4D7684D",
      ui4_16: "0x10000000D27E4F0D8A97AB55",
      f16_weight: "0x10000000E7EEE7615EF35F30E49B482E15CAE75007201E12617B0FEDA7E1647796FF022BEA8ED02A82A175930F2337CD3794C52208006D6B1AF0C0CBD625658AAC2C9FAA07D13C447E33051EEEF95A60E56143D6C43BCAD76C008A9B0A6B5FC933154A6DE28404A897C525262E6A7C07BCBEE841F745C55D4E9F747F615164C6F728D718353713827AC883D7FB9659234074F5258F6C68082389D2E47F1E175A90BC432FB946E6A9471109F3B79F110A26F6229FA3452526E7BC1642AEB42BF227D50FFF07C3C20624292E3B83D5A9C6EAE1EC2A0F9E2CF60B7539FEF88205BC9A496756AFE2FF7BA7CF8065DC666DC470A26B4544FEB314208D5639E6F18C6DD3C3FCA1E7A426108E158FB59E0945CFE8610C887948183BE437BC276566F3835B05F1125B738BB151C9722CD2C642E6E86403C0AFEDA768323F6D7CC72C9EA48608B22A13E1AFD78CF90E6F20DB1158AB47F04CE1FC2C71E09454839FC36A9B488BFE66D23A02C10E16CD3EFB2F5521EAD3CE897EF2FC41ADDEF3A23762D60F85420B12634F740691A4B57DFF35FF3E8065DF0BC0D351686F6E4577B15CA1A1636F6331447A432D84C631DED74066CE093166B7B83BAF6024F6360C13F64B615E3A68585090301F44EC2731A7C8EFDAB5DC6BBF0614665CD0E8B8BDCF63543007A52BCF61AE848F3B51CF44A8BDDD5CCF695E24AE9AF03305B619768B99AC6ECF5D27C7FE6D3DCA0B3A377983E3CD1964C0053284808DAED433E32717C551C5F156FD1DDBFDD791CC9FBB92F78A91970D077D1550D1C71BA1CB19A32572DBF4807C1732EF497D3A19D5E93C681AB64F3FBAE247D5E986D6BA4694417AF63A9EB78C8B618E7A617F64141F048A84D90D1334718E252C5278BFF7F5B56BADAFFD44263DE56DE3D984C74DBC4EA6945EDABD31ECA5282ADDF8ED9904269E6D299BFDA7904970B7A7BB3CA5E18EE09CEAA271CC7F2BB9BB0CBACAC663BCC74F5A5A2DE8900B711D51970BD8209C2BAB298C35A02B0D4931D87D70FAADEBC9B3ACAA45FCF92517D2B201C12DED0CB90538D7D74A7D53C055A468C7D9958C1EF19D3A9B4F5B1FEA08F612A037655EB76F78F172E25E8FCE589FF585F8CEAF2FF771CC196F44C58C1D7905F1BEE67ED750D450A44A8443881B4D5B00684C412AB48A31F5EF2A9B0960D5622EE16A13D3FD509FA19FCF269CEF22B8264736C9EC3EE306C1F379963AEA05694D94C098ACC82C836066C038A89E8CF0A9E4C32F344830435B5C62CD12ED2E337410503FDED025AEDA47694BC5F7A9D307CDA27D0985A960AF9DE136C168AA963451819877B44865640D652A457DF4D5AAA82EB888ED3FE7457A208756AB4A3E0193BA7BB9545F27E810CE5C469DC3085166D2EF1049C53CCF58AC43867CAA1B134ACEFE34F0B0D2D090F8EDD1DE3C3AA9DDD70CA41B97DDC0A49C23",
      fp4_64x4: "0x01000000B3D30CEC7FCDB4325D953A8A7014CF1452DC659B4FC2149F5B74FE82DEB200399215187D3813A36BB02CD5C9718F2EB2D9E2AEE71B69DB41FA601685595378857F1E56B7B1D22F679F4645F9F7797B03E344B39944487BAA3CD9564FECCF693A9406B8F969161E8F9B64389EE53952A6E3EFB99456241705EFF82AA98737FADE"
    }
  }
#-}
