"""The variant table of make_atlas.py, one function per op family."""


def register_all(m):
    for fn in (unary, binary, decomposable, reduction, data_movement, nn, compression, control_flow, misc,
               debuginfo, coreaix, udml, program):
        fn(m)


F = "tensor<2x3xf16>"
B = "tensor<2x3xi1>"
I = "tensor<2x3xsi32>"


def unary(m):
    fam = "elementwise-unary"
    for op in ["abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "erf", "exp",
               "log", "round", "rsqrt", "sin", "sinh", "sqrt", "tan", "tanh", "relu", "sigmoid", "silu"]:
        m.simple(fam, f"coreai.{op}", op, [F], [F])
    m.simple(fam, "coreai.gelu", "gelu", [F], [F])
    for a in ["none", "tanh", "sigmoid"]:
        m.simple(fam, "coreai.gelu", f"gelu_{a}", [F], [F], props=f"approximate = #coreai.approximate<{a}>")
    m.simple(fam, "coreai.not", "not", [B], [B])
    m.simple(fam, "coreai.abs", "abs_si32", [I], [I])


def binary(m):
    fam = "elementwise-binary"
    for op in ["add", "sub", "mul", "divide", "floor_divide", "modulo", "pow", "maximum", "minimum"]:
        m.simple(fam, f"coreai.{op}", op, [F, F], [F])
    for op in ["and", "or", "xor"]:
        m.simple(fam, f"coreai.{op}", op, [B, B], [B])
    for op in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
        m.simple(fam, f"coreai.{op}", op, [I, I], [I])
    for op in ["equal", "not_equal", "greater"]:
        m.simple(fam, f"coreai.{op}", op, [F, F], [B])
    m.simple(fam, "coreai.where", "where", [B, F, F], [F])
    m.simple(fam, "coreai.add", "add_si32", [I, I], [I])


def decomposable(m):
    fam = "decomposable"
    X, Y, O = "tensor<2x1x3xf16>", "tensor<4x1xf16>", "tensor<2x4x3xf16>"
    for op in ["add", "sub", "mul", "divide", "floor_divide", "modulo", "pow", "maximum", "minimum"]:
        m.simple(fam, f"coreai.decomposable.broadcasting_{op}", f"broadcasting_{op}", [X, Y], [O])
    XB, YB, OB = "tensor<2x1x3xi1>", "tensor<4x1xi1>", "tensor<2x4x3xi1>"
    for op in ["and", "or", "xor"]:
        m.simple(fam, f"coreai.decomposable.broadcasting_{op}", f"broadcasting_{op}", [XB, YB], [OB])
    XI, YI, OI = "tensor<2x1x3xsi32>", "tensor<4x1xsi32>", "tensor<2x4x3xsi32>"
    for op in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
        m.simple(fam, f"coreai.decomposable.broadcasting_{op}", f"broadcasting_{op}", [XI, YI], [OI])
    for op in ["equal", "not_equal", "greater"]:
        m.simple(fam, f"coreai.decomposable.broadcasting_{op}", f"broadcasting_{op}", [X, Y], [OB])
    m.simple(fam, "coreai.decomposable.broadcasting_where", "broadcasting_where",
             ["tensor<4x1xi1>", X, "tensor<3xf16>"], [O])
    m.simple(fam, "coreai.decomposable.broadcasting_batch_matmul", "broadcasting_batch_matmul",
             ["tensor<2x1x3x8xf16>", "tensor<5x8x4xf16>"], ["tensor<2x5x3x4xf16>"])


AX = ("dense<[1]>", "tensor<1xsi32>")


def reduction(m):
    fam = "reduction"
    X = "tensor<2x3x4xf16>"
    for op in ["reduce_max", "reduce_mean", "reduce_min", "reduce_product", "reduce_sum"]:
        m.simple(fam, f"coreai.{op}", op, [X, AX[1]], ["tensor<2x1x4xf16>"], consts={1: AX})
    for op in ["all", "any"]:
        m.simple(fam, f"coreai.{op}", op, ["tensor<2x3x4xi1>", AX[1]], ["tensor<2x1x4xi1>"], consts={1: AX})
    m.simple(fam, "coreai.argmax", "argmax", [X, "tensor<si32>"], ["tensor<2x1x4xui32>"],
             consts={1: ("dense<1>", "tensor<si32>")})
    m.simple(fam, "coreai.softmax", "softmax", [X, "tensor<si32>"], [X], consts={1: ("dense<-1>", "tensor<si32>")})
    for op in ["sort", "argsort"]:
        res = X if op == "sort" else "tensor<2x3x4xsi32>"
        m.simple(fam, f"coreai.{op}", op, [X, "tensor<si32>", "tensor<i1>", "tensor<i1>"], [res],
                 consts={1: ("dense<1>", "tensor<si32>"), 2: ("dense<true>", "tensor<i1>"),
                         3: ("dense<false>", "tensor<i1>")})
    for i, comb in enumerate(["sum", "product", "min", "max"]):
        m.simple(fam, "coreai.scan", f"scan_{comb}", [X, "tensor<ui32>", "tensor<i1>"], [X],
                 consts={1: ("dense<1>", "tensor<ui32>"), 2: ("dense<false>", "tensor<i1>")},
                 props=f"scan_op = {i} : i32")

    @m.variant(fam, "coreai.reduce", "reduce", args=[X])
    def _(b):
        axes = b.c(*AX)
        init = b.c("dense<0.000000e+00>", "tensor<f16>")
        S = "tensor<f16>"
        region = b.region([S, S], lambda r: r.op("coreai.add", r.args, [S]))
        return b.op("coreai.reduce", [b.args[0], axes, init], ["tensor<2x1x4xf16>"], regions=[region])

    @m.variant(fam, "coreai.reduce_index", "reduce_index", args=[X])
    def _(b):
        axis = b.c("dense<1>", "tensor<si32>")
        init = b.c("dense<-6.550400e+04>", "tensor<f16>")
        idx = b.c("dense<0>", "tensor<ui32>")
        S = "tensor<f16>"
        region = b.region([S, S], lambda r: r.op("coreai.greater", [r.args[1], r.args[0]], ["tensor<i1>"]))
        return b.op("coreai.reduce_index", [b.args[0], axis, init, idx], ["tensor<2x1x4xui32>"], regions=[region])



def c1(vals, t="si32"):
    """A 1-D constant."""
    return (f"dense<[{', '.join(str(v) for v in vals)}]>", f"tensor<{len(vals)}x{t}>")


def c0(val, t="si32"):
    return (f"dense<{val}>", f"tensor<{t}>")


def data_movement(m):
    fam = "data-movement"
    X = "tensor<2x3x4xf16>"
    m.simple(fam, "coreai.cast", "cast", [X], ["tensor<2x3x4xf32>"])
    m.simple(fam, "coreai.cast", "cast_si32", [I], ["tensor<2x3xf32>"])
    m.simple(fam, "coreai.transpose", "transpose", [X, "tensor<3xui32>"], ["tensor<4x2x3xf16>"],
             consts={1: c1([2, 0, 1], "ui32")})
    m.simple(fam, "coreai.reshape", "reshape", [X, "tensor<2xsi32>"], ["tensor<6x4xf16>"],
             consts={1: c1([6, 4])})
    m.simple(fam, "coreai.expand_dims", "expand_dims", [X, "tensor<1xsi32>"], ["tensor<2x1x3x4xf16>"],
             consts={1: c1([1])})
    m.simple(fam, "coreai.shrink_dims", "shrink_dims", ["tensor<2x1x4xf16>", "tensor<1xsi32>"],
             ["tensor<2x4xf16>"], consts={1: c1([1])})
    m.simple(fam, "coreai.broadcast_to", "broadcast_to", ["tensor<3x1xf16>", "tensor<3xui32>"],
             ["tensor<2x3x4xf16>"], consts={1: c1([2, 3, 4], "ui32")})
    m.simple(fam, "coreai.broadcast_in_dims", "broadcast_in_dims", ["tensor<2x1x4xf16>", "tensor<1xui32>",
             "tensor<1xsi32>"], [X], consts={1: c1([3], "ui32"), 2: c1([1])})
    m.simple(fam, "coreai.broadcast_shapes", "broadcast_shapes", ["tensor<3xui32>", "tensor<2xui32>"],
             ["tensor<3xui32>"], consts={0: c1([2, 1, 4], "ui32"), 1: c1([3, 1], "ui32")})
    m.simple(fam, "coreai.get_shape", "get_shape", [X], ["tensor<3xui32>"])
    m.simple(fam, "coreai.tile", "tile", [X, "tensor<2xui32>"], ["tensor<2x6x12xf16>"],
             consts={1: c1([2, 3], "ui32")})
    m.simple(fam, "coreai.reverse", "reverse", [X, "tensor<1xsi32>"], [X], consts={1: c1([0])})
    m.simple(fam, "coreai.slice", "slice", [X, "tensor<3xsi32>", "tensor<3xsi32>", "tensor<3xsi32>"],
             ["tensor<1x3x2xf16>"], consts={1: c1([0, 0, 0]), 2: c1([1, 3, 4]), 3: c1([1, 1, 2])})
    m.simple(fam, "coreai.slice_update", "slice_update",
             [X, "tensor<3xsi32>", "tensor<3xsi32>", "tensor<3xsi32>", "tensor<1x3x2xf16>"], [X],
             consts={1: c1([0, 0, 0]), 2: c1([1, 3, 4]), 3: c1([1, 1, 2])})
    m.simple(fam, "coreai.gather_nd", "gather_nd", [X, "tensor<5x1xsi32>"], ["tensor<5x3x4xf16>"])
    m.simple(fam, "coreai.gather_along_axis", "gather_along_axis", [X, "tensor<2x5x4xsi32>", "tensor<si32>"],
             ["tensor<2x5x4xf16>"], consts={2: c0(1)})
    m.simple(fam, "coreai.range", "range", ["tensor<si32>"] * 3, ["tensor<5xsi32>"],
             consts={0: c0(0), 1: c0(10), 2: c0(2)})
    m.simple(fam, "coreai.non_zero", "non_zero", [X], ["tensor<?x3xsi32>"])
    for i, mode in enumerate(["constant", "replicate", "reflect", "symmetric", "circular"]):
        m.simple(fam, "coreai.pad", f"pad_{mode}", [X, "tensor<6xui32>", "tensor<f16>"], ["tensor<2x5x6xf16>"],
                 consts={1: c1([0, 0, 1, 1, 1, 1], "ui32"), 2: ("dense<0.000000e+00>", "tensor<f16>")},
                 props=f"padding_mode = #coreai.padding_mode<{mode}>")
    m.simple(fam, "coreai.concat", "concat_2", ["tensor<si32>", X, X], ["tensor<4x3x4xf16>"], consts={0: c0(0)})
    m.simple(fam, "coreai.concat", "concat_3", ["tensor<si32>", X, X, X], ["tensor<2x9x4xf16>"], consts={0: c0(1)})
    m.simple(fam, "coreai.split", "split_size", [X, "tensor<ui32>", "tensor<si32>"],
             ["tensor<2x2x4xf16>", "tensor<2x1x4xf16>"], consts={1: c0(2, "ui32"), 2: c0(1)})
    m.simple(fam, "coreai.split", "split_sections", [X, "tensor<3xui32>", "tensor<si32>"],
             ["tensor<2x3x1xf16>", "tensor<2x3x1xf16>", "tensor<2x3x2xf16>"], consts={1: c1([1, 1, 2], "ui32"), 2: c0(2)})
    m.simple(fam, "coreai.split", "split_one", [X, "tensor<ui32>", "tensor<si32>"], [X],
             consts={1: c0(3, "ui32"), 2: c0(1)})
    for i, mode in enumerate(["update", "add", "mul", "max", "min"]):
        m.simple(fam, "coreai.scatter_along_axis", f"scatter_along_axis_{mode}",
                 [X, "tensor<2x1x4xsi32>", "tensor<2x1x4xf16>", "tensor<si32>"], [X], consts={3: c0(1)},
                 props=f"scatter_mode = #coreai.scatter_mode<{mode}>")
    m.simple(fam, "coreai.scatter_along_axis", "scatter_along_axis",
             [X, "tensor<2x1x4xsi32>", "tensor<2x1x4xf16>", "tensor<si32>"], [X], consts={3: c0(1)})

    @m.variant(fam, "coreai.scatter_nd", "scatter_nd", args=[X, "tensor<5x1xsi32>", "tensor<5x3x4xf16>"])
    def _(b):
        S = "tensor<f16>"
        region = b.region([S, S], lambda r: [r.args[1]])
        return b.op("coreai.scatter_nd", b.args, [X], regions=[region])


def nn(m):
    fam = "nn"
    m.simple(fam, "coreai.batch_matmul", "batch_matmul", ["tensor<2x3x8xf16>", "tensor<2x8x4xf16>"],
             ["tensor<2x3x4xf16>"])
    u2 = c1([1, 1], "ui32")
    m.simple(fam, "coreai.conv2d", "conv2d", ["tensor<1x4x8x8xf16>", "tensor<6x2x3x3xf16>", "tensor<2xui32>",
             "tensor<2xui32>", "tensor<ui32>"], ["tensor<1x6x6x6xf16>"],
             consts={2: u2, 3: u2, 4: c0(2, "ui32")})
    u3 = c1([1, 1, 1], "ui32")
    m.simple(fam, "coreai.conv3d", "conv3d", ["tensor<1x4x5x5x5xf16>", "tensor<6x4x3x3x3xf16>", "tensor<3xui32>",
             "tensor<3xui32>", "tensor<ui32>"], ["tensor<1x6x3x3x3xf16>"],
             consts={2: u3, 3: u3, 4: c0(1, "ui32")})
    m.simple(fam, "coreai.conv_transpose2d", "conv_transpose2d",
             ["tensor<1x4x5x5xf16>", "tensor<4x3x3x3xf16>", "tensor<2xui32>", "tensor<2xui32>", "tensor<2xui32>",
              "tensor<2xui32>", "tensor<ui32>"], ["tensor<1x3x7x7xf16>"],
             consts={2: u2, 3: c1([0, 0], "ui32"), 4: u2, 5: c1([0, 0], "ui32"), 6: c0(1, "ui32")})
    m.simple(fam, "coreai.conv_transpose3d", "conv_transpose3d",
             ["tensor<1x4x3x3x3xf16>", "tensor<4x2x3x3x3xf16>", "tensor<3xui32>", "tensor<3xui32>",
              "tensor<3xui32>", "tensor<3xui32>", "tensor<ui32>"], ["tensor<1x2x5x5x5xf16>"],
             consts={2: u3, 3: c1([0] * 3, "ui32"), 4: u3, 5: c1([0, 0, 0], "ui32"), 6: c0(1, "ui32")})
    for ceil in ["false", "true"]:
        m.simple(fam, "coreai.max_pool_2d", f"max_pool_2d_ceil_{ceil}",
                 ["tensor<1x4x8x8xf16>", "tensor<2xui32>", "tensor<2xui32>", "tensor<2xui32>", "tensor<i1>"],
                 ["tensor<1x4x4x4xf16>"], consts={1: c1([2, 2], "ui32"), 2: c1([2, 2], "ui32"), 3: u2,
                                                  4: (f"dense<{ceil}>", "tensor<i1>")})
    m.simple(fam, "coreai.max_pool_3d", "max_pool_3d",
             ["tensor<1x4x4x4x4xf16>", "tensor<3xui32>", "tensor<3xui32>", "tensor<3xui32>", "tensor<i1>"],
             ["tensor<1x4x2x2x2xf16>"], consts={1: c1([2, 2, 2], "ui32"), 2: c1([2, 2, 2], "ui32"), 3: u3,
                                                4: ("dense<false>", "tensor<i1>")})
    m.simple(fam, "coreai.sum_pool_2d", "sum_pool_2d",
             ["tensor<1x4x8x8xf16>", "tensor<2xui32>", "tensor<2xui32>", "tensor<2xui32>"],
             ["tensor<1x4x4x4xf16>"], consts={1: c1([2, 2], "ui32"), 2: c1([2, 2], "ui32"), 3: u2})
    m.simple(fam, "coreai.sum_pool_3d", "sum_pool_3d",
             ["tensor<1x4x4x4x4xf16>", "tensor<3xui32>", "tensor<3xui32>", "tensor<3xui32>"],
             ["tensor<1x4x2x2x2xf16>"], consts={1: c1([2, 2, 2], "ui32"), 2: c1([2, 2, 2], "ui32"), 3: u3})
    for mode in ["linear", "nearest_neighbor"]:
        m.simple(fam, "coreai.interpolate", f"interpolate_{mode}",
                 ["tensor<1x3x4x4xf16>", "tensor<4xsi32>", "tensor<4xf32>", "tensor<4xf32>"],
                 ["tensor<1x3x8x8xf16>"], consts={1: c1([1, 3, 8, 8]), 2: c1(["1.0", "1.0", "2.0", "2.0"], "f32"),
                                                  3: c1(["0.0"] * 4, "f32")},
                 props=f"interpolation_mode = #coreai.interpolation_mode<{mode}>")
    m.simple(fam, "coreai.interpolate_coordinates", "interpolate_coordinates",
             ["tensor<4x4xf16>", "tensor<5x2xf32>"], ["tensor<5xf16>"],
             props="interpolation_mode = #coreai.interpolation_mode<linear>")


def compression(m):
    fam = "constant-compression"

    @m.variant(fam, "coreai.constant", "constant")
    def _(b):
        return [b.c("dense<[[1.000000e+00, 2.000000e+00]]>", "tensor<1x2xf16>"),
                b.c("dense<0>", "tensor<4xsi8>"),
                b.c("dense<true>", "tensor<i1>")]
    m.simple(fam, "coreai.blockwise_shift_scale", "blockwise_shift_scale",
             ["tensor<8x4xsi8>", "tensor<2x4xf16>", "tensor<2x4xsi8>", "tensor<2x4xf16>"], ["tensor<8x4xf16>"])
    m.simple(fam, "coreai.lut_to_dense", "lut_to_dense",
             ["tensor<8x4xui2>", "tensor<1x1x4x1xf16>", "tensor<si16>"], ["tensor<8x4xf16>"], consts={2: c0(0, "si16")})
    SP = "#coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>"
    m.simple(fam, "coreai.build_sparse_with_bitmask", "build_sparse_with_bitmask",
             ["tensor<16xf16>", "tensor<8x4xui1>"], [f"tensor<8x4xf16, {SP}>"])
    m.simple(fam, "coreai.sparse_with_bitmask_to_dense", "sparse_with_bitmask_to_dense",
             [f"tensor<8x4xf16, {SP}>"], ["tensor<8x4xf16>"])
    m.simple(fam, "coreai.lut_to_sparse_with_bitmask", "lut_to_sparse_with_bitmask",
             [f"tensor<8x4xui2, {SP}>", "tensor<1x1x4x1xf16>", "tensor<si16>"], [f"tensor<8x4xf16, {SP}>"],
             consts={2: c0(0, "si16")})
    m.simple(fam, "coreai.quantize", "quantize",
             ["tensor<2x3xf32>", "tensor<3xf32>", "tensor<3xsi8>", "tensor<3xf32>", "tensor<si32>"],
             ["tensor<2x3xsi8>"], consts={4: c0(1)})
    m.simple(fam, "coreai.dequantize", "dequantize",
             ["tensor<2x3xsi8>", "tensor<f32>", "tensor<si8>", "tensor<f32>", "tensor<2xsi32>"],
             ["tensor<2x3xf32>"], consts={4: c1([0, 1])})
    m.simple(fam, "coreai.asymmetric_quantization_statistics", "asymmetric_quantization_statistics",
             ["tensor<2x3xf32>", "tensor<2xsi8>", "tensor<si32>"], ["tensor<3xf32>", "tensor<3xsi8>"],
             consts={1: c1([-128, 127], "si8"), 2: c0(1)})
    m.simple(fam, "coreai.symmetric_quantization_statistics", "symmetric_quantization_statistics",
             ["tensor<2x3xf32>", "tensor<2xf32>", "tensor<si32>"], ["tensor<3xf32>"],
             consts={1: c1(["-1.280000e+02", "1.270000e+02"], "f32"), 2: c0(1)})



def helper_graph(name, ins, outs, body=None, props=""):
    """A generic-form helper graph `@name` returning its first arguments (or `body` lines)."""
    ft = "(" + ", ".join(ins) + ") -> (" + ", ".join(outs) + ")"
    head = "^bb0(" + ", ".join(f"%h{i}: {t}" for i, t in enumerate(ins)) + "):\n" if ins else ""
    if body is None:
        body = ('  "coreai.output"(' + ", ".join(f"%h{i}" for i in range(len(outs))) + ") : ("
                + ", ".join(outs) + ") -> ()\n")
    return ('"coreai.graph"() <{function_type = ' + ft + ', param_decls = #param.decl.array<[]>' + props
            + f', sym_name = "{name}"}}> ({{\n' + head + body + "}) : () -> ()")


def control_flow(m):
    fam = "control-flow"
    T4 = "tensor<4xf32>"
    C = "tensor<i1>"

    # coreai.graph and coreai.output (a graph is printed around every variant; these vary it)
    def graph_variant(vid, props="", arg_attrs=None, res_attrs=None, attrs=None, n_out=1, n_in=1, op="coreai.graph"):
        def build(b):
            return b.args[:n_out]
        v = m.Variant(fam, op, vid, build, tuple([T4] * n_in))
        orig = v.program

        def program():
            text = orig()
            extra = props
            if arg_attrs:
                extra += f", arg_attrs = {arg_attrs}"
            if res_attrs:
                extra += f", res_attrs = {res_attrs}"
            text = text.replace(", param_decls = #param.decl.array<[]>", extra + ", param_decls = #param.decl.array<[]>", 1)
            if attrs:
                text = text.replace(") : () -> () " + m.GRAPH_LOC, ") {" + attrs + "} : () -> () " + m.GRAPH_LOC, 1)
            return text
        v.program = program
        m.VARIANTS.append(v)
    graph_variant("graph_plain")
    graph_variant("graph_private", ", priv")
    graph_variant("graph_externalize", ", externalize")
    graph_variant("graph_noinline", ", no_inline")
    graph_variant("graph_private_noinline", ", priv, no_inline")
    graph_variant("graph_arg_res_attrs", arg_attrs='[{coreai.name = "x"}]', res_attrs='[{coreai.name = "y"}]')
    graph_variant("graph_attributes", attrs="__coreai_pure__, coreai.note = \"n\"")
    graph_variant("graph_composite", props=', composite_decl = #coreai.composite_declaration<"layer_norm">')
    graph_variant("output_none", n_out=0, op="coreai.output")
    graph_variant("output_one", op="coreai.output")
    graph_variant("output_many", n_out=3, n_in=3, op="coreai.output")
    graph_variant("graph_no_args", n_out=0, n_in=0)

    # coreai.invoke: 0/1/many operands and results
    for nin, nout in [(1, 1), (0, 1), (2, 2), (1, 0)]:
        callee = f"callee_{nin}_{nout}"
        ins, outs = [T4] * nin, [T4] * nout
        body = None
        if nin == 0:
            body = ('  %c = "coreai.constant"() <{value = dense<1.000000e+00> : tensor<4xf32>}> : () -> tensor<4xf32>\n'
                    '  "coreai.output"(%c) : (tensor<4xf32>) -> ()\n')

        def build(b, nin=nin, outs=outs, callee=callee):
            return b.op("coreai.invoke", b.args[:nin], outs,
                        props=f"callee = #param.constant<@{callee}> : !param.symbol")
        m.VARIANTS.append(m.Variant(fam, "coreai.invoke", f"invoke_{nin}_{nout}", build, tuple([T4] * max(nin, 1)),
                                    extra=helper_graph(callee, ins, outs, body)))

    @m.variant(fam, "coreai.invoke", "invoke_arg_attrs", args=[T4],
               extra=helper_graph("callee_attrs", [T4], [T4]))
    def _(b):
        return b.op("coreai.invoke", b.args, [T4], props='arg_attrs = [{coreai.name = "a"}], callee = '
                    '#param.constant<@callee_attrs> : !param.symbol, res_attrs = [{coreai.name = "r"}]')

    # coreai.if with/without results and else
    @m.variant(fam, "coreai.if", "if_results", args=[C, T4])
    def _(b):
        then = b.region([], lambda r: r.op("coreai.add", [b.args[1], b.args[1]], [T4]))
        els = b.region([], lambda r: r.op("coreai.sub", [b.args[1], b.args[1]], [T4]))
        return b.op("coreai.if", [b.args[0]], [T4], regions=[then, els])

    @m.variant(fam, "coreai.if", "if_two_results", args=[C, T4])
    def _(b):
        then = b.region([], lambda r: [b.args[1], b.args[1]])
        els = b.region([], lambda r: [b.args[1], b.args[1]])
        return b.op("coreai.if", [b.args[0]], [T4, T4], regions=[then, els])

    # coreai.if without results is not in the atlas: coreai-core prints it as
    # `coreai.if %c {...} else {...} : tensor<i1> -> ` and cannot parse that text back.

    @m.variant(fam, "coreai.yield", "yield_many", args=[T4, T4])
    def _(b):
        region = b.region([T4, T4], lambda r: [r.args[1], r.args[0]])
        return b.op("coreai.isolated_group", b.args, [T4, T4], props='delegate_id = "BNNS"', regions=[region])

    @m.variant(fam, "coreai.yield", "yield_none")
    def _(b):
        region = b.region([], lambda r: [])
        b.op("coreai.isolated_group", [], [], props='delegate_id = "BNNS"', regions=[region])
        return []

    # coreai.while / condition / yield
    @m.variant(fam, "coreai.while", "while", args=["tensor<si32>", T4])
    def _(b):
        S = "tensor<si32>"

        def before(r):
            cond = r.op("coreai.greater", [b.args[0], r.args[0]], [C])
            r.op("coreai.condition", [cond[0], r.args[0], r.args[1]])
        init = b.c("dense<0>", S)

        def after(r):
            one = r.c("dense<1>", S)
            nxt = r.op("coreai.add", [r.args[0], one[0] if isinstance(one, list) else one], [S])
            dbl = r.op("coreai.add", [r.args[1], r.args[1]], [T4])
            return nxt + dbl
        return b.op("coreai.while", [init, b.args[1]], [S, T4],
                    regions=[b.region([S, T4], before), b.region([S, T4], after)])

    @m.variant(fam, "coreai.condition", "condition_one_arg", args=["tensor<si32>"])
    @m.variant(fam, "coreai.while", "while_one", args=["tensor<si32>"])
    def _(b):
        S = "tensor<si32>"

        def before(r):
            cond = r.op("coreai.greater", [b.args[0], r.args[0]], [C])
            r.op("coreai.condition", [cond[0], r.args[0]])
        init = b.c("dense<0>", S)

        def after(r):
            one = r.c("dense<1>", S)
            return r.op("coreai.add", [r.args[0], one], [S])
        return b.op("coreai.while", [init], [S], regions=[b.region([S], before), b.region([S], after)])

    # coreai.isolated_group (yield inside)
    @m.variant(fam, "coreai.isolated_group", "isolated_group", args=[T4])
    def _(b):
        region = b.region([T4], lambda r: r.op("coreai.relu", r.args, [T4]))
        return b.op("coreai.isolated_group", b.args, [T4], props='delegate_id = "Interpreter"', regions=[region])

    @m.variant(fam, "coreai.isolated_group", "isolated_group_many", args=[T4, T4])
    def _(b):
        region = b.region([T4, T4], lambda r: [r.args[1], r.args[0]])
        return b.op("coreai.isolated_group", b.args, [T4, T4], regions=[region],
                    props='arg_attrs = [{}, {coreai.name = "b"}], delegate_id = "MPSGraph", res_attrs = [{}, {}]')

    @m.variant(fam, "coreai.isolated_group", "isolated_group_empty")
    def _(b):
        region = b.region([], lambda r: [])
        b.op("coreai.isolated_group", [], [], props='delegate_id = "BNNS"', regions=[region])
        return []


def misc(m):
    fam = "misc"
    T4 = "tensor<4xf32>"
    CX = "tensor<2xcomplex<f32>>"
    m.simple(fam, "coreai.create_complex", "create_complex", ["tensor<2xf32>", "tensor<2xf32>"], [CX])
    m.simple(fam, "coreai.real_part", "real_part", [CX], ["tensor<2xf32>"])
    m.simple(fam, "coreai.imaginary_part", "imaginary_part", [CX], ["tensor<2xf32>"])
    H = "!coreai.handle<tensor<4xf32>>"
    TK = "!coreai.token"

    @m.variant(fam, "coreai.create_token", "create_token", args=[H])
    def _(b):
        t0 = b.op("coreai.create_token", [], [TK])
        return b.op("coreai.read_handle", [b.args[0]] + t0, [T4, TK])

    @m.variant(fam, "coreai.read_handle", "read_handle", args=[H, TK])
    def _(b):
        return b.op("coreai.read_handle", b.args, [T4, TK])

    @m.variant(fam, "coreai.write_handle", "write_handle", args=[H, T4, TK])
    def _(b):
        return b.op("coreai.write_handle", b.args, [TK])

    @m.variant(fam, "coreai.join_token", "join_token_one", args=[H, TK])
    def _(b):
        return b.op("coreai.join_token", b.args[1:], [TK])

    @m.variant(fam, "coreai.join_token", "join_token_three", args=[H, TK])
    def _(b):
        t1 = b.op("coreai.write_handle", [b.args[0], b.op("coreai.read_handle", b.args, [T4, TK])[0], b.args[1]], [TK])
        return b.op("coreai.join_token", [b.args[1]] + t1 + t1, [TK])

    @m.variant(fam, "coreai.create_token", "tokens_and_handles", args=[H, T4, T4])
    def _(b):
        t0 = b.op("coreai.create_token", [], [TK])
        t1 = b.op("coreai.write_handle", [b.args[0], b.args[1]] + t0, [TK])
        t2 = b.op("coreai.write_handle", [b.args[0], b.args[2]] + t0, [TK])
        j1 = b.op("coreai.join_token", t1 + t2, [TK])
        j2 = b.op("coreai.join_token", j1, [TK])
        j3 = b.op("coreai.join_token", t1 + t2 + j2, [TK])
        r = b.op("coreai.read_handle", [b.args[0]] + j3, [T4, TK])
        return r  # a graph returns one token per handle argument
    IMG = "!coreai.image<<k32BGRA> x 4 : i64 x 6 : i64>"
    m.simple(fam, "coreai.image_to_tensor", "image_to_tensor", [IMG], ["tensor<4x6x4xui8>"])
    m.simple(fam, "coreai.tensor_to_image", "tensor_to_image", ["tensor<4x6x4xui8>"], [IMG])
    for fc, shape in [("k32ARGB", "4x6x4"), ("k24RGB", "4x6x3"), ("k420YpCbCr8Planar", "36")]:
        m.simple(fam, "coreai.image_to_tensor", f"image_to_tensor_{fc}",
                 [f"!coreai.image<<{fc}> x 4 : i64 x 6 : i64>"], [f"tensor<{shape}xui8>"])
    u3 = ("dense<[4, 1, 1]>", "tensor<3xui32>")
    ks = '"kernel void k(device float *a [[buffer(0)]]) {}"'
    MT = "tensor<4xf32, #coreaix.hw_constraints<MTLBuffer, alignments: [1x1], interleave: [1]>>"
    m.simple(fam, "coreai.metal4_kernel", "metal4_kernel",
             [MT, MT, "tensor<3xui32>", "tensor<3xui32>", "tensor<1xui32>"], [MT],
             consts={2: u3, 3: u3, 4: ("dense<4>", "tensor<1xui32>")},
             props=f'kernel_name = "k", kernel_source = {ks}, operandSegmentSizes = array<i32: 2, 1, 1, 1>')
    m.simple(fam, "coreai.metal4_kernel", "metal4_kernel_two_outputs",
             [MT, "tensor<3xui32>", "tensor<3xui32>", "tensor<1xui32>", "tensor<1xui32>"], [MT, MT],
             consts={1: u3, 2: u3, 3: ("dense<4>", "tensor<1xui32>"), 4: ("dense<4>", "tensor<1xui32>")},
             props=f'kernel_name = "k", kernel_source = {ks}, operandSegmentSizes = array<i32: 1, 1, 1, 2>')
    m.simple(fam, "coreai.delegate", "delegate", [T4], [T4],
             props='delegate_id = "ANE", resource = array<i8: 1, 2, 3>')
    m.simple(fam, "coreai.delegate", "delegate_attrs", [T4, T4], [T4, T4],
             props='arg_attrs = [{}, {}], delegate_attrs = {k = 1 : i64}, delegate_id = "ANE", '
                   'lifecycle = #udml.lifecycle<init>, res_attrs = [{}, {}], resource = array<i8>')

    @m.variant(fam, "coreai.target_spec", "target_spec", args=[T4],
               extra='"coreai.target_spec"() <{spec = #coreai.target_spec<triple = "arm64-apple-ios", soc = "a17", delegateOptions = {}>}> : () -> ()')
    def _(b):
        return b.args

    @m.variant(fam, "coreai.target_spec", "target_spec_compilation", args=[T4],
               extra='"coreai.target_spec"() <{compilation = #coreai.compilation<partial>, spec = #coreai.target_spec<triple = "", soc = "", delegateOptions = {ane = {v = 1 : i64}}>}> : () -> ()')
    def _(b):
        return b.args


def debuginfo(m):
    fam = "debuginfo"
    T4 = "tensor<4xf32>"

    @m.variant(fam, "debuginfo.record", "record", args=[T4])
    def _(b):
        b.op("debuginfo.record", b.args, [], props="id = 42 : ui64")
        return b.args
    LV = ('#debuginfo.local_variable<name = "v", line = loc("atlas.py":3:4), scope = @{g}, alignInBits = 8, '
          'flags = Artificial> : !debuginfo.unresolved<tensor<4xf32>>')

    @m.variant(fam, "debuginfo.value", "value", args=[T4])
    def _(b):
        b.op("debuginfo.value", b.args, [], props="variable = " + LV.format(g=b.variant.vid))
        return b.args

    @m.variant(fam, "debuginfo.value", "value_plain_variable", args=[T4])
    def _(b):
        lv = LV.replace(", flags = Artificial", "").replace("alignInBits = 8", "alignInBits = 0")
        b.op("debuginfo.value", b.args, [], props="variable = " + lv.format(g=b.variant.vid))
        return b.args


    # The locations Core AI programs carry: a subprogram scope with flags, inlined-at and
    # fused-with chains, metadata arrays (as coreai-torch writes them), a metadata-only
    # location, and the builtin locations around them.
    m.raw(fam, "debuginfo.location", "locations", """
#sp = #debuginfo.subprogram<compileUnit = #di_cu, file = #di_file, name = "f", linkageName = "f_impl", flags = "Definition|Optimized"> : (tensor<4xf32>) -> tensor<4xf32>
#inner = #debuginfo.location<loc("atlas.py":5:0) in #di_cu>
#m1 = #debuginfo.metadata<"sources": [{id = 155 : ui64, identifiers = ["native_layer_norm_4"], name = "torch"}]>
#m2 = #debuginfo.metadata<"call_stack": ["LayerNorm$5", "GPT2Model$1"]>
#m3 = #debuginfo.metadata<"op_id": {type = "torch", value = 155 : ui64}>
"coreai.graph"() <{function_type = (tensor<4xf32>) -> tensor<4xf32>, param_decls = #param.decl.array<[]>, sym_name = "locations"}> ({
^bb0(%a: tensor<4xf32> loc(#debuginfo.location<loc("atlas.py":1:0) in #sp>)):
  %0 = "coreai.abs"(%a) : (tensor<4xf32>) -> tensor<4xf32> loc(#debuginfo.location<loc("atlas.py":2:0) in @locations fused with [#debuginfo.location<loc("atlas.py":3:0) in @locations>, #inner] metadata = [#m1, #m2, #m3]>)
  %1 = "coreai.exp"(%0) : (tensor<4xf32>) -> tensor<4xf32> loc(#debuginfo.location<loc("atlas.py":4:0) in #sp inlined at #inner>)
  %2 = "coreai.sin"(%1) : (tensor<4xf32>) -> tensor<4xf32> loc(#debuginfo.metadata.location<#m3, #debuginfo.metadata<"tag": unit>>)
  %3 = "coreai.cos"(%2) : (tensor<4xf32>) -> tensor<4xf32> loc(fused[#debuginfo.location<loc("atlas.py":6:0) in @locations>, "name"("atlas.py":7:8)])
  %4 = "coreai.tan"(%3) : (tensor<4xf32>) -> tensor<4xf32> loc(callsite(#inner at "atlas.py":9:0))
  "coreai.output"(%4) : (tensor<4xf32>) -> () loc(unknown)
}) : () -> () loc(#debuginfo.location<loc("atlas.py":0:0) in #sp metadata = [#debuginfo.metadata<"count": 3 : i32>]>)
""")


def coreaix(m):
    fam = "coreaix"
    H = "#coreaix.hw_constraints<IOSurface, alignments: [1x64], interleave: [1]>"
    T, TH = "tensor<4xf32>", f"tensor<4xf32, {H}>"
    m.simple(fam, "coreaix.copy_with_constraints", "copy_with_constraints", [T], [TH])
    m.simple(fam, "coreaix.copy_discarding_constraints", "copy_discarding_constraints", [TH], [T])
    m.simple(fam, "coreaix.cast", "coreaix_cast", [TH], [f"tensor<4xf16, {H}>"])
    m.simple(fam, "coreaix.view", "view", [TH],
             ["tensor<2x2xf32, #coreaix.hw_constraints<IOSurface, alignments: [1x1x64], interleave: [1x1]>>"])
    m.simple(fam, "coreaix.copy_with_constraints", "copy_with_constraints_heap",
             ["tensor<2x3xf16>"], ["tensor<2x3xf16, #coreaix.hw_constraints<Heap, alignments: [2x1x64], interleave: [2x1]>>"])
    IMG = ("!coreai.image<<k32BGRA> x 4 : i64 x 6 : i64, image_constraints = "
           "#coreaix.image_constraints<CVPixelBuffer, rowAlignmentsPerPlane: [64]>>")
    m.simple(fam, "coreai.image_to_tensor", "image_constraints", [IMG], ["tensor<4x6x4xui8>"])


def udml(m):
    fam = "udml"
    m.raw(fam, "udml.namespace", "namespace", """
"udml.namespace"() <{sym_name = "ns", param_decls = #param.decl.array<[<T: !param.type>]>}> ({
  "udml.func"() <{sym_name = "f", function_type = (f32) -> f32, param_decls = #param.decl.array<[]>}> ({
  ^bb0(%a: f32):
    "udml.return"(%a) : (f32) -> ()
  }) : () -> ()
  "udml.namespace"() <{sym_name = "inner", param_decls = #param.decl.array<[]>}> ({
  ^bb0:
  }) {note = "empty"} : () -> ()
}) : () -> ()""")
    m.raw(fam, "udml.class", "class", """
"udml.namespace"() <{sym_name = "ns", param_decls = #param.decl.array<[]>}> ({
  "udml.class"() <{sym_name = "C", param_decls = #param.decl.array<[<n: si32>]>, extern_c}> ({
    "udml.member"() <{sym_name = "m", type = f32}> : () -> ()
    "udml.member"() <{sym_name = "n", type = si32, value = 12 : si32, offset_in_bits = 32 : ui64}> : () -> ()
  }) : () -> ()
  "udml.class"() <{sym_name = "D", param_decls = #param.decl.array<[]>}> ({
    "udml.member"() <{sym_name = "x", type = f16}> : () -> ()
  }) : () -> ()
}) : () -> ()""")
    m.raw(fam, "udml.func", "func", """
"udml.func"() <{sym_name = "f", function_type = (f32, f32) -> f32, lifecycle_phases = #udml.lifecycle<init>,
  arg_attrs = [{udml.intent = #udml.intent<in>}, {}], res_attrs = [{udml.intent = #udml.intent<return>}],
  param_decls = #param.decl.array<[<T: !param.type>]>, no_inline}> ({
^bb0(%a: f32, %b: f32):
  %c:2 = "udml.placeholder"(%a, %b) <{opname = "my.op"}> {attr1 = "foo"} : (f32, f32) -> (f32, si32)
  %d = "udml.placeholder"() <{opname = "my.op2", keep_placeholder}> : () -> (f32)
  "udml.return"(%c#0) : (f32) -> ()
}) : () -> ()
"udml.func"() <{sym_name = "top", function_type = () -> (), param_decls = #param.decl.array<[]>}> ({
  "udml.return"() : () -> ()
}) : () -> ()""")
    m.raw(fam, "udml.call", "call", """
"udml.namespace"() <{sym_name = "ns", param_decls = #param.decl.array<[]>}> ({
  "udml.func"() <{sym_name = "g", function_type = (f32, f32) -> f32, extern_c, lifecycle_phases = #udml.lifecycle<encode>, param_decls = #param.decl.array<[]>}> ({
  }) {udml.pure} : () -> ()
  "udml.func"() <{sym_name = "f", function_type = (f32) -> f32, param_decls = #param.decl.array<[]>}> ({
  ^bb0(%a: f32):
    %e = "udml.call"(%a, %a) <{callee = #param.constant<@ns::@g> : !param.symbol, lifecycle_phases = #udml.lifecycle<encode>}> {udml.pure} : (f32, f32) -> f32
    %e2 = "udml.call"(%a, %a) <{callee = #param.constant<@ns::@g> : !param.symbol, lifecycle_phases = #udml.lifecycle<encode>, arg_attrs = [{a = 1}, {}]}> {udml.pure} : (f32, f32) -> f32
    "udml.return"(%e) : (f32) -> ()
  }) : () -> ()
  "udml.import"() <{sym_name = "imp", import_type = 0 : i32}> : () -> ()
  "udml.import"() <{sym_name = "mod_imp", module_name = "mod", import_type = 1 : i32}> : () -> ()
}) : () -> ()""")


def program(m):
    """A whole program made with coreai.authoring (program.py), with its debug locations."""
    import subprocess
    import sys
    from pathlib import Path
    text = subprocess.run([sys.executable, str(Path(__file__).with_name("program.py"))], check=True,
                          capture_output=True, text=True).stdout
    m.raw("program", "builtin.module", "program", text,
          note="several graphs, a composite graph, invoke, debug locations, a dense_resource weight")
