//! Sharing a method's unused gas among the function calls it created, by weight.
//!
//! `near-vm-runner` only records each call's static gas and weight (`MockedExternal` logs
//! them); the sharing is done by nearcore's transaction runtime after the method returns.
//! This mirrors its rule: every call with a nonzero weight gets
//! `unused * weight / sum_of_weights` (rounded down, computed in 128 bits), and the call
//! with a weight that was created last also gets what rounding left over, so that all of
//! the unused gas is handed out.

/// The extra gas for each weight, in the order given. Returns all zeros when no weight is
/// nonzero, in which case the unused gas is simply not spent (it would be refunded).
pub(super) fn share_unused_gas(unused_gas: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|&weight| u128::from(weight)).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let mut shares: Vec<u64> = weights
        .iter()
        .map(|&weight| (u128::from(unused_gas) * u128::from(weight) / sum) as u64)
        .collect();
    let given: u64 = shares.iter().sum();
    if let Some(last) = weights.iter().rposition(|&weight| weight > 0) {
        shares[last] += unused_gas - given;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::share_unused_gas;

    #[test]
    fn splits_by_weight_and_gives_the_remainder_to_the_last_weighted_call() {
        assert_eq!(share_unused_gas(10, &[3, 2]), vec![6, 4]);
        assert_eq!(share_unused_gas(10, &[1, 1, 1]), vec![3, 3, 4]);
        assert_eq!(share_unused_gas(10, &[1, 1, 0]), vec![5, 5, 0]);
        assert_eq!(share_unused_gas(10, &[0, 0]), vec![0, 0]);
        assert_eq!(share_unused_gas(10, &[u64::MAX, 1000]), vec![9, 1]);
    }
}
