//! Turning the bytes a call answered into its result type.
//!
//! A fan-out picks a decoder per call: [`Json`] by default, [`Borsh`] with
//! `result_serializer = borsh`, and [`Unit`] for a call whose result type is `()`.
//! Decoders never panic: a payload that does not fit becomes an error message.

use near_sdk::borsh::BorshDeserialize;
use near_sdk::serde::de::DeserializeOwned;

/// Decodes a call's answer into `T`, explaining in the error why it could not.
///
/// ```
/// use parallel_runtime::decode::{Decoder, Json};
///
/// assert_eq!(<Json as Decoder<i8>>::decode(b"7"), Ok(7));
/// assert!(<Json as Decoder<i8>>::decode(b"\"seven\"").is_err());
/// ```
pub trait Decoder<T> {
    /// Decodes `bytes`, or says why they are not a `T`.
    fn decode(bytes: &[u8]) -> Result<T, String>;
}

/// JSON, what near-sdk methods answer unless told otherwise.
///
/// ```
/// use parallel_runtime::decode::{Decoder, Json};
///
/// let greeting: String = Json::decode(b"\"Hello\"").unwrap();
/// assert_eq!(greeting, "Hello");
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Json;

impl<T: DeserializeOwned> Decoder<T> for Json {
    fn decode(bytes: &[u8]) -> Result<T, String> {
        near_sdk::serde_json::from_slice(bytes).map_err(|error| error.to_string())
    }
}

/// Borsh, what near-sdk methods answer with `#[result_serializer(borsh)]`.
///
/// The whole payload must be consumed: trailing bytes are an error.
///
/// ```
/// use parallel_runtime::decode::{Borsh, Decoder};
///
/// let value: u32 = Borsh::decode(&[7, 0, 0, 0]).unwrap();
/// assert_eq!(value, 7);
/// assert!(<Borsh as Decoder<u32>>::decode(&[7, 0, 0, 0, 0]).is_err());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Borsh;

impl<T: BorshDeserialize> Decoder<T> for Borsh {
    fn decode(bytes: &[u8]) -> Result<T, String> {
        near_sdk::borsh::from_slice(bytes).map_err(|error| error.to_string())
    }
}

/// The answer of a method that returns nothing: an empty payload, or JSON `null`.
///
/// ```
/// use parallel_runtime::decode::{Decoder, Unit};
///
/// assert_eq!(Unit::decode(b""), Ok(()));
/// assert_eq!(Unit::decode(b"null"), Ok(()));
/// assert!(Unit::decode(b"1").is_err());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Unit;

impl Decoder<()> for Unit {
    fn decode(bytes: &[u8]) -> Result<(), String> {
        match bytes {
            b"" | b"null" => Ok(()),
            _ => Err(format!("expected no value, found {} bytes", bytes.len())),
        }
    }
}
