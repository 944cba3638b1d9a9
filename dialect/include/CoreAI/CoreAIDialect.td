//===- CoreAIDialect.td - coreai dialect definition --------*- tablegen -*-===//
//
// The coreai dialect: the subset of Apple's Core AI dialect that weight
// compression reads and writes, with Core AI's exact op names, operand order,
// attribute names and textual syntax. Every other `coreai.*` op is accepted as
// an unregistered op (generic form), and every `#coreai.*` attribute or
// `!coreai.*` type that is not modelled here is kept verbatim.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_DIALECT
#define COREAI_DIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def CoreAI_Dialect : Dialect {
  let name = "coreai";
  let summary = "Core AI ops for weight compression and the ops that consume weights";
  let description = [{
    A compatible implementation of the part of Apple's Core AI dialect
    (coreai-core 1.0.0b3) that weight compression touches: graphs, constants,
    casts, the decompression ops (`blockwise_shift_scale`, `lut_to_dense`,
    the bitmask sparse ops, `quantize`/`dequantize`) and the weight consumers
    (`batch_matmul`, `decomposable.broadcasting_batch_matmul`, `conv2d`,
    `transpose`, `gather_nd`, `invoke`).

    The dialect allows unknown operations, so any other Core AI op parses and
    prints in generic form. Attributes and types it does not model
    (`#coreai.approximate<none>`, `!coreai.token`, ...) are kept as their
    verbatim text.
  }];
  let cppNamespace = "::mlir::coreai";
  let dependentDialects = ["::mlir::coreai::param::ParamDialect"];
  let useDefaultAttributePrinterParser = 0;
  let useDefaultTypePrinterParser = 0;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    ::mlir::Attribute parseAttribute(::mlir::DialectAsmParser &parser,
                                     ::mlir::Type type) const override;
    void printAttribute(::mlir::Attribute attr,
                        ::mlir::DialectAsmPrinter &printer) const override;
    ::mlir::Type parseType(::mlir::DialectAsmParser &parser) const override;
    void printType(::mlir::Type type,
                   ::mlir::DialectAsmPrinter &printer) const override;
  private:
    void registerAttributes();
    void registerTypes();
  public:
  }];
}

// The `param` dialect of Core AI carries graph parameter declarations
// (`#param.decl.array<[]>`) and symbol constants (`#param.constant<@f> :
// !param.symbol`). It is modelled only as verbatim attributes and types.
def Param_Dialect : Dialect {
  let name = "param";
  let summary = "Core AI graph parameters (kept verbatim)";
  let cppNamespace = "::mlir::coreai::param";
  let useDefaultAttributePrinterParser = 0;
  let useDefaultTypePrinterParser = 0;
  let extraClassDeclaration = [{
    ::mlir::Attribute parseAttribute(::mlir::DialectAsmParser &parser,
                                     ::mlir::Type type) const override;
    void printAttribute(::mlir::Attribute attr,
                        ::mlir::DialectAsmPrinter &printer) const override;
    ::mlir::Type parseType(::mlir::DialectAsmParser &parser) const override;
    void printType(::mlir::Type type,
                   ::mlir::DialectAsmPrinter &printer) const override;
  }];
}

class CoreAI_Op<string mnemonic, list<Trait> traits = []>
    : Op<CoreAI_Dialect, mnemonic, traits>;

#endif // COREAI_DIALECT
