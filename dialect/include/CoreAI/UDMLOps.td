//===- UDMLOps.td - udml ops -------------------------------*- tablegen -*-===//
//
// The ops of Core AI's `udml` dialect.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_UDML_OPS
#define COREAI_UDML_OPS

include "CoreAI/UDMLBase.td"
include "CoreAI/ParamDialect.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

class UDML_Op<string mnemonic, list<Trait> traits = []>
    : Op<UDML_Dialect, mnemonic, traits>;

/// Ops whose regions print nested udml ops without the `udml.` prefix.
defvar UDML_DefaultDialect =
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getDefaultDialect"]>;

def UDML_NamespaceOp : UDML_Op<"namespace", [
    SymbolTable, Symbol, IsolatedFromAbove, NoTerminator, NoRegionArguments,
    UDML_DefaultDialect
  ]> {
  let summary = "a named, isolated symbol table";
  let description = [{
    Groups graphs, functions, classes and nested namespaces, optionally with
    parameters.

    Example:

    ```mlir
    udml.namespace @ns<T: !param.type> {
      func @f(%arg0: f32) -> f32 {
        return %arg0 : f32
      }
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       Param_ParamDeclArrayAttr:$param_decls);
  let regions = (region SizedRegion<1>:$bodyRegion);
  let hasCustomAssemblyFormat = 1;
}

def UDML_ClassOp : UDML_Op<"class", [
    SymbolTable, Symbol, NoTerminator, NoRegionArguments, UDML_DefaultDialect
  ]> {
  let summary = "a class with member variables";
  let description = [{
    Example:

    ```mlir
    udml.class @C<n: si32> attributes {extern_c} {
      member @m : f32
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, UnitAttr:$extern_c,
                       Param_ParamDeclArrayAttr:$param_decls);
  let regions = (region SizedRegion<1>:$bodyRegion);
  let hasCustomAssemblyFormat = 1;
}

def UDML_FuncOp : UDML_Op<"func", [
    FunctionOpInterface, IsolatedFromAbove, AutomaticAllocationScope,
    UDML_DefaultDialect
  ]> {
  let summary = "a function with a control-flow-graph body";
  let description = [{
    `extern_c` and `noinline` print before the name, parameters after it; a
    function without a body is a declaration.

    Example:

    ```mlir
    udml.func @f(%arg0: f32) -> f32 {
      return %arg0 : f32
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       UnitAttr:$no_inline, UnitAttr:$extern_c,
                       Param_ParamDeclArrayAttr:$param_decls,
                       DefaultValuedAttr<UDML_LifecyclePhaseAttr,
                           "::mlir::udml::LifecyclePhase::stateless">:$lifecycle_phases,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region AnyRegion:$body);
  let hasCustomAssemblyFormat = 1;
  let extraClassDeclaration = [{
    ::mlir::Region *getCallableRegion() {
      return getBody().empty() ? nullptr : &getBody();
    }
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    // A udml declaration (`extern_c`, no body) is public; Core AI does not use
    // MLIR's symbol visibility, which would reject that.
    bool isDeclaration() { return false; }
  }];
}

def UDML_ReturnOp : UDML_Op<"return", [
    Pure, HasParent<"FuncOp">, ReturnLike, Terminator
  ]> {
  let summary = "returns from a udml.func";
  let arguments = (ins Variadic<AnyType>:$operands);
  let assemblyFormat = "($operands^ `:` type($operands))? attr-dict";
}

def UDML_MemberOp : UDML_Op<"member", [Symbol, HasParent<"ClassOp">]> {
  let summary = "a member variable of a udml.class";
  let description = [{
    Example: `member @n : si32 = 12 : si32 {offset_in_bits = 32 : ui64}`.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, TypeAttr:$type,
                       OptionalAttr<TypedAttrInterface>:$value,
                       OptionalAttr<UI64Attr>:$offset_in_bits);
  let assemblyFormat = "$sym_name `:` $type (`=` $value^)? attr-dict";
}

def UDML_ImportOp : UDML_Op<"import", [Symbol]> {
  let summary = "imports a symbol from another module";
  let description = [{
    Example: `import [MLIR] @imp from "mod"`.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, OptionalAttr<StrAttr>:$module_name,
                       UDML_ImportTypeAttr:$import_type);
  let assemblyFormat = [{
    ` ` `[` $import_type `]` $sym_name (`from` $module_name^)? attr-dict
  }];
}

def UDML_CallOp : UDML_Op<"call"> {
  let summary = "calls a function";
  let description = [{
    The callee is `#param.constant<@f> : !param.symbol` (printed `@f`);
    `udml.pure` marks a call without side effects.

    Example:

    ```mlir
    %0 = call @ns::@g(%arg0, %arg0)  {udml.pure} : (f32, f32) -> f32
    ```
  }];
  let arguments = (ins Param_ParamBindAttr:$callee, Variadic<AnyType>:$operands,
                       OptionalAttr<UDML_LifecyclePhaseAttr>:$lifecycle_phases,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let results = (outs Variadic<AnyType>:$result);
  let hasCustomAssemblyFormat = 1;
}

def UDML_PlaceholderOp : UDML_Op<"placeholder"> {
  let summary = "stands for an op that is not defined yet";
  let description = [{
    Example: `%0:2 = placeholder "my.op"(%arg0, %arg1) {attr1 = "foo"} :
    (f32, f32) -> (f32, si32)`.
  }];
  let arguments = (ins StrAttr:$opname, Variadic<AnyType>:$operands,
                       UnitAttr:$keep_placeholder);
  let results = (outs Variadic<AnyType>:$results);
  let assemblyFormat = [{
    $opname `(` $operands `)` attr-dict `:` functional-type($operands, $results)
  }];
}

#endif // COREAI_UDML_OPS
