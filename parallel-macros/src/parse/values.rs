//! Values of options, shared by the list options and the calls.

use super::amount::{self, Amount};
use crate::model::{ByteSize, Deposit, GasAmount, Serializer, Weight};
use syn::parse::ParseStream;
use syn::{Error, Ident, LitInt};

pub fn gas(input: ParseStream) -> syn::Result<GasAmount> {
    let span = input.span();
    Ok(match amount::parse(input, &amount::GAS)? {
        Amount::Literal(gas) => GasAmount::Literal {
            gas: u64::try_from(gas)
                .map_err(|_| Error::new(span, "that much gas does not fit a u64"))?,
            span,
        },
        Amount::Expr(expr) => GasAmount::Expr(expr),
    })
}

pub fn deposit(input: ParseStream) -> syn::Result<Deposit> {
    Ok(match amount::parse(input, &amount::DEPOSIT)? {
        Amount::Literal(yocto) => Deposit::Literal { yocto },
        Amount::Expr(expr) => Deposit::Expr(expr),
    })
}

pub fn max_len(input: ParseStream) -> syn::Result<ByteSize> {
    let span = input.span();
    match amount::parse(input, &amount::SIZE)? {
        Amount::Literal(bytes) => usize::try_from(bytes)
            .ok()
            .filter(|bytes| *bytes <= 4 * 1024 * 1024)
            .map(|bytes| ByteSize { bytes })
            .ok_or_else(|| {
                Error::new(
                    span,
                    "`max_len` cannot exceed 4 MiB, the most a call can return",
                )
            }),
        Amount::Expr(expr) => Err(Error::new_spanned(
            expr,
            "`max_len` must be a literal size, e.g. `max_len = 16 KiB`",
        )),
    }
}

pub fn weight(input: ParseStream) -> syn::Result<Weight> {
    if input.peek(syn::Token![-]) {
        return Err(input.error("a weight cannot be negative: write e.g. `weight = 1`"));
    }
    let lit: LitInt = input
        .parse()
        .map_err(|error| Error::new(error.span(), "expected a whole number, e.g. `weight = 1`"))?;
    let value = lit.base10_parse::<u64>()?;
    Ok(Weight { value })
}

pub fn serializer(input: ParseStream) -> syn::Result<Serializer> {
    let ident: Ident = input.parse()?;
    match ident.to_string().as_str() {
        "json" => Ok(Serializer::Json),
        "borsh" => Ok(Serializer::Borsh),
        other => Err(Error::new_spanned(
            &ident,
            format!("unknown serializer `{other}`: write `json` or `borsh`"),
        )),
    }
}

pub fn boolean(input: ParseStream) -> syn::Result<bool> {
    let lit: syn::LitBool = input
        .parse()
        .map_err(|error| Error::new(error.span(), "expected `true` or `false`"))?;
    Ok(lit.value)
}
