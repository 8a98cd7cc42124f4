//! A callee that misbehaves on purpose, for failure scenarios only; see this crate's README.
//!
//! Every exported method answers the same way, chosen once by `new`. The methods return `()`
//! and hand their raw answer to [`env::value_return`], so that the answer can be anything at
//! all, not only what near-sdk's JSON serializer would produce.

use near_sdk::{env, near, Gas, NearToken, PanicOnDefault};

/// `size` when `new` is given none: 64 KiB.
pub const DEFAULT_HUGE_SIZE: u32 = 64 * 1024;

/// The answer of the `garbage` mode: bytes that no JSON parser accepts.
pub const GARBAGE: &[u8] = b"not json {";

/// The answer of the `wrong_shape` mode: valid JSON that matches none of the callers' types.
pub const WRONG_SHAPE: &[u8] = br#"{"unexpected":true}"#;

/// How every method of the contract answers. In JSON: `"panic"`, `"garbage"`, `"huge"`,
/// `"wrong_shape"`, `"empty"` or `"keep_and_fail"`.
#[near(serializers = [borsh, json])]
#[serde(rename_all = "snake_case")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Panic, so that the promise fails.
    Panic,
    /// Answer [`GARBAGE`].
    Garbage,
    /// Answer a JSON string of exactly `size` bytes, quotes included.
    Huge,
    /// Answer [`WRONG_SHAPE`].
    WrongShape,
    /// Answer zero bytes.
    Empty,
    /// Run to the end, keeping any deposit, and answer with a promise that fails: the
    /// caller sees a failure although NEAR refunds nothing.
    KeepAndFail,
}

/// Contract state: the mode and the size of a `huge` answer.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {
    mode: Mode,
    size: u32,
}

#[near]
impl Contract {
    /// Fixes how the contract answers; `size` (default [`DEFAULT_HUGE_SIZE`]) is read only by
    /// [`Mode::Huge`] and must be at least 2, the two quotes of an empty JSON string.
    #[init]
    pub fn new(mode: Mode, size: Option<u32>) -> Self {
        let size = size.unwrap_or(DEFAULT_HUGE_SIZE);
        if size < 2 {
            env::panic_str("size must be at least 2: a JSON string needs its two quotes");
        }
        Self { mode, size }
    }

    /// Stands in for the hello callee.
    pub fn get_greeting(&self) {
        self.misbehave();
    }

    /// Stands in for the counter callee.
    pub fn get_num(&self) {
        self.misbehave();
    }

    /// Stands in for the guestbook callee.
    pub fn get_messages(&self) {
        self.misbehave();
    }

    /// Stands in for a fungible token.
    pub fn ft_balance_of(&self) {
        self.misbehave();
    }

    /// Stands in for a lending protocol.
    pub fn get_account_positions(&self) {
        self.misbehave();
    }

    /// Stands in for a DEX.
    pub fn get_user_liquidity(&self) {
        self.misbehave();
    }

    /// Stands in for a guestbook taking a tip.
    #[payable]
    pub fn add_message(&mut self) {
        self.misbehave();
    }

    /// What [`Mode::KeepAndFail`]'s promise calls: always fails.
    pub fn fail(&self) {
        env::panic_str("misbehaving callee: the promise it answered with fails");
    }
}

impl Contract {
    fn misbehave(&self) {
        if self.mode == Mode::KeepAndFail {
            let no_deposit = NearToken::from_yoctonear(0);
            let fail = env::current_account_id();
            let promise = env::promise_create(fail, "fail", [], no_deposit, Gas::from_tgas(2));
            env::promise_return(promise);
            return;
        }
        if let Some(bytes) = self.answer() {
            env::value_return(&bytes);
        }
    }

    /// The bytes to answer, or `None` for no answer at all; panics in [`Mode::Panic`].
    fn answer(&self) -> Option<Vec<u8>> {
        match self.mode {
            Mode::Panic => env::panic_str("misbehaving callee: mode is panic"),
            Mode::Garbage => Some(GARBAGE.to_vec()),
            Mode::Huge => Some(json_string_of_len(self.size as usize)),
            Mode::WrongShape => Some(WRONG_SHAPE.to_vec()),
            Mode::Empty | Mode::KeepAndFail => None,
        }
    }
}

/// `"xxx…x"`, exactly `len` bytes long (`len >= 2`).
fn json_string_of_len(len: usize) -> Vec<u8> {
    let mut bytes = vec![b'x'; len];
    bytes[0] = b'"';
    bytes[len - 1] = b'"';
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use near_sdk::serde_json::{self, json, Value};
    use near_sdk::test_utils::VMContextBuilder;
    use near_sdk::testing_env;

    fn deployed(mode: Mode, size: Option<u32>) -> Contract {
        testing_env!(VMContextBuilder::new().build());
        Contract::new(mode, size)
    }

    #[test]
    fn modes_are_snake_case_in_json() {
        let names = serde_json::to_value([
            Mode::Panic,
            Mode::Garbage,
            Mode::Huge,
            Mode::WrongShape,
            Mode::Empty,
            Mode::KeepAndFail,
        ])
        .unwrap();
        assert_eq!(
            names,
            json!([
                "panic",
                "garbage",
                "huge",
                "wrong_shape",
                "empty",
                "keep_and_fail"
            ])
        );
        let parsed: Mode = serde_json::from_str(r#""wrong_shape""#).unwrap();
        assert_eq!(parsed, Mode::WrongShape);
    }

    #[test]
    fn garbage_is_not_json() {
        let answer = deployed(Mode::Garbage, None).answer().unwrap();
        assert_eq!(answer, b"not json {");
        assert!(serde_json::from_slice::<Value>(&answer).is_err());
    }

    #[test]
    fn huge_is_a_json_string_of_the_asked_size() {
        let default = deployed(Mode::Huge, None).answer().unwrap();
        assert_eq!(default.len(), 65536);
        let text: String = serde_json::from_slice(&default).unwrap();
        assert_eq!(text.len(), 65534);

        let smallest = deployed(Mode::Huge, Some(2)).answer().unwrap();
        assert_eq!(smallest, b"\"\"");
        let odd = deployed(Mode::Huge, Some(1001)).answer().unwrap();
        assert_eq!(odd.len(), 1001);
        assert!(serde_json::from_slice::<String>(&odd).is_ok());
    }

    #[test]
    #[should_panic(expected = "size must be at least 2")]
    fn huge_rejects_a_size_below_two() {
        deployed(Mode::Huge, Some(1));
    }

    #[test]
    fn wrong_shape_is_json_of_no_expected_type() {
        let answer = deployed(Mode::WrongShape, None).answer().unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(&answer).unwrap(),
            json!({"unexpected": true})
        );
        assert!(serde_json::from_slice::<String>(&answer).is_err());
        assert!(serde_json::from_slice::<i8>(&answer).is_err());
        assert!(serde_json::from_slice::<Vec<Value>>(&answer).is_err());
    }

    #[test]
    fn empty_answers_nothing() {
        let contract = deployed(Mode::Empty, None);
        assert_eq!(contract.answer(), None);
        // Every exported method goes through `misbehave`; none may panic in this mode.
        contract.get_greeting();
        contract.get_num();
        contract.get_messages();
        contract.ft_balance_of();
        contract.get_account_positions();
        contract.get_user_liquidity();
    }

    #[test]
    fn every_method_answers_in_every_answering_mode() {
        let methods: [fn(&Contract); 6] = [
            Contract::get_greeting,
            Contract::get_num,
            Contract::get_messages,
            Contract::ft_balance_of,
            Contract::get_account_positions,
            Contract::get_user_liquidity,
        ];
        for mode in [Mode::Garbage, Mode::Huge, Mode::WrongShape, Mode::Empty] {
            let contract = deployed(mode, Some(16));
            for method in methods {
                method(&contract);
            }
        }
    }

    #[test]
    #[should_panic(expected = "misbehaving callee: mode is panic")]
    fn panic_mode_panics() {
        deployed(Mode::Panic, None).get_num();
    }
}
