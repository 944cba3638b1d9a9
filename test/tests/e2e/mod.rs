mod common;
mod quantize;
mod reference;
