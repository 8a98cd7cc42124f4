//! The "counter" callee of the parallel-execution demo: a signed 8-bit number that anyone can
//! move up, down or back to zero.
//!
//! JSON interface:
//! - `get_num()` answers a JSON number in `-128..=127`;
//! - `increment({"number": n})` and `decrement({"number": n})` move it by `n` (1 when the
//!   argument is left out or `null`); a step that would leave the `i8` range panics with a
//!   message saying so and leaves the number unchanged;
//! - `reset()` sets it back to 0.

use near_sdk::{env, log, near};

/// Contract state: the current number, 0 when deployed.
#[near(contract_state)]
#[derive(Default)]
pub struct Contract {
    number: i8,
}

#[near]
impl Contract {
    /// The current number.
    pub fn get_num(&self) -> i8 {
        self.number
    }

    /// Adds `number` (default 1).
    pub fn increment(&mut self, number: Option<i8>) {
        let step = number.unwrap_or(1);
        self.number = self.number.checked_add(step).unwrap_or_else(|| {
            env::panic_str("counter overflow: the number must stay in -128..=127")
        });
        log!("counter increased to {}", self.number);
    }

    /// Subtracts `number` (default 1).
    pub fn decrement(&mut self, number: Option<i8>) {
        let step = number.unwrap_or(1);
        self.number = self.number.checked_sub(step).unwrap_or_else(|| {
            env::panic_str("counter overflow: the number must stay in -128..=127")
        });
        log!("counter decreased to {}", self.number);
    }

    /// Sets the number back to 0.
    pub fn reset(&mut self) {
        self.number = 0;
        log!("counter reset to 0");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use near_sdk::test_utils::{get_logs, VMContextBuilder};
    use near_sdk::testing_env;

    fn fresh() -> Contract {
        testing_env!(VMContextBuilder::new().build());
        Contract::default()
    }

    #[test]
    fn starts_at_zero() {
        assert_eq!(fresh().get_num(), 0);
    }

    #[test]
    fn steps_default_to_one() {
        let mut contract = fresh();
        contract.increment(None);
        contract.increment(None);
        contract.decrement(None);
        assert_eq!(contract.get_num(), 1);
        assert_eq!(
            get_logs(),
            vec![
                "counter increased to 1",
                "counter increased to 2",
                "counter decreased to 1"
            ]
        );
    }

    #[test]
    fn explicit_steps_and_reset() {
        let mut contract = fresh();
        contract.increment(Some(100));
        contract.decrement(Some(-20));
        assert_eq!(contract.get_num(), 120);
        contract.decrement(Some(127));
        assert_eq!(contract.get_num(), -7);
        contract.reset();
        assert_eq!(contract.get_num(), 0);
    }

    #[test]
    fn reaches_both_ends_of_the_range() {
        let mut contract = fresh();
        contract.increment(Some(127));
        assert_eq!(contract.get_num(), i8::MAX);
        contract.reset();
        contract.decrement(Some(127));
        contract.decrement(None);
        assert_eq!(contract.get_num(), i8::MIN);
    }

    #[test]
    #[should_panic(expected = "counter overflow")]
    fn increment_past_the_top_panics() {
        let mut contract = fresh();
        contract.increment(Some(127));
        contract.increment(None);
    }

    #[test]
    #[should_panic(expected = "counter overflow")]
    fn decrement_past_the_bottom_panics() {
        let mut contract = fresh();
        contract.decrement(Some(100));
        contract.decrement(Some(29));
    }
}
