mod api;
mod common;
mod fuzz;
mod palettize;
mod quantize;
mod reference;
mod sparsify;
