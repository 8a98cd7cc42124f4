//! What dynamic calls cost: `numbers` of `examples/fan-out-lab`, one `get_num` (3 Tgas, 8 B
//! cap) per counter and a 20 Tgas callback, from one call to the longest list 1 PGas carries, with
//! the tree of joins past 128.

use parallel_tests::executor::{Call, Execution, Executor, ONE_NEAR};
use parallel_tests::wasm;

const LAB: &str = "lab.bench.near";
const USER: &str = "user.bench.near";
/// Every run attaches what a transaction can: 1 PGas.
const PREPAID: u64 = 1_000_000_000_000_000;
/// Lists are searched for the ceiling up to this length.
const SEARCH_LIMIT: usize = 400;

/// One `numbers` transaction over the first `calls` counters.
#[derive(Clone, Debug)]
pub struct DynamicRun {
    pub calls: usize,
    /// Gas burnt by the fan-out method.
    pub fan_out: u64,
    /// Gas the fan-out used: burnt plus attached and prepaid for its receipts.
    pub fan_out_used: u64,
    /// How many collectors ran, and the gas they burnt together.
    pub collectors: usize,
    pub collectors_burnt: u64,
    /// The static gas the fan-out gave the collectors together.
    pub collectors_attached: u64,
    /// Gas burnt by the callback, and the static gas the fan-out gave it.
    pub callback: u64,
    pub callback_attached: u64,
    /// Blocks from the user's call to the callback.
    pub blocks: u64,
}

/// The lengths measured besides the ceiling.
pub const SIZES: [usize; 3] = [1, 128, 129];

/// What dynamic calls cost: the runs for `sizes`, plus the ceiling and its run when
/// `find_ceiling`. Fails when a run does not answer every counter.
pub fn measure(
    sizes: &[usize],
    find_ceiling: bool,
) -> Result<(Vec<DynamicRun>, Option<usize>), String> {
    let mut chain = chain(SEARCH_LIMIT);
    let mut runs = Vec::new();
    for &calls in sizes {
        let execution = numbers(&mut chain, calls);
        runs.push(run_of(&execution, calls)?);
    }
    if !find_ceiling {
        return Ok((runs, None));
    }
    // Every length up to the ceiling works and none past it: bisect on "answers".
    let (mut works, mut fails) = (*sizes.iter().max().unwrap_or(&1), SEARCH_LIMIT + 1);
    while fails - works > 1 {
        let middle = works + (fails - works) / 2;
        if numbers(&mut chain, middle).is_success() {
            works = middle;
        } else {
            fails = middle;
        }
    }
    let execution = numbers(&mut chain, works);
    runs.push(run_of(&execution, works)?);
    Ok((runs, Some(works)))
}

fn chain(counters: usize) -> Executor {
    let mut chain = Executor::new();
    chain.create_account(USER, 100 * ONE_NEAR);
    let counter = wasm::load("counter");
    for index in 0..counters {
        chain.deploy(&counter_account(index), &counter);
    }
    chain.deploy(LAB, &wasm::load("fan_out_lab"));
    let init = format!(r#"{{"first":"{USER}","second":"{USER}"}}"#).into_bytes();
    let setup = chain.call(Call::new(LAB, LAB, "new").args(init));
    assert!(setup.is_success(), "{:?}", setup.result());
    chain
}

fn counter_account(index: usize) -> String {
    format!("counter-{index}.bench.near")
}

fn numbers(chain: &mut Executor, calls: usize) -> Execution {
    let list: Vec<String> = (0..calls).map(counter_account).collect();
    let args = serde_json::to_vec(&serde_json::json!({ "counters": list })).expect("JSON");
    chain.call(Call::new(USER, LAB, "numbers").args(args).gas(PREPAID))
}

fn run_of(execution: &Execution, calls: usize) -> Result<DynamicRun, String> {
    let expected = serde_json::to_vec(&vec![0; calls]).expect("JSON");
    if execution.value() != Some(&expected[..]) {
        return Err(format!(
            "numbers over {calls} counters answered {:?}",
            execution.result()
        ));
    }
    let fan_out = &execution.calls(LAB, "numbers")[0];
    let collectors = execution.calls(LAB, "numbers_collect");
    let callback = &execution.calls(LAB, "numbers_callback")[0];
    Ok(DynamicRun {
        calls,
        fan_out: fan_out.gas_burnt,
        fan_out_used: fan_out.gas_used,
        collectors: collectors.len(),
        collectors_burnt: collectors.iter().map(|c| c.gas_burnt).sum(),
        collectors_attached: collectors.iter().map(|c| c.gas_attached).sum(),
        callback: callback.gas_burnt,
        callback_attached: callback.gas_attached,
        blocks: callback.block_height - fan_out.block_height,
    })
}

/// The section of `BENCHMARKS.md`.
pub fn markdown(out: &mut String, runs: &[DynamicRun], ceiling: Option<usize>) {
    let tgas = |gas: u64| format!("{:.3}", gas as f64 / 1e12);
    out.push_str(
        "## Dynamic calls, 1 call to the ceiling\n\n\
         `numbers` of `examples/fan-out-lab`: `#[call(for counter in counters, counter, \
         \"get_num\", gas = 3 Tgas, max_len = 8 B)]`, a 20 Tgas callback, 1 PGas attached. \
         Past 128 calls the list goes through a tree of joins: each group of at most 128 calls \
         joins into a collector, the collectors into the callback. Each collector is given \
         gas for its group at the cap (`DynamicPlan::collector_gas`), the callback its 20 Tgas \
         plus its reserve for reading every answer at the cap (`gas::read_reserve`): the \
         *given* columns.\n\n",
    );
    if let Some(ceiling) = ceiling {
        out.push_str(&format!(
            "The ceiling, the longest list that answers with 1 PGas, is **{ceiling} calls**; \
             one more and the fan-out refuses before scheduling anything, saying how many \
             fit.\n\n"
        ));
    }
    out.push_str(
        "| calls | fan-out burnt | fan-out used | collectors | collectors burnt | collectors \
         given | callback burnt | callback given | blocks to the callback |\n\
         |---|---|---|---|---|---|---|---|---|\n",
    );
    for run in runs {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            run.calls,
            tgas(run.fan_out),
            tgas(run.fan_out_used),
            run.collectors,
            tgas(run.collectors_burnt),
            tgas(run.collectors_attached),
            tgas(run.callback),
            tgas(run.callback_attached),
            run.blocks,
        ));
    }
    out.push('\n');
}
