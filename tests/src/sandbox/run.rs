//! Running a scenario on a fresh sandbox node through near-workspaces.

use crate::scenarios::{Report, Scenario, Step};
use crate::wasm;
use near_jsonrpc_client::methods::EXPERIMENTAL_receipt;
use near_jsonrpc_client::JsonRpcClient;
use near_jsonrpc_primitives::types::receipts::ReceiptReference;
use near_primitives::views::{ActionView, ReceiptEnumView};
use near_workspaces::network::Sandbox;
use near_workspaces::operations::Function;
use near_workspaces::result::{ExecutionFinalResult, ExecutionOutcome, ValueOrReceiptId};
use near_workspaces::types::{Gas, KeyType, NearToken, SecretKey};
use near_workspaces::{Account, AccountId, CryptoHash, Worker};
use std::collections::HashMap;

/// What each account of a scenario starts with. Less than the executor's 100 NEAR, so that
/// the 128 callees of the block measurement fit in the node's genesis money; the demo
/// contracts stake at most a few NEAR for their storage.
const ACCOUNT_BALANCE: NearToken = NearToken::from_near(10);

/// What a parent account that the scenario does not name (`near`, `test.near`) is given
/// to create its children with.
const PARENT_BALANCE: NearToken = NearToken::from_near(2_000);

/// Anything that went wrong talking to the node, as text.
pub(super) type Failed = String;

/// Starts a node, deploys the scenario's contracts, sets them up, calls the fan-out.
pub(super) async fn run(scenario: &Scenario) -> Result<Report, Failed> {
    let worker = near_workspaces::sandbox()
        .await
        .map_err(|error| format!("the sandbox node did not start: {}", text(&error)))?;
    let mut accounts = Accounts::new(&worker)?;
    for deploy in &scenario.deploys {
        let account = accounts.get(deploy.account).await?;
        let mut transaction = account.batch(account.id()).deploy(&wasm::load(deploy.wasm));
        if let Some((method, args)) = &deploy.init {
            let init = Step::new(deploy.account, deploy.account, method, args.clone());
            transaction = transaction.call(function(&init));
        }
        let what = format!("deploying {} on {}", deploy.wasm, deploy.account);
        succeeded(&what, transaction.transact().await.map_err(|e| text(&e)))?;
    }
    // Users are plain accounts with money: make each signer that is not a contract.
    for step in scenario.setup.iter().chain([&scenario.fan_out]) {
        accounts.get(step.signer).await?;
    }
    for step in &scenario.setup {
        let what = format!("setup call {}.{}", step.receiver, step.method);
        succeeded(&what, call(&mut accounts, step).await)?;
    }
    let result = call(&mut accounts, &scenario.fan_out)
        .await
        .map_err(|error| format!("the fan-out was not sent: {error}"))?;
    report(&worker, &result).await
}

/// The scenario's accounts on the node, created on first use with the same names.
struct Accounts<'w> {
    worker: &'w Worker<Sandbox>,
    root: Account,
    known: HashMap<String, Account>,
}

impl<'w> Accounts<'w> {
    fn new(worker: &'w Worker<Sandbox>) -> Result<Self, Failed> {
        let root = worker
            .root_account()
            .map_err(|error| format!("no root account: {}", text(&error)))?;
        let known = HashMap::from([(root.id().to_string(), root.clone())]);
        Ok(Accounts {
            worker,
            root,
            known,
        })
    }

    /// The account named `id`, created with its missing parents: `user.test.near` needs
    /// `test.near`, which needs the top-level `near`, which only the registrar can create.
    /// Each is created once per node.
    async fn get(&mut self, id: &str) -> Result<Account, Failed> {
        let mut lineage: Vec<&str> = id.match_indices('.').map(|(at, _)| &id[at + 1..]).collect();
        lineage.reverse();
        lineage.push(id);
        // Only below the deepest account that exists: the node's root may be `test.near`.
        let first_missing = lineage
            .iter()
            .rposition(|name| self.known.contains_key(*name))
            .map_or(0, |known| known + 1);
        for (depth, name) in lineage.iter().enumerate().skip(first_missing) {
            let balance = if *name == id {
                ACCOUNT_BALANCE
            } else {
                PARENT_BALANCE
            };
            let account = match depth {
                0 => self.create_top_level(name, balance).await?,
                _ => {
                    let parent = &self.known[lineage[depth - 1]];
                    let prefix = &name[..name.len() - parent.id().len() - 1];
                    let created = parent
                        .create_subaccount(prefix)
                        .initial_balance(balance)
                        .transact()
                        .await;
                    let created = created.map_err(|error| text(&error))?;
                    created
                        .into_result()
                        .map_err(|failure| format!("creating {name} failed: {failure}"))?
                }
            };
            self.known.insert((*name).to_owned(), account);
        }
        Ok(self.known[id].clone())
    }

    async fn create_top_level(&self, name: &str, balance: NearToken) -> Result<Account, Failed> {
        let id: AccountId = name
            .parse()
            .map_err(|error| format!("`{name}` is not an account id: {error}"))?;
        let created = self
            .worker
            .create_tla(id.clone(), SecretKey::from_random(KeyType::ED25519))
            .await
            .map_err(|error| text(&error))?;
        let account = created
            .into_result()
            .map_err(|failure| format!("creating {name} failed: {failure}"))?;
        let funded = self.root.transfer_near(&id, balance).await;
        succeeded(&format!("funding {name}"), funded.map_err(|e| text(&e)))?;
        Ok(account)
    }
}

/// The step's call, with its arguments, gas and deposit.
fn function(step: &Step) -> Function {
    Function::new(step.method)
        .args(serde_json::to_vec(&step.args).expect("JSON values always encode"))
        .gas(Gas::from_gas(step.gas))
        .deposit(NearToken::from_yoctonear(step.deposit))
}

async fn call(accounts: &mut Accounts<'_>, step: &Step) -> Result<ExecutionFinalResult, Failed> {
    let signer = accounts.get(step.signer).await?;
    let receiver: AccountId = step
        .receiver
        .parse()
        .map_err(|error| format!("`{}` is not an account id: {error}", step.receiver))?;
    let sent = signer
        .batch(&receiver)
        .call(function(step))
        .transact()
        .await;
    sent.map_err(|error| text(&error))
}

/// Fails unless the transaction went through and no receipt of it failed.
fn succeeded(what: &str, sent: Result<ExecutionFinalResult, Failed>) -> Result<(), Failed> {
    let result = sent.map_err(|error| format!("{what} was not sent: {error}"))?;
    let failures: Vec<String> = result
        .failures()
        .into_iter()
        .map(|outcome| format!("{}: {}", outcome.executor_id, outcome_failure(outcome)))
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{what} failed: {}", failures.join("; ")))
    }
}

/// The report of the fan-out's transaction, in the executor's terms: the answer is the
/// value of the receipt the transaction's returned promises lead to, and blocks are counted
/// from the block that included the transaction to the block of that receipt.
async fn report(worker: &Worker<Sandbox>, result: &ExecutionFinalResult) -> Result<Report, Failed> {
    let receipts = result.receipt_outcomes();
    let (hops, answer) = follow(result.outcome(), receipts);
    let Some((fan_out, answered)) = hops.first().zip(hops.last()) else {
        return Err(format!(
            "the transaction ran no receipt: {:?}",
            result.outcome()
        ));
    };
    let callback =
        (hops.len() > 1 && answered.executor_id == fan_out.executor_id).then_some(answered);
    let mut blocks = Blocks::new(worker);
    let sent_at = blocks.get(result.outcome().block_hash).await?;
    let answered_at = blocks.get(answered.block_hash).await?;
    let mut failed_receipts = Vec::new();
    for outcome in receipts.iter().filter(|outcome| outcome.is_failure()) {
        let method = method_of(worker, outcome.transaction_hash).await?;
        failed_receipts.push(format!(
            "{}.{method}: {}",
            outcome.executor_id,
            outcome_failure(outcome)
        ));
    }
    Ok(Report {
        answer,
        fan_out_gas: fan_out.gas_burnt.as_gas(),
        callback_gas: callback.map_or(0, |outcome| outcome.gas_burnt.as_gas()),
        total_gas: receipts
            .iter()
            .map(|outcome| outcome.gas_burnt.as_gas())
            .sum(),
        blocks: answered_at.0.saturating_sub(sent_at.0),
        failed_receipts,
        callback_logs: callback.map_or_else(Vec::new, |outcome| outcome.logs.clone()),
        answer_timestamp_ms: Some(answered_at.1 / 1_000_000),
    })
}

/// The receipts from the transaction to its answer, following returned promises as the
/// node does for the transaction's status, and that answer.
fn follow<'r>(
    transaction: &ExecutionOutcome,
    receipts: &'r [ExecutionOutcome],
) -> (Vec<&'r ExecutionOutcome>, Result<serde_json::Value, String>) {
    let mut hops = Vec::new();
    let mut next = transaction.clone().into_result();
    // Every hop is a different receipt of this transaction; the bound only guards against
    // a malformed outcome.
    for _ in 0..=receipts.len() {
        let id = match next {
            Ok(ValueOrReceiptId::ReceiptId(id)) => id,
            Ok(ValueOrReceiptId::Value(value)) => return (hops, decode(value.raw_bytes())),
            Err(error) => return (hops, Err(text(&error))),
        };
        let Some(outcome) = receipts
            .iter()
            .find(|outcome| outcome.transaction_hash == id)
        else {
            return (hops, Err(format!("receipt {id} has no outcome")));
        };
        hops.push(outcome);
        next = outcome.clone().into_result();
    }
    (hops, Err("the returned promises do not end".to_owned()))
}

fn decode(bytes: near_workspaces::Result<Vec<u8>>) -> Result<serde_json::Value, String> {
    let bytes = bytes.map_err(|error| text(&error))?;
    serde_json::from_slice(&bytes).map_err(|error| {
        format!(
            "answer is not JSON ({error}): {}",
            String::from_utf8_lossy(&bytes)
        )
    })
}

/// The failure of a failed outcome, with its cause (near-workspaces' own text is only
/// `Execution`).
fn outcome_failure(outcome: &ExecutionOutcome) -> String {
    match outcome.clone().into_result() {
        Err(error) => text(&error),
        Ok(_) => String::new(),
    }
}

/// The method a receipt called (the last one of a batch), read back from the node.
async fn method_of(worker: &Worker<Sandbox>, receipt: CryptoHash) -> Result<String, Failed> {
    let request = EXPERIMENTAL_receipt::RpcReceiptRequest {
        receipt_reference: ReceiptReference {
            receipt_id: near_primitives::hash::CryptoHash(receipt.0),
        },
    };
    let view = JsonRpcClient::connect(worker.rpc_addr())
        .call(request)
        .await
        .map_err(|error| format!("cannot read receipt {receipt}: {}", text(&error)))?;
    let ReceiptEnumView::Action { actions, .. } = view.receipt else {
        return Ok(String::new());
    };
    Ok(actions
        .into_iter()
        .rev()
        .find_map(|action| match action {
            ActionView::FunctionCall { method_name, .. } => Some(method_name),
            _ => None,
        })
        .unwrap_or_default())
}

/// Block heights and timestamps (nanoseconds), asked of the node once per block.
struct Blocks<'w> {
    worker: &'w Worker<Sandbox>,
    seen: HashMap<CryptoHash, (u64, u64)>,
}

impl<'w> Blocks<'w> {
    fn new(worker: &'w Worker<Sandbox>) -> Self {
        Blocks {
            worker,
            seen: HashMap::new(),
        }
    }

    async fn get(&mut self, hash: CryptoHash) -> Result<(u64, u64), Failed> {
        if let Some(known) = self.seen.get(&hash) {
            return Ok(*known);
        }
        let block = self
            .worker
            .view_block()
            .block_hash(hash)
            .await
            .map_err(|error| format!("cannot read block {hash}: {}", text(&error)))?;
        let known = (block.height(), block.timestamp());
        self.seen.insert(hash, known);
        Ok(known)
    }
}

/// An error and every cause under it, on one line.
pub(super) fn text(error: &dyn std::error::Error) -> String {
    let mut line = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        // Some errors print their cause already; say it once.
        let inner_text = inner.to_string();
        if !line.ends_with(&inner_text) {
            line.push_str(": ");
            line.push_str(&inner_text);
        }
        cause = inner.source();
    }
    line
}
