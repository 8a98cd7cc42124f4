//! The `#[parallel_calls]` attribute of [`parallel-runtime`]: declarative NEAR
//! cross-contract fan-outs. Use it through `parallel-runtime`, which re-exports it and
//! holds everything the generated code calls; its documentation has the guide.
//!
//! [`parallel-runtime`]: https://docs.rs/parallel-runtime

mod check;
mod errors;
mod expand;
mod generate;
mod impl_block;
mod model;
mod parse;
mod suggest;
#[cfg(test)]
mod tests;
mod tokens;

use proc_macro::TokenStream;

/// Turns a method into a fan-out: one promise per `#[call]` parameter, joined, and a
/// generated private callback that binds each result to its parameter's name and runs
/// the method's body.
///
/// Written twice: bare on the impl block, above `#[near]`, and with the list's options
/// on each fan-out method. The full guide and examples are in `parallel-runtime`.
#[proc_macro_attribute]
pub fn parallel_calls(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(args.into(), item.into()).into()
}
