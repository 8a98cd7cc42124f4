//! The list options: `#[parallel_calls(callback_gas = 15 Tgas, gas = 5 Tgas, ...)]`.

use super::{entries, values};
use crate::errors::Errors;
use crate::model::ListOptions;
use syn::parse::{ParseStream, Parser};

pub const KEYS: &[&str] = &[
    "callback",
    "callback_gas",
    "gas",
    "weight",
    "max_len",
    "events",
    "refund_to",
];

/// Parses the options of a method's `#[parallel_calls(...)]`; empty tokens give defaults.
pub fn parse(tokens: proc_macro2::TokenStream, errors: &mut Errors) -> ListOptions {
    let mut options = ListOptions::default();
    let parser = |input: ParseStream| {
        entries::parse(input, KEYS, errors, |key, input| {
            match key.to_string().as_str() {
                "callback" => entries::set_once(&mut options.callback, key, input.parse()?),
                "callback_gas" => {
                    entries::set_once(&mut options.callback_gas, key, values::gas(input)?)
                }
                "gas" => entries::set_once(&mut options.gas, key, values::gas(input)?),
                "weight" => entries::set_once(&mut options.weight, key, values::weight(input)?),
                "max_len" => entries::set_once(&mut options.max_len, key, values::max_len(input)?),
                "events" => entries::set_once(&mut options.events, key, values::boolean(input)?),
                "refund_to" => entries::set_once(&mut options.refund_to, key, input.parse()?),
                _ => unreachable!("entries::parse only passes known keys"),
            }
        });
        Ok(())
    };
    // The parser records its own errors; it never fails as a whole.
    let _ = parser.parse2(tokens);
    options
}
