//! `args = { key: value, ... }`: a JSON object written in place, encoded at compile time
//! where its leaves are literals.

use crate::model::{JsonObject, JsonValue};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, bracketed, token, Error, Expr, ExprLit, ExprUnary, Ident, Lit, LitStr, Token};

/// Parses the inside of `{ ... }`.
pub fn parse_object(input: ParseStream) -> syn::Result<JsonObject> {
    let mut fields = Vec::new();
    while !input.is_empty() {
        let key_span = input.span();
        let key = if input.peek(LitStr) {
            input.parse::<LitStr>()?.value()
        } else if input.peek(Ident::peek_any) {
            input.call(Ident::parse_any)?.unraw().to_string()
        } else {
            return Err(input.error("expected a field name, e.g. `{ account_id: user_account }`"));
        };
        if fields.iter().any(|(existing, _)| *existing == key) {
            return Err(Error::new(
                key_span,
                format!("field `{key}` is given twice"),
            ));
        }
        input.parse::<Token![:]>()?;
        fields.push((key, parse_value(input)?));
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(JsonObject { fields })
}

fn parse_value(input: ParseStream) -> syn::Result<JsonValue> {
    if input.peek(token::Brace) {
        let content;
        braced!(content in input);
        return parse_object(&content)
            .map(JsonValue::Object)
            .inspect_err(|_| rest(&content));
    }
    if input.peek(token::Bracket) {
        let content;
        bracketed!(content in input);
        return parse_array(&content)
            .map(JsonValue::Array)
            .inspect_err(|_| rest(&content));
    }
    let expr: Expr = input.parse()?;
    Ok(match constant(&expr)? {
        Some(text) => JsonValue::Constant(text),
        None => JsonValue::Expr(expr),
    })
}

fn parse_array(content: ParseStream) -> syn::Result<Vec<JsonValue>> {
    let mut items = Vec::new();
    while !content.is_empty() {
        items.push(parse_value(content)?);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(items)
}

/// Consumes what is left of a group after an error in it, so that the one error is not
/// followed by "expected `}`".
fn rest(content: ParseStream) {
    let _ = content.parse::<proc_macro2::TokenStream>();
}

/// The JSON text of a literal leaf, or `None` for a leaf computed at run time.
fn constant(expr: &Expr) -> syn::Result<Option<String>> {
    let (negative, lit) = match expr {
        Expr::Lit(ExprLit { lit, .. }) => (false, lit),
        Expr::Unary(ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => match &**expr {
            Expr::Lit(ExprLit {
                lit: lit @ (Lit::Int(_) | Lit::Float(_)),
                ..
            }) => (true, lit),
            _ => return Ok(None),
        },
        _ => return Ok(None),
    };
    let sign = if negative { "-" } else { "" };
    let text = match lit {
        Lit::Str(text) => quote_json(&text.value()),
        Lit::Char(ch) => quote_json(&ch.value().to_string()),
        Lit::Bool(value) => value.value.to_string(),
        Lit::Int(int) => format!("{sign}{}", int.base10_digits()),
        Lit::Float(float) => {
            let digits = float.base10_digits();
            match digits.parse::<f64>() {
                // Rust accepts `1.` and `1e3`; JSON wants `1.0` and allows `1000.0`.
                Ok(value) if value.is_finite() => format!("{sign}{value:?}"),
                _ => return Err(Error::new_spanned(float, "JSON has no infinite numbers")),
            }
        }
        other => {
            return Err(Error::new_spanned(
                other,
                "JSON arguments take strings, numbers and bools",
            ))
        }
    };
    Ok(Some(text))
}

/// `text` as a JSON string, quotes included.
pub fn quote_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ch if (ch as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", ch as u32)),
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse::Parser;

    #[test]
    fn escapes_strings_as_json_does() {
        assert_eq!(quote_json("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    #[test]
    fn literals_are_constants_and_the_rest_is_run_time() {
        let object = parse_object
            .parse_str("account_id: \"bob.near\", n: -5, x: user")
            .unwrap();
        let kinds: Vec<_> = object
            .fields
            .iter()
            .map(|(key, value)| match value {
                JsonValue::Constant(text) => format!("{key}={text}"),
                JsonValue::Expr(_) => format!("{key}=expr"),
                _ => format!("{key}=nested"),
            })
            .collect();
        assert_eq!(kinds, ["account_id=\"bob.near\"", "n=-5", "x=expr"]);
    }
}
