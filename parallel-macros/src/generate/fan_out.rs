//! The public method: schedules every call, joined, then the callback.

use super::{call_name, encode, runtime};
use crate::check::DEFAULT_CALLBACK_GAS;
use crate::model::{Call, Deposit, FanOut, GasAmount};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, Ident};

pub fn generate(fan_out: &FanOut, callback: &Ident, attrs: &[&Attribute]) -> TokenStream {
    let rt = runtime();
    let method = &fan_out.method;
    let (vis, name, inputs) = (&method.vis, &method.sig.ident, &method.sig.inputs);
    let doc = doc(fan_out, callback);
    let gas_lets = fan_out.calls.iter().enumerate().map(|(index, call)| {
        let gas = call_gas(fan_out, call);
        let local = format_ident!("__parallel_gas_{index}");
        quote!(let #local: #rt::near_sdk::Gas = #gas;)
    });
    let callback_gas = gas_tokens(fan_out.options.callback_gas.as_ref(), DEFAULT_CALLBACK_GAS);
    let needed = (0..fan_out.calls.len()).map(|index| format_ident!("__parallel_gas_{index}"));
    let mut promises = fan_out
        .calls
        .iter()
        .enumerate()
        .map(|(index, call)| promise(fan_out, index, call));
    // `check` guarantees at least one call; `and` joins the rest in list order.
    let first = promises.next().unwrap_or_default();
    let context = encode::context_args(&super::forward::forwarded(fan_out));
    let callback_name = callback.to_string();
    let fan_out_name = name.to_string();
    quote! {
        #(#attrs)*
        #doc
        #vis fn #name(#inputs) -> #rt::near_sdk::Promise {
            #(#gas_lets)*
            let __parallel_callback_gas: #rt::near_sdk::Gas = #callback_gas;
            #rt::ensure_gas(
                #fan_out_name,
                __parallel_callback_gas #(.saturating_add(#needed))*,
            );
            #first #(.and(#promises))*.then(
                #rt::near_sdk::Promise::new(#rt::near_sdk::env::current_account_id())
                    .function_call_weight(
                        #callback_name,
                        #context,
                        #rt::near_sdk::NearToken::from_yoctonear(0),
                        __parallel_callback_gas,
                        #rt::near_sdk::GasWeight(0),
                    ),
            )
        }
    }
}

/// One call's promise, with its receiver, arguments, deposit, gas and weight.
fn promise(fan_out: &FanOut, index: usize, call: &Call) -> TokenStream {
    let rt = runtime();
    let receiver = &call.receiver;
    let receiver = quote_spanned! {receiver.span()=>
        {
            let __receiver: #rt::near_sdk::AccountId = ::core::clone::Clone::clone(&(#receiver));
            __receiver
        }
    };
    let method = &call.method;
    let args = encode::call_args(call.args.as_ref(), call.serializer, &call_name(index, call));
    let deposit = match &call.deposit {
        None => quote!(#rt::near_sdk::NearToken::from_yoctonear(0)),
        Some(Deposit::Literal { yocto }) => {
            quote!(#rt::near_sdk::NearToken::from_yoctonear(#yocto))
        }
        Some(Deposit::Expr(expr)) => quote_spanned! {expr.span()=>
            {
                let __deposit: #rt::near_sdk::NearToken = #expr;
                __deposit
            }
        },
    };
    let gas = format_ident!("__parallel_gas_{index}");
    let weight = call
        .weight
        .as_ref()
        .or(fan_out.options.weight.as_ref())
        .map_or(0, |w| w.value);
    quote! {
        #rt::near_sdk::Promise::new(#receiver).function_call_weight(
            #method,
            #args,
            #deposit,
            #gas,
            #rt::near_sdk::GasWeight(#weight),
        )
    }
}

/// A call's static gas: its own, else the list's default, else none (weight only).
fn call_gas(fan_out: &FanOut, call: &Call) -> TokenStream {
    gas_tokens(call.gas.as_ref().or(fan_out.options.gas.as_ref()), 0)
}

fn gas_tokens(gas: Option<&GasAmount>, default: u64) -> TokenStream {
    let rt = runtime();
    match gas {
        None => quote!(#rt::near_sdk::Gas::from_gas(#default)),
        Some(GasAmount::Literal { gas, .. }) => quote!(#rt::near_sdk::Gas::from_gas(#gas)),
        Some(GasAmount::Expr(expr)) => quote_spanned! {expr.span()=>
            {
                let __gas: #rt::near_sdk::Gas = #expr;
                __gas
            }
        },
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
    let line = format!(
        " Fans out to {} call(s) at once; their answers reach [`Self::{callback}`].",
        fan_out.calls.len()
    );
    quote!(#separator #[doc = #line])
}
