//===- CoreAIDialect.td - coreai dialect definition --------*- tablegen -*-===//
//
// The coreai dialect: Apple's Core AI dialect (coreai-core 1.0.0b3) with its
// exact op names, operands, attributes and textual syntax. Every one of its
// 140 ops is registered (the op families are in `Ops/`); attributes and types
// it does not model (ones a later Core AI may add) are kept verbatim.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_DIALECT
#define COREAI_DIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def CoreAI_Dialect : Dialect {
  let name = "coreai";
  let summary = "Apple's Core AI ops, attributes and types";
  let description = [{
    A compatible implementation of Apple's Core AI dialect (coreai-core
    1.0.0b3): all 140 ops with their operands, attributes, regions and custom
    syntax, the `#coreai.*` attributes and `!coreai.*` types they use. Text
    printed by coreai-core parses here and prints back byte-identically (the
    op atlas in `test/conformance/atlas/` checks every op against
    coreai-core).

    Attributes and types with an unknown mnemonic (ones a later Core AI may
    add) are kept as their verbatim text, so that such programs still
    round-trip.
  }];
  let cppNamespace = "::mlir::coreai";
  let dependentDialects = ["::mlir::param::ParamDialect"];
  let useDefaultAttributePrinterParser = 0;
  let useDefaultTypePrinterParser = 0;
  let hasConstantMaterializer = 1;
  let usePropertiesForAttributes = 1;
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

/// Base class of every coreai op.
class CoreAI_Op<string mnemonic, list<Trait> traits = []>
    : Op<CoreAI_Dialect, mnemonic, traits>;

#endif // COREAI_DIALECT
