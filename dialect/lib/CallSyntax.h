//===- CallSyntax.h - the custom syntax of coreai.invoke and udml.call ----===//
//
// `@f(%a, %b)  {attrs} : (T {arg attrs}, T) -> (R {res attrs})`: the callee
// `#param.constant<@f> : !param.symbol` prints as `@f`, the argument and
// result attributes print next to their types, and coreai-core prints a
// space before the attribute dictionary even when it is empty.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_LIB_CALLSYNTAX_H
#define COREAI_LIB_CALLSYNTAX_H

#include "CoreAI/Param.h"

#include "mlir/IR/OpImplementation.h"

namespace mlir {

/// Core AI stores the callee as `#param.constant<@f> : !param.symbol`; the
/// custom form prints it as `@f`. Returns the symbol when the callee has that
/// form (no type bindings, type `!param.symbol`).
inline SymbolRefAttr plainCallee(Attribute callee) {
  auto bind = llvm::dyn_cast<param::ParamBindAttr>(callee);
  if (!bind || !bind.getBindings().empty() ||
      !llvm::isa<param::SymbolType>(bind.getType()))
    return {};
  return bind.getSymbol();
}

template <typename OpT>
ParseResult parseCall(OpAsmParser &parser, OperationState &result) {
  using Properties = typename OpT::Properties;
  MLIRContext *ctx = parser.getContext();
  param::ParamBindAttr callee;
  SymbolRefAttr symbol;
  OptionalParseResult parsedSymbol = parser.parseOptionalAttribute(symbol);
  if (parsedSymbol.has_value()) {
    if (failed(*parsedSymbol))
      return failure();
    callee = param::ParamBindAttr::get(ctx, symbol, {},
                                       param::SymbolType::get(ctx));
  } else if (parser.parseAttribute(callee)) {
    return failure();
  }
  result.getOrAddProperties<Properties>().callee = callee;
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  SmallVector<Type> argTypes, resultTypes;
  SmallVector<DictionaryAttr> argAttrs, resultAttrs;
  SMLoc operandsLoc = parser.getCurrentLocation();
  if (parser.parseOperandList(operands, OpAsmParser::Delimiter::Paren) ||
      parser.parseOptionalAttrDict(result.attributes) || parser.parseColon())
    return failure();
  // `(T {attrs}, ...) -> (T {attrs}, ...)`: the argument and result
  // attributes are the op's `arg_attrs` / `res_attrs`.
  auto parseTypeWithAttrs = [&](SmallVectorImpl<Type> &types,
                                SmallVectorImpl<DictionaryAttr> &attrs) {
    NamedAttrList dict;
    if (parser.parseType(types.emplace_back()) ||
        parser.parseOptionalAttrDict(dict))
      return failure();
    attrs.push_back(dict.getDictionary(ctx));
    return success();
  };
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Paren, [&] {
        return parseTypeWithAttrs(argTypes, argAttrs);
      }) ||
      parser.parseArrow())
    return failure();
  if (succeeded(parser.parseOptionalLParen())) {
    if (failed(parser.parseOptionalRParen())) {
      if (parser.parseCommaSeparatedList([&] {
            return parseTypeWithAttrs(resultTypes, resultAttrs);
          }) ||
          parser.parseRParen())
        return failure();
    }
  } else if (failed(parseTypeWithAttrs(resultTypes, resultAttrs))) {
    return failure();
  }
  auto toArray = [&](ArrayRef<DictionaryAttr> attrs) -> ArrayAttr {
    if (llvm::all_of(attrs, [](DictionaryAttr d) { return d.empty(); }))
      return {};
    return ArrayAttr::get(ctx, SmallVector<Attribute>(attrs.begin(), attrs.end()));
  };
  result.getOrAddProperties<Properties>().arg_attrs = toArray(argAttrs);
  result.getOrAddProperties<Properties>().res_attrs = toArray(resultAttrs);
  if (parser.resolveOperands(operands, argTypes, operandsLoc, result.operands))
    return failure();
  result.addTypes(resultTypes);
  return success();
}

template <typename OpT> void printCall(OpT op, OpAsmPrinter &p) {
  p << ' ';
  if (SymbolRefAttr symbol = plainCallee(op.getCallee()))
    p.printAttribute(symbol);
  else
    p.printAttribute(op.getCallee());
  p << '(' << op.getOperands() << ')';
  // coreai-core prints a space here even when the dictionary is empty.
  p << ' ';
  p.printOptionalAttrDict(op->getAttrs(),
                          {op.getCalleeAttrName(), op.getArgAttrsAttrName(),
                           op.getResAttrsAttrName()});
  p << " : ";
  auto printTypes = [&](TypeRange types, std::optional<ArrayAttr> attrs,
                        bool parens) {
    if (parens)
      p << '(';
    llvm::interleaveComma(llvm::enumerate(types), p, [&](auto it) {
      p.printType(it.value());
      if (attrs && *attrs)
        if (auto dict = llvm::dyn_cast<DictionaryAttr>((*attrs)[it.index()]))
          if (!dict.empty())
            p.printOptionalAttrDict(dict.getValue());
    });
    if (parens)
      p << ')';
  };
  printTypes(op->getOperandTypes(), op.getArgAttrs(), /*parens=*/true);
  p << " -> ";
  bool resultAttrs = op.getResAttrs() && llvm::any_of(*op.getResAttrs(), [](Attribute a) {
                       return !llvm::cast<DictionaryAttr>(a).empty();
                     });
  printTypes(op->getResultTypes(), op.getResAttrs(),
             /*parens=*/op->getNumResults() != 1 || resultAttrs ||
                 llvm::isa<FunctionType>(op->getResultTypes()[0]));
}

} // namespace mlir

#endif // COREAI_LIB_CALLSYNTAX_H
