//! A ladder's ideal schedule, computed at build time for the page that works without
//! JavaScript. `static/planner/engine.js` computes the same schedule; the shared vectors in
//! `tests/fixtures/planner/vectors.json` keep the two in step.

use crate::content::ladder::{SetsReps, Stage};
use serde::Serialize;

/// One day of the ideal schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Day {
    /// Day number, from 1.
    pub day: u32,
    /// Index of the stage in the ladder.
    pub stage: usize,
    /// Sets that day.
    pub sets: u32,
    /// Repetitions per set that day.
    pub reps: u32,
}

/// Rounds `num / den` half up, for non-negative whole numbers.
fn div_round_half_up(num: u64, den: u64) -> u64 {
    (2 * num + den) / (2 * den)
}

/// The dose at `level` (0 = start) of a stage: even steps from `start` reaching `target`
/// at level `days.min - 1`, never beyond it.
pub fn level_dose(stage: &Stage, level: u32) -> SetsReps {
    let steps = stage.days.min.saturating_sub(1);
    if steps == 0 {
        return stage.target;
    }
    let level = u64::from(level.min(steps));
    let steps = u64::from(steps);
    let step = |from: u32, to: u32| -> u32 {
        let diff = u64::from(to.saturating_sub(from));
        from + div_round_half_up(level * diff, steps) as u32
    };
    SetsReps {
        sets: step(stage.start.sets, stage.target.sets),
        reps: step(stage.start.reps, stage.target.reps),
    }
}

/// The whole ladder followed with every day tolerated: each stage's levels in order.
pub fn ideal_schedule(stages: &[Stage]) -> Vec<Day> {
    let mut days = Vec::new();
    for (i, s) in stages.iter().enumerate() {
        for level in 0..s.days.min.max(1) {
            let d = level_dose(s, level);
            days.push(Day {
                day: days.len() as u32 + 1,
                stage: i,
                sets: d.sets,
                reps: d.reps,
            });
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ladder::Days;

    fn stage(s0: u32, r0: u32, s1: u32, r1: u32, min: u32) -> Stage {
        Stage {
            exercise: "x".into(),
            start: SetsReps { sets: s0, reps: r0 },
            target: SetsReps { sets: s1, reps: r1 },
            days: Days { min, max: min + 3 },
            hold_seconds: None,
        }
    }

    #[test]
    fn two_by_five_to_two_by_twelve_in_three_days() {
        let s = stage(2, 5, 2, 12, 3);
        let reps: Vec<u32> = (0..4).map(|l| level_dose(&s, l).reps).collect();
        assert_eq!(reps, [5, 9, 12, 12]);
    }

    #[test]
    fn sets_step_too_and_one_day_means_target() {
        let s = stage(1, 3, 3, 10, 4);
        let doses: Vec<(u32, u32)> = (0..4)
            .map(|l| level_dose(&s, l))
            .map(|d| (d.sets, d.reps))
            .collect();
        assert_eq!(doses, [(1, 3), (2, 5), (2, 8), (3, 10)]);
        assert_eq!(
            level_dose(&stage(2, 5, 2, 12, 1), 0),
            SetsReps { sets: 2, reps: 12 }
        );
    }

    #[test]
    fn schedule_numbers_days_across_stages() {
        let days = ideal_schedule(&[stage(2, 5, 2, 12, 3), stage(2, 5, 2, 12, 2)]);
        assert_eq!(days.len(), 5);
        assert_eq!(
            days[3],
            Day {
                day: 4,
                stage: 1,
                sets: 2,
                reps: 5
            }
        );
        assert_eq!(days[4].reps, 12);
    }

    proptest::proptest! {
        #[test]
        fn never_passes_target_and_is_monotonic(s0 in 1u32..20, ds in 0u32..20, r0 in 1u32..50, dr in 0u32..50, min in 1u32..15) {
            let s = stage(s0, r0, s0 + ds, r0 + dr, min);
            let mut prev = level_dose(&s, 0);
            proptest::prop_assert!(min == 1 || prev == s.start);
            for l in 1..min + 2 {
                let d = level_dose(&s, l);
                proptest::prop_assert!(d.sets >= prev.sets && d.reps >= prev.reps);
                proptest::prop_assert!(d.sets <= s.target.sets && d.reps <= s.target.reps);
                prev = d;
            }
            proptest::prop_assert_eq!(level_dose(&s, min - 1), s.target);
        }
    }
}
