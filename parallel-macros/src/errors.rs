//! Collecting every error of one expansion, so a user sees all their mistakes at once.

use proc_macro2::TokenStream;

/// The errors found so far, each already spanned on the token that is wrong.
#[derive(Default)]
pub struct Errors {
    list: Vec<syn::Error>,
}

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        self.list.push(error);
    }

    /// Takes every error of `other`, after this list's own.
    pub fn extend(&mut self, other: Errors) {
        self.list.extend(other.list);
    }

    /// Keeps the value of `result`, recording its error instead.
    pub fn take<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many errors so far; compare before and after a step to see whether it failed.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// All errors as `compile_error!` invocations.
    pub fn to_compile_errors(&self) -> TokenStream {
        self.list.iter().map(syn::Error::to_compile_error).collect()
    }
}
