//===- Misc.td - coreai handles, images, kernels, delegates -*- tablegen -*-===//
//
// Handle reads and writes ordered by tokens, image conversions, custom Metal
// kernels, pre-compiled delegate payloads and the module's target spec.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS_MISC
#define COREAI_OPS_MISC

include "CoreAI/CoreAIOpBase.td"

def CoreAI_CreateTokenOp : CoreAI_Op<"create_token", [Pure]> {
  let summary = "a token without dependencies";
  let description = [{
    The root of a chain of handle reads and writes.

    Example:

    ```mlir
    %0 = coreai.create_token : !coreai.token
    ```
  }];
  let results = (outs CoreAI_Token:$token);
  let assemblyFormat = "`:` type($token) attr-dict";
}

def CoreAI_JoinTokenOp : CoreAI_Op<"join_token", [Pure]> {
  let summary = "a token depending on several tokens";
  let description = [{
    Its dependency set is the union of the inputs' (one or more tokens).

    Example:

    ```mlir
    %3 = coreai.join_token %1, %2 : (!coreai.token, !coreai.token) -> !coreai.token
    ```
  }];
  let arguments = (ins CoreAI_Token:$in_token, Variadic<CoreAI_Token>:$rest_tokens);
  let results = (outs CoreAI_Token:$token);
  let assemblyFormat = [{
    $in_token (`,` $rest_tokens^)? `:` `(` type($in_token)
    (`,` type($rest_tokens)^)? `)` `->` type($token) attr-dict
  }];
}

def CoreAI_ReadHandleOp : CoreAI_Op<"read_handle", [
    Pure, DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>
  ]> {
  let summary = "reads the value behind a handle";
  let description = [{
    Returns the value held by the resource behind `handle` after the
    operations `in_token` depends on, and a token for later ones. The
    results print as `%output, %out_token`.

    Example:

    ```mlir
    %output, %out_token = coreai.read_handle %arg0, %0 : (<tensor<4xf32>>, !coreai.token) -> (tensor<4xf32>, !coreai.token)
    ```
  }];
  let arguments = (ins CoreAI_Handle:$handle, CoreAI_Token:$in_token);
  let results = (outs AnyType:$output, CoreAI_Token:$out_token);
  let assemblyFormat = [{
    $handle `,` $in_token `:` `(` type($handle) `,` type($in_token) `)` `->`
    `(` type($output) `,` type($out_token) `)` attr-dict
  }];
}

def CoreAI_WriteHandleOp : CoreAI_Op<"write_handle", [Pure]> {
  let summary = "writes a value behind a handle";
  let description = [{
    Stores `data` into the resource behind `handle` after the operations
    `in_token` depends on, and returns a token for later ones.

    Example:

    ```mlir
    %1 = coreai.write_handle %arg0, %arg1, %0 : (<tensor<4xf32>>, tensor<4xf32>, !coreai.token) -> !coreai.token
    ```
  }];
  let arguments = (ins CoreAI_Handle:$handle, AnyType:$data, CoreAI_Token:$in_token);
  let results = (outs CoreAI_Token:$out_token);
  let assemblyFormat = [{
    $handle `,` $data `,` $in_token `:` `(` type($handle) `,` type($data) `,`
    type($in_token) `)` `->` type($out_token) attr-dict
  }];
}

def CoreAI_ImageToTensorOp : CoreAI_Op<"image_to_tensor", [Pure]> {
  let summary = "the pixels of an image as a ui8 tensor";
  let description = [{
    `[height, width, 3]` for `k24RGB`, `[height, width, 4]` for `k32ARGB` and
    `k32BGRA`, a flat tensor otherwise.

    Example:

    ```mlir
    %0 = coreai.image_to_tensor %arg0 : <<k32BGRA> x 4 : i64 x 6 : i64> -> tensor<4x6x4xui8>
    ```
  }];
  let arguments = (ins CoreAI_Image:$source);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$source `:` type($source) `->` type($result) attr-dict";
}

def CoreAI_TensorToImageOp : CoreAI_Op<"tensor_to_image", [Pure]> {
  let summary = "an image from its pixels";
  let description = [{
    The inverse of `coreai.image_to_tensor`.

    Example:

    ```mlir
    %0 = coreai.tensor_to_image %arg0 : tensor<4x6x4xui8> -> <<k32BGRA> x 4 : i64 x 6 : i64>
    ```
  }];
  let arguments = (ins AnyType:$source);
  let results = (outs CoreAI_Image:$result);
  let assemblyFormat = "$source `:` type($source) `->` type($result) attr-dict";
}

def CoreAI_Metal4KernelOp : CoreAI_Op<"metal4_kernel", [AttrSizedOperandSegments]> {
  let summary = "a custom Metal 4 compute kernel";
  let description = [{
    Runs `kernel_name` of the MSL `kernel_source` on the `kernel_args`
    buffers with the `threads_per_grid` / `threads_per_thread_group` sizes
    (3-element `ui32` tensors); `result_shapes` (one 1-D `ui32` tensor per
    result) give the output shapes.

    Example:

    ```mlir
    %3 = coreai.metal4_kernel kernel_args(%arg0), threads_per_grid %0, threads_per_thread_group %1, result_shapes(%2) {kernel_name = "k", kernel_source = "..."} : (tensor<4xf32, #coreaix.hw_constraints<MTLBuffer, alignments: [1x1], interleave: [1]>>, tensor<3xui32>, tensor<3xui32>, tensor<1xui32>) -> tensor<4xf32, #coreaix.hw_constraints<MTLBuffer, alignments: [1x1], interleave: [1]>>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$kernel_args, AnyType:$threads_per_grid,
                       AnyType:$threads_per_thread_group,
                       Variadic<AnyType>:$result_shapes, StrAttr:$kernel_source,
                       StrAttr:$kernel_name);
  let results = (outs Variadic<AnyType>:$outputs);
  let assemblyFormat = [{
    `kernel_args` `(` $kernel_args `)` `,` `threads_per_grid` $threads_per_grid
    `,` `threads_per_thread_group` $threads_per_thread_group `,`
    `result_shapes` `(` $result_shapes `)` attr-dict `:`
    functional-type(operands, results)
  }];
}

def CoreAI_DelegateOp : CoreAI_Op<"delegate"> {
  let summary = "a pre-compiled payload run by a delegate";
  let description = [{
    `resource` is the opaque payload of the delegate `delegate_id`, run on
    `inputs`. `arg_attrs`/`res_attrs` annotate the operands and results,
    `delegate_attrs` configures the delegate and `lifecycle` is the phase
    the payload belongs to.

    Example:

    ```mlir
    %0 = coreai.delegate<"ANE">(%arg0) {resource = array<i8: 1, 2, 3>} : (tensor<4xf32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs, StrAttr:$delegate_id,
                       DenseI8ArrayAttr:$resource,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs,
                       OptionalAttr<UDML_LifecyclePhaseAttr>:$lifecycle,
                       OptionalAttr<DictionaryAttr>:$delegate_attrs);
  let results = (outs Variadic<AnyType>:$outputs);
  let assemblyFormat = [{
    `<` $delegate_id `>` `` `(` $inputs `)` attr-dict `:`
    functional-type($inputs, $outputs)
  }];
}

def CoreAI_TargetSpecOp : CoreAI_Op<"target_spec"> {
  let summary = "the hardware target and compilation strategy of a module";
  let description = [{
    At most one per module. `compilation` is `full` (the default), `partial`
    or `finalized`.

    Example:

    ```mlir
    coreai.target_spec{spec = <triple = "arm64-apple-ios", soc = "a17", delegateOptions = {}>, compilation = <full>}
    ```
  }];
  let arguments = (ins CoreAI_TargetSpecAttr:$spec,
      DefaultValuedAttr<CoreAI_CompilationAttr,
                        "::mlir::coreai::Compilation::full">:$compilation);
  let assemblyFormat = [{
    `{` `spec` `=` $spec `,` `compilation` `=` $compilation `}` attr-dict
  }];
}

#endif // COREAI_OPS_MISC
