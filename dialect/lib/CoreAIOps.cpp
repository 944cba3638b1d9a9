//===- CoreAIOps.cpp - coreai op verifiers and custom syntax --------------===//
//
// Hand-written verifiers (relations between operands that ODS constraints
// cannot express), the custom syntax of `coreai.graph` and `coreai.invoke`,
// and the `coreai.constant` folder. Messages follow MLIR style: lower case,
// no trailing period, naming both values.
//
//===----------------------------------------------------------------------===//

#include "CoreAI/CoreAIDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/FunctionImplementation.h"

#include "CallSyntax.h"
#include "llvm/ADT/bit.h"

#include <cstring>

using namespace mlir;
using namespace mlir::coreai;

namespace {

/// Bits per element of a constant's storage type, or 0 when unknown.
unsigned storageBits(Type elementType) {
  if (auto intType = llvm::dyn_cast<IntegerType>(elementType))
    return intType.getWidth();
  if (auto floatType = llvm::dyn_cast<FloatType>(elementType))
    return floatType.getWidth();
  if (llvm::isa<IndexType>(elementType))
    return 64;
  return 0;
}

/// Returns the attribute value of a rank-0 or single-element integer constant
/// feeding `value`, if there is one.
std::optional<int64_t> constantScalar(Value value) {
  DenseIntElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  if (attr.getNumElements() != 1)
    return std::nullopt;
  return (*attr.begin()).getSExtValue();
}

bool isFp8(Type t) { return llvm::isa<Float8E5M2Type, Float8E4M3FNType>(t); }

} // namespace

//===----------------------------------------------------------------------===//
// GraphOp
//===----------------------------------------------------------------------===//

ParseResult GraphOp::parse(OpAsmParser &parser, OperationState &result) {
  Builder &builder = parser.getBuilder();
  // `private`, `externalize` and `noinline`, in any order, before the name.
  for (;;) {
    if (succeeded(parser.parseOptionalKeyword("private"))) {
      result.addAttribute(getPrivAttrName(result.name), builder.getUnitAttr());
      continue;
    }
    if (succeeded(parser.parseOptionalKeyword("externalize"))) {
      result.addAttribute(getExternalizeAttrName(result.name),
                          builder.getUnitAttr());
      continue;
    }
    if (succeeded(parser.parseOptionalKeyword("noinline"))) {
      result.addAttribute(getNoInlineAttrName(result.name),
                          builder.getUnitAttr());
      continue;
    }
    break;
  }
  StringAttr name;
  param::ParamDeclArrayAttr decls;
  if (parser.parseSymbolName(name, SymbolTable::getSymbolAttrName(),
                             result.attributes) ||
      param::parseOptionalParamDecls(parser, decls))
    return failure();
  result.addAttribute(getParamDeclsAttrName(result.name), decls);

  SmallVector<OpAsmParser::Argument> arguments;
  SmallVector<DictionaryAttr> resultAttrs;
  SmallVector<Type> resultTypes;
  bool isVariadic = false;
  SMLoc signatureLoc = parser.getCurrentLocation();
  if (function_interface_impl::parseFunctionSignatureWithArguments(
          parser, /*allowVariadic=*/false, arguments, isVariadic, resultTypes,
          resultAttrs))
    return failure();
  SmallVector<Type> argTypes;
  for (auto &arg : arguments)
    argTypes.push_back(arg.type);
  auto type = builder.getFunctionType(argTypes, resultTypes);
  if (!type)
    return parser.emitError(signatureLoc, "failed to construct graph type");
  result.addAttribute(getFunctionTypeAttrName(result.name),
                      TypeAttr::get(type));
  if (parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  call_interface_impl::addArgAndResultAttrs(
      builder, result, arguments, resultAttrs, getArgAttrsAttrName(result.name),
      getResAttrsAttrName(result.name));

  Region *body = result.addRegion();
  SMLoc bodyLoc = parser.getCurrentLocation();
  if (parser.parseRegion(*body, arguments, /*enableNameShadowing=*/false))
    return failure();
  if (body->empty())
    return parser.emitError(bodyLoc, "expected a non-empty graph body");
  return success();
}

void GraphOp::print(OpAsmPrinter &p) {
  if (getPriv())
    p << " private";
  if (getExternalize())
    p << " externalize";
  if (getNoInline())
    p << " noinline";
  p << ' ';
  p.printSymbolName(getSymName());
  param::printParamDecls(p, getParamDecls());
  function_interface_impl::printFunctionSignature(
      p, *this, getArgumentTypes(), /*isVariadic=*/false, getResultTypes());
  p.printOptionalAttrDictWithKeyword(
      (*this)->getAttrs(),
      {getSymNameAttrName(), getFunctionTypeAttrName(), getArgAttrsAttrName(),
       getResAttrsAttrName(), getPrivAttrName(), getExternalizeAttrName(),
       getNoInlineAttrName(), getParamDeclsAttrName()});
  p << ' ';
  p.printRegion(getBodyRegion(), /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/true);
}

LogicalResult GraphOp::verify() {
  if (getPriv() && getExternalize())
    return emitOpError("cannot be both private and externalize");
  Region &body = getBodyRegion();
  if (body.empty())
    return emitOpError("expected a non-empty body");
  Block &entry = body.front();
  ArrayRef<Type> inputs = getFunctionType().getInputs();
  if (entry.getNumArguments() != inputs.size())
    return emitOpError("expected ")
           << inputs.size() << " block arguments to match the signature, got "
           << entry.getNumArguments();
  for (auto [i, arg] : llvm::enumerate(entry.getArguments()))
    if (arg.getType() != inputs[i])
      return emitOpError("block argument #")
             << i << " has type " << arg.getType()
             << ", but the signature says " << inputs[i];
  return success();
}

//===----------------------------------------------------------------------===//
// OutputOp
//===----------------------------------------------------------------------===//

LogicalResult OutputOp::verify() {
  auto graph = (*this)->getParentOfType<GraphOp>();
  ArrayRef<Type> results = graph.getFunctionType().getResults();
  if (getNumOperands() != results.size())
    return emitOpError("has ")
           << getNumOperands() << " operands, but the enclosing graph @"
           << graph.getSymName() << " returns " << results.size();
  for (auto [i, type] : llvm::enumerate(getOperandTypes()))
    if (type != results[i])
      return emitOpError("type of operand #")
             << i << " (" << type << ") does not match graph result type ("
             << results[i] << ")";
  return success();
}

//===----------------------------------------------------------------------===//
// InvokeOp
//===----------------------------------------------------------------------===//

ParseResult InvokeOp::parse(OpAsmParser &parser, OperationState &result) {
  return parseCall<InvokeOp>(parser, result);
}

void InvokeOp::print(OpAsmPrinter &p) { printCall(*this, p); }

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

LogicalResult ConstantOp::verify() {
  auto resource = llvm::dyn_cast<DenseResourceElementsAttr>(getValue());
  if (!resource)
    return success();
  auto type = llvm::cast<ShapedType>(resource.getType());
  AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  if (!blob)
    return emitOpError("dense_resource<")
           << resource.getRawHandle().getKey()
           << "> has no blob: the dialect_resources trailer has no entry for it";
  if (!type.hasStaticShape())
    return emitOpError("requires a statically shaped type, got ") << type;
  unsigned bits = storageBits(type.getElementType());
  if (bits == 0)
    return success();
  uint64_t count = type.getNumElements();
  uint64_t expected = bits < 8 ? (count * bits + 7) / 8 : count * (bits / 8);
  uint64_t actual = blob->getData().size();
  if (actual == expected)
    return success();
  // Signless i1 (bool) blobs may also be stored one byte per element.
  if (type.getElementType().isSignlessInteger(1) && actual == count)
    return success();
  // f4E2M1FN blobs may also be stored one code per byte (the reference passes' layout).
  if (llvm::isa<Float4E2M1FNType>(type.getElementType()) && actual == count)
    return success();
  return emitOpError("dense_resource<")
         << resource.getRawHandle().getKey() << "> blob holds " << actual
         << " bytes, but " << type << " needs " << expected
         << (bits < 8 ? " (bit-packed)" : "");
}

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

LogicalResult CastOp::verify() {
  auto in = llvm::cast<ShapedType>(getInput().getType());
  auto out = llvm::cast<ShapedType>(getOutput().getType());
  if (in.hasRank() && out.hasRank()) {
    if (in.getRank() != out.getRank())
      return emitOpError("input rank ")
             << in.getRank() << " does not match result rank "
             << out.getRank();
    for (int64_t d = 0; d < in.getRank(); ++d)
      if (!in.isDynamicDim(d) && !out.isDynamicDim(d) &&
          in.getDimSize(d) != out.getDimSize(d))
        return emitOpError("input shape ")
               << in << " is not compatible with result shape " << out;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// BlockwiseShiftScaleOp
//===----------------------------------------------------------------------===//

LogicalResult BlockwiseShiftScaleOp::verify() {
  auto data = llvm::cast<RankedTensorType>(getData().getType());
  auto scale = llvm::cast<RankedTensorType>(getScale().getType());
  auto offset1 = llvm::cast<RankedTensorType>(getOffset1().getType());
  auto offset2 = llvm::cast<RankedTensorType>(getOffset2().getType());
  auto output = llvm::cast<RankedTensorType>(getOutput().getType());
  int64_t rank = data.getRank();
  for (auto [name, t] : {std::pair<StringRef, RankedTensorType>{"scale", scale},
                         {"offset1", offset1},
                         {"offset2", offset2},
                         {"output", output}})
    if (t.getRank() != rank)
      return emitOpError("'") << name << "' has rank " << t.getRank()
                              << ", but 'data' has rank " << rank;
  if (offset1.getShape() != scale.getShape() ||
      offset2.getShape() != scale.getShape())
    return emitOpError("'scale', 'offset1' and 'offset2' must have identical "
                       "shapes, got ")
           << scale << ", " << offset1 << " and " << offset2;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t dd = data.getDimSize(d), sd = scale.getDimSize(d);
    if (ShapedType::isDynamic(dd) || ShapedType::isDynamic(sd))
      continue;
    if (sd <= 0 || dd % sd != 0)
      return emitOpError("'scale' dim ")
             << d << " (" << sd << ") must divide 'data' dim " << d << " ("
             << dd << ")";
  }
  if (offset1.getElementType() != data.getElementType())
    return emitOpError("'offset1' element type ")
           << offset1.getElementType()
           << " must match the 'data' element type " << data.getElementType();
  if (output.getShape() != data.getShape())
    return emitOpError("result shape must match 'data' shape, got ")
           << output << " for " << data;
  if (output.getElementType() != offset2.getElementType())
    return emitOpError("result element type ")
           << output.getElementType()
           << " must match the 'offset2' element type "
           << offset2.getElementType();
  Type d = data.getElementType(), s = scale.getElementType();
  if (isFp8(d) && !llvm::isa<Float32Type, Float16Type, BFloat16Type,
                             Float8E8M0FNUType>(s))
    return emitOpError("'scale' element type ")
           << s << " is not allowed for " << d
           << " data; expected f32, f16, bf16 or f8E8M0FNU";
  if (llvm::isa<Float4E2M1FNType>(d) &&
      !llvm::isa<Float8E8M0FNUType, Float16Type, BFloat16Type>(s))
    return emitOpError("'scale' element type ")
           << s << " is not allowed for " << d
           << " data; expected f8E8M0FNU, f16 or bf16";
  if (isFp8(d) || llvm::isa<Float4E2M1FNType>(d)) {
    // Core AI requires both offsets of FP8/FP4 data to be inline zero
    // constants.
    for (auto [name, value] : {std::pair<StringRef, Value>{"offset1", getOffset1()},
                               {"offset2", getOffset2()}}) {
      auto constant = value.getDefiningOp<ConstantOp>();
      auto dense = constant ? llvm::dyn_cast<DenseElementsAttr>(constant.getValue())
                            : DenseElementsAttr();
      bool zero = dense && dense.isSplat() &&
                  (llvm::isa<FloatType>(dense.getElementType())
                       ? dense.getSplatValue<APFloat>().isZero()
                       : dense.getSplatValue<APInt>().isZero());
      if (!zero)
        return emitOpError("'") << name << "' must be an inline constant zero for "
                                << d << " data";
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// LutToDenseOp / LutToSparseWithBitmaskOp
//===----------------------------------------------------------------------===//

static LogicalResult verifyLut(Operation *op, RankedTensorType indices,
                               RankedTensorType lut, Value axisValue,
                               RankedTensorType result) {
  auto indexType = llvm::dyn_cast<IntegerType>(indices.getElementType());
  if (!indexType || !indexType.isUnsigned() || indexType.getWidth() > 8)
    return op->emitOpError("'indices' element type must be ui1 to ui8, got ")
           << indices.getElementType();
  int64_t rank = indices.getRank();
  if (lut.getRank() != rank + 2)
    return op->emitOpError("'lut' rank must be the 'indices' rank + 2 = ")
           << rank + 2 << ", got " << lut.getRank();
  int64_t palette = int64_t(1) << indexType.getWidth();
  int64_t p = lut.getDimSize(rank);
  if (!ShapedType::isDynamic(p) && p != palette)
    return op->emitOpError("'lut' dim -2 must equal 2^")
           << indexType.getWidth() << " = " << palette << ", got " << p;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t a = indices.getDimSize(d), b = lut.getDimSize(d);
    if (ShapedType::isDynamic(a) || ShapedType::isDynamic(b))
      continue;
    if (b <= 0 || a % b != 0)
      return op->emitOpError("'lut' dim ")
             << d << " (" << b << ") must divide 'indices' dim " << d << " ("
             << a << ")";
  }
  auto axisType = llvm::cast<RankedTensorType>(axisValue.getType());
  if (axisType.getRank() != 0 || !axisType.getElementType().isSignedInteger(16))
    return op->emitOpError("'axis' must be a rank-0 si16 tensor, got ")
           << axisType;
  if (result.getElementType() != lut.getElementType())
    return op->emitOpError("result element type ")
           << result.getElementType() << " must match the 'lut' element type "
           << lut.getElementType();
  if (result.getRank() != rank)
    return op->emitOpError("result rank ")
           << result.getRank() << " must match the 'indices' rank " << rank;
  std::optional<int64_t> axis = constantScalar(axisValue);
  int64_t vector = lut.getDimSize(rank + 1);
  if (axis) {
    if (*axis < 0 || *axis >= std::max<int64_t>(rank, 1))
      return op->emitOpError("'axis' ")
             << *axis << " is out of range for rank " << rank;
  }
  for (int64_t d = 0; d < rank; ++d) {
    int64_t expected = indices.getDimSize(d);
    if (axis && d == *axis && !ShapedType::isDynamic(expected) &&
        !ShapedType::isDynamic(vector))
      expected *= vector;
    else if (!axis && vector != 1)
      continue;
    int64_t got = result.getDimSize(d);
    if (!ShapedType::isDynamic(expected) && !ShapedType::isDynamic(got) &&
        got != expected)
      return op->emitOpError("result dim ")
             << d << " must be " << expected << ", got " << got;
  }
  return success();
}

LogicalResult LutToDenseOp::verify() {
  return verifyLut(getOperation(),
                   llvm::cast<RankedTensorType>(getIndices().getType()),
                   llvm::cast<RankedTensorType>(getLut().getType()), getAxis(),
                   llvm::cast<RankedTensorType>(getResult().getType()));
}

LogicalResult LutToSparseWithBitmaskOp::verify() {
  auto indices = llvm::cast<RankedTensorType>(getIndices().getType());
  auto result = llvm::cast<RankedTensorType>(getResult().getType());
  auto inEncoding =
      llvm::dyn_cast_or_null<SparseTensorEncodingAttr>(indices.getEncoding());
  auto outEncoding =
      llvm::dyn_cast_or_null<SparseTensorEncodingAttr>(result.getEncoding());
  if (!inEncoding || !outEncoding)
    return emitOpError("'indices' and the result must carry "
                       "#coreai.sparse_tensor_encoding");
  auto lut = llvm::cast<RankedTensorType>(getLut().getType());
  int64_t vector = lut.getRank() >= 1 ? lut.getDimSize(lut.getRank() - 1) : 1;
  if (inEncoding.getScheme() != outEncoding.getScheme())
    return emitOpError("result encoding scheme ")
           << outEncoding.getScheme() << " must match the 'indices' scheme "
           << inEncoding.getScheme();
  if (inEncoding.getNumNonZero() && outEncoding.getNumNonZero() &&
      !ShapedType::isDynamic(vector) &&
      int64_t(*outEncoding.getNumNonZero()) !=
          int64_t(*inEncoding.getNumNonZero()) * vector)
    return emitOpError("result numNonZero = ")
           << *outEncoding.getNumNonZero() << " must be the 'indices' numNonZero "
           << *inEncoding.getNumNonZero() << " times the vector size " << vector;
  return verifyLut(getOperation(), indices,
                   llvm::cast<RankedTensorType>(getLut().getType()), getAxis(),
                   result);
}

//===----------------------------------------------------------------------===//
// Sparse ops
//===----------------------------------------------------------------------===//

/// Counts the ones of a ui1/i1 constant mask, if `mask` is a constant whose
/// data is available.
static std::optional<int64_t> countMaskOnes(Value mask) {
  Attribute attr;
  if (!matchPattern(mask, m_Constant(&attr)))
    return std::nullopt;
  auto type = llvm::cast<ShapedType>(llvm::cast<TypedAttr>(attr).getType());
  int64_t n = type.getNumElements();
  if (auto resource = llvm::dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    ArrayRef<char> bytes = blob->getData();
    if (int64_t(bytes.size()) != (n + 7) / 8)
      return std::nullopt;
    // Whole 64-bit words first, then the tail bytes, masking the padding bits.
    int64_t ones = 0;
    size_t full = bytes.size() / 8;
    for (size_t w = 0; w < full; ++w) {
      uint64_t word;
      std::memcpy(&word, bytes.data() + 8 * w, 8);
      ones += llvm::popcount(word);
    }
    for (size_t b = 8 * full; b < bytes.size(); ++b) {
      unsigned byte = static_cast<unsigned char>(bytes[b]);
      int64_t valid = std::min<int64_t>(8, n - int64_t(8 * b));
      if (valid < 8)
        byte &= (1u << valid) - 1;
      ones += llvm::popcount(byte);
    }
    if (n % 8 != 0 && full * 8 == bytes.size()) {
      // The padding bits of the last byte were counted with the whole words.
      unsigned last = static_cast<unsigned char>(bytes.back());
      ones -= llvm::popcount(last >> (n % 8));
    }
    return ones;
  }
  if (auto dense = llvm::dyn_cast<DenseIntElementsAttr>(attr)) {
    int64_t ones = 0;
    for (const APInt &v : dense.getValues<APInt>())
      ones += !v.isZero();
    return ones;
  }
  return std::nullopt;
}

LogicalResult BuildSparseWithBitmaskOp::verify() {
  auto values = llvm::cast<RankedTensorType>(getValues().getType());
  auto mask = llvm::cast<RankedTensorType>(getBitmask().getType());
  auto result = llvm::cast<RankedTensorType>(getResult().getType());
  auto encoding = llvm::cast<SparseTensorEncodingAttr>(result.getEncoding());
  if (values.getRank() != 1)
    return emitOpError("'values' must be rank 1, got ") << values;
  auto maskElement = llvm::dyn_cast<IntegerType>(mask.getElementType());
  if (!maskElement || maskElement.getWidth() != 1 || maskElement.isSigned())
    return emitOpError("'bitmask' element type must be ui1 or i1, got ")
           << mask.getElementType();
  Type v = values.getElementType();
  bool allowed = llvm::isa<BFloat16Type, Float16Type, Float32Type, Float64Type,
                           Float8E5M2Type, Float8E4M3FNType>(v);
  if (auto i = llvm::dyn_cast<IntegerType>(v)) {
    unsigned w = i.getWidth();
    allowed = (i.isSigned() && llvm::is_contained({8u, 16u, 32u, 64u}, w)) ||
              (i.isUnsigned() &&
               llvm::is_contained({1u, 2u, 3u, 4u, 6u, 8u, 16u, 32u, 64u}, w)) ||
              (i.isSignless() && w == 1);
  }
  if (!allowed)
    return emitOpError("'values' element type must be a float (bf16, f16, "
                       "f32, f64, f8E5M2, f8E4M3FN), si8 to si64, ui1 to ui64 "
                       "or i1, got ")
           << v;
  if (result.getShape() != mask.getShape())
    return emitOpError("result shape must match the 'bitmask' shape, got ")
           << result << " for " << mask;
  if (result.getElementType() != v)
    return emitOpError("result element type ")
           << result.getElementType() << " must match the 'values' element type "
           << v;
  if (encoding.getScheme() != "bitmask")
    return emitOpError("result encoding must use the bitmask scheme, got ")
           << encoding.getScheme();
  int64_t nnz = values.getDimSize(0);
  if (!ShapedType::isDynamic(nnz) && encoding.getNumNonZero() &&
      int64_t(*encoding.getNumNonZero()) != nnz)
    return emitOpError("encoding numNonZero = ")
           << *encoding.getNumNonZero() << " must equal the number of values "
           << nnz;
  if (std::optional<int64_t> ones = countMaskOnes(getBitmask()))
    if (!ShapedType::isDynamic(nnz) && *ones != nnz)
      return emitOpError("'bitmask' has ")
             << *ones << " set bits, but there are " << nnz << " values";
  return success();
}

LogicalResult SparseWithBitmaskToDenseOp::verify() {
  auto input = llvm::cast<RankedTensorType>(getInput().getType());
  auto result = llvm::cast<RankedTensorType>(getResult().getType());
  if (result.getEncoding())
    return emitOpError("result must be a dense tensor, got ") << result;
  if (result.getShape() != input.getShape() ||
      result.getElementType() != input.getElementType())
    return emitOpError("result type ")
           << result << " must be the input type " << input
           << " without its encoding";
  return success();
}

//===----------------------------------------------------------------------===//
// Shape and type relations coreai-core checks (its messages)
//===----------------------------------------------------------------------===//

static bool dimsMatch(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

bool mlir::coreai::isMatmulCompatible(Type x, Type y) {
  auto a = llvm::dyn_cast<RankedTensorType>(x);
  auto b = llvm::dyn_cast<RankedTensorType>(y);
  if (!a || !b)
    return true;
  int64_t rank = a.getRank();
  if (rank < 2 || b.getRank() != rank)
    return false;
  for (int64_t d = 0; d < rank - 2; ++d)
    if (!dimsMatch(a.getDimSize(d), b.getDimSize(d)))
      return false;
  return dimsMatch(a.getDimSize(rank - 1), b.getDimSize(rank - 2));
}

LogicalResult ReshapeOp::verify() {
  auto in = llvm::dyn_cast<ShapedType>(getInput().getType());
  auto out = llvm::dyn_cast<ShapedType>(getOutput().getType());
  if (in && out && in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError("total number of elements must be preserved in reshape");
  return success();
}

LogicalResult PadOp::verify() {
  auto input = llvm::dyn_cast<RankedTensorType>(getInput().getType());
  auto padding = llvm::dyn_cast<RankedTensorType>(getPadding().getType());
  if (!input || !padding || padding.getRank() != 1 ||
      padding.isDynamicDim(0))
    return success();
  int64_t expected = 2 * input.getRank();
  if (padding.getDimSize(0) != expected)
    // coreai-core reports this without the op name, with a leading space.
    return emitError() << " padding lengths has " << padding.getDimSize(0)
                       << " elements, expect " << expected << " elements";
  return success();
}

/// The types flowing along one region control-flow edge must match.
static LogicalResult verifyEdge(Operation *op, StringRef edge,
                                TypeRange sources, TypeRange inputs) {
  if (sources.size() != inputs.size())
    return op->emitOpError("region control flow edge ")
           << edge << ": source has " << sources.size()
           << " operands, but target successor needs " << inputs.size();
  for (auto [i, types] : llvm::enumerate(llvm::zip(sources, inputs)))
    if (std::get<0>(types) != std::get<1>(types))
      return op->emitOpError("along control flow edge ")
             << edge << ": source type #" << i << " " << std::get<0>(types)
             << " should match input type #" << i << " " << std::get<1>(types);
  return success();
}

LogicalResult IfOp::verify() {
  if (getNumResults() != 0 && getElseRegion().empty())
    return emitOpError("must have an else block if defining values");
  for (auto [index, region] :
       llvm::enumerate(std::array<Region *, 2>{&getThenRegion(), &getElseRegion()})) {
    if (region->empty())
      continue;
    auto yield = llvm::dyn_cast<YieldOp>(region->front().getTerminator());
    if (!yield)
      continue;
    std::string edge = "from Region #" + std::to_string(index) + " to parent results";
    if (failed(verifyEdge(*this, edge, yield.getArgs().getTypes(), getResultTypes())))
      return failure();
  }
  return success();
}

LogicalResult WhileOp::verify() {
  Block &before = getBefore().front();
  Block &after = getAfter().front();
  if (failed(verifyEdge(*this, "from parent operands to Region #0",
                        getInits().getTypes(), before.getArgumentTypes())))
    return failure();
  if (auto condition = llvm::dyn_cast<ConditionOp>(before.getTerminator())) {
    if (failed(verifyEdge(*this, "from Region #0 to Region #1",
                          condition.getArgs().getTypes(),
                          after.getArgumentTypes())) ||
        failed(verifyEdge(*this, "from Region #0 to parent results",
                          condition.getArgs().getTypes(), getResultTypes())))
      return failure();
  }
  if (auto yield = llvm::dyn_cast<YieldOp>(after.getTerminator()))
    if (failed(verifyEdge(*this, "from Region #1 to Region #0",
                          yield.getArgs().getTypes(), before.getArgumentTypes())))
      return failure();
  return success();
}

LogicalResult InvokeOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  Operation *callee =
      symbolTable.lookupNearestSymbolFrom(*this, getCallee().getSymbol());
  if (!llvm::isa_and_nonnull<GraphOp, udml::ImportOp>(callee))
    return emitOpError("could not resolve the callee ")
           << getCallee() << " to a `coreai.graph` or a `udml.import`";
  return success();
}

//===----------------------------------------------------------------------===//
// Result names
//===----------------------------------------------------------------------===//

void ReadHandleOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getOutput(), "output");
  setNameFn(getOutToken(), "out_token");
}

void AsymmetricQuantStatsOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getScale(), "scale");
  setNameFn(getZeroPoint(), "zero_point");
}
