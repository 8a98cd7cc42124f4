//! "Did you mean" for names the user mistyped.

/// The candidate closest to `typed`, if it is close enough to be a likely typo.
pub fn closest<'a>(typed: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let typed = typed.to_ascii_lowercase();
    candidates
        .iter()
        .map(|candidate| {
            (
                edit_distance(&typed, &candidate.to_ascii_lowercase()),
                *candidate,
            )
        })
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over bytes; names here are ASCII.
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.as_bytes().iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        assert_eq!(
            closest("Tgs", &["gas", "Ggas", "Tgas", "Pgas"]),
            Some("Tgas")
        );
        assert_eq!(
            closest("tgas", &["gas", "Ggas", "Tgas", "Pgas"]),
            Some("Tgas")
        );
        assert_eq!(
            closest("callback_gs", &["gas", "callback_gas"]),
            Some("callback_gas")
        );
        assert_eq!(closest("banana", &["gas", "weight"]), None);
    }
}
