//===- ControlFlow.td - coreai graphs, calls and control flow -*- tablegen -*-===//
//
// Graphs and their terminator, graph invocation, `if` and `while` with their
// terminators, and isolated groups (regions dispatched to a delegate).
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS_CONTROL_FLOW
#define COREAI_OPS_CONTROL_FLOW

include "CoreAI/CoreAIOpBase.td"

def CoreAI_GraphOp : CoreAI_Op<"graph", [
    AffineScope, AutomaticAllocationScope, FunctionOpInterface,
    IsolatedFromAbove
  ]> {
  let summary = "a Core AI graph";
  let description = [{
    A graph: a function-like op with a signature and a single-block body that
    ends in `coreai.output`. It is not a `func.func`; it is called by
    `coreai.invoke`. The keywords `private`, `externalize` and `noinline`
    before the symbol name set the unit attributes `priv`, `externalize` and
    `no_inline`. `param_decls` holds Core AI parameter declarations and is
    elided from the custom form when it is the empty `#param.decl.array<[]>`.

    Example:

    ```mlir
    coreai.graph @main(%arg0: tensor<1x8xf16> {coreai.name = "x"}) -> (tensor<1x4xf16> {coreai.name = "y"}) attributes {__coreai_pure__} {
      %0 = coreai.constant dense<1.0> : tensor<8x4xf16>
      %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
      coreai.output %1 : tensor<1x4xf16>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       Param_ParamDeclArrayAttr:$param_decls,
                       UnitAttr:$priv,
                       UnitAttr:$externalize,
                       UnitAttr:$no_inline,
                       OptionalAttr<CoreAI_CompositeDeclarationAttr>:$composite_decl,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region AnyRegion:$bodyRegion);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Region *getCallableRegion() { return &getBodyRegion(); }
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    bool isDeclaration() { return false; }
  }];
}

def CoreAI_OutputOp : CoreAI_Op<"output", [
    Pure, HasParent<"GraphOp">, ReturnLike, Terminator
  ]> {
  let summary = "returns the results of a coreai.graph";
  let description = [{
    Terminates a `coreai.graph`. Its operands must match the graph's result
    types.

    Example:

    ```mlir
    coreai.output %1, %2 : tensor<1x10xf32>, tensor<1x10xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$operands);
  let assemblyFormat = "($operands^ `:` type($operands))? attr-dict";
  let hasVerifier = 1;
}

def CoreAI_InvokeOp : CoreAI_Op<"invoke", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>
  ]> {
  let summary = "calls a coreai.graph";
  let description = [{
    Calls the graph named by `callee`. Core AI stores the callee as
    `#param.constant<@f> : !param.symbol`; the custom form prints `@f`.

    Example:

    ```mlir
    %1 = coreai.invoke @f(%arg0, %0) : (tensor<1x10xf32>, tensor<10xf32>) -> tensor<1x10xf32>
    ```
  }];
  let arguments = (ins Param_ParamBindAttr:$callee, Variadic<AnyType>:$operands,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let results = (outs Variadic<AnyType>:$result);
  let hasCustomAssemblyFormat = 1;
}

def CoreAI_YieldOp : CoreAI_Op<"yield", [
    Pure, ReturnLike, Terminator,
    ParentOneOf<["IfOp", "WhileOp", "IsolatedGroupOp", "ReduceOp",
                 "ReduceIndexOp", "ScatterNdOp"]>
  ]> {
  let summary = "returns values from a region";
  let description = [{
    Terminates the regions of `coreai.if`, the `do` region of `coreai.while`,
    `coreai.isolated_group` and the combiner regions of `coreai.reduce`,
    `coreai.reduce_index` and `coreai.scatter_nd`. A `yield` without operands
    is not printed in `if` and `isolated_group` regions.

    Example:

    ```mlir
    coreai.yield %3, %4 : tensor<si32>, tensor<4xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$args);
  let builders = [OpBuilder<(ins), [{ build($_builder, $_state, ::mlir::ValueRange()); }]>];
  let assemblyFormat = "($args^ `:` type($args))? attr-dict";
}

def CoreAI_ConditionOp : CoreAI_Op<"condition", [
    Pure, Terminator, HasParent<"WhileOp">
  ]> {
  let summary = "continues or leaves a coreai.while";
  let description = [{
    Terminates the `before` region of `coreai.while`: when `condition` (a
    rank-0 `i1` tensor) is true the `do` region runs with `args`, otherwise
    the loop ends and `args` are its results.

    Example:

    ```mlir
    coreai.condition %2, %arg2, %arg3 : (tensor<i1>, tensor<si32>, tensor<4xf32>)
    ```
  }];
  let arguments = (ins CoreAI_ScalarBoolTensor:$condition, Variadic<AnyType>:$args);
  let assemblyFormat = [{
    $condition (`,` $args^)? `:` `(` type($condition) (`,` type($args)^)? `)`
    attr-dict
  }];
}

def CoreAI_IfOp : CoreAI_Op<"if", [
    RecursiveMemoryEffects, NoRegionArguments,
    SingleBlockImplicitTerminator<"YieldOp">
  ]> {
  let summary = "runs one of two regions";
  let description = [{
    Runs `thenRegion` when `condition` (a rank-0 `i1` tensor) is true and
    `elseRegion` otherwise; each yields the results. A region whose
    `yield` has no operands prints without it.

    Example:

    ```mlir
    %0 = coreai.if %arg0 {
      coreai.yield %arg1 : tensor<4xf32>
    } else {
      coreai.yield %arg2 : tensor<4xf32>
    } : tensor<i1> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins CoreAI_ScalarBoolTensor:$condition);
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$thenRegion, AnyRegion:$elseRegion);
  let hasVerifier = 1;
  let assemblyFormat = [{
    $condition $thenRegion `else` $elseRegion `:` type($condition) `->`
    type($results) attr-dict
  }];
}

def CoreAI_WhileOp : CoreAI_Op<"while", [RecursiveMemoryEffects]> {
  let summary = "a loop with a condition region and a body region";
  let description = [{
    Runs `before` on the loop-carried values (first `inits`); its
    `coreai.condition` decides whether `after` runs on the condition's
    arguments, yielding the next loop-carried values, or the loop ends with
    them as results.

    Example:

    ```mlir
    %1 = coreai.while %0 {
    ^bb0(%arg1: tensor<si32>):
      %2 = coreai.greater %arg0, %arg1 : (tensor<si32>, tensor<si32>) -> tensor<i1>
      coreai.condition %2, %arg1 : (tensor<i1>, tensor<si32>)
    } do {
    ^bb0(%arg1: tensor<si32>):
      coreai.yield %arg1 : tensor<si32>
    } : (tensor<si32>) -> (tensor<si32>)
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inits);
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$before, SizedRegion<1>:$after);
  let hasVerifier = 1;
  let assemblyFormat = [{
    $inits $before `do` $after `:` `(` type($inits) `)` `->`
    `(` type($results) `)` attr-dict
  }];
}

def CoreAI_IsolatedGroupOp : CoreAI_Op<"isolated_group", [
    RecursiveMemoryEffects, IsolatedFromAbove,
    SingleBlockImplicitTerminator<"YieldOp">
  ]> {
  let summary = "a region dispatched to a delegate";
  let description = [{
    A single-block region isolated from above: `inputs` become its block
    arguments and the values it yields the results. `delegate_id` names the
    backend (`"Interpreter"`, `"MPSGraph"`, `"BNNS"`, ...).

    Example:

    ```mlir
    %0 = coreai.isolated_group<"Interpreter">(%arg0) : (tensor<4xf32>) -> tensor<4xf32> {
    ^bb0(%arg1: tensor<4xf32>):
      %1 = coreai.relu %arg1 : (tensor<4xf32>) -> tensor<4xf32>
      coreai.yield %1 : tensor<4xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs, StrAttr:$delegate_id,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let results = (outs Variadic<AnyType>:$outputs);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `<` $delegate_id `>` `` `(` $inputs `)` attr-dict `:`
    functional-type($inputs, $outputs) $body
  }];
}

#endif // COREAI_OPS_CONTROL_FLOW
