//! A transaction that calls one method.

/// Gas a [`Call`] attaches unless told otherwise: 300 Tgas, the usual wallet default.
pub const DEFAULT_CALL_GAS: u64 = 300_000_000_000_000;

/// A transaction: `signer` calls `receiver.method(args)` with `gas` and `deposit`.
///
/// ```
/// use parallel_tests::executor::Call;
///
/// let call = Call::new("alice.near", "counter.near", "increment")
///     .args(br#"{"by":2}"#)
///     .deposit(1);
/// assert_eq!(call.gas, parallel_tests::executor::DEFAULT_CALL_GAS);
/// ```
#[derive(Clone, Debug)]
pub struct Call {
    /// The account that signs the transaction and pays the deposit.
    pub signer: String,
    /// The account whose contract runs.
    pub receiver: String,
    /// The method to run.
    pub method: String,
    /// The input bytes (JSON for near-sdk contracts by default).
    pub args: Vec<u8>,
    /// Gas attached to the call.
    pub gas: u64,
    /// NEAR (yocto) attached to the call.
    pub deposit: u128,
}

impl Call {
    /// A call without arguments or deposit, with [`DEFAULT_CALL_GAS`].
    pub fn new(signer: &str, receiver: &str, method: &str) -> Self {
        Call {
            signer: signer.to_string(),
            receiver: receiver.to_string(),
            method: method.to_string(),
            args: Vec::new(),
            gas: DEFAULT_CALL_GAS,
            deposit: 0,
        }
    }

    /// Sets the input bytes.
    pub fn args(mut self, args: impl Into<Vec<u8>>) -> Self {
        self.args = args.into();
        self
    }

    /// Sets the attached gas.
    pub fn gas(mut self, gas: u64) -> Self {
        self.gas = gas;
        self
    }

    /// Sets the attached deposit in yoctoNEAR.
    pub fn deposit(mut self, deposit: u128) -> Self {
        self.deposit = deposit;
        self
    }
}
