//! One call: a parameter marked `#[call(receiver, "method", key = value, ...)]`.

use super::{entries, json, values};
use crate::errors::Errors;
use crate::model::{Args, Binding, Call, Serializer, TypedCall};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{
    token, Attribute, Error, Expr, GenericArgument, LitStr, Pat, PatType, PathArguments, Token,
    Type,
};

pub const KEYS: &[&str] = &[
    "args",
    "gas",
    "weight",
    "deposit",
    "fallback",
    "max_len",
    "serializer",
    "result_serializer",
];

const EXAMPLE: &str = "#[call(self.hello_account, \"get_greeting\", gas = 5 Tgas)]";

/// Builds a call from its parameter and its `#[call]` attribute.
pub fn parse(param: &PatType, attr: &Attribute, errors: &mut Errors) -> Option<Call> {
    let name = match &*param.pat {
        Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => Some(pat.ident.clone()),
        Pat::Wild(_) => None,
        other => {
            errors.push(Error::new_spanned(
                other,
                "a call's result binds to a plain name (or `_` to not read it)",
            ));
            return None;
        }
    };
    let tokens = match &attr.meta {
        syn::Meta::List(list) => list.tokens.clone(),
        _ => {
            errors.push(Error::new_spanned(
                attr,
                format!("say whom to call: `{EXAMPLE}`"),
            ));
            return None;
        }
    };
    for other in &param.attrs {
        if other.path().is_ident("cfg") || other.path().is_ident("cfg_attr") {
            errors.push(Error::new_spanned(
                other,
                "a call cannot be conditional: `#[cfg]` would leave the call in the fan-out; \
                 put the whole fan-out method under `#[cfg]` instead",
            ));
            return None;
        }
    }
    let mut fields = Fields::default();
    let parsed = (|input: ParseStream| fields.parse(input, errors)).parse2(tokens);
    // Running out of tokens is reported at the end of the input, which for an attribute's
    // tokens is the macro's call site; the `#[call]` itself is where the mistake is.
    let parsed = parsed.map_err(|error| {
        if error.to_string().starts_with("unexpected end of input") {
            Error::new_spanned(attr, error.to_string())
        } else {
            error
        }
    });
    let (each, receiver, (method, typed)) = errors.take(parsed)?;
    let each = match each {
        Some((pat, items)) => {
            let Some(result_ty) = vec_item(&param.ty) else {
                errors.push(Error::new_spanned(
                    &param.ty,
                    "a dynamic call gives one result per item: make the parameter \
                     `Vec<CallResult<T>>`, or `Vec<T>` with a `fallback` for each failed item",
                ));
                return None;
            };
            Some(crate::model::Each {
                pat,
                items,
                result_ty,
            })
        }
        None => None,
    };
    let result_ty = each.as_ref().map_or(&*param.ty, |each| &each.result_ty);
    let binding = match (result_type(result_ty), fields.fallback) {
        (Some(inner), None) => Binding::Result(inner),
        (Some(inner), Some(fallback)) => {
            let inner = inner.to_token_stream();
            errors.push(Error::new_spanned(
                fallback,
                format!(
                    "a `{}` receives the error itself and takes no fallback: remove \
                     `fallback`, or make it `{inner}` to get the fallback instead",
                    type_name(result_ty)
                ),
            ));
            return None;
        }
        (None, Some(fallback)) => Binding::Fallback(fallback),
        (None, None) => Binding::Required,
    };
    Some(Call {
        // Doc comments would be "unused" on a `let`; lint attributes keep their meaning.
        attrs: param
            .attrs
            .iter()
            .filter(|attr| !attr.path().is_ident("doc"))
            .cloned()
            .collect(),
        name,
        pat: (*param.pat).clone(),
        ty: (*param.ty).clone(),
        binding,
        receiver,
        method,
        typed,
        args: fields.args,
        serializer: fields.serializer.unwrap_or(Serializer::Json),
        result_serializer: fields.result_serializer.unwrap_or(Serializer::Json),
        deposit: fields.deposit,
        gas: fields.gas,
        weight: fields.weight,
        max_len: fields.max_len,
        attr: attr.clone(),
        each,
    })
}

/// What a call starts with: `for item in items,` if it is dynamic, the receiver, and the
/// method (a typed call's too).
type Head = (Option<(Pat, Expr)>, Expr, (LitStr, Option<TypedCall>));

/// The `key = value` options of one call.
#[derive(Default)]
struct Fields {
    args: Option<Args>,
    gas: Option<crate::model::GasAmount>,
    weight: Option<crate::model::Weight>,
    deposit: Option<crate::model::Deposit>,
    fallback: Option<Expr>,
    max_len: Option<crate::model::ByteSize>,
    serializer: Option<Serializer>,
    result_serializer: Option<Serializer>,
}

impl Fields {
    /// Parses `receiver, "method", options...`, returning the receiver and method.
    fn parse(&mut self, input: ParseStream, errors: &mut Errors) -> syn::Result<Head> {
        let each = parse_each(input)?;
        let receiver = parse_receiver(input)?;
        let method = parse_method(input)?;
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
        entries::parse(input, KEYS, errors, |key, input| {
            match key.to_string().as_str() {
                "args" => entries::set_once(&mut self.args, key, parse_args(input)?),
                "gas" => entries::set_once(&mut self.gas, key, values::gas(input)?),
                "weight" => entries::set_once(&mut self.weight, key, values::weight(input)?),
                "deposit" => entries::set_once(&mut self.deposit, key, values::deposit(input)?),
                "fallback" => entries::set_once(&mut self.fallback, key, input.parse()?),
                "max_len" => entries::set_once(&mut self.max_len, key, values::max_len(input)?),
                "serializer" => {
                    entries::set_once(&mut self.serializer, key, values::serializer(input)?)
                }
                "result_serializer" => {
                    entries::set_once(&mut self.result_serializer, key, values::serializer(input)?)
                }
                _ => unreachable!("entries::parse only passes known keys"),
            }
        });
        Ok((each, receiver, method))
    }
}

/// `for item in items,` at the start of a dynamic call.
fn parse_each(input: ParseStream) -> syn::Result<Option<(Pat, Expr)>> {
    if !input.peek(Token![for]) {
        return Ok(None);
    }
    input.parse::<Token![for]>()?;
    let pat = Pat::parse_single(input)?;
    input.parse::<Token![in]>()?;
    let items: Expr = input.parse()?;
    if !input.peek(Token![,]) {
        return Err(input.error(
            "expected `,` and the receiver: `#[call(for token in tokens, token, \"ft_balance_of\", \
             gas = 5 Tgas)]`",
        ));
    }
    input.parse::<Token![,]>()?;
    Ok(Some((pat, items)))
}

fn parse_receiver(input: ParseStream) -> syn::Result<Expr> {
    if input.is_empty() {
        return Err(input.error(format!("say whom to call: `{EXAMPLE}`")));
    }
    let receiver: Expr = input.parse()?;
    if let Expr::Assign(assign) = &receiver {
        return Err(Error::new_spanned(
            &assign.left,
            format!("a call starts with its receiver and method, unnamed: `{EXAMPLE}`"),
        ));
    }
    if !input.peek(Token![,]) {
        return Err(input.error(format!("expected `,` and the method name: `{EXAMPLE}`")));
    }
    input.parse::<Token![,]>()?;
    Ok(receiver)
}

/// The method: a string, or a typed call through an `#[ext_contract]` interface.
fn parse_method(input: ParseStream) -> syn::Result<(LitStr, Option<TypedCall>)> {
    if input.peek(LitStr) {
        return by_name(input).map(|method| (method, None));
    }
    let fork = input.fork();
    if let Ok(Expr::Call(call)) = fork.parse::<Expr>() {
        if let Expr::Path(path) = &*call.func {
            if path.path.segments.len() >= 2 && path.qself.is_none() {
                input.parse::<Expr>()?;
                let mut interface = path.path.clone();
                let method = interface.segments.pop().map(|pair| pair.into_value().ident);
                let method = method.expect("a path of two segments or more has a last one");
                interface.segments.pop_punct();
                let name = LitStr::new(&method.unraw().to_string(), method.span());
                let typed = TypedCall {
                    interface,
                    method,
                    args: call.args,
                };
                return Ok((name, Some(typed)));
            }
        }
    }
    by_name(input).map(|method| (method, None))
}

fn by_name(input: ParseStream) -> syn::Result<LitStr> {
    if input.peek(LitStr) {
        let method: LitStr = input.parse()?;
        let name = method.value();
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_');
        if !valid {
            return Err(Error::new_spanned(
                &method,
                "a method name is letters, digits and `_`",
            ));
        }
        return Ok(method);
    }
    let found: proc_macro2::TokenTree = input.parse()?;
    Err(Error::new_spanned(
        &found,
        format!(
            "the method is a string, `\"{found}\"`, or a typed call through an \
             `#[ext_contract]` interface, e.g. `ext_ft::ft_balance_of(account_id)`"
        ),
    ))
}

fn parse_args(input: ParseStream) -> syn::Result<Args> {
    if input.peek(token::Brace) {
        let content;
        syn::braced!(content in input);
        return json::parse_object(&content)
            .map(Args::Object)
            .inspect_err(|_| {
                // Consume what is left, so the one error is not followed by "expected `}`".
                let _ = content.parse::<proc_macro2::TokenStream>();
            });
    }
    input.parse().map(Args::Expr)
}

/// The last segment's name of a path type (`CallResult`), for messages.
fn type_name(ty: &Type) -> String {
    match ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .map_or_else(String::new, |segment| segment.ident.to_string()),
        other => other.to_token_stream().to_string(),
    }
}

/// `X` when the parameter type is `Vec<X>`.
fn vec_item(ty: &Type) -> Option<Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let PathArguments::AngleBracketed(generics) = &last.arguments else {
        return None;
    };
    match (
        last.ident == "Vec",
        generics.args.first(),
        generics.args.len(),
    ) {
        (true, Some(GenericArgument::Type(item)), 1) => Some(item.clone()),
        _ => None,
    }
}

/// `T` when the parameter type is `CallResult<T>` or `Result<T, CallError>`.
fn result_type(ty: &Type) -> Option<Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let PathArguments::AngleBracketed(generics) = &last.arguments else {
        return None;
    };
    let types: Vec<&Type> = generics
        .args
        .iter()
        .filter_map(|arg| match arg {
            GenericArgument::Type(ty) => Some(ty),
            _ => None,
        })
        .collect();
    match (last.ident.to_string().as_str(), types.as_slice()) {
        ("CallResult", [inner]) => Some((*inner).clone()),
        ("Result", [inner, Type::Path(error)])
            if error
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "CallError") =>
        {
            Some((*inner).clone())
        }
        _ => None,
    }
}
