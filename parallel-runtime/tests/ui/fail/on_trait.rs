use parallel_runtime::{parallel_calls, CallResult};

#[parallel_calls]
pub trait Summary {
    fn summary(&mut self, greeting: CallResult<String>) -> String;
}

fn main() {}
