//! The public method: schedules every call, joined, then the callback.

use super::{call_name, encode, indexed, local, runtime, Forwarding};
use crate::check::DEFAULT_CALLBACK_GAS;
use crate::model::{Call, Deposit, FanOut, GasAmount};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Ident};

pub fn generate(fan_out: &FanOut, callback: &Ident, attrs: &[&Attribute]) -> TokenStream {
    let rt = runtime();
    let method = &fan_out.method;
    let (vis, name, inputs) = (&method.vis, &method.sig.ident, &method.sig.inputs);
    let doc = doc(fan_out, callback);
    let calls = fan_out.calls.iter().enumerate();
    let gas_lets = calls.clone().map(|(index, call)| {
        let gas = gas_tokens(call.gas.as_ref().or(fan_out.options.gas.as_ref()), 0);
        let local = indexed("__parallel_gas", index);
        quote!(let #local: #rt::near_sdk::Gas = #gas;)
    });
    let callback_gas = callback_gas(fan_out);
    let singles = super::single_calls(fan_out);
    let needed = singles
        .clone()
        .map(|(index, _)| indexed("__parallel_gas", index));
    let receiver_lets = singles.clone().map(|(index, call)| receiver(index, call));
    let deposit_lets = singles.clone().map(|(index, call)| deposit(index, call));
    let deposit_check = deposit_check(fan_out);
    let refund_to_let = refund_to(fan_out);
    let mut promises = singles.map(|(index, call)| promise(fan_out, index, call));
    let forwarding = Forwarding::of(fan_out);
    let context = encode::context_args(&super::forward::forwarded(fan_out), forwarding.as_ref());
    // The exported name: near-sdk exports `r#final` as `final`.
    let callback_name = callback.unraw().to_string();
    let fan_out_name = name.unraw().to_string();
    let (callback_gas_local, context_local) = (
        local("__parallel_callback_gas"),
        local("__parallel_context"),
    );
    let fixed_gas = quote!(#callback_gas_local #(.saturating_add(#needed))*);
    let callback_promise = quote! {
        #rt::near_sdk::Promise::new(#rt::near_sdk::env::current_account_id())
            .function_call_weight(
                #callback_name,
                #context_local,
                #rt::near_sdk::NearToken::from_yoctonear(0),
                #callback_gas_local,
                #rt::near_sdk::GasWeight(0),
            )
    };
    // Only the gas check, the loop over a dynamic call's items and the final join differ
    // between a fan-out with a dynamic call and one without.
    let (check, list_loop, schedule) = match super::list_call(fan_out) {
        None => {
            // `check` guarantees at least one call; `and` joins the rest in list order.
            let first = promises.next().unwrap_or_default();
            (
                quote!(#rt::ensure_gas(#fan_out_name, #fixed_gas);),
                None,
                quote!(#first #(.and(#promises))*.then(#callback_promise)),
            )
        }
        Some((list_index, list)) => {
            let singles = match promises.next() {
                Some(first) => quote!(::core::option::Option::Some(#first #(.and(#promises))*)),
                None => quote!(::core::option::Option::None),
            };
            let single_count = fan_out.calls.len() - 1;
            let (items, list_gas) = (
                local("__parallel_items"),
                indexed("__parallel_gas", list_index),
            );
            let (promises_local, len) = (local("__parallel_list"), local("__parallel_list_len"));
            let collector = super::collector_name(fan_out).to_string();
            let (plan, groups) = (local("__parallel_plan"), local("__parallel_list_groups"));
            let max_len = fan_out.cap(list);
            let each = list.each.as_ref().expect("the list call has `each`");
            let items_expr = &each.items;
            let items_let = quote_spanned! {items_expr.span()=>
                let #items: ::std::vec::Vec<_> =
                    ::core::iter::IntoIterator::into_iter(#items_expr).collect();
            };
            let check = quote! {
                #items_let
                let #len: usize = #items.len();
                let #plan = #rt::DynamicPlan {
                    single_calls: #single_count,
                    fixed_gas: #fixed_gas,
                    per_call: #list_gas,
                    max_len: #max_len,
                };
                #rt::ensure_list_gas(#fan_out_name, &#plan, #len);
                let #groups: usize = #plan.groups(#len);
                let #callback_gas_local: #rt::near_sdk::Gas =
                    #callback_gas_local.saturating_add(#plan.list_read_gas(#len));
            };
            let schedule = quote! {
                #rt::then_callback(
                    #rt::join_list(
                        #singles,
                        #promises_local,
                        &#plan,
                        #collector,
                    ),
                    #callback_promise,
                )
            };
            (check, Some(list_loop(fan_out, list_index, list)), schedule)
        }
    };
    quote! {
        #(#attrs)*
        #doc
        #vis fn #name(#inputs) -> #rt::near_sdk::Promise {
            #(#gas_lets)*
            let #callback_gas_local: #rt::near_sdk::Gas = #callback_gas;
            #check
            #(#receiver_lets)*
            #(#deposit_lets)*
            #deposit_check
            #refund_to_let
            #list_loop
            let #context_local: ::std::vec::Vec<u8> = #context;
            #schedule
        }
    }
}

/// One promise per item of the dynamic call, and each receiver when the event needs it.
fn list_loop(fan_out: &FanOut, index: usize, call: &Call) -> TokenStream {
    let rt = runtime();
    let each = call.each.as_ref().expect("the list call has `each`");
    let pat = &each.pat;
    let (items, promises) = (local("__parallel_items"), local("__parallel_list"));
    let receivers = local("__parallel_list_receivers");
    let receiver_let = receiver(index, call);
    let receiver_local = indexed("__parallel_receiver", index);
    let promise = promise(fan_out, index, call);
    let events = fan_out.options.events();
    let receivers_let = events.then(|| {
        quote! {
            let mut #receivers: ::std::vec::Vec<#rt::near_sdk::AccountId> =
                ::std::vec::Vec::with_capacity(#items.len());
        }
    });
    let push_receiver =
        events.then(|| quote!(#receivers.push(::core::clone::Clone::clone(&#receiver_local));));
    quote! {
        let mut #promises: ::std::vec::Vec<#rt::near_sdk::Promise> =
            ::std::vec::Vec::with_capacity(#items.len());
        #receivers_let
        for #pat in #items {
            #receiver_let
            #push_receiver
            #promises.push(#promise);
        }
    }
}

/// Evaluates the receiver once, as an `AccountId`. Written `expr.clone()`, with `.clone()`
/// spanned on the expression's last token, so that a receiver of another type fails as
/// "expected `AccountId`, found `&str`" underlining the user's whole expression (rustc
/// spans an expression from its first token to its last; `Clone::clone(&expr)` would
/// underline one token, and speak of references).
fn receiver(index: usize, call: &Call) -> TokenStream {
    let rt = runtime();
    let expr = &call.receiver;
    let span = expr.span();
    let last = expr
        .to_token_stream()
        .into_iter()
        .last()
        .map_or(span, |token| token.span());
    let local = indexed("__parallel_receiver", index);
    let expr = match expr {
        Expr::Path(_)
        | Expr::Field(_)
        | Expr::MethodCall(_)
        | Expr::Call(_)
        | Expr::Index(_)
        | Expr::Paren(_)
        | Expr::Macro(_)
        | Expr::Try(_)
        | Expr::Await(_) => quote!(#expr),
        other => quote_spanned!(span=> (#other)),
    };
    let clone = quote_spanned!(last=> .clone());
    quote_spanned! {span=>
        let #local: #rt::near_sdk::AccountId = #expr #clone;
    }
}

/// Evaluates a deposit expression once; literal deposits need no local.
fn deposit(index: usize, call: &Call) -> TokenStream {
    let rt = runtime();
    let Some(Deposit::Expr(expr)) = &call.deposit else {
        return quote!();
    };
    let local = indexed("__parallel_deposit", index);
    quote_spanned!(expr.span()=> let #local: #rt::near_sdk::NearToken = #expr;)
}

/// With `refund_to`, NEAR refunds failed calls to an account the caller names, so the caller
/// must have paid the deposits: the fan-out refuses to run on the contract's own balance.
/// Literal deposits are summed here; the rest at run time, a dynamic call's once per item.
fn deposit_check(fan_out: &FanOut) -> Option<TokenStream> {
    fan_out.options.refund_to.as_ref()?;
    let rt = runtime();
    let mut literal: u128 = 0;
    let mut terms = Vec::new();
    for (index, call) in fan_out.calls.iter().enumerate() {
        match (&call.deposit, &call.each) {
            (None, _) => {}
            (Some(Deposit::Literal { yocto }), None) => literal = literal.saturating_add(*yocto),
            (Some(Deposit::Literal { yocto }), Some(_)) => {
                let len = local("__parallel_list_len");
                terms.push(quote! {
                    #rt::near_sdk::NearToken::from_yoctonear(#yocto)
                        .saturating_mul(#len as u128)
                });
            }
            (Some(Deposit::Expr(_)), _) => {
                terms.push(indexed("__parallel_deposit", index).into_token_stream());
            }
        }
    }
    if literal == 0 && terms.is_empty() {
        return None;
    }
    let fan_out_name = fan_out.method.sig.ident.unraw().to_string();
    Some(quote! {
        #rt::ensure_deposit(
            #fan_out_name,
            #rt::near_sdk::NearToken::from_yoctonear(#literal)
                #(.saturating_add(#terms))*,
        );
    })
}

/// Evaluates `refund_to` once, before any call is built: each call carrying a deposit names
/// it as the account NEAR refunds to should that call's receipt fail. NEAR then pays the
/// refund itself; the contract never relays it, so a callee that keeps a deposit and fails
/// later (in a promise it returns) cannot make the contract pay twice.
fn refund_to(fan_out: &FanOut) -> Option<TokenStream> {
    let rt = runtime();
    let expr = fan_out.options.refund_to.as_ref()?;
    let local = local("__parallel_refund_to");
    // Cloned, so that `refund_to = tipper` leaves `tipper` to the body and the calls' args.
    Some(quote_spanned! {expr.span()=>
        let #local: #rt::near_sdk::AccountId = ::core::clone::Clone::clone(&(#expr));
    })
}

/// One call's promise, with its receiver, arguments, deposit, gas and weight.
fn promise(fan_out: &FanOut, index: usize, call: &Call) -> TokenStream {
    let rt = runtime();
    let receiver = indexed("__parallel_receiver", index);
    let method = &call.method;
    let args = || encode::call_args(call.args.as_ref(), call.serializer, &call_name(index, call));
    let deposit = match &call.deposit {
        None => quote!(#rt::near_sdk::NearToken::from_yoctonear(0)),
        Some(Deposit::Literal { yocto }) => {
            quote!(#rt::near_sdk::NearToken::from_yoctonear(#yocto))
        }
        Some(Deposit::Expr(_)) => indexed("__parallel_deposit", index).into_token_stream(),
    };
    let gas = indexed("__parallel_gas", index);
    let weight = call
        .weight
        .as_ref()
        .or(fan_out.options.weight.as_ref())
        .map_or(0, |w| w.value);
    let refund = (fan_out.options.refund_to.is_some() && call.deposit.is_some()).then(|| {
        let to = local("__parallel_refund_to");
        quote!(.refund_to(::core::clone::Clone::clone(&#to)))
    });
    if let Some(typed) = &call.typed {
        // Through the interface's own builder, so it encodes the arguments, while the
        // receiver, gas and deposit stay ours to plan with and report.
        let (interface, method, args) = (&typed.interface, &typed.method, &typed.args);
        return quote! {
            #interface::ext(#receiver)
                .with_static_gas(#gas)
                .with_attached_deposit(#deposit)
                .with_unused_gas_weight(#weight)
                .#method(#args)
                #refund
        };
    }
    let args = args();
    quote! {
        #rt::near_sdk::Promise::new(#receiver).function_call_weight(
            #method,
            #args,
            #deposit,
            #gas,
            #rt::near_sdk::GasWeight(#weight),
        )
        #refund
    }
}

/// The callback's static gas: its `callback_gas`, plus what reading its single calls'
/// answers up to their caps may cost (a dynamic call's share is added at run time, once
/// its length is known). Summed here when both are literals.
fn callback_gas(fan_out: &FanOut) -> TokenStream {
    let rt = runtime();
    let bytes = fan_out.single_read_bytes();
    let reserve = (bytes as u64).saturating_mul(crate::check::READ_BYTE_GAS);
    match &fan_out.options.callback_gas {
        Some(GasAmount::Expr(_)) => {
            let given = gas_tokens(fan_out.options.callback_gas.as_ref(), 0);
            quote!(#given.saturating_add(#rt::near_sdk::Gas::from_gas(#reserve)))
        }
        Some(GasAmount::Literal { gas, .. }) => {
            let total = gas.saturating_add(reserve);
            quote!(#rt::near_sdk::Gas::from_gas(#total))
        }
        None => {
            let total = DEFAULT_CALLBACK_GAS.saturating_add(reserve);
            quote!(#rt::near_sdk::Gas::from_gas(#total))
        }
    }
}

fn gas_tokens(gas: Option<&GasAmount>, default: u64) -> TokenStream {
    let rt = runtime();
    match gas {
        None => quote!(#rt::near_sdk::Gas::from_gas(#default)),
        Some(GasAmount::Literal { gas, .. }) => quote!(#rt::near_sdk::Gas::from_gas(#gas)),
        Some(GasAmount::Expr(expr)) => {
            let gas = local("__gas");
            quote_spanned! {expr.span()=>
                {
                    let #gas: #rt::near_sdk::Gas = #expr;
                    #gas
                }
            }
        }
    }
}

fn doc(fan_out: &FanOut, callback: &Ident) -> TokenStream {
    let has_docs = fan_out
        .method
        .attrs
        .iter()
        .any(|attr| attr.path().is_ident("doc"));
    let separator = if has_docs {
        quote!(#[doc = ""])
    } else {
        quote!()
    };
    let count = super::single_calls(fan_out).count();
    let mut calls = match count {
        0 => String::new(),
        1 => "1 call".to_owned(),
        _ => format!("{count} calls"),
    };
    if super::list_call(fan_out).is_some() {
        let and = if count == 0 { "" } else { ", and " };
        calls.push_str(and);
        calls.push_str("one call per item of its dynamic call,");
    }
    let line = format!(" Makes {calls} at once; the answers reach [`Self::{callback}`].");
    quote!(#separator #[doc = #line])
}
