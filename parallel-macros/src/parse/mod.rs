//! Parsing: from the user's tokens to the [`model`](crate::model). Nothing is checked
//! here beyond what parsing needs; `check` does the rest.

mod amount;
mod call;
mod entries;
mod json;
mod options;
mod values;

pub use json::quote_json;

use crate::errors::Errors;
use crate::model::{ContextParam, FanOut};
use syn::spanned::Spanned;
use syn::{Attribute, Error, FnArg, ImplItemFn, Pat};

/// Whether `attr` is ours: `#[parallel_calls]` under any path.
pub fn is_parallel_calls(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "parallel_calls")
}

/// Whether `attr` marks a parameter as a call.
pub fn is_call(attr: &Attribute) -> bool {
    attr.path().is_ident("call")
}

/// Removes `#[call]` from a signature's parameters, leaving them plain arguments: what the
/// error paths hand back so that one mistake does not become many.
pub fn strip_call_attrs(sig: &mut syn::Signature) {
    for input in &mut sig.inputs {
        if let FnArg::Typed(param) = input {
            param.attrs.retain(|attr| !is_call(attr));
        }
    }
}

/// Whether `attr` is near-sdk's impl attribute.
pub fn is_near(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "near" || segment.ident == "near_bindgen")
}

/// Reads a method marked with our `attr` (already removed from its attributes).
pub fn fan_out(mut method: ImplItemFn, attr: &Attribute, errors: &mut Errors) -> Option<FanOut> {
    let option_tokens = match &attr.meta {
        syn::Meta::Path(_) => proc_macro2::TokenStream::new(),
        syn::Meta::List(list) => list.tokens.clone(),
        syn::Meta::NameValue(meta) => {
            errors.push(Error::new_spanned(
                meta,
                "write options in parentheses: `#[parallel_calls(callback_gas = 10 Tgas)]`",
            ));
            proc_macro2::TokenStream::new()
        }
    };
    let options = options::parse(option_tokens, errors);
    let mut calls = Vec::new();
    let mut context = Vec::new();
    let inputs = std::mem::take(&mut method.sig.inputs);
    for input in inputs {
        let FnArg::Typed(mut param) = input else {
            method.sig.inputs.push(input);
            continue;
        };
        let (call_attrs, other_attrs): (Vec<_>, Vec<_>) = param.attrs.drain(..).partition(is_call);
        param.attrs = other_attrs;
        if let Some(extra) = call_attrs.get(1) {
            errors.push(Error::new_spanned(
                extra,
                "a parameter is one call: remove this `#[call]`",
            ));
        }
        match call_attrs.first() {
            Some(attr) => calls.extend(call::parse(&param, attr, errors)),
            None => {
                if let Some(param) = context_param(&param, errors) {
                    context.push(param);
                }
                method.sig.inputs.push(FnArg::Typed(param));
            }
        }
    }
    Some(FanOut {
        method,
        options,
        calls,
        context,
        // On stable a span cannot cover the whole attribute; its name is the next best.
        attr_span: attr
            .path()
            .segments
            .last()
            .map_or_else(|| attr.span(), |segment| segment.ident.span()),
    })
}

fn context_param(param: &syn::PatType, errors: &mut Errors) -> Option<ContextParam> {
    match &*param.pat {
        Pat::Ident(pat) => Some(ContextParam {
            pat: (*param.pat).clone(),
            ident: pat.ident.clone(),
            ty: (*param.ty).clone(),
        }),
        other => {
            errors.push(Error::new_spanned(
                other,
                "a contract method's arguments need plain names",
            ));
            None
        }
    }
}
