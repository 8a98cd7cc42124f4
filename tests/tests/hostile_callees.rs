//! Callees the fan-out's author does not control, on nearcore's VM with real wasm: failed
//! calls' deposits find their way back to the user, a 4 MiB answer costs the callback no
//! more than a small one, and failures are reported in one NEP-297 event.

use parallel_tests::executor::{Call, Execution, Executor, ReceiptKind, ONE_NEAR};
use parallel_tests::wasm;

const LAB: &str = "lab.test.near";
const FIRST: &str = "first.test.near";
const SECOND: &str = "second.test.near";
const USER: &str = "user.test.near";
const TGAS: u64 = 1_000_000_000_000;

/// The lab contract calling `first` and `second`, each either a guestbook or a callee
/// that misbehaves as `mode` says (`None`: the real guestbook).
fn lab(first: Option<&str>, second: Option<&str>) -> Executor {
    let mut chain = Executor::new();
    for (account, mode) in [(FIRST, first), (SECOND, second)] {
        match mode {
            None => chain.deploy(account, &wasm::load("guestbook")),
            Some(mode) => {
                chain.deploy(account, &wasm::load("misbehaving"));
                call_ok(
                    &mut chain,
                    Call::new(account, account, "new").args(mode.as_bytes().to_vec()),
                );
            }
        }
    }
    chain.deploy(LAB, &wasm::load("fan_out_lab"));
    let init = format!(r#"{{"first":"{FIRST}","second":"{SECOND}"}}"#);
    call_ok(
        &mut chain,
        Call::new(LAB, LAB, "new").args(init.into_bytes()),
    );
    chain.create_account(USER, 10 * ONE_NEAR);
    chain
}

fn call_ok(chain: &mut Executor, call: Call) -> Execution {
    let execution = chain.call(call);
    assert!(execution.is_success(), "{:?}", execution.result());
    execution
}

fn tip_both(chain: &mut Executor) -> Execution {
    let args = format!(r#"{{"tipper":"{USER}"}}"#).into_bytes();
    call_ok(
        chain,
        Call::new(USER, LAB, "tip_both")
            .args(args)
            .deposit(2 * ONE_NEAR),
    )
}

const PANIC: &str = r#"{"mode":"panic"}"#;

#[test]
fn a_failed_calls_deposit_goes_back_to_the_user_who_paid_it() {
    let mut chain = lab(None, Some(PANIC));
    let before = [FIRST, SECOND, LAB].map(|account| chain.balance(account));
    let execution = tip_both(&mut chain);

    assert_eq!(execution.value(), Some(&b"1"[..]));
    assert_eq!(
        chain.balance(USER),
        9 * ONE_NEAR,
        "paid 2 NEAR, 1 came back"
    );
    assert_eq!(
        chain.balance(FIRST),
        before[0] + ONE_NEAR,
        "the post that worked kept its tip"
    );
    assert_eq!(
        chain.balance(SECOND),
        before[1],
        "the failed post kept nothing"
    );
    assert_eq!(chain.balance(LAB), before[2], "the fan-out keeps nothing");
    // NEAR refunds the failed call straight to the user; the contract relays nothing.
    let to_user: Vec<_> = execution
        .receipts
        .iter()
        .filter(|receipt| receipt.receiver == USER)
        .map(|receipt| (receipt.kind, receipt.deposit))
        .collect();
    assert_eq!(to_user, [(ReceiptKind::Refund, ONE_NEAR)]);
}

/// A callee that keeps the deposit and then fails in a promise it returned: the callback
/// sees `Failed`, but nothing was refunded. Relaying a refund on `Failed` paid the tipper
/// out of the contract's balance (found by our adversarial run); now the contract never
/// relays, so it loses nothing, and the tip stays where the callee chose to keep it.
#[test]
fn a_callee_that_keeps_the_deposit_and_fails_later_costs_the_contract_nothing() {
    let mut chain = lab(None, Some(r#"{"mode":"keep_and_fail"}"#));
    let before = [FIRST, SECOND, LAB].map(|account| chain.balance(account));
    let execution = tip_both(&mut chain);

    assert_eq!(
        execution.value(),
        Some(&b"1"[..]),
        "the second post reads as failed"
    );
    assert_eq!(chain.balance(LAB), before[2], "the contract pays nothing");
    assert_eq!(chain.balance(FIRST), before[0] + ONE_NEAR);
    assert_eq!(
        chain.balance(SECOND),
        before[1] + ONE_NEAR,
        "the callee kept its tip"
    );
    assert_eq!(
        chain.balance(USER),
        8 * ONE_NEAR,
        "nothing came back to refund"
    );
    assert!(execution
        .receipts
        .iter()
        .all(|receipt| receipt.receiver != USER));
}

#[test]
fn when_every_call_fails_every_deposit_goes_back() {
    let mut chain = lab(Some(PANIC), Some(PANIC));
    let execution = tip_both(&mut chain);
    assert_eq!(execution.value(), Some(&b"0"[..]));
    assert_eq!(chain.balance(USER), 10 * ONE_NEAR);
}

#[test]
fn when_every_call_succeeds_nothing_is_handed_back() {
    let mut chain = lab(None, None);
    let execution = tip_both(&mut chain);
    assert_eq!(execution.value(), Some(&b"2"[..]));
    assert_eq!(chain.balance(USER), 8 * ONE_NEAR);
    assert!(execution
        .receipts
        .iter()
        .all(|receipt| receipt.receiver != USER));
}

/// Before the check, a caller attaching nothing made the contract pay both tips and then
/// received the failed one's refund: the contract's money, drained 1 NEAR a call.
#[test]
fn a_caller_who_attaches_less_than_the_deposits_is_refused_before_anything_is_scheduled() {
    for attached in [0, ONE_NEAR, 2 * ONE_NEAR - 1] {
        let mut chain = lab(None, Some(PANIC));
        let lab_before = chain.balance(LAB);
        let args = format!(r#"{{"tipper":"{USER}"}}"#).into_bytes();
        let execution = chain.call(
            Call::new(USER, LAB, "tip_both")
                .args(args)
                .deposit(attached),
        );
        let message = execution.result().failure().unwrap_or_default().to_owned();
        assert_eq!(
            message,
            format!(
                "Smart contract panicked: fan-out `tip_both` attaches {} yoctoNEAR to its calls, \
                 and `refund_to` has NEAR refund failed ones to an account the caller names, so \
                 the caller must pay them: attach at least {} yoctoNEAR (got {attached}, of \
                 which earlier fan-outs of this call took 0)",
                2 * ONE_NEAR,
                2 * ONE_NEAR,
            ),
        );
        let calls = execution
            .receipts
            .iter()
            .filter(|receipt| receipt.kind == ReceiptKind::Call)
            .count();
        assert_eq!(calls, 1, "only the fan-out ran: {:?}", execution.receipts);
        assert_eq!(chain.balance(LAB), lab_before, "attached {attached}");
        assert_eq!(chain.balance(USER), 10 * ONE_NEAR, "attached {attached}");
    }
}

/// Two fan-outs in one call draw on one attached deposit: each checking it alone let a
/// caller pay once and have the contract pay the second time (found by our adversarial run).
#[test]
fn fan_outs_run_by_one_call_share_its_attached_deposit() {
    let mut chain = lab(None, Some(PANIC));
    let lab_before = chain.balance(LAB);
    let args = format!(r#"{{"tipper":"{USER}"}}"#).into_bytes();
    let call = |deposit| {
        Call::new(USER, LAB, "tip_both_twice")
            .args(args.clone())
            .deposit(deposit)
            .gas(300 * TGAS)
    };
    let refused = chain.call(call(2 * ONE_NEAR));
    let message = refused.result().failure().unwrap_or_default().to_owned();
    assert!(
        message.contains(&format!(
            "attach at least {} yoctoNEAR (got {}, of which earlier fan-outs of this call \
             took {})",
            4 * ONE_NEAR,
            2 * ONE_NEAR,
            2 * ONE_NEAR
        )),
        "{message}"
    );
    assert_eq!(chain.balance(LAB), lab_before);
    assert_eq!(chain.balance(USER), 10 * ONE_NEAR);

    let paid = chain.call(call(4 * ONE_NEAR));
    assert_eq!(paid.value(), Some(&b"1"[..]), "{:?}", paid.result());
    assert_eq!(chain.balance(LAB), lab_before, "the contract pays nothing");
    assert_eq!(
        chain.balance(USER),
        8 * ONE_NEAR,
        "paid 4 NEAR, the 2 failed tips came back"
    );
}

/// The callback's gas when `first` answers `size` bytes to a 1 KiB cap.
fn callback_gas_for_answer_of(size: u32) -> u64 {
    let mode = format!(r#"{{"mode":"huge","size":{size}}}"#);
    let mut chain = lab(Some(&mode), None);
    let call = Call::new(USER, LAB, "greeting_of_first").gas(400 * TGAS);
    let execution = call_ok(&mut chain, call);
    assert_eq!(execution.value(), Some(&br#""no usable greeting""#[..]));
    let answer = &execution.calls(FIRST, "get_greeting")[0];
    assert_eq!(answer.outcome.value().map(<[u8]>::len), Some(size as usize));
    execution.calls(LAB, "greeting_of_first_callback")[0].gas_burnt
}

#[test]
fn a_4_mib_answer_costs_the_callback_no_more_than_a_2_kib_one() {
    let small = callback_gas_for_answer_of(2 * 1024);
    let huge = callback_gas_for_answer_of(4 * 1024 * 1024);
    assert!(
        huge < 5 * TGAS,
        "the callback ran within its 5 Tgas: {huge}"
    );
    assert_eq!(
        huge, small,
        "over the cap, the answer's size must not matter"
    );
}

#[test]
fn failures_are_reported_in_one_nep_297_event() {
    let mut chain = lab(Some(PANIC), Some(r#"{"mode":"garbage"}"#));
    let execution = tip_both(&mut chain);
    let logs = &execution.calls(LAB, "tip_both_callback")[0].logs;
    assert_eq!(
        logs,
        &[format!(
            "EVENT_JSON:{{\"standard\":\"parallel_calls\",\"version\":\"1.0.0\",\"event\":\
             \"calls_failed\",\"data\":[{{\"fan_out\":\"tip_both\",\"failed\":[\
             {{\"call\":\"first\",\"receiver\":\"{FIRST}\",\"method\":\"add_message\",\
             \"kind\":\"failed\"}},\
             {{\"call\":\"second\",\"receiver\":\"{SECOND}\",\"method\":\"add_message\",\
             \"kind\":\"undecodable\"}}],\"omitted\":0}}]}}"
        )]
    );
}

#[test]
fn with_events_off_a_failure_is_not_logged_and_nothing_is_forwarded() {
    let mut chain = lab(Some(PANIC), None);
    let call = Call::new(USER, LAB, "quiet_greeting_of_first");
    let execution = call_ok(&mut chain, call);
    assert_eq!(execution.value(), Some(&br#""no usable greeting""#[..]));
    let callback = &execution.calls(LAB, "quiet_greeting_of_first_callback")[0];
    assert_eq!(callback.logs, Vec::<String>::new());
    assert_eq!(callback.args, Vec::<u8>::new(), "no receivers forwarded");
}
