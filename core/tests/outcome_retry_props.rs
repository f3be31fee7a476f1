//! Properties of `decide_retry` over arbitrary policies, attempts and draws.

use proptest::prelude::*;
use verity::outcome::*;

fn jitter() -> impl Strategy<Value = Jitter> {
    prop_oneof![
        Just(Jitter::None),
        Just(Jitter::Full),
        Just(Jitter::Equal),
        Just(Jitter::Decorrelated)
    ]
}

fn kind() -> impl Strategy<Value = FailureKind> {
    prop_oneof![
        Just(FailureKind::RateLimited),
        Just(FailureKind::QuotaExhausted),
        Just(FailureKind::ServerError),
        Just(FailureKind::Timeout),
        Just(FailureKind::Connection),
        Just(FailureKind::Conflict),
        Just(FailureKind::ClientError),
        Just(FailureKind::Enforcement),
        Just(FailureKind::BudgetStarved),
        Just(FailureKind::Unknown),
    ]
}

prop_compose! {
    fn policy()(
        j in jitter(),
        base in 0.0f64..100_000.0,
        extra in 0.0f64..1e12,
        factor in 1.0f64..10.0,
        max_retries in 0u32..20,
        previous in proptest::option::of(0.0f64..1e15),
    ) -> RetryPolicy {
        let p = RetryPolicy::new(j, base, factor, base + extra, max_retries).unwrap();
        match previous {
            Some(ms) => p.with_previous_delay_ms(ms).unwrap(),
            None => p,
        }
    }
}

prop_compose! {
    fn failure()(k in kind(), retry_after in proptest::option::of(any::<u64>())) -> Failure {
        let f = Failure::new(k);
        match retry_after {
            Some(ms) => f.with_retry_after_ms(ms),
            None => f,
        }
    }
}

proptest! {
    #[test]
    fn delays_stay_within_zero_and_the_cap(
        p in policy(), attempt in 0u32..64, f in failure(), u in 0.0f64..1.0,
    ) {
        if let RetryDecision::Retry { delay_ms, .. } = decide_retry(&p, attempt, &f, u).unwrap() {
            prop_assert!(delay_ms as f64 <= p.cap_ms());
        }
    }

    #[test]
    fn attempts_at_or_beyond_the_maximum_give_up(
        p in policy(), beyond in 0u32..1000, f in failure(), u in 0.0f64..1.0,
    ) {
        let attempt = p.max_retries().saturating_add(beyond);
        let decision = decide_retry(&p, attempt, &f, u).unwrap();
        let gave_up = matches!(decision, RetryDecision::GiveUp { .. });
        prop_assert!(gave_up, "{:?}", decision);
    }

    #[test]
    fn enforcement_failures_never_retry(
        p in policy(), attempt in 0u32..64, retry_after in proptest::option::of(any::<u64>()), u in 0.0f64..1.0,
    ) {
        let mut f = Failure::new(FailureKind::Enforcement);
        if let Some(ms) = retry_after {
            f = f.with_retry_after_ms(ms);
        }
        let decision = decide_retry(&p, attempt, &f, u).unwrap();
        prop_assert_eq!(
            decision,
            RetryDecision::GiveUp { reason: GiveUpReason::EnforcementFinal, failure_kind: FailureKind::Enforcement }
        );
    }

    #[test]
    fn classified_enforcement_codes_never_retry(
        code in proptest::sample::select(ENFORCEMENT_ERROR_CODES.to_vec()),
        status in proptest::option::of(100u16..600),
        timed_out in any::<bool>(),
        p in policy(), u in 0.0f64..1.0,
    ) {
        let signal = FailureSignal {
            http_status: status,
            error_code: Some(code.to_owned()),
            timed_out,
            ..Default::default()
        };
        let f = classify_failure(&signal, None).unwrap();
        let gave_up = matches!(decide_retry(&p, 0, &f, u).unwrap(), RetryDecision::GiveUp { .. });
        prop_assert!(gave_up);
    }

    #[test]
    fn decisions_are_reproducible(p in policy(), attempt in 0u32..30, f in failure(), u in 0.0f64..1.0) {
        prop_assert_eq!(decide_retry(&p, attempt, &f, u).unwrap(), decide_retry(&p, attempt, &f, u).unwrap());
    }
}
