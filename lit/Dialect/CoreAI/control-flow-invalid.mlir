// Verifier rules of coreai.if, coreai.while and coreai.invoke, with coreai-core's messages.
// RUN: coreai-opt %s -split-input-file -verify-diagnostics

coreai.graph @if_condition(%arg0: tensor<si32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'coreai.if' op operand #0 must be 0D CoreAI Tensor of Boolean type. values, but got 'tensor<si32>'}}
  %0 = coreai.if %arg0 {
    coreai.yield %arg1 : tensor<4xf32>
  } else {
    coreai.yield %arg1 : tensor<4xf32>
  } : tensor<si32> -> tensor<4xf32>
  coreai.output %0 : tensor<4xf32>
}

// -----

coreai.graph @if_yield_type(%arg0: tensor<i1>, %arg1: tensor<4xf16>) -> tensor<4xf32> {
  // expected-error@+1 {{'coreai.if' op along control flow edge from Region #0 to parent results: source type #0 'tensor<4xf16>' should match input type #0 'tensor<4xf32>'}}
  %0 = coreai.if %arg0 {
    coreai.yield %arg1 : tensor<4xf16>
  } else {
    coreai.yield %arg1 : tensor<4xf16>
  } : tensor<i1> -> tensor<4xf32>
  coreai.output %0 : tensor<4xf32>
}

// -----

coreai.graph @if_no_else(%arg0: tensor<i1>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'coreai.if' op must have an else block if defining values}}
  %0 = "coreai.if"(%arg0) ({
    coreai.yield %arg1 : tensor<4xf32>
  }, {
  }) : (tensor<i1>) -> tensor<4xf32>
  coreai.output %0 : tensor<4xf32>
}

// -----

coreai.graph @while_inits(%arg0: tensor<si32>) -> tensor<si32> {
  // expected-error@+1 {{'coreai.while' op along control flow edge from parent operands to Region #0: source type #0 'tensor<si32>' should match input type #0 'tensor<f32>'}}
  %0 = coreai.while %arg0 {
  ^bb0(%arg1: tensor<f32>):
    %1 = coreai.constant dense<true> : tensor<i1>
    coreai.condition %1, %arg0 : (tensor<i1>, tensor<si32>)
  } do {
  ^bb0(%arg1: tensor<si32>):
    coreai.yield %arg1 : tensor<si32>
  } : (tensor<si32>) -> (tensor<si32>)
  coreai.output %0 : tensor<si32>
}

// -----

coreai.graph @condition_type(%arg0: tensor<si32>) -> tensor<si32> {
  %0 = coreai.while %arg0 {
  ^bb0(%arg1: tensor<si32>):
    // expected-error@+1 {{'coreai.condition' op operand #0 must be 0D CoreAI Tensor of Boolean type. values, but got 'tensor<si32>'}}
    coreai.condition %arg1, %arg1 : (tensor<si32>, tensor<si32>)
  } do {
  ^bb0(%arg1: tensor<si32>):
    coreai.yield %arg1 : tensor<si32>
  } : (tensor<si32>) -> (tensor<si32>)
  coreai.output %0 : tensor<si32>
}

// -----

coreai.graph @invoke_missing(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'coreai.invoke' op could not resolve the callee #param.constant<@nowhere> : !param.symbol to a `coreai.graph` or a `udml.import`}}
  %0 = coreai.invoke @nowhere(%arg0)  : (tensor<4xf32>) -> tensor<4xf32>
  coreai.output %0 : tensor<4xf32>
}
