//! Generation: from a checked [`FanOut`] to the two methods that replace it. Nothing is
//! validated here; `check` has already refused what cannot be generated.

mod callback;
mod encode;
mod fan_out;
mod forward;

use crate::model::{Binding, Call, FanOut, Serializer};
use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Attribute, Ident, Type};

/// What the fan-out hands the callback besides the user's arguments, when anything.
pub struct Forwarding {
    /// How many single calls have their receiver forwarded, for the failure event.
    pub receivers: usize,
    /// Calls whose deposit is an expression, so only the fan-out knows its value.
    pub deposits: Vec<usize>,
    /// Set when the fan-out has a dynamic call: its length always travels, and its receivers
    /// too when the failure event is on.
    pub list: Option<ListForwarding>,
}

/// What a dynamic call forwards.
pub struct ListForwarding {
    pub receivers: bool,
}

impl Forwarding {
    pub fn of(fan_out: &FanOut) -> Option<Forwarding> {
        let events = fan_out.options.events();
        let receivers = if events {
            single_calls(fan_out).count()
        } else {
            0
        };
        let deposits: Vec<usize> = fan_out
            .calls
            .iter()
            .enumerate()
            .filter(|(_, call)| matches!(call.deposit, Some(crate::model::Deposit::Expr(_))))
            .map(|(index, _)| index)
            .collect();
        let list = list_call(fan_out).map(|_| ListForwarding { receivers: events });
        (receivers > 0 || !deposits.is_empty() || list.is_some()).then_some(Forwarding {
            receivers,
            deposits,
            list,
        })
    }
}

/// The calls made once each, in declaration order: results `0..n`.
fn single_calls(fan_out: &FanOut) -> impl Iterator<Item = (usize, &Call)> + Clone {
    fan_out
        .calls
        .iter()
        .enumerate()
        .filter(|(_, call)| call.each.is_none())
}

/// The dynamic call, if any, with its index among the calls (`check` makes it the last).
fn list_call(fan_out: &FanOut) -> Option<(usize, &Call)> {
    fan_out
        .calls
        .iter()
        .enumerate()
        .find(|(_, call)| call.each.is_some())
}

/// The name of a fan-out's collector, the method that gathers a group of a long dynamic call.
pub fn collector_name(fan_out: &FanOut) -> Ident {
    quote::format_ident!("{}_collect", fan_out.method.sig.ident.unraw())
}

/// A local variable of generated code. Mixed-site hygiene keeps it apart from the user's
/// names: the user's code cannot see it, and it cannot capture or shadow theirs.
fn local(name: &str) -> Ident {
    Ident::new(name, proc_macro2::Span::mixed_site())
}

/// The local `name_<index>` of one call.
fn indexed(name: &str, index: usize) -> Ident {
    local(&format!("{name}_{index}"))
}

/// The path generated code names the runtime by; it never relies on the user's imports.
fn runtime() -> TokenStream {
    quote!(::parallel_runtime::__private)
}

/// The fan-out method, its callback, and the constant naming its calls, in that order.
pub fn fan_out(fan_out: &FanOut, callback: &Ident) -> TokenStream {
    let (fan_out_attrs, callback_attrs) = split_attrs(&fan_out.method.attrs);
    let entry = fan_out::generate(fan_out, callback, &fan_out_attrs);
    let callback = callback::generate(fan_out, callback, &callback_attrs);
    let calls = calls_const(fan_out);
    let collector = list_call(fan_out).map(|(_, list)| callback::collector(fan_out, list));
    quote!(#entry #callback #collector #calls)
}

/// The name of the constant listing a fan-out's calls: `<FAN_OUT>_CALLS`.
pub fn calls_const_name(fan_out: &FanOut) -> Ident {
    let name = fan_out
        .method
        .sig
        .ident
        .to_string()
        .trim_start_matches("r#")
        .to_uppercase();
    quote::format_ident!("{name}_CALLS")
}

/// The calls' names in promise-result order, for tests (`parallel_runtime::testing`) and
/// for readers.
fn calls_const(fan_out: &FanOut) -> TokenStream {
    let name = calls_const_name(fan_out);
    let calls = fan_out
        .calls
        .iter()
        .enumerate()
        .map(|(index, call)| call_name(index, call));
    let doc = format!(
        " The calls of [`Self::{}`], in the order of their promise results.",
        fan_out.method.sig.ident
    );
    let vis = &fan_out.method.vis;
    quote! {
        #[doc = #doc]
        #vis const #name: &'static [&'static str] = &[#(#calls),*];
    }
}

/// Which of the user's method attributes belong to the fan-out and which to the callback:
/// near-sdk's result attributes describe what the aggregation returns, so they go to the
/// callback; doc comments and calling rules describe the public method.
fn split_attrs(attrs: &[Attribute]) -> (Vec<&Attribute>, Vec<&Attribute>) {
    let only_callback = ["handle_result", "result_serializer"];
    let only_fan_out = [
        "doc",
        "payable",
        "private",
        "deny_unknown_arguments",
        "serializer",
    ];
    let is = |attr: &Attribute, names: &[&str]| names.iter().any(|name| attr.path().is_ident(name));
    let fan_out = attrs
        .iter()
        .filter(|attr| !is(attr, &only_callback))
        .collect();
    let callback = attrs
        .iter()
        .filter(|attr| !is(attr, &only_fan_out))
        .collect();
    (fan_out, callback)
}

/// The type the call's answer is decoded into, for a call whose result is read.
fn value_type(call: &Call) -> &Type {
    match (&call.binding, &call.each) {
        (Binding::Result(inner), _) => inner,
        (Binding::Required | Binding::Fallback(_), Some(each)) => &each.result_ty,
        (Binding::Required | Binding::Fallback(_), None) => &call.ty,
    }
}

/// The decoder for a call: `()` takes an empty answer whatever the serializer.
fn decoder(call: &Call) -> TokenStream {
    match (value_type(call), call.result_serializer) {
        (Type::Tuple(tuple), _) if tuple.elems.is_empty() => {
            quote!(::parallel_runtime::decode::Unit)
        }
        (_, Serializer::Json) => quote!(::parallel_runtime::decode::Json),
        (_, Serializer::Borsh) => quote!(::parallel_runtime::decode::Borsh),
    }
}

/// The name a call goes by in messages: its binding, or its position when it has none.
fn call_name(index: usize, call: &Call) -> String {
    match &call.name {
        Some(name) => syn::ext::IdentExt::unraw(name).to_string(),
        None => format!("#{index}"),
    }
}
