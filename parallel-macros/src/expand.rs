//! Where the attribute landed decides what it does: on an impl block it does the work; on
//! a method it is only a marker that the impl block's attribute consumes.

use crate::impl_block;
use crate::parse;
use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::{Error, Item};

const ON_METHOD: &str = "this `#[parallel_calls(...)]` is read by a bare `#[parallel_calls]` on \
                         the impl block, which is missing: add `#[parallel_calls]` on the line \
                         above the impl block's `#[near]`";

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    match syn::parse2::<Item>(item.clone()) {
        Ok(Item::Impl(item)) => impl_block::expand(args, item),
        Ok(Item::Fn(function)) if is_near_export(&function) => {
            // near-sdk copies unknown method attributes onto the wasm export it generates;
            // that copy exists only when the method itself was not expanded by us, and
            // the method reports the mistake.
            function.into_token_stream()
        }
        Ok(Item::Fn(mut function)) => {
            parse::strip_call_attrs(&mut function.sig);
            error_beside(
                Error::new(Span::call_site(), ON_METHOD),
                function.into_token_stream(),
            )
        }
        Ok(Item::Trait(item)) => error_beside(
            Error::new_spanned(
                &item.ident,
                "`#[parallel_calls]` cannot go on a trait: put it on the contract's impl block, \
                 above `#[near]`",
            ),
            item.into_token_stream(),
        ),
        _ => error_beside(Error::new(Span::call_site(), ON_METHOD), item),
    }
}

/// near-sdk's exported wrapper: `extern "C" fn` with no arguments.
fn is_near_export(function: &syn::ItemFn) -> bool {
    function.sig.abi.is_some() && function.sig.inputs.is_empty()
}

fn error_beside(error: Error, item: TokenStream) -> TokenStream {
    let error = error.to_compile_error();
    quote!(#error #item)
}
