coreai.graph @main() -> () {
  %0 = coreai.constant dense_resource<blob> : tensor<2xf16>
  coreai.output
}
{-#
  dialect_resources: { builtin: { blob: "0x1000000000