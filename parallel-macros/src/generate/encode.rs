//! Arguments as bytes: constant ones as byte-string literals, the rest written at run
//! time straight into one buffer, with no intermediate JSON value.

use super::{indexed, Forwarding};
use crate::model::{Args, ContextParam, JsonObject, JsonValue, Serializer};
use crate::parse::quote_json;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Expr, LitByteStr};

/// A piece of JSON text: known now, the JSON of an expression, or a statement that writes
/// into `__args` itself.
enum Piece<'a> {
    Text(String),
    Value { expr: &'a Expr, what: String },
    Write(TokenStream),
}

/// The expression, of type `Vec<u8>`, for a call's arguments.
pub fn call_args(args: Option<&Args>, serializer: Serializer, call: &str) -> TokenStream {
    let what = format!("the arguments of call `{call}`");
    match (args, serializer) {
        (None, Serializer::Json) => constant(b"{}"),
        (None, Serializer::Borsh) => quote!(::std::vec::Vec::<u8>::new()),
        (Some(Args::Object(object)), Serializer::Json) => {
            let mut pieces = Vec::new();
            object_pieces(object, &what, &mut pieces);
            json(&pieces)
        }
        (Some(Args::Object(_)), Serializer::Borsh) => {
            unreachable!("check rejects an object literal with Borsh")
        }
        (Some(Args::Expr(expr)), Serializer::Json) => json(&[Piece::Value { expr, what }]),
        (Some(Args::Expr(expr)), Serializer::Borsh) => {
            let rt = super::runtime();
            let buffer = super::local("__args");
            let write =
                quote_spanned!(expr.span()=> #rt::write_borsh(&mut #buffer, &(#expr), #what));
            quote!({
                let mut #buffer = ::std::vec::Vec::<u8>::new();
                #write;
                #buffer
            })
        }
    }
}

/// The callback's arguments: the fan-out's own arguments the callback needs, as a JSON
/// object named as the callback's parameters are, plus what the framework forwards under
/// `__parallel`; nothing at all when there is neither.
pub fn context_args(context: &[&ContextParam], forwarding: Option<&Forwarding>) -> TokenStream {
    if context.is_empty() && forwarding.is_none() {
        return quote!(::std::vec::Vec::<u8>::new());
    }
    let exprs: Vec<Expr> = context
        .iter()
        .map(|param| {
            let ident = &param.ident;
            syn::parse_quote_spanned!(param.ty.span()=> #ident)
        })
        .collect();
    let mut pieces = vec![Piece::Text("{".to_owned())];
    for (index, (param, expr)) in context.iter().zip(&exprs).enumerate() {
        let comma = if index == 0 { "" } else { "," };
        let key = quote_json(&param.ident.unraw().to_string());
        pieces.push(Piece::Text(format!("{comma}{key}:")));
        let what = format!("argument `{}` for the callback", param.ident.unraw());
        pieces.push(Piece::Value { expr, what });
    }
    if let Some(forwarding) = forwarding {
        let comma = if context.is_empty() { "" } else { "," };
        pieces.push(Piece::Text(format!("{comma}\"__parallel\":\"")));
        forwarded_pieces(forwarding, &mut pieces);
        pieces.push(Piece::Text("\"".to_owned()));
    }
    pieces.push(Piece::Text("}".to_owned()));
    json(&pieces)
}

/// The forwarded string's content, `<deposit>,...;<list length>;<groups>;<receiver>,...`,
/// from the fan-out's locals (see `parallel_runtime::__private::Forwarded`). The short
/// fields come first, so reading them never scans the receivers, which only a callback
/// reporting failures reads.
fn forwarded_pieces(forwarding: &Forwarding, pieces: &mut Vec<Piece>) {
    let rt = super::runtime();
    let buffer = super::local("__args");
    for (position, index) in forwarding.deposits.iter().enumerate() {
        if position > 0 {
            pieces.push(Piece::Text(",".to_owned()));
        }
        let local = indexed("__parallel_deposit", *index);
        pieces.push(Piece::Write(
            quote!(#rt::write_yocto(&mut #buffer, #local);),
        ));
    }
    pieces.push(Piece::Text(";".to_owned()));
    if forwarding.list.is_some() {
        let len = super::local("__parallel_list_len");
        pieces.push(Piece::Write(quote!(#rt::write_count(&mut #buffer, #len);)));
    }
    pieces.push(Piece::Text(";".to_owned()));
    if forwarding.list.is_some() {
        let groups = super::local("__parallel_list_groups");
        pieces.push(Piece::Write(
            quote!(#rt::write_count(&mut #buffer, #groups);),
        ));
    }
    pieces.push(Piece::Text(";".to_owned()));
    for index in 0..forwarding.receivers {
        if index > 0 {
            pieces.push(Piece::Text(",".to_owned()));
        }
        let local = indexed("__parallel_receiver", index);
        pieces.push(Piece::Write(
            quote!(#rt::write_account(&mut #buffer, &#local);),
        ));
    }
    if let Some(list) = &forwarding.list {
        if list.receivers {
            let receivers = super::local("__parallel_list_receivers");
            let comma = forwarding.receivers > 0;
            pieces.push(Piece::Write(
                quote!(#rt::write_accounts(&mut #buffer, &#receivers, #comma);),
            ));
        }
    }
}

fn object_pieces<'a>(object: &'a JsonObject, what: &str, pieces: &mut Vec<Piece<'a>>) {
    pieces.push(Piece::Text("{".to_owned()));
    for (index, (key, value)) in object.fields.iter().enumerate() {
        let comma = if index == 0 { "" } else { "," };
        pieces.push(Piece::Text(format!("{comma}{}:", quote_json(key))));
        value_pieces(value, what, pieces);
    }
    pieces.push(Piece::Text("}".to_owned()));
}

fn value_pieces<'a>(value: &'a JsonValue, what: &str, pieces: &mut Vec<Piece<'a>>) {
    match value {
        JsonValue::Object(object) => object_pieces(object, what, pieces),
        JsonValue::Array(items) => {
            pieces.push(Piece::Text("[".to_owned()));
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    pieces.push(Piece::Text(",".to_owned()));
                }
                value_pieces(item, what, pieces);
            }
            pieces.push(Piece::Text("]".to_owned()));
        }
        JsonValue::Constant(text) => pieces.push(Piece::Text(text.clone())),
        JsonValue::Expr(expr) => pieces.push(Piece::Value {
            expr,
            what: what.to_owned(),
        }),
    }
}

/// Joins the pieces into one byte-string literal when all are known, else into code that
/// writes them into one buffer.
fn json(pieces: &[Piece]) -> TokenStream {
    let merged = merge_text(pieces);
    if let [Merged::Text(text)] = merged.as_slice() {
        return constant(text.as_bytes());
    }
    let rt = super::runtime();
    let buffer = super::local("__args");
    let writes = merged.iter().map(|piece| match piece {
        Merged::Text(text) => {
            let bytes = LitByteStr::new(text.as_bytes(), proc_macro2::Span::call_site());
            quote!(#buffer.extend_from_slice(#bytes);)
        }
        Merged::Value { expr, what } => {
            quote_spanned!(expr.span()=> #rt::write_json(&mut #buffer, &(#expr), #what);)
        }
        Merged::Write(write) => (*write).clone(),
    });
    quote!({
        let mut #buffer = ::std::vec::Vec::<u8>::new();
        #(#writes)*
        #buffer
    })
}

enum Merged<'a> {
    Text(String),
    Value { expr: &'a Expr, what: &'a str },
    Write(&'a TokenStream),
}

fn merge_text<'a>(pieces: &'a [Piece<'a>]) -> Vec<Merged<'a>> {
    let mut merged: Vec<Merged> = Vec::new();
    for piece in pieces {
        match (piece, merged.last_mut()) {
            (Piece::Text(text), Some(Merged::Text(last))) => last.push_str(text),
            (Piece::Text(text), _) => merged.push(Merged::Text(text.clone())),
            (Piece::Value { expr, what }, _) => merged.push(Merged::Value { expr, what }),
            (Piece::Write(write), _) => merged.push(Merged::Write(write)),
        }
    }
    merged
}

fn constant(bytes: &[u8]) -> TokenStream {
    let literal = LitByteStr::new(bytes, proc_macro2::Span::call_site());
    quote!(<[u8]>::to_vec(#literal))
}
