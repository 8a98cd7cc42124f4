//! `#[parallel_calls]` on an impl block: finds the fan-out methods, checks the block as a
//! whole, and replaces each fan-out with its two generated methods before `#[near]` runs.

use crate::errors::Errors;
use crate::model::FanOut;
use crate::{check, generate, parse};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use std::collections::HashMap;
use syn::{Error, FnArg, ImplItem, ImplItemFn, ItemImpl};

const ORDER: &str = "write `#[parallel_calls]` above `#[near]` on the impl block, so it \
                     expands first and near-sdk exports the methods it generates";

pub fn expand(args: TokenStream, mut item: ItemImpl) -> TokenStream {
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.push(Error::new_spanned(
            &args,
            "`#[parallel_calls]` on an impl block takes no options: put them on the method, \
             e.g. `#[parallel_calls(callback_gas = 10 Tgas)]`",
        ));
    }
    if !item.attrs.iter().any(parse::is_near) {
        errors.push(Error::new(
            Span::call_site(),
            format!("no `#[near]` below: {ORDER}"),
        ));
    }
    if let Some((_, path, _)) = &item.trait_ {
        errors.push(Error::new_spanned(
            path,
            "fan-outs go in an inherent impl block (`impl Contract`), not a trait impl: the \
             generated callback is a method of the contract",
        ));
    }
    let fan_outs = take_fan_outs(&mut item, &mut errors);
    if fan_outs.is_empty() && errors.is_empty() {
        errors.push(Error::new(
            Span::call_site(),
            "no method here is marked `#[parallel_calls(...)]`: mark the fan-out method, or \
             remove this attribute",
        ));
    }
    let callbacks = callback_names(&item, &fan_outs, &mut errors);
    if !errors.is_empty() {
        // Give the user's methods back unchanged but for our attributes, so the one
        // mistake is the only error.
        for impl_item in &mut item.items {
            if let ImplItem::Fn(method) = impl_item {
                strip_call_attrs(method);
            }
        }
        let errors = errors.to_compile_errors();
        return quote!(#errors #item);
    }
    let mut generated: HashMap<usize, TokenStream> = fan_outs
        .iter()
        .zip(&callbacks)
        .map(|((position, fan_out), callback)| (*position, generate::fan_out(fan_out, callback)))
        .collect();
    let items = item.items.iter().enumerate().map(|(position, original)| {
        generated
            .remove(&position)
            .unwrap_or_else(|| original.to_token_stream())
    });
    let ItemImpl {
        attrs,
        defaultness,
        unsafety,
        impl_token,
        generics,
        self_ty,
        ..
    } = &item;
    let where_clause = &generics.where_clause;
    quote! {
        #(#attrs)*
        #defaultness #unsafety #impl_token #generics #self_ty #where_clause {
            #(#items)*
        }
    }
}

/// Removes our attribute from each marked method and parses it, keeping its position.
fn take_fan_outs(item: &mut ItemImpl, errors: &mut Errors) -> Vec<(usize, FanOut)> {
    let mut fan_outs = Vec::new();
    for (position, impl_item) in item.items.iter_mut().enumerate() {
        let ImplItem::Fn(method) = impl_item else {
            continue;
        };
        let (ours, others): (Vec<_>, Vec<_>) =
            method.attrs.drain(..).partition(parse::is_parallel_calls);
        method.attrs = others;
        if let Some(extra) = ours.get(1) {
            errors.push(Error::new_spanned(
                extra,
                "`#[parallel_calls]` is given twice: keep one",
            ));
        }
        match ours.first() {
            Some(attr) => {
                let Some(fan_out) = parse::fan_out(method.clone(), attr, errors) else {
                    continue;
                };
                check::fan_out(&fan_out, errors);
                fan_outs.push((position, fan_out));
            }
            None => unmarked_calls(method, errors),
        }
    }
    fan_outs
}

/// `#[call]` on a method that is not a fan-out: say so, and drop the attribute.
fn unmarked_calls(method: &mut ImplItemFn, errors: &mut Errors) {
    for input in &mut method.sig.inputs {
        let FnArg::Typed(param) = input else { continue };
        for attr in param.attrs.iter().filter(|attr| parse::is_call(attr)) {
            errors.push(Error::new_spanned(
                attr,
                format!(
                    "`#[call]` needs `#[parallel_calls]` on its method: add it above `fn {}`",
                    method.sig.ident
                ),
            ));
        }
    }
    strip_call_attrs(method);
}

/// Each fan-out's callback name, refusing one that another method already has.
fn callback_names(
    item: &ItemImpl,
    fan_outs: &[(usize, FanOut)],
    errors: &mut Errors,
) -> Vec<syn::Ident> {
    let mut taken: HashMap<String, Span> = item
        .items
        .iter()
        .filter_map(|item| match item {
            ImplItem::Fn(method) => Some((method.sig.ident.to_string(), method.sig.ident.span())),
            _ => None,
        })
        .collect();
    let mut names = Vec::new();
    for (_, fan_out) in fan_outs {
        let fan_out_name = &fan_out.method.sig.ident;
        let (name, chosen) = match &fan_out.options.callback {
            Some(name) => (name.clone(), true),
            None => (format_ident!("{}_callback", fan_out_name), false),
        };
        if taken.contains_key(&name.to_string()) {
            let fix = if chosen {
                "choose another name".to_owned()
            } else {
                format!("rename that method, or name the callback: `#[parallel_calls(callback = {fan_out_name}_done)]`")
            };
            let spot = if chosen {
                name.span()
            } else {
                fan_out_name.span()
            };
            errors.push(Error::new(
                spot,
                format!(
                    "the callback `{name}` would collide with a method of the same name: {fix}"
                ),
            ));
        }
        taken.insert(name.to_string(), name.span());
        names.push(name);
    }
    names
}

/// Removes `#[call]` from a method's parameters, leaving them plain arguments.
fn strip_call_attrs(method: &mut ImplItemFn) {
    for input in &mut method.sig.inputs {
        if let FnArg::Typed(param) = input {
            param.attrs.retain(|attr| !parse::is_call(attr));
        }
    }
}
