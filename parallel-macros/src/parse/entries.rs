//! `key = value` lists, as in `#[parallel_calls(...)]` and `#[call(...)]`.
//!
//! Every entry is parsed even after one fails, so one pass reports every mistake.

use crate::errors::Errors;
use crate::suggest;
use proc_macro2::TokenTree;
use syn::parse::ParseStream;
use syn::{Error, Ident, Token};

/// Parses `key = value, ...` until the input ends, handing each key to `entry`, which
/// parses the value. `keys` lists the valid keys, for "did you mean".
pub fn parse(
    input: ParseStream,
    keys: &[&str],
    errors: &mut Errors,
    mut entry: impl FnMut(&Ident, ParseStream) -> syn::Result<()>,
) {
    while !input.is_empty() {
        if let Err(error) = parse_one(input, keys, &mut entry) {
            errors.push(error);
            skip_past_comma(input);
            continue;
        }
        if input.is_empty() {
            break;
        }
        if let Err(error) = input.parse::<Token![,]>() {
            errors.push(Error::new(error.span(), "expected `,` between options"));
            skip_past_comma(input);
        }
    }
}

fn parse_one(
    input: ParseStream,
    keys: &[&str],
    entry: &mut impl FnMut(&Ident, ParseStream) -> syn::Result<()>,
) -> syn::Result<()> {
    let key: Ident = input.parse().map_err(|error| {
        Error::new(
            error.span(),
            format!("expected an option, one of: {}", keys.join(", ")),
        )
    })?;
    let name = key.to_string();
    if !keys.contains(&name.as_str()) {
        let hint = match suggest::closest(&name, keys) {
            Some(near) => format!("did you mean `{near}`? "),
            None => String::new(),
        };
        return Err(Error::new_spanned(
            &key,
            format!(
                "unknown option `{name}`: {hint}options are {}",
                keys.join(", ")
            ),
        ));
    }
    if !input.peek(Token![=]) {
        return Err(Error::new_spanned(
            &key,
            format!("expected `{name} = <value>`"),
        ));
    }
    input.parse::<Token![=]>()?;
    entry(&key, input)?;
    if !input.is_empty() && !input.peek(Token![,]) {
        return Err(input.error(format!("unexpected tokens after the value of `{name}`")));
    }
    Ok(())
}

/// Skips to just after the next top-level comma, to resume after an error.
fn skip_past_comma(input: ParseStream) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            rest = next;
            if matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == ',') {
                break;
            }
        }
        Ok(((), rest))
    });
}

/// Stores an option's value, refusing a second one.
pub fn set_once<T>(slot: &mut Option<T>, key: &Ident, value: T) -> syn::Result<()> {
    if slot.is_some() {
        return Err(Error::new_spanned(
            key,
            format!("`{key}` is given twice: keep one"),
        ));
    }
    *slot = Some(value);
    Ok(())
}
