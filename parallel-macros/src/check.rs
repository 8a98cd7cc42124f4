//! Validation: the rules a fan-out must follow, one small function each, each error on
//! the token that breaks the rule.

use crate::errors::Errors;
use crate::model::{Args, Binding, Call, FanOut, GasAmount, Serializer};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Error, FnArg, Visibility};

/// The protocol joins at most this many promises into one callback
/// (`max_number_input_data_dependencies`).
pub const MAX_CALLS: usize = 128;
/// Prepaid gas per transaction since protocol 83: 1 PGas.
pub const MAX_GAS: u64 = 1_000_000_000_000_000;
/// The callback's static gas unless `callback_gas` says otherwise (documented in the runtime).
pub const DEFAULT_CALLBACK_GAS: u64 = 10_000_000_000_000;
/// What the callback reserves per byte of answer it may read, as
/// `parallel_runtime::gas::READ_BYTE_GAS`.
pub const READ_BYTE_GAS: u64 = 40_000_000;

pub fn fan_out(fan_out: &FanOut, errors: &mut Errors) {
    signature(fan_out, errors);
    call_count(fan_out, errors);
    unique_names(fan_out, errors);
    every_call_has_gas(fan_out, errors);
    static_gas_fits(fan_out, errors);
    call_lists(fan_out, errors);
    refunds_are_paid_by_the_caller(fan_out, errors);
    list_items_stay_in_their_loop(fan_out, errors);
    for call in &fan_out.calls {
        unread_calls_take_no_reading_options(call, errors);
        borsh_args_are_one_value(call, errors);
        typed_calls_encode_their_own_arguments(call, errors);
    }
}

/// A typed call's interface encodes its arguments: `args` and `serializer` would be ignored.
fn typed_calls_encode_their_own_arguments(call: &Call, errors: &mut Errors) {
    let Some(typed) = &call.typed else { return };
    let method = &typed.method;
    if call.args.is_some() || call.serializer != Serializer::Json {
        errors.push(Error::new_spanned(
            method,
            format!(
                "`{method}(...)` goes through its `#[ext_contract]` interface, which encodes \
                 the arguments: pass them in the call and remove `args` and `serializer`"
            ),
        ));
    }
}

/// Borsh has no field names, so an object literal would silently mean a tuple.
fn borsh_args_are_one_value(call: &Call, errors: &mut Errors) {
    if let (Some(Args::Object(_)), Serializer::Borsh) = (&call.args, call.serializer) {
        let args = call
            .attr
            .meta
            .require_list()
            .map_or_else(|_| call.attr.to_token_stream(), |list| list.tokens.clone());
        errors.push(Error::new_spanned(
            args,
            "Borsh arguments are one value: write `args = (a, b)` or a struct, not `{ ... }`",
        ));
    }
}

/// The method must be one near-sdk can export and we can split in two.
fn signature(fan_out: &FanOut, errors: &mut Errors) {
    let sig = &fan_out.method.sig;
    if let Some(token) = &sig.asyncness {
        errors.push(Error::new_spanned(
            token,
            "a fan-out cannot be `async`: remove `async`",
        ));
    }
    if let Some(token) = &sig.constness {
        errors.push(Error::new_spanned(
            token,
            "a fan-out cannot be `const`: remove `const`",
        ));
    }
    if let Some(token) = &sig.unsafety {
        errors.push(Error::new_spanned(
            token,
            "a fan-out cannot be `unsafe`: remove `unsafe`",
        ));
    }
    if let Some(abi) = &sig.abi {
        errors.push(Error::new_spanned(
            abi,
            "a fan-out cannot have an ABI: remove it",
        ));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.push(Error::new_spanned(
            &sig.generics,
            "a fan-out cannot be generic: remove the type parameters and use concrete types, \
             near-sdk exports only non-generic methods",
        ));
    }
    if let Some(FnArg::Receiver(receiver)) = sig.inputs.first() {
        if receiver.reference.is_none() {
            errors.push(Error::new_spanned(
                receiver,
                "a fan-out takes `&self` or `&mut self`, not `self`: its callback needs the \
                 contract state back",
            ));
        }
    }
    if !matches!(fan_out.method.vis, Visibility::Public(_)) {
        errors.push(Error::new_spanned(
            &sig.ident,
            format!(
                "a fan-out must be public: write `pub fn {}`, near-sdk exports only `pub` methods",
                sig.ident
            ),
        ));
    }
    for attr in &fan_out.method.attrs {
        if attr.path().is_ident("init") {
            errors.push(Error::new_spanned(attr, "a fan-out cannot be `#[init]`"));
        }
    }
}

fn call_count(fan_out: &FanOut, errors: &mut Errors) {
    if fan_out.calls.is_empty() {
        errors.push(Error::new(
            fan_out.attr_span,
            "a fan-out needs at least one call: mark a parameter with \
             `#[call(self.hello_account, \"get_greeting\", gas = 5 Tgas)] hello: String`",
        ));
    }
    if let Some(extra) = fan_out.calls.get(MAX_CALLS) {
        errors.push(Error::new_spanned(
            &extra.attr,
            format!(
                "at most {MAX_CALLS} calls can join into one callback (the protocol's limit) \
                 and this is call {}: move the rest to a second fan-out",
                MAX_CALLS + 1
            ),
        ));
    }
}

/// Every parameter, call or not, has its own name (`r#x` and `x` are one name), and none
/// takes the key the framework forwards under.
fn unique_names(fan_out: &FanOut, errors: &mut Errors) {
    let context = fan_out.context.iter().map(|param| &param.ident);
    let calls = fan_out.calls.iter().filter_map(|call| call.name.as_ref());
    let mut seen: Vec<String> = Vec::new();
    for name in context.chain(calls) {
        let plain = name.unraw().to_string();
        if plain == "__parallel" {
            errors.push(Error::new_spanned(
                name,
                "`__parallel` is reserved: the fan-out forwards its own data to the callback \
                 under that name; rename this parameter",
            ));
        } else if seen.contains(&plain) {
            errors.push(Error::new_spanned(
                name,
                format!("`{plain}` already names a parameter: give each its own name"),
            ));
        }
        seen.push(plain);
    }
}

/// Options that only matter when the answer is read make no sense on `_`.
fn unread_calls_take_no_reading_options(call: &Call, errors: &mut Errors) {
    if call.name.is_some() {
        return;
    }
    let mut given = Vec::new();
    if matches!(call.binding, Binding::Fallback(_)) {
        given.push("fallback");
    }
    if call.max_len.is_some() {
        given.push("max_len");
    }
    if call.result_serializer != Serializer::Json {
        given.push("result_serializer");
    }
    if !given.is_empty() {
        errors.push(Error::new_spanned(
            &call.pat,
            format!(
                "`_` makes the call without reading its answer, so {} cannot apply: remove it, \
                 or name the parameter to read the answer",
                given
                    .iter()
                    .map(|option| format!("`{option}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
}

fn every_call_has_gas(fan_out: &FanOut, errors: &mut Errors) {
    let list = &fan_out.options;
    for call in &fan_out.calls {
        let has_gas = call.gas.is_some() || call.weight.is_some();
        let zero_static = matches!(
            call.gas.as_ref().or(list.gas.as_ref()),
            Some(GasAmount::Literal { gas: 0, .. })
        );
        if zero_static
            && call
                .weight
                .as_ref()
                .or(list.weight.as_ref())
                .is_none_or(|w| w.value == 0)
        {
            errors.push(Error::new_spanned(
                &call.attr,
                "this call gets no gas at all (0 static, no weight), so it always runs out: give \
                 it e.g. `gas = 5 Tgas`, or `weight = 1` for a share of the unused gas",
            ));
        }
        if !has_gas && list.gas.is_none() && list.weight.is_none() {
            errors.push(Error::new_spanned(
                &call.attr,
                "this call has no gas: add `gas = 5 Tgas` (or `weight = 1`) to this `#[call(...)]`, \
                 or a default for every call to `#[parallel_calls(...)]`",
            ));
        }
    }
}

/// With every amount a literal, the total is known now and must fit one transaction.
fn static_gas_fits(fan_out: &FanOut, errors: &mut Errors) {
    let callback = match &fan_out.options.callback_gas {
        Some(GasAmount::Literal { gas: 0, span }) => {
            errors.push(Error::new(
                *span,
                "the callback needs gas, e.g. `callback_gas = 10 Tgas`",
            ));
            return;
        }
        Some(GasAmount::Literal { gas, .. }) => *gas,
        Some(GasAmount::Expr(_)) => return,
        None => DEFAULT_CALLBACK_GAS,
    };
    let reading = fan_out.single_read_bytes() as u128;
    let mut total = u128::from(callback) + reading * u128::from(READ_BYTE_GAS);
    // A dynamic call's length is only known at run time, where the fan-out checks it.
    for call in fan_out.calls.iter().filter(|call| call.each.is_none()) {
        match call.gas.as_ref().or(fan_out.options.gas.as_ref()) {
            Some(GasAmount::Literal { gas, .. }) => total += u128::from(*gas),
            Some(GasAmount::Expr(_)) => return,
            None => {}
        }
    }
    if total > u128::from(MAX_GAS) {
        errors.push(Error::new(
            fan_out.attr_span,
            format!(
                "the calls and the callback (with its reserve for reading the answers up to \
                 their caps) need {} Tgas of static gas, over the 1000 Tgas (1 PGas) one \
                 transaction can attach: lower the calls' gas or their `max_len`",
                total / 1_000_000_000_000
            ),
        ));
    }
}

/// `refund_to` has NEAR refund failed calls to an account the caller names, so the caller
/// pays the deposits: the fan-out checks the attached deposit, and near-sdk accepts one only
/// on a `#[payable]` method. Without any deposit, `refund_to` would do nothing.
fn refunds_are_paid_by_the_caller(fan_out: &FanOut, errors: &mut Errors) {
    let Some(refund_to) = &fan_out.options.refund_to else {
        return;
    };
    let deposits = fan_out.calls.iter().any(|call| call.deposit.is_some());
    let payable = fan_out
        .method
        .attrs
        .iter()
        .any(|attr| attr.path().is_ident("payable"));
    if !deposits {
        errors.push(Error::new_spanned(
            refund_to,
            "`refund_to` names where NEAR refunds the deposits of failed calls, but no call \
             here carries a deposit: remove it, or give the calls that need one a `deposit`",
        ));
    }
    if deposits && !payable {
        errors.push(Error::new_spanned(
            refund_to,
            "with `refund_to`, the caller pays the calls' deposits (the fan-out checks the \
             attached deposit), so mark the fan-out `#[payable]`",
        ));
    }
}

/// A dynamic call's item exists only inside the loop that makes its calls. Gas is planned
/// and `refund_to` evaluated before that loop runs, and a fallback in the callback after it,
/// so none of them may name the item: rustc would only say it cannot find the value.
fn list_items_stay_in_their_loop(fan_out: &FanOut, errors: &mut Errors) {
    let Some(list) = fan_out.calls.iter().find(|call| call.each.is_some()) else {
        return;
    };
    let Some(each) = &list.each else {
        return;
    };
    let params: Vec<String> = fan_out
        .context
        .iter()
        .map(|param| param.ident.to_string())
        .collect();
    let items: Vec<String> = crate::tokens::idents(each.pat.to_token_stream())
        .into_iter()
        .map(|ident| ident.to_string())
        .filter(|name| !matches!(name.as_str(), "ref" | "mut" | "_") && !params.contains(name))
        .collect();
    let gas = |amount: Option<&GasAmount>| match amount {
        Some(GasAmount::Expr(expr)) => Some(expr.to_token_stream()),
        _ => None,
    };
    let list_gas = gas(list.gas.as_ref()).or_else(|| match list.gas {
        None => gas(fan_out.options.gas.as_ref()),
        Some(_) => None,
    });
    let checks = [
        (
            list_gas,
            "a dynamic call's gas is the same for every item, since the fan-out plans the \
             whole list with it before making any call",
        ),
        (
            gas(fan_out.options.callback_gas.as_ref()),
            "the callback's gas is planned before any call of the list is made",
        ),
        (
            match &list.binding {
                Binding::Fallback(fallback) => Some(fallback.to_token_stream()),
                _ => None,
            },
            "a fallback stands in for a failed item in the callback, where the loop over the \
             items no longer runs",
        ),
        (
            fan_out
                .options
                .refund_to
                .as_ref()
                .map(ToTokens::to_token_stream),
            "`refund_to` is evaluated once, in the fan-out, before any call of the list is made",
        ),
    ];
    for (tokens, why) in checks {
        let Some(tokens) = tokens else { continue };
        if let Some(item) = crate::tokens::idents(tokens)
            .into_iter()
            .find(|ident| items.contains(&ident.to_string()))
        {
            errors.push(Error::new(
                item.span(),
                format!(
                    "`{item}` is the dynamic call's item, known only inside its loop: {why}; \
                     write this without `{item}`"
                ),
            ));
        }
    }
}

/// A dynamic call comes last, once, bound to a name, with a deposit known to every item.
fn call_lists(fan_out: &FanOut, errors: &mut Errors) {
    let lists: Vec<(usize, &Call)> = fan_out
        .calls
        .iter()
        .enumerate()
        .filter(|(_, call)| call.each.is_some())
        .collect();
    for (_, extra) in lists.iter().skip(1) {
        errors.push(Error::new_spanned(
            &extra.attr,
            "a fan-out has at most one dynamic call (`for ... in ...`): make this one a second \
             fan-out, or chain the two lists into one",
        ));
    }
    let Some((position, list)) = lists.first() else {
        return;
    };
    // With two dynamic calls, one is not last anyway: the error above says what to do.
    if *position + 1 != fan_out.calls.len() && lists.len() == 1 {
        errors.push(Error::new_spanned(
            &list.attr,
            "a dynamic call comes after the fan-out's single calls, as its results follow \
             theirs: move this parameter below the last `#[call(...)]`",
        ));
    }
    if list.name.is_none() {
        errors.push(Error::new_spanned(
            &list.pat,
            "a dynamic call's results bind to a name: `_` cannot receive them",
        ));
    }
    if let Some(crate::model::Deposit::Expr(expr)) = &list.deposit {
        errors.push(Error::new_spanned(
            expr,
            "a dynamic call's deposit is written as an amount, the same for every item \
             (`deposit = 1 NEAR`): a computed deposit would have to travel to the callback \
             once per item",
        ));
    }
}
