//! Which of the fan-out's own arguments the callback needs: those its aggregation or
//! fallbacks mention. The others stay behind, so the callback gets no argument it would
//! warn about and no bytes it does not use.

use crate::model::{Binding, ContextParam, FanOut};
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

pub fn forwarded(fan_out: &FanOut) -> Vec<&ContextParam> {
    let mut used = fan_out.method.block.to_token_stream();
    for call in &fan_out.calls {
        if let Binding::Fallback(fallback) = &call.binding {
            used.extend(fallback.to_token_stream());
        }
    }
    fan_out
        .context
        .iter()
        .filter(|param| mentions(&used, &param.ident.to_string()))
        .collect()
}

/// Whether `name` occurs as an identifier, or inside a string literal (where
/// `format!("{name}")` refers to it).
fn mentions(tokens: &TokenStream, name: &str) -> bool {
    crate::tokens::leaves(tokens.clone())
        .into_iter()
        .any(|tree| match tree {
            TokenTree::Ident(ident) => ident == name,
            TokenTree::Literal(literal) => literal_mentions(&literal.to_string(), name),
            _ => false,
        })
}

fn literal_mentions(literal: &str, name: &str) -> bool {
    literal.match_indices(name).any(|(at, _)| {
        let before = literal[..at].chars().next_back();
        let after = literal[at + name.len()..].chars().next();
        let is_word = |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
        !is_word(before) && !is_word(after)
    })
}
