// MX formats: FP4 (always E8M0 scales, data packed two per byte) and FP8 with E8M0 scales, per
// block of 32 along the input axis (axis 0 of a y-operand weight).
// RUN: coreai-opt %s --coreai-quantize="weight-num-threshold=16 dtype=fp4_e2m1fn granularity=per_block block-size=32" | FileCheck %s --check-prefix=FP4
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-quantize{weight-num-threshold=16 dtype=fp4_e2m1fn granularity=per_block block-size=32})" | FileCheck %s --check-prefix=FP4
// RUN: coreai-opt %s --coreai-quantize="weight-num-threshold=16 dtype=fp8_e4m3fn granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu" | FileCheck %s --check-prefix=FP8
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-quantize{weight-num-threshold=16 dtype=fp8_e4m3fn granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu})" | FileCheck %s --check-prefix=FP8
// RUN: coreai-opt %s --coreai-quantize="weight-num-threshold=16 dtype=fp4_e2m1fn granularity=per_block block-size=32" | coreai-opt --coreai-decompress | FileCheck %s --check-prefix=DECODED
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-quantize{weight-num-threshold=16 dtype=fp4_e2m1fn granularity=per_block block-size=32})" | %coreai_mlir_opt --pass-pipeline="builtin.module(coreai-decompress)" | FileCheck %s --check-prefix=DECODED

// FP4-LABEL: coreai.graph @mx
// FP4-DAG:   %[[D:.*]] = coreai.constant dense_resource<[[R:resource_[0-9]+]]> : tensor<64x4xf4E2M1FN>
// FP4-DAG:   %[[S:.*]] = coreai.constant {{.*}} : tensor<2x4xf8E8M0FNU>
// FP4-DAG:   %[[O1:.*]] = coreai.constant dense<0.000000e+00> : tensor<2x4xf4E2M1FN>
// FP4-DAG:   %[[O2:.*]] = coreai.constant dense<0.000000e+00> : tensor<2x4xf16>
// FP4:       coreai.blockwise_shift_scale %[[D]], %[[S]], %[[O1]], %[[O2]] : (tensor<64x4xf4E2M1FN>, tensor<2x4xf8E8M0FNU>, tensor<2x4xf4E2M1FN>, tensor<2x4xf16>) -> tensor<64x4xf16>
// 256 FP4 values take 128 bytes: "0x10000000" + 256 hex digits.
// FP4:       [[R]]: "0x10000000{{(([0-9A-F]{128}){2})}}"
// FP8:       coreai.blockwise_shift_scale {{.*}} : (tensor<64x4xf8E4M3FN>, tensor<2x4xf8E8M0FNU>, tensor<2x4xf8E4M3FN>, tensor<2x4xf16>) -> tensor<64x4xf16>
// DECODED-LABEL: coreai.graph @mx
// DECODED:       coreai.constant dense_resource<{{.*}}> : tensor<64x4xf16>
// DECODED-NOT:   coreai.blockwise_shift_scale
coreai.graph @mx(%arg0: tensor<1x64xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense_resource<w> : tensor<64x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x64xf16>, tensor<64x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

{-#
  dialect_resources: { builtin: { w: "0x02000000102E003D73BBF03B25B42FB4993F0B317FA9D639823CE5A7B438CABBDEB503B754BD09BE82BEA3B385B120B56D2C58BD16AD9F33023AC5BA66B608C007B865C0ADBD683C67C0633A3F35FFB4593738382F3C5FB3BDB8D6B8E4BBC0A949BA463C7ABF60BCA0BB30C09C3FD1C088B434B8A03EF1BF4A3CDAB9F8B05EB920398DBC0DADA8355C3FD0C01A3E963BBDB7E13475B7963EB532E6B24CB365B2A7B108BB1E40A5BF36C3DDAFB1B0F5358BB2BDB05135BF3B2BB7F7B5C33F3D38E2BBA640353AB6B8B3BCC634A8BA3BBC2FBD0DB86E3CF0B6CCBD5A39342CC03ACF3C66B1A3B0D3A98ABC5A397D3D903199B329B43FBA6EBA6AB6BCBAFFB64FBE9A35492A9CBC99C0F99F6A3CDEB9BAB78CB83A3954BBE33BD9B4663B2C2867B3EABD7FB92EB44739D73393B98E36E63BC1B006B74DB67C3A4F3870BB0036AEB702BAF53C923ACDB9142D03381EB9B5AF563928BF3E35E93909385EBD1935E8BA8F38D638ED321FBABBB8D53A31BBEF37173875B4CA407D2C4B4008C07DC0DB3B1739FFB4DBAA9DBF08B922BC19B3173BC82AF33596B9F6B62D2F84B40F3D02BB903FD9BB3D3C2FBA983E5E305F36F53914B92BBC0EC0E13C92B9BCB8EBA7F43FEABEFB3356B6413832BF5DB6B93A3C3E633ED7BA002B08AF81BDC3BD0E3ADC3390B0DD3C02BC36381B2198ABD837A13145344034C13FF9B40D3CDE3898B55E3ADCBAA43C" } }
#-}
