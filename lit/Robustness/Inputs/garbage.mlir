this is not mlir @#$% {{{
