mod api;
mod common;
mod palettize;
mod quantize;
mod reference;
mod sparsify;
