//! What a fan-out declares, once parsed: the input of validation and generation.

use proc_macro2::Span;
use syn::{Attribute, Expr, Ident, ImplItemFn, LitStr, Pat, Type};

/// One method annotated with `#[parallel_calls(...)]`.
pub struct FanOut {
    /// The user's method, with our attributes and the call parameters removed.
    pub method: ImplItemFn,
    pub options: ListOptions,
    /// The calls, in declaration order: call `i` is promise result `i`.
    pub calls: Vec<Call>,
    /// Parameters that are not calls: the fan-out's own arguments, handed to the callback.
    pub context: Vec<ContextParam>,
    /// Where the `#[parallel_calls]` attribute was written, for errors about the whole list.
    pub attr_span: Span,
}

/// Options for the whole list, from `#[parallel_calls(...)]`.
#[derive(Default)]
pub struct ListOptions {
    pub callback: Option<Ident>,
    pub callback_gas: Option<GasAmount>,
    pub gas: Option<GasAmount>,
    pub weight: Option<Weight>,
    pub max_len: Option<ByteSize>,
    /// `events = false` turns the failure event off.
    pub events: Option<bool>,
    /// The refund account of every call with a deposit, evaluated in the fan-out.
    pub refund_to: Option<Expr>,
}

/// Result caps default to this (16 KiB), as `parallel_runtime::gas::DEFAULT_MAX_RESULT_LEN`.
pub const DEFAULT_MAX_LEN: usize = 16 * 1024;

impl FanOut {
    /// The most bytes of one answer of `call` that the callback (or a collector) reads.
    pub fn cap(&self, call: &Call) -> usize {
        let cap = call.max_len.as_ref().or(self.options.max_len.as_ref());
        cap.map_or(DEFAULT_MAX_LEN, |max_len| max_len.bytes)
    }

    /// The most bytes of answers the callback reads from its single calls: each read
    /// call's cap. A call whose result is not read only has its status checked, which
    /// copies nothing.
    pub fn single_read_bytes(&self) -> usize {
        self.calls
            .iter()
            .filter(|call| call.each.is_none() && call.name.is_some())
            .map(|call| self.cap(call))
            .fold(0, usize::saturating_add)
    }
}

impl ListOptions {
    pub fn events(&self) -> bool {
        self.events.unwrap_or(true)
    }
}

/// One call, from a parameter marked `#[call(receiver, "method", ...)]`.
pub struct Call {
    /// The parameter's other attributes (`#[allow(...)]`, say), kept on its binding.
    pub attrs: Vec<Attribute>,
    /// The name the result is bound to; `None` for `_`, a call whose result is not read.
    pub name: Option<Ident>,
    /// The parameter's pattern, as the user wrote it (`hello`, `mut hello`, `_`).
    pub pat: Pat,
    /// The parameter's type, as the user wrote it.
    pub ty: Type,
    pub binding: Binding,
    pub receiver: Expr,
    /// The contract method's name; for a typed call, the interface method's.
    pub method: LitStr,
    /// Set when the call goes through a near-sdk `#[ext_contract]` interface.
    pub typed: Option<TypedCall>,
    pub args: Option<Args>,
    pub serializer: Serializer,
    pub result_serializer: Serializer,
    pub deposit: Option<Deposit>,
    pub gas: Option<GasAmount>,
    pub weight: Option<Weight>,
    pub max_len: Option<ByteSize>,
    /// The `#[call(...)]` attribute, for errors about the call as a whole.
    pub attr: Attribute,
    /// Set for a dynamic call, `#[call(for item in items, ...)]`: one call per item.
    pub each: Option<Each>,
}

/// `for token in tokens`: the items of a dynamic call, known only at run time. The receiver,
/// arguments and typed call may use the item's binding.
pub struct Each {
    pub pat: Pat,
    pub items: Expr,
    /// The type of one result, `X` of the parameter's `Vec<X>`.
    pub result_ty: Type,
}

/// `ext_ft::ft_balance_of(user.clone())`: a call written with a near-sdk `#[ext_contract]`
/// interface, which encodes the arguments itself. The framework still knows the receiver,
/// method and gas, because it builds the promise through the interface's builder.
pub struct TypedCall {
    /// The interface's module, `ext_ft`.
    pub interface: syn::Path,
    /// The interface method, `ft_balance_of`.
    pub method: Ident,
    pub args: syn::punctuated::Punctuated<Expr, syn::Token![,]>,
}

/// How the aggregation takes a call's result.
pub enum Binding {
    /// A plain value without fallback: the callback fails if the call did not answer usably.
    Required,
    /// A plain value, replaced by the expression when the call did not answer usably.
    Fallback(Expr),
    /// `CallResult<T>`: the aggregation sees the error itself. Holds `T`.
    Result(Type),
}

/// A parameter of the fan-out method that is not a call.
pub struct ContextParam {
    pub pat: Pat,
    pub ident: Ident,
    pub ty: Type,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Serializer {
    Json,
    Borsh,
}

/// A gas amount: a literal written with its unit, or an expression of type `Gas`.
#[derive(Clone)]
pub enum GasAmount {
    Literal { gas: u64, span: Span },
    Expr(Expr),
}

/// An unused-gas weight.
#[derive(Clone)]
pub struct Weight {
    pub value: u64,
}

/// A byte count, for result caps.
#[derive(Clone)]
pub struct ByteSize {
    pub bytes: usize,
}

/// An attached deposit: a literal written with its unit, or an expression of type `NearToken`.
pub enum Deposit {
    Literal { yocto: u128 },
    Expr(Expr),
}

/// A call's arguments.
pub enum Args {
    /// `args = { key: value, ... }`: a JSON object written in place.
    Object(JsonObject),
    /// `args = expr`: any serializable value.
    Expr(Expr),
}

/// A JSON object literal whose leaves may be Rust expressions.
pub struct JsonObject {
    pub fields: Vec<(String, JsonValue)>,
}

pub enum JsonValue {
    Object(JsonObject),
    Array(Vec<JsonValue>),
    /// A leaf known at compile time, already encoded as JSON text.
    Constant(String),
    /// A leaf computed at run time.
    Expr(Expr),
}
