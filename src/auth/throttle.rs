//! Sign-in throttling that cannot be turned against a user. Failures are counted per (email typed,
//! source address block), per email and per block, over the last hour (`db::login_failures`):
//!
//! - the pair: after [`PAIR_FREE`] failures, each further attempt from that block on that email
//!   waits 1, 2, 4… minutes (at most [`PAIR_MAX_WAIT_SECS`]) after the previous failure. The owner,
//!   from another address, is not held back;
//! - the block: after [`BLOCK_LIMIT`] failures on any emails, the block is refused for a while
//!   (password spraying);
//! - the account: after [`ACCOUNT_SLOW_AFTER`] failures from anywhere, every answer for that
//!   email is slowed by a few seconds (a distributed guesser gets fewer tries), but never refused.
//!
//! A success clears the pair. Nothing here locks an account.

use std::time::Duration;

use crate::db::login_failures::Counts;

/// The window failures are counted over.
pub const WINDOW_SECS: i64 = 3600;
/// Failures of a pair before waits begin.
pub const PAIR_FREE: i64 = 5;
/// The longest wait between attempts of a pair.
pub const PAIR_MAX_WAIT_SECS: i64 = 30 * 60;
/// Failures from one block, on any emails, before it is refused.
pub const BLOCK_LIMIT: i64 = 50;
/// Failures on one email, from anywhere, before answers are slowed.
pub const ACCOUNT_SLOW_AFTER: i64 = 10;
/// The longest slow-down of an answer.
pub const MAX_SLOWDOWN_SECS: u64 = 5;

/// What to do with a sign-in attempt, before looking at the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Check the password, after waiting `slow_down`.
    Try { slow_down: Duration },
    /// Refuse without checking; the visitor may try again after this many seconds.
    Wait { retry_after_secs: i64 },
}

/// How long a pair with `failures` failures must wait after its latest one.
pub fn pair_wait_secs(failures: i64) -> i64 {
    if failures < PAIR_FREE {
        return 0;
    }
    let doublings = u32::try_from((failures - PAIR_FREE).min(20)).unwrap_or(20);
    (60_i64 << doublings).min(PAIR_MAX_WAIT_SECS)
}

pub fn decide(c: &Counts) -> Decision {
    if c.block >= BLOCK_LIMIT {
        return Decision::Wait {
            retry_after_secs: 15 * 60,
        };
    }
    let wait = pair_wait_secs(c.pair);
    if let Some(ago) = c.pair_last_secs_ago
        && wait > 0
        && ago < wait
    {
        return Decision::Wait {
            retry_after_secs: wait - ago,
        };
    }
    let over = u64::try_from(c.account - ACCOUNT_SLOW_AFTER + 1).unwrap_or(0);
    Decision::Try {
        slow_down: Duration::from_secs(over.min(MAX_SLOWDOWN_SECS)),
    }
}

/// True when the failure just recorded (the pair now has `pair_failures`) starts a throttle: the
/// moment to audit it and alert the admins, once.
pub fn starts_throttle(pair_failures: i64) -> bool {
    pair_failures == PAIR_FREE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pair: i64, ago: Option<i64>, account: i64, block: i64) -> Counts {
        Counts {
            pair,
            account,
            block,
            pair_last_secs_ago: ago,
        }
    }

    #[test]
    fn a_pair_waits_longer_after_each_failure_past_five() {
        assert_eq!(pair_wait_secs(4), 0);
        assert_eq!(pair_wait_secs(5), 60);
        assert_eq!(pair_wait_secs(6), 120);
        assert_eq!(pair_wait_secs(7), 240);
        assert_eq!(pair_wait_secs(40), PAIR_MAX_WAIT_SECS);
        assert_eq!(
            decide(&counts(4, Some(1), 4, 4)),
            Decision::Try {
                slow_down: Duration::ZERO
            }
        );
        assert_eq!(
            decide(&counts(5, Some(10), 5, 5)),
            Decision::Wait { retry_after_secs: 50 }
        );
        assert_eq!(
            decide(&counts(5, Some(61), 5, 5)),
            Decision::Try {
                slow_down: Duration::ZERO
            }
        );
    }

    #[test]
    fn the_owner_elsewhere_is_slowed_never_refused() {
        // 40 failures on the account from other blocks; none from the owner's.
        assert_eq!(
            decide(&counts(0, None, 40, 0)),
            Decision::Try {
                slow_down: Duration::from_secs(MAX_SLOWDOWN_SECS)
            }
        );
        assert_eq!(
            decide(&counts(0, None, 10, 0)),
            Decision::Try {
                slow_down: Duration::from_secs(1)
            }
        );
    }

    #[test]
    fn a_spraying_block_is_refused() {
        assert!(matches!(decide(&counts(1, Some(1), 1, 50)), Decision::Wait { .. }));
        assert!(starts_throttle(5) && !starts_throttle(4) && !starts_throttle(6));
    }
}
