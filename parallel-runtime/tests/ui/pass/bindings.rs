//! Every way a parameter can take a call's result, two fan-outs in one impl block, a
//! callback with a chosen name, `&self`, `#[handle_result]` and a `Promise` answer.

use near_sdk::borsh::{BorshDeserialize, BorshSerialize};
use near_sdk::{near, AccountId, PanicOnDefault, Promise};
use parallel_runtime::{parallel_calls, CallError, CallResult};

#[derive(BorshSerialize, BorshDeserialize)]
#[borsh(crate = "near_sdk::borsh")]
pub struct Reserves {
    pub left: u128,
    pub right: u128,
}

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Bindings {
    hello: AccountId,
    counter: AccountId,
    pool: AccountId,
}

#[parallel_calls]
#[near]
impl Bindings {
    #[init]
    pub fn new(hello: AccountId, counter: AccountId, pool: AccountId) -> Self {
        Self {
            hello,
            counter,
            pool,
        }
    }

    /// Each kind of binding, once.
    #[parallel_calls(gas = 5 Tgas)]
    pub fn everything(
        &mut self,
        #[call(self.hello, "get_greeting")] greeting: CallResult<String>,
        #[call(self.counter, "get_num")] spelled_out: Result<i8, CallError>,
        #[call(self.counter, "get_num", fallback = -1)] with_fallback: i8,
        #[call(self.counter, "get_num")] required: i8,
        #[call(self.hello, "get_greeting")] _: String,
        #[call(self.counter, "increment")] unit: (),
        #[call(self.counter, "increment")] unit_result: CallResult<()>,
        #[call(self.pool, "get_reserves", result_serializer = borsh)] reserves: Reserves,
        #[call(self.pool, "get_reserves", result_serializer = borsh)] maybe: CallResult<Reserves>,
    ) -> String {
        let () = unit;
        format!(
            "{} {:?} {with_fallback} {required} {} {} {}",
            greeting.unwrap_or_default(),
            spelled_out.ok(),
            unit_result.is_ok(),
            reserves.left + reserves.right,
            maybe.is_ok(),
        )
    }

    /// `&self`, a chosen callback name, `#[handle_result]`, and a `Promise` as the answer.
    #[parallel_calls(callback = forward_greeting, callback_gas = 20 Tgas)]
    #[handle_result]
    pub fn relay(
        &self,
        #[call(self.hello, "get_greeting", gas = 5 Tgas)] greeting: CallResult<String>,
    ) -> Result<Promise, String> {
        let greeting = greeting.map_err(|error| error.to_string())?;
        Ok(Promise::new(self.hello.clone()).function_call(
            "set_greeting".to_owned(),
            format!("{{\"greeting\":{greeting:?}}}").into_bytes(),
            near_sdk::NearToken::from_yoctonear(0),
            near_sdk::Gas::from_tgas(5),
        ))
    }
}

fn main() {
    // Each fan-out keeps its name and arguments but answers a promise; each callback is
    // there under its name. (The callbacks' signatures are the generator's business.)
    let _: fn(&mut Bindings) -> Promise = Bindings::everything;
    let _ = Bindings::everything_callback;
    let _: fn(&Bindings) -> Promise = Bindings::relay;
    let _ = Bindings::forward_greeting;
}
