//! Arbitrary bytes as call results, for every kind of result type, through the same read
//! the generated callback does (`promise_result_checked`, then the decoder): it never
//! panics, and it tells "failed", "too long" and "did not decode" apart exactly.
//!
//! The test command runs a seeded, smaller run. The documented longer run (README, "Tests"):
//! `PROPTEST_CASES=10000 cargo test --release -p parallel-runtime --test decode_fuzz`
//! (10,000 batches of 10 payloads: 100,000 payloads, each read as 12 types).

use near_sdk::json_types::U128;
use near_sdk::test_utils::VMContextBuilder;
use near_sdk::{serde, testing_env, PromiseResult, RuntimeFeesConfig};
use parallel_runtime::__private::read;
use parallel_runtime::decode::{Borsh, Decoder, Json, Unit};
use parallel_runtime::{CallResult, FailureKind};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};

#[derive(serde::Deserialize, Debug, PartialEq)]
#[serde(crate = "near_sdk::serde")]
struct Message {
    premium: bool,
    sender: String,
    text: String,
}

#[derive(near_sdk::borsh::BorshDeserialize, Debug, PartialEq)]
#[borsh(crate = "near_sdk::borsh")]
struct Balance {
    owner: String,
    amount: u128,
}

/// Result types read per payload; payload `p`, type `t` is promise result `p * TYPES + t`.
const TYPES: usize = 12;
/// Payloads per mocked chain: setting the chain up costs far more than reading, so each
/// case reads a batch.
const BATCH: usize = 10;

/// What `read` must answer for `bytes` with `cap`, given what the decoder alone says.
fn expected<T: PartialEq + std::fmt::Debug>(
    bytes: &[u8],
    cap: usize,
    decoded: Result<T, String>,
) -> Result<T, FailureKind> {
    if bytes.len() > cap {
        return Err(FailureKind::TooLong {
            len: bytes.len(),
            cap,
        });
    }
    decoded.map_err(|reason| FailureKind::Undecodable { reason })
}

fn check<T, D>(index: u64, bytes: &[u8], cap: usize) -> Result<(), TestCaseError>
where
    T: PartialEq + std::fmt::Debug,
    D: Decoder<T>,
{
    let got: CallResult<T> = read::<T, D>(index, "call", "method", cap, 0);
    let got = got.map_err(|error| error.kind().clone());
    prop_assert_eq!(got, expected(bytes, cap, D::decode(bytes)));
    Ok(())
}

fn install(results: Vec<PromiseResult>) {
    let mut context = VMContextBuilder::new();
    context.current_account_id("callback.test.near".parse().unwrap());
    testing_env!(
        context.build(),
        near_sdk::test_vm_config(),
        RuntimeFeesConfig::test(),
        Default::default(),
        results
    );
}

/// Payloads worth trying: raw noise, and JSON-looking text that nearly fits.
fn payload() -> impl Strategy<Value = Vec<u8>> {
    let noise = proptest::collection::vec(any::<u8>(), 0..300);
    let json_like = proptest::string::string_regex(
        r#"(\{"premium":(true|false|1),"sender":"[a-z.]{0,12}","text":"[ -~]{0,20}"\}|\[[0-9, ",\]]{0,30}|"[ -~]{0,40}"|-?[0-9]{1,25}(\.[0-9]{1,3})?|null|true)"#,
    )
    .expect("a valid pattern")
    .prop_map(String::into_bytes);
    prop_oneof![noise, json_like]
}

fn config() -> Config {
    Config {
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x5eed_1234),
        failure_persistence: None,
        // 200 batches of 10 payloads: 2,000 payloads, 24,000 reads; `PROPTEST_CASES` sets
        // the number of batches for a longer run.
        ..Config::with_cases(Config::default().cases.max(200))
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_answer_is_a_value_or_the_right_error(
        batch in proptest::collection::vec((payload(), 0usize..320), BATCH)
    ) {
        let results = batch
            .iter()
            .flat_map(|(bytes, _)| (0..TYPES).map(|_| PromiseResult::Successful(bytes.clone())))
            .collect();
        install(results);
        for (position, (bytes, cap)) in batch.iter().enumerate() {
            let base = (position * TYPES) as u64;
            let (bytes, cap) = (bytes.as_slice(), *cap);
            check::<String, Json>(base, bytes, cap)?;
            check::<i8, Json>(base + 1, bytes, cap)?;
            check::<u64, Json>(base + 2, bytes, cap)?;
            check::<Vec<String>, Json>(base + 3, bytes, cap)?;
            check::<Option<u32>, Json>(base + 4, bytes, cap)?;
            check::<U128, Json>(base + 5, bytes, cap)?;
            check::<Message, Json>(base + 6, bytes, cap)?;
            check::<Vec<Message>, Json>(base + 7, bytes, cap)?;
            check::<(), Unit>(base + 8, bytes, cap)?;
            check::<u32, Borsh>(base + 9, bytes, cap)?;
            check::<Balance, Borsh>(base + 10, bytes, cap)?;
            check::<Vec<u8>, Borsh>(base + 11, bytes, cap)?;
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 32, ..config() })]

    #[test]
    fn a_failed_call_is_failed_whatever_the_type(cap in 0usize..320) {
        install((0..3).map(|_| PromiseResult::Failed).collect());
        let kinds = [
            read::<String, Json>(0, "a", "m", cap, 0).unwrap_err().kind().clone(),
            read::<(), Unit>(1, "b", "m", cap, 0).unwrap_err().kind().clone(),
            read::<Balance, Borsh>(2, "c", "m", cap, 0).unwrap_err().kind().clone(),
        ];
        prop_assert_eq!(kinds, [FailureKind::Failed, FailureKind::Failed, FailureKind::Failed]);
    }
}
