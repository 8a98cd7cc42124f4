//! The NEP-297 event a callback logs when calls of its fan-out failed, so operators can see
//! which contracts fail and how often.
//!
//! One event per callback, at most [`MAX_EVENT_LEN`] bytes: past that, failures are counted
//! in `omitted` instead of listed, so even 128 failures stay within the protocol's 16 KiB of
//! logs per execution. Turn it off per fan-out with `#[parallel_calls(events = false)]`.
//!
//! ```text
//! EVENT_JSON:{"standard":"parallel_calls","version":"1.0.0","event":"calls_failed",
//!   "data":[{"fan_out":"multiple_contracts","failed":[{"call":"hello",
//!   "receiver":"hello.near","method":"get_greeting","kind":"failed"}],"omitted":0}]}
//! ```
//! (one line in the log; `kind` is [`FailureKind::code`](crate::FailureKind::code)). A call
//! of a dynamic call also carries its position in the list, `"item":3`, after `"call"`.

use crate::CallError;

/// The event's `standard`.
pub const STANDARD: &str = "parallel_calls";
/// The event's `version`.
pub const VERSION: &str = "1.0.0";
/// The event's name.
pub const EVENT: &str = "calls_failed";
/// The longest event logged, in bytes, `EVENT_JSON:` included.
pub const MAX_EVENT_LEN: usize = 4096;

/// The event's log line for the failed calls among `results`, `None` when none failed.
///
/// `receivers[i]` is the account call `i` went to.
///
/// ```
/// use parallel_runtime::{events, CallError, FailureKind};
///
/// let failed = CallError::new("hello", "get_greeting", FailureKind::Failed);
/// let line = events::calls_failed("summary", &["hello.near"], &[Some(&failed)]).unwrap();
/// assert_eq!(
///     line,
///     r#"EVENT_JSON:{"standard":"parallel_calls","version":"1.0.0","event":"calls_failed","data":[{"fan_out":"summary","failed":[{"call":"hello","receiver":"hello.near","method":"get_greeting","kind":"failed"}],"omitted":0}]}"#
/// );
/// assert_eq!(events::calls_failed("summary", &["hello.near"], &[None]), None);
/// ```
pub fn calls_failed<R: AsRef<str>>(
    fan_out: &str,
    receivers: &[R],
    results: &[Option<&CallError>],
) -> Option<String> {
    let mut failed = results
        .iter()
        .enumerate()
        .filter_map(|(i, error)| Some((i, (*error)?)));
    let first = failed.next()?;
    let mut line = String::with_capacity(256);
    for part in [
        r#"EVENT_JSON:{"standard":""#,
        STANDARD,
        r#"","version":""#,
        VERSION,
    ] {
        line.push_str(part);
    }
    for part in [r#"","event":""#, EVENT, r#"","data":[{"fan_out":"#] {
        line.push_str(part);
    }
    // A fan-out is named by a Rust identifier, short in practice; the cap keeps even an
    // absurd one from breaking the bound.
    push_quoted(
        &mut line,
        fan_out.get(..fan_out.len().min(128)).unwrap_or(fan_out),
    );
    line.push_str(r#","failed":["#);
    // Room for the closing `],"omitted":<count>}]}`.
    // A dynamic call may have thousands of calls: leave room for a count of any length.
    // The closing text and the longest count it may hold (`usize::MAX` has 20 digits).
    let tail_room = r#"],"omitted":}]}"#.len() + 20;
    let (mut listed, mut omitted) = (0usize, 0usize);
    for (index, error) in [first].into_iter().chain(failed) {
        let receiver = receivers.get(index).map_or("", AsRef::as_ref);
        let mut entry = String::with_capacity(128);
        entry.push_str(if listed == 0 {
            r#"{"call":"#
        } else {
            r#",{"call":"#
        });
        push_quoted(&mut entry, error.call());
        if let Some(item) = error.item() {
            entry.push_str(r#","item":"#);
            entry.push_str(&item.to_string());
        }
        entry.push_str(r#","receiver":"#);
        push_quoted(&mut entry, receiver);
        entry.push_str(r#","method":"#);
        push_quoted(&mut entry, error.method());
        entry.push_str(r#","kind":""#);
        entry.push_str(error.kind().code());
        entry.push_str(r#""}"#);
        if line.len() + entry.len() + tail_room <= MAX_EVENT_LEN {
            line.push_str(&entry);
            listed += 1;
        } else {
            omitted += 1;
        }
    }
    line.push_str(r#"],"omitted":"#);
    line.push_str(&omitted.to_string());
    line.push_str("}]}");
    Some(line)
}

/// `text` as a JSON string. Names, methods and account ids are plain ASCII without quotes or
/// backslashes; anything else is escaped all the same.
fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ch if (ch as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(b"0123456789abcdef"[(ch as usize) >> 4]));
                out.push(char::from(b"0123456789abcdef"[(ch as usize) & 15]));
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FailureKind;

    #[test]
    fn escapes_what_json_needs() {
        let mut out = String::new();
        push_quoted(&mut out, "a\"b\\c\n");
        assert_eq!(out, r#""a\"b\\c\u000a""#);
    }

    #[test]
    fn stays_within_its_bound_and_counts_what_it_leaves_out() {
        let errors: Vec<CallError> = (0..128)
            .map(|_| {
                CallError::new(
                    "a_call_with_a_long_name",
                    "a_method_with_a_long_name",
                    FailureKind::Failed,
                )
            })
            .collect();
        let results: Vec<Option<&CallError>> = errors.iter().map(Some).collect();
        let receiver = "a-receiver-account-with-a-rather-long-name.some-factory.near";
        let receivers = vec![receiver; 128];
        let line = calls_failed("fan_out", &receivers, &results).unwrap();
        assert!(line.len() <= MAX_EVENT_LEN, "{} bytes", line.len());
        let json: near_sdk::serde_json::Value =
            near_sdk::serde_json::from_str(line.strip_prefix("EVENT_JSON:").unwrap()).unwrap();
        let data = &json["data"][0];
        let listed = data["failed"].as_array().unwrap().len();
        assert!(listed > 10);
        assert_eq!(listed as u64 + data["omitted"].as_u64().unwrap(), 128);
    }
}
