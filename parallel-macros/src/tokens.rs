//! Walking the tokens of an expression the user wrote, for the rules and the generation that
//! ask which names it mentions.

use proc_macro2::{TokenStream, TokenTree};

/// Every identifier and literal in `tokens`, groups opened, in order.
pub fn leaves(tokens: TokenStream) -> Vec<TokenTree> {
    let mut found = Vec::new();
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => found.extend(leaves(group.stream())),
            TokenTree::Punct(_) => {}
            leaf => found.push(leaf),
        }
    }
    found
}

/// Every identifier in `tokens`, groups opened, in order.
pub fn idents(tokens: TokenStream) -> Vec<proc_macro2::Ident> {
    leaves(tokens)
        .into_iter()
        .filter_map(|tree| match tree {
            TokenTree::Ident(ident) => Some(ident),
            _ => None,
        })
        .collect()
}
