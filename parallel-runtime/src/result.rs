//! What one call of a fan-out answered, as the aggregation sees it.

use core::fmt;
use near_sdk::NearToken;

/// The outcome of one call of a fan-out: its decoded value, or why there is none.
///
/// Bind a call's result to this type to handle its failure yourself; bind it to the
/// plain value type to make the call required, or give it a `fallback`.
///
/// ```
/// use parallel_runtime::{CallError, CallResult, FailureKind};
///
/// let answered: CallResult<i8> = Ok(7);
/// let failed: CallResult<i8> = Err(CallError::new("counter", "get_num", FailureKind::Failed));
/// assert_eq!(answered.unwrap_or(0), 7);
/// assert_eq!(failed.unwrap_or(0), 0);
/// ```
pub type CallResult<T> = Result<T, CallError>;

/// Why a call of a fan-out gave no usable value.
///
/// The protocol hands a callback no failure message, only the fact that the call failed;
/// the other kinds are found while reading the result.
///
/// ```
/// use parallel_runtime::FailureKind;
///
/// let kind = FailureKind::TooLong { len: 70_000, cap: 16_384 };
/// assert_eq!(kind.code(), "too_long");
/// assert_eq!(kind.to_string(), "answered 70000 bytes, over its cap of 16384");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FailureKind {
    /// The call failed: it panicked, ran out of gas, or its receiver or method does not
    /// exist. NEAR does not say which.
    Failed,
    /// The call answered more bytes than its cap; the bytes were never read.
    TooLong {
        /// How many bytes the call answered.
        len: usize,
        /// The cap the call was read with.
        cap: usize,
    },
    /// The call answered bytes that do not decode as its result type.
    Undecodable {
        /// The decoder's own explanation.
        reason: String,
    },
}

impl FailureKind {
    /// A short, stable name for the kind, for logs and events:
    /// `failed`, `too_long` or `undecodable`.
    ///
    /// ```
    /// assert_eq!(parallel_runtime::FailureKind::Failed.code(), "failed");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            FailureKind::Failed => "failed",
            FailureKind::TooLong { .. } => "too_long",
            FailureKind::Undecodable { .. } => "undecodable",
        }
    }
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FailureKind::Failed => f.write_str("failed"),
            FailureKind::TooLong { len, cap } => {
                write!(f, "answered {len} bytes, over its cap of {cap}")
            }
            FailureKind::Undecodable { reason } => {
                write!(f, "answered a payload that did not decode: {reason}")
            }
        }
    }
}

/// A call of a fan-out that gave no usable value, named as the fan-out declared it.
///
/// ```
/// use parallel_runtime::{CallError, FailureKind};
///
/// let error = CallError::new("hello", "get_greeting", FailureKind::Failed);
/// assert_eq!(error.call(), "hello");
/// assert_eq!(error.method(), "get_greeting");
/// assert_eq!(error.kind(), &FailureKind::Failed);
/// assert_eq!(error.to_string(), "call `hello` (get_greeting) failed");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallError {
    call: &'static str,
    method: &'static str,
    kind: FailureKind,
    deposit: NearToken,
    item: Option<usize>,
}

impl CallError {
    /// An error for the call named `call` of the fan-out, which called `method`.
    ///
    /// Generated code makes these; tests of an aggregation can too.
    ///
    /// ```
    /// use parallel_runtime::{CallError, FailureKind};
    ///
    /// let reason = "expected value at line 1 column 1".to_owned();
    /// let error = CallError::new("counter", "get_num", FailureKind::Undecodable { reason });
    /// assert_eq!(error.kind().code(), "undecodable");
    /// ```
    pub fn new(call: &'static str, method: &'static str, kind: FailureKind) -> Self {
        CallError {
            call,
            method,
            kind,
            deposit: NearToken::from_yoctonear(0),
            item: None,
        }
    }

    /// The same error for item `index` of a dynamic call (`#[call(for x in xs, ...)]`).
    ///
    /// ```
    /// use parallel_runtime::{CallError, FailureKind};
    ///
    /// let error = CallError::new("balances", "ft_balance_of", FailureKind::Failed).at(2);
    /// assert_eq!(error.item(), Some(2));
    /// assert_eq!(error.to_string(), "call `balances[2]` (ft_balance_of) failed");
    /// ```
    pub fn at(mut self, index: usize) -> Self {
        self.item = Some(index);
        self
    }

    /// For one call of a dynamic call, its position in the list; `None` for a single call.
    ///
    /// ```
    /// # use parallel_runtime::{CallError, FailureKind};
    /// let error = CallError::new("hello", "get_greeting", FailureKind::Failed);
    /// assert_eq!(error.item(), None);
    /// ```
    pub fn item(&self) -> Option<usize> {
        self.item
    }

    /// The same error for a call that carried `deposit`.
    ///
    /// ```
    /// use near_sdk::NearToken;
    /// use parallel_runtime::{CallError, FailureKind};
    ///
    /// let error = CallError::new("buy", "buy_ticket", FailureKind::Failed)
    ///     .with_deposit(NearToken::from_near(1));
    /// assert_eq!(error.deposit(), NearToken::from_near(1));
    /// ```
    pub fn with_deposit(mut self, deposit: NearToken) -> Self {
        self.deposit = deposit;
        self
    }

    /// The deposit the call carried.
    ///
    /// ```
    /// # use parallel_runtime::{CallError, FailureKind};
    /// let error = CallError::new("hello", "get_greeting", FailureKind::Failed);
    /// assert!(error.deposit().is_zero());
    /// ```
    pub fn deposit(&self) -> NearToken {
        self.deposit
    }

    /// The call's name: the name its result is bound to.
    ///
    /// ```
    /// # use parallel_runtime::{CallError, FailureKind};
    /// let error = CallError::new("hello", "get_greeting", FailureKind::Failed);
    /// assert_eq!(error.call(), "hello");
    /// ```
    pub fn call(&self) -> &'static str {
        self.call
    }

    /// The contract method the call invoked.
    ///
    /// ```
    /// # use parallel_runtime::{CallError, FailureKind};
    /// let error = CallError::new("hello", "get_greeting", FailureKind::Failed);
    /// assert_eq!(error.method(), "get_greeting");
    /// ```
    pub fn method(&self) -> &'static str {
        self.method
    }

    /// Why the call gave no usable value.
    ///
    /// ```
    /// # use parallel_runtime::{CallError, FailureKind};
    /// let kind = FailureKind::TooLong { len: 9, cap: 8 };
    /// let error = CallError::new("hello", "get_greeting", kind.clone());
    /// assert_eq!(error.kind(), &kind);
    /// ```
    pub fn kind(&self) -> &FailureKind {
        &self.kind
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("call `")?;
        f.write_str(self.call)?;
        if let Some(item) = self.item {
            write!(f, "[{item}]")?;
        }
        write!(f, "` ({}) {}", self.method, self.kind)
    }
}

impl std::error::Error for CallError {}
