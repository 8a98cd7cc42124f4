//! Snapshots of the pretty-printed expansion of representative inputs, so any change in
//! the generated code shows up in review. Re-record with `INSTA_UPDATE=always` (or
//! `cargo insta review`) after reading the diff.

use quote::quote;

fn expand(item: proc_macro2::TokenStream) -> String {
    let output = crate::expand::expand(proc_macro2::TokenStream::new(), item);
    match syn::parse2::<syn::File>(output.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => output.to_string(),
    }
}

#[test]
fn reference_page_aggregator() {
    insta::assert_snapshot!(expand(quote! {
        #[near]
        impl Aggregator {
            #[parallel_calls(gas = 5 Tgas, callback_gas = 10 Tgas)]
            pub fn multiple_contracts(
                &mut self,
                #[call(self.hello_account, "get_greeting")] hello: CallResult<String>,
                #[call(self.counter_account, "get_num", fallback = 0)] counter: i8,
                #[call(self.guestbook_account, "get_messages", fallback = Vec::new())]
                messages: Vec<PostedMessage>,
            ) -> String {
                format!("{hello:?}, Counter: {counter}, Messages: {} total", messages.len())
            }
        }
    }));
}

#[test]
fn portfolio_with_context_and_run_time_arguments() {
    insta::assert_snapshot!(expand(quote! {
        #[near]
        impl Dashboard {
            /// The user's holdings across three protocols.
            #[parallel_calls(callback_gas = 15 Tgas)]
            #[handle_result]
            pub fn get_portfolio_summary(
                &self,
                user_account: AccountId,
                token_contract: AccountId,
                #[call(token_contract, "ft_balance_of", args = { account_id: user_account },
                       gas = 5 Tgas, fallback = U128(0))]
                token_balance: U128,
                #[call(self.lending, "get_account_positions", args = { account_id: "bob.near", n: 3 },
                       gas = 10 Tgas, weight = 1, max_len = 4 KiB)]
                lending: CallResult<Positions>,
                #[call(self.dex, "ping", gas = 8 Tgas, deposit = 1 yoctoNEAR)]
                _: (),
            ) -> Result<Summary, String> {
                Ok(Summary::new(user_account, token_balance, lending))
            }
        }
    }));
}

#[test]
fn call_list_beside_a_single_call() {
    insta::assert_snapshot!(expand(quote! {
        #[near]
        impl Wallet {
            #[parallel_calls(gas = 5 Tgas, callback_gas = 20 Tgas)]
            pub fn balances(
                &mut self,
                owner: AccountId,
                tokens: Vec<AccountId>,
                #[call(self.registry, "get_name", fallback = String::new())] name: String,
                #[call(for token in tokens, token, "ft_balance_of",
                       args = { account_id: owner }, fallback = U128(0))]
                balances: Vec<U128>,
            ) -> (String, Vec<U128>) {
                (name, balances)
            }
        }
    }));
}

/// near-sdk exports a method named `r#final` as `final`: the fan-out must schedule that
/// name, or the callback is never found (found by our adversarial run).
#[test]
fn a_raw_callback_name_is_scheduled_as_exported() {
    let expanded = expand(quote! {
        #[near]
        impl Contract {
            #[parallel_calls(gas = 5 Tgas, callback = r#final)]
            pub fn fan_out(&mut self, #[call(self.a, "get")] a: CallResult<u8>) -> bool {
                a.is_ok()
            }
        }
    });
    assert!(expanded.contains(r#""final","#), "{expanded}");
    assert!(!expanded.contains(r#""r#final""#), "{expanded}");
}

/// `refund_to` names each deposit-carrying call's refund account, evaluated in the fan-out;
/// the callback relays nothing.
#[test]
fn refund_to_sets_the_refund_account_of_calls_with_deposits() {
    let expanded = expand(quote! {
        #[near]
        impl Contract {
            #[payable]
            #[parallel_calls(gas = 5 Tgas, refund_to = tipper)]
            pub fn tip(
                &mut self,
                tipper: AccountId,
                #[call(self.a, "add", deposit = 1 NEAR)] a: CallResult<()>,
                #[call(self.b, "get")] b: CallResult<u8>,
            ) -> bool {
                a.is_ok() && b.is_ok()
            }
        }
    });
    assert_eq!(expanded.matches(".refund_to(").count(), 1, "{expanded}");
    assert!(expanded.contains("let __parallel_refund_to"), "{expanded}");
    assert!(!expanded.contains("Transfer") && !expanded.contains("transfer("));
}
