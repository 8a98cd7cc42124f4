//! The callback: checks it was called by its fan-out, reads each result by index, reports
//! the failures, binds each result to the name the user gave
//! it, then runs the user's aggregation.

use super::{call_name, decoder, indexed, local, runtime, value_type, Forwarding};
use crate::check::DEFAULT_CALLBACK_GAS;
use crate::model::{Binding, Call, Deposit, FanOut, GasAmount};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Ident};

pub fn generate(fan_out: &FanOut, callback: &Ident, attrs: &[&Attribute]) -> TokenStream {
    let rt = runtime();
    let method = &fan_out.method;
    let forwarding = Forwarding::of(fan_out);
    let receiver = method.sig.receiver().map(|receiver| quote!(#receiver));
    let params = super::forward::forwarded(fan_out).into_iter().map(|param| {
        let (pat, ty) = (&param.pat, &param.ty);
        quote!(#pat: #ty)
    });
    let inputs = receiver.into_iter().chain(params);
    let forwarded_local = local("__parallel");
    let forwarded = forwarding
        .as_ref()
        .map(|_| quote!(let #forwarded_local = #rt::Forwarded::read();));
    let output = &method.sig.output;
    let stmts = &method.block.stmts;
    // A dynamic call's length, which the count check needs, travels with the forwarded data;
    // otherwise the count is checked before anything is read.
    let has_list = super::list_call(fan_out).is_some();
    let (read_first, read_after) = if has_list {
        (forwarded.clone(), None)
    } else {
        (None, forwarded.clone())
    };
    // The exported name: near-sdk exports `r#final` as `final`.
    let callback_name = callback.unraw().to_string();
    let count = match super::list_call(fan_out) {
        Some(_) => {
            let singles = fan_out.calls.len() - 1;
            quote! {
                #rt::list_result_count(
                    #singles,
                    #forwarded_local.list_len(),
                    #forwarded_local.list_groups(),
                )
            }
        }
        None => {
            let count = fan_out.calls.len() as u64;
            quote!(#count)
        }
    };
    let calls = fan_out.calls.iter().enumerate();
    let reads = calls
        .clone()
        .map(|(index, call)| read(fan_out, forwarding.as_ref(), index, call));
    let outcomes = outcomes(fan_out);
    let report = fan_out.options.events().then(|| {
        let name = method.sig.ident.unraw().to_string();
        quote!(#rt::report_failures(#name, &#forwarded_local, &#outcomes);)
    });
    let binds = calls.map(|(index, call)| bind(index, call));
    let doc = doc(fan_out);
    quote! {
        #doc
        #[private]
        #(#attrs)*
        pub fn #callback(#(#inputs),*) #output {
            #read_first
            #rt::expect_result_count(#callback_name, #count);
            #read_after
            #(#reads)*
            #report
            #(#binds)*
            #(#stmts)*
        }
    }
}

/// Whether anything looks at a call's failure besides its binding: the failure event.
fn failures_needed(fan_out: &FanOut) -> bool {
    fan_out.options.events()
}

/// Reads result `index` into a local: the decoded value, or the error saying why not. A
/// call whose answer is not read only has its status checked, when something needs it.
fn read(
    fan_out: &FanOut,
    forwarding: Option<&Forwarding>,
    index: usize,
    call: &Call,
) -> TokenStream {
    let rt = runtime();
    let local = indexed("__parallel_result", index);
    let name = call_name(index, call);
    let method = call.method.value();
    let deposit = deposit(forwarding, index, call);
    let position = index as u64;
    if call.name.is_none() {
        if !failures_needed(fan_out) {
            return quote!();
        }
        return quote!(let #local = #rt::status(#position, #name, #method, #deposit););
    }
    let value = value_type(call);
    let decoder = decoder(call);
    let cap = fan_out.cap(call);
    if call.each.is_some() {
        let forwarded = super::local("__parallel");
        return quote! {
            let #local = #rt::read_list::<#value, #decoder>(
                #position, #forwarded.list_len(), #forwarded.list_groups(), #name, #method,
                #cap, #deposit,
            );
        };
    }
    quote! {
        let #local = #rt::read::<#value, #decoder>(#position, #name, #method, #cap, #deposit);
    }
}

/// The yoctoNEAR call `index` carried: a constant, or what the fan-out forwarded.
fn deposit(forwarding: Option<&Forwarding>, index: usize, call: &Call) -> TokenStream {
    match &call.deposit {
        None => quote!(0u128),
        Some(Deposit::Literal { yocto }) => quote!(#yocto),
        Some(Deposit::Expr(_)) => {
            let position = forwarding
                .and_then(|forwarding| forwarding.deposits.iter().position(|i| *i == index))
                .unwrap_or_default();
            let forwarded = local("__parallel");
            quote!(#forwarded.deposit(#position))
        }
    }
}

/// `[Option<&CallError>; n]`: each call's error, if it has one and it was looked at; with
/// a dynamic call, a `Vec` of the same, the list's after the single calls'.
fn outcomes(fan_out: &FanOut) -> TokenStream {
    let singles = single_outcomes(fan_out);
    match super::list_call(fan_out) {
        Some((index, _)) => {
            let rt = runtime();
            let list = indexed("__parallel_result", index);
            quote!(#rt::with_list(&#singles, &#list))
        }
        None => singles,
    }
}

fn single_outcomes(fan_out: &FanOut) -> TokenStream {
    let singles = super::single_calls(fan_out);
    let entries = singles.map(|(index, call)| {
        if call.name.is_none() && !failures_needed(fan_out) {
            return quote!(::core::option::Option::None);
        }
        let local = indexed("__parallel_result", index);
        quote!(::core::result::Result::err(::core::result::Result::as_ref(&#local)))
    });
    quote!([#(#entries),*])
}

/// Binds the read result to the call's name, as its binding asks.
fn bind(index: usize, call: &Call) -> TokenStream {
    if call.name.is_none() {
        return quote!();
    }
    let rt = runtime();
    let local = indexed("__parallel_result", index);
    let (pat, ty, attrs) = (&call.pat, &call.ty, &call.attrs);
    let item_ty = call.each.as_ref().map_or(ty, |each| &each.result_ty);
    let fallback = |fallback: &syn::Expr, result: TokenStream| {
        // Typed on its own, so a fallback of the wrong type fails as "expected `i8`,
        // found `&str`" on the fallback, not as `match` arms that disagree.
        let (typed, value) = (super::local("__fallback"), super::local("__value"));
        let fallback = quote_spanned! {fallback.span()=>
            {
                let #typed: #item_ty = #fallback;
                #typed
            }
        };
        quote! {
            match #result {
                ::core::result::Result::Ok(#value) => #value,
                ::core::result::Result::Err(_) => #fallback,
            }
        }
    };
    let item = super::local("__item");
    let value = match (&call.binding, &call.each) {
        (Binding::Result(_), _) => quote!(#local),
        (Binding::Required, None) => quote!(#rt::required(#local)),
        (Binding::Required, Some(_)) => quote! {
            ::core::iter::Iterator::collect(
                ::core::iter::Iterator::map(
                    ::core::iter::IntoIterator::into_iter(#local),
                    #rt::required,
                ),
            )
        },
        (Binding::Fallback(expr), None) => fallback(expr, quote!(#local)),
        (Binding::Fallback(expr), Some(_)) => {
            let each = fallback(expr, quote!(#item));
            quote! {
                ::core::iter::Iterator::collect(
                    ::core::iter::Iterator::map(
                        ::core::iter::IntoIterator::into_iter(#local),
                        |#item| #each,
                    ),
                )
            }
        }
    };
    quote!(#(#attrs)* let #pat: #ty = #value;)
}

/// The index map, where `cargo doc` and the expansion snapshots show it.
fn doc(fan_out: &FanOut) -> TokenStream {
    let fan_out_name = &fan_out.method.sig.ident;
    let mut lines = vec![
        format!(
            " Callback of the fan-out [`Self::{fan_out_name}`], generated by `#[parallel_calls]`."
        ),
        " Only the contract itself may call it; it expects one promise result per call:".to_owned(),
        String::new(),
    ];
    for (index, call) in fan_out.calls.iter().enumerate() {
        let name = call_name(index, call);
        let method = call.method.value();
        if call.each.is_some() {
            lines.push(format!(
                " - results {index} on: `{name}`, one per item of the dynamic call, from \
                 `{method}`; past 128 calls in all, one per group of the list, gathered by \
                 `{}`",
                super::collector_name(fan_out)
            ));
        } else {
            lines.push(format!(" - result {index}: `{name}`, from `{method}`"));
        }
    }
    let gas = match &fan_out.options.callback_gas {
        Some(GasAmount::Literal { gas, .. }) => format!("{} Tgas", *gas as f64 / 1e12),
        Some(GasAmount::Expr(_)) => "the fan-out's `callback_gas`".to_owned(),
        None => format!("{} Tgas", DEFAULT_CALLBACK_GAS / 1_000_000_000_000),
    };
    lines.push(String::new());
    lines.push(format!(
        " It runs with {gas} of static gas, plus what reading the answers up to their caps \
         may cost (`parallel_runtime::gas::read_reserve`)."
    ));
    quote!(#(#[doc = #lines])*)
}

/// The private method that gathers one group of a long dynamic call into one answer.
pub fn collector(fan_out: &FanOut, list: &Call) -> TokenStream {
    let rt = runtime();
    let name = super::collector_name(fan_out);
    let cap = fan_out.cap(list);
    let doc = format!(
        " Collector of the fan-out [`Self::{}`], generated by `#[parallel_calls]`: gathers the \
         answers of one group of its dynamic call, when the list is too long to join into the \
         callback directly. Only the contract itself may call it.",
        fan_out.method.sig.ident
    );
    quote! {
        #[doc = #doc]
        #[private]
        pub fn #name() {
            #rt::collect(#cap);
        }
    }
}
