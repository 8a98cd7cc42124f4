//! Amounts written the way people say them: `5 Tgas`, `0.5 NEAR`, `16 KiB`.

use crate::suggest;
use syn::parse::ParseStream;
use syn::{Error, Expr, Ident, Lit, Token};

/// A family of units for one kind of amount.
pub struct Units {
    /// What the amount is, as the user names it in `key = value`.
    pub key: &'static str,
    /// Unit names and how many base units each is worth.
    pub units: &'static [(&'static str, u128)],
    /// The unit a bare number is in, if a bare number is allowed.
    pub bare: Option<&'static str>,
    /// An example amount for messages, e.g. `5 Tgas`.
    pub example: &'static str,
}

pub const GAS: Units = Units {
    key: "gas",
    units: &[
        ("gas", 1),
        ("Ggas", 1_000_000_000),
        ("Tgas", 1_000_000_000_000),
        ("Pgas", 1_000_000_000_000_000),
    ],
    bare: None,
    example: "5 Tgas",
};

pub const DEPOSIT: Units = Units {
    key: "deposit",
    units: &[
        ("yoctoNEAR", 1),
        ("milliNEAR", 1_000_000_000_000_000_000_000),
        ("NEAR", 1_000_000_000_000_000_000_000_000),
    ],
    bare: None,
    example: "1 yoctoNEAR",
};

pub const SIZE: Units = Units {
    key: "max_len",
    units: &[("B", 1), ("KiB", 1024), ("MiB", 1024 * 1024)],
    bare: Some("B"),
    example: "16 KiB",
};

/// A literal amount in base units, or the expression the user wrote instead.
pub enum Amount {
    Literal(u128),
    Expr(Expr),
}

/// Parses an amount; anything that does not start with a number is taken as an expression.
pub fn parse(input: ParseStream, units: &Units) -> syn::Result<Amount> {
    if input.peek(Token![-]) {
        let minus: Token![-] = input.parse()?;
        let number = input.parse::<Lit>().ok();
        return Err(Error::new_spanned(
            quote::quote!(#minus #number),
            format!(
                "`{}` cannot be negative: write e.g. `{} = {}`",
                units.key, units.key, units.example
            ),
        ));
    }
    let lit = match input.fork().parse::<Lit>() {
        Ok(lit @ (Lit::Int(_) | Lit::Float(_))) => {
            input.parse::<Lit>()?;
            lit
        }
        _ => return input.parse().map(Amount::Expr),
    };
    let (digits, suffix) = match &lit {
        Lit::Int(int) => (int.base10_digits().to_owned(), int.suffix().to_owned()),
        Lit::Float(float) => (float.base10_digits().to_owned(), float.suffix().to_owned()),
        _ => unreachable!("only numbers reach here"),
    };
    if !suffix.is_empty() {
        return Err(Error::new_spanned(
            &lit,
            format!(
                "write the amount without a type suffix, e.g. `{}`",
                units.example
            ),
        ));
    }
    if digits.contains(['e', 'E']) {
        return Err(Error::new_spanned(
            &lit,
            format!(
                "write the amount without an exponent, e.g. `{}`",
                units.example
            ),
        ));
    }
    let scale = unit_scale(input, units, &lit, &digits)?;
    scaled(&digits, scale).map(Amount::Literal).ok_or_else(|| {
        Error::new_spanned(
            &lit,
            format!("`{digits}` is not a whole number of base units or is too large"),
        )
    })
}

/// Reads the unit after a number and returns its scale.
fn unit_scale(input: ParseStream, units: &Units, lit: &Lit, digits: &str) -> syn::Result<u128> {
    let names: Vec<&str> = units.units.iter().map(|(name, _)| *name).collect();
    let list = names.join(", ");
    if !input.peek(syn::Ident) {
        if let Some(bare) = units.bare {
            return Ok(scale_of(units, bare));
        }
        let usual = units.example.split(' ').nth(1).unwrap_or_default();
        return Err(Error::new_spanned(
            lit,
            format!("`{digits}` has no unit: write e.g. `{digits} {usual}` (units: {list})"),
        ));
    }
    let unit: Ident = input.parse()?;
    let typed = unit.to_string();
    if let Some((_, scale)) = units
        .units
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(&typed))
    {
        return Ok(*scale);
    }
    let hint = match suggest::closest(&typed, &names) {
        Some(near) => format!("did you mean `{near}`? "),
        None => String::new(),
    };
    Err(Error::new_spanned(
        unit,
        format!(
            "unknown {} unit `{typed}`: {hint}units are {list}",
            units.key
        ),
    ))
}

fn scale_of(units: &Units, name: &str) -> u128 {
    units
        .units
        .iter()
        .find(|(unit, _)| *unit == name)
        .map_or(1, |(_, scale)| *scale)
}

/// `digits` (which may have a fractional part) times `scale`, if that is a whole number.
fn scaled(digits: &str, scale: u128) -> Option<u128> {
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.contains(['e', 'E']) || fraction.contains(['e', 'E']) {
        return None;
    }
    let whole: u128 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut total = whole.checked_mul(scale)?;
    let fraction = fraction.trim_end_matches('0');
    if !fraction.is_empty() {
        let denominator = 10u128.checked_pow(u32::try_from(fraction.len()).ok()?)?;
        let numerator = fraction.parse::<u128>().ok()?.checked_mul(scale)?;
        if numerator % denominator != 0 {
            return None;
        }
        total = total.checked_add(numerator / denominator)?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse::Parser;

    fn gas(text: &str) -> syn::Result<u128> {
        let parser = |input: ParseStream| parse(input, &GAS);
        match parser.parse_str(text)? {
            Amount::Literal(value) => Ok(value),
            Amount::Expr(_) => Ok(u128::MAX),
        }
    }

    #[test]
    fn reads_amounts_with_units() {
        assert_eq!(gas("5 Tgas").unwrap(), 5_000_000_000_000);
        assert_eq!(gas("2.5 Tgas").unwrap(), 2_500_000_000_000);
        assert_eq!(gas("1 Pgas").unwrap(), 1_000_000_000_000_000);
        assert_eq!(gas("300 TGas").unwrap(), 300_000_000_000_000);
        assert_eq!(gas("self.gas").unwrap(), u128::MAX);
    }

    #[test]
    fn rejects_amounts_people_get_wrong() {
        let message = |text| gas(text).unwrap_err().to_string();
        assert!(message("5 Tgs").contains("did you mean `Tgas`"));
        assert!(message("5").contains("has no unit"));
        assert!(message("-1 Tgas").contains("cannot be negative"));
        assert!(message("0.5 gas").contains("not a whole number"));
        assert!(message("5u64 Tgas").contains("type suffix"));
    }

    #[test]
    fn sizes_default_to_bytes() {
        let parser = |input: ParseStream| parse(input, &SIZE);
        assert!(matches!(
            parser.parse_str("4096"),
            Ok(Amount::Literal(4096))
        ));
        assert!(matches!(
            parser.parse_str("16 KiB"),
            Ok(Amount::Literal(16384))
        ));
    }
}
