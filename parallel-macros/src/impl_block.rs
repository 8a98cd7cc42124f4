//! `#[parallel_calls]` on an impl block: finds the fan-out methods, checks the block as a
//! whole, and replaces each fan-out with its two generated methods before `#[near]` runs.

use crate::errors::Errors;
use crate::model::FanOut;
use crate::{check, generate, parse};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use std::collections::HashMap;
use syn::ext::IdentExt;
use syn::{Attribute, Error, FnArg, ImplItem, ImplItemFn, ItemImpl};

const NO_NEAR: &str = "expected `#[near]` below `#[parallel_calls]`: write `#[parallel_calls]` \
                       first, then `#[near]`, so the fan-outs are generated before near-sdk \
                       exports the methods";

/// near-sdk's method attributes, which rustc rejects once `#[near]` no longer reads them.
const NEAR_METHOD_ATTRS: &[&str] = &[
    "init",
    "payable",
    "private",
    "handle_result",
    "result_serializer",
    "deny_unknown_arguments",
];
/// near-sdk's argument attributes, likewise.
const NEAR_ARG_ATTRS: &[&str] = &[
    "serializer",
    "callback",
    "callback_unwrap",
    "callback_result",
    "callback_vec",
];

pub fn expand(args: TokenStream, mut item: ItemImpl) -> TokenStream {
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.push(Error::new_spanned(
            &args,
            "`#[parallel_calls]` on an impl block takes no options: put them on the method, \
             e.g. `#[parallel_calls(callback_gas = 10 Tgas)]`",
        ));
    }
    let has_near = item.attrs.iter().any(parse::is_near);
    if !has_near {
        errors.push(Error::new(Span::call_site(), NO_NEAR));
    }
    if let Some((_, path, _)) = &item.trait_ {
        errors.push(Error::new_spanned(
            path,
            "fan-outs go in an inherent impl block (`impl Contract`), not a trait impl: the \
             generated callback is a method of the contract",
        ));
    }
    // Below `#[near]`, near-sdk has already taken its method attributes (`#[payable]`), so
    // rules that read them would only add false errors to the one about the order.
    let mut method_errors = Errors::default();
    let (marked, fan_outs) = take_fan_outs(&mut item, &mut method_errors);
    if has_near {
        errors.extend(method_errors);
    }
    if marked.is_empty() && errors.is_empty() {
        errors.push(Error::new(
            Span::call_site(),
            "no method here is marked `#[parallel_calls(...)]`: mark the fan-out method, or \
             remove this attribute",
        ));
    }
    let callbacks = callback_names(&item, &fan_outs, &mut errors);
    if !errors.is_empty() {
        let errors = errors.to_compile_errors();
        let item = fallback(item, &marked, has_near);
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

/// Removes our attribute from each marked method and parses it. Returns the position of
/// every marked method, and the fan-outs that parsed and passed every check.
fn take_fan_outs(item: &mut ItemImpl, errors: &mut Errors) -> (Vec<usize>, Vec<(usize, FanOut)>) {
    // A trait impl is already refused as a whole; checking its methods would add noise
    // (a trait's methods cannot even be `pub`).
    let in_trait = item.trait_.is_some();
    let mut marked = Vec::new();
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
        let Some(attr) = ours.first() else {
            unmarked_calls(method, errors);
            continue;
        };
        marked.push(position);
        // With two attributes, which one holds the options is a guess; the checks would
        // only add errors about the guess.
        let before = errors.len() - usize::from(ours.len() > 1);
        let fan_out = parse::fan_out(method.clone(), attr, errors);
        // A fan-out that did not parse would fail the checks for the same mistake again
        // (an unreadable `gas` is a missing one), so it is not checked.
        let Some(fan_out) = fan_out.filter(|_| errors.len() == before && !in_trait) else {
            continue;
        };
        check::fan_out(&fan_out, errors);
        fan_outs.push((position, fan_out));
    }
    (marked, fan_outs)
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
    // Every name the impl block defines, with what defines it, for the messages.
    let mut taken: HashMap<String, String> = item
        .items
        .iter()
        .filter_map(|item| match item {
            ImplItem::Fn(method) => Some((&method.sig.ident, "a method".to_owned())),
            ImplItem::Const(constant) => Some((&constant.ident, "a constant".to_owned())),
            _ => None,
        })
        .map(|(ident, what)| (ident.unraw().to_string(), what))
        .collect();
    let mut names = Vec::new();
    for (_, fan_out) in fan_outs {
        let fan_out_name = fan_out.method.sig.ident.unraw();
        let (name, chosen) = match &fan_out.options.callback {
            Some(name) => (name.clone(), true),
            None => (format_ident!("{}_callback", fan_out_name), false),
        };
        if let Some(what) = taken.get(&name.unraw().to_string()) {
            let (span, fix) = if chosen {
                let fix = format!("choose another name, e.g. `callback = {fan_out_name}_done`");
                (name.span(), fix)
            } else {
                let fix = format!(
                    "rename that one, or add `callback = {fan_out_name}_done` to this \
                     `#[parallel_calls(...)]`"
                );
                (fan_out.method.sig.ident.span(), fix)
            };
            errors.push(Error::new(
                span,
                format!(
                    "the callback of `{fan_out_name}` would be named `{name}`, which is already \
                     {what} of this impl block: {fix}"
                ),
            ));
        }
        taken.insert(
            name.unraw().to_string(),
            format!("the callback of `{fan_out_name}`"),
        );
        let constant = generate::calls_const_name(fan_out);
        if let Some(what) = taken.get(&constant.to_string()) {
            errors.push(Error::new(
                fan_out.method.sig.ident.span(),
                format!(
                    "`{fan_out_name}` gets a constant `{constant}` listing its calls, but that \
                     name is already {what} of this impl block: rename one of them"
                ),
            ));
        }
        taken.insert(
            constant.to_string(),
            format!("the calls constant of `{fan_out_name}`"),
        );
        if fan_out.calls.iter().any(|call| call.each.is_some()) {
            let collector = generate::collector_name(fan_out);
            if let Some(what) = taken.get(&collector.to_string()) {
                errors.push(Error::new(
                    fan_out.method.sig.ident.span(),
                    format!(
                        "the dynamic call of `{fan_out_name}` gets a collector method \
                         `{collector}`, but that name is already {what} of this impl block: \
                         rename that one"
                    ),
                ));
            }
            taken.insert(
                collector.to_string(),
                format!("the collector of `{fan_out_name}`"),
            );
        }
        names.push(name);
    }
    names
}

/// Removes `#[call]` from a method's parameters, leaving them plain arguments.
fn strip_call_attrs(method: &mut ImplItemFn) {
    parse::strip_call_attrs(&mut method.sig);
}

/// What goes beside the errors: the user's code without what only we understand, in a
/// form neither rustc nor near-sdk rejects, so that one mistake gives one error. Each
/// marked method becomes a stub whose calls are locals of its body, so names still
/// resolve and the body is still type-checked; the stubs go in an impl block of their own,
/// which near-sdk does not export and so does not judge.
fn fallback(mut item: ItemImpl, marked: &[usize], has_near: bool) -> TokenStream {
    if item.trait_.is_some() {
        // A trait impl keeps its methods as the trait declares them; without `#[near]`
        // nothing exports them.
        item.attrs.retain(|attr| !parse::is_near(attr));
        for impl_item in &mut item.items {
            if let ImplItem::Fn(method) = impl_item {
                strip_call_attrs(method);
                strip_near_attrs(method);
            }
        }
        return item.into_token_stream();
    }
    let mut stubs = Vec::new();
    let items = std::mem::take(&mut item.items);
    for (position, impl_item) in items.into_iter().enumerate() {
        match impl_item {
            ImplItem::Fn(method) if marked.contains(&position) => stubs.push(stub(method)),
            ImplItem::Fn(mut method) => {
                strip_call_attrs(&mut method);
                if !has_near {
                    strip_near_attrs(&mut method);
                }
                item.items.push(ImplItem::Fn(method));
            }
            other => item.items.push(other),
        }
    }
    let attrs = item.attrs.iter().filter(|attr| !parse::is_near(attr));
    let (impl_generics, _, where_clause) = item.generics.split_for_impl();
    let self_ty = &item.self_ty;
    quote! {
        #item
        #(#attrs)*
        impl #impl_generics #self_ty #where_clause {
            #(#stubs)*
        }
    }
}

/// A marked method whose calls are locals of its body instead of parameters. It never
/// runs: the crate does not compile.
fn stub(mut method: ImplItemFn) -> TokenStream {
    strip_near_attrs(&mut method);
    let mut locals = Vec::new();
    for input in std::mem::take(&mut method.sig.inputs) {
        match input {
            FnArg::Typed(param) if param.attrs.iter().any(parse::is_call) => {
                let (pat, ty) = (&param.pat, &param.ty);
                locals.push(quote!(let #pat: #ty = ::core::option::Option::None.unwrap();));
            }
            other => method.sig.inputs.push(other),
        }
    }
    let ImplItemFn {
        attrs,
        vis,
        defaultness,
        sig,
        block,
    } = &method;
    let stmts = &block.stmts;
    quote! {
        #(#attrs)*
        #[allow(unused)]
        #vis #defaultness #sig {
            #(#locals)*
            #(#stmts)*
        }
    }
}

/// Removes near-sdk's attributes from a method and its parameters.
fn strip_near_attrs(method: &mut ImplItemFn) {
    let is = |attr: &Attribute, names: &[&str]| names.iter().any(|name| attr.path().is_ident(name));
    method.attrs.retain(|attr| !is(attr, NEAR_METHOD_ATTRS));
    for input in &mut method.sig.inputs {
        if let FnArg::Typed(param) = input {
            param.attrs.retain(|attr| !is(attr, NEAR_ARG_ATTRS));
        }
    }
}
