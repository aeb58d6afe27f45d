// Writes tests/fixtures/planner/vectors.json: the planner test vectors shared by the
// JS engine tests (tests/js/planner.test.js) and the Rust build's schedule tests.
//
//   node tests/js/gen-vectors.mjs          # rewrite the file
//   node tests/js/gen-vectors.mjs --check  # exit 1 if the file is out of date
//
// The expected schedules are computed here by a separate, deliberately different
// reference implementation of the dose rule (floating point, round half up), not by
// static/planner.js. Every `expect` below was worked out by hand from the rules in
// docs/planner.md; do not regenerate expectations from the engine.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, '..', 'fixtures', 'planner', 'vectors.json');

// --- reference dose rule ---------------------------------------------------------
function refSchedule(ladder) {
  const out = [];
  let day = 1;
  ladder.stages.forEach((st, si) => {
    const L = st.days.min - 1;
    for (let i = 0; i <= L; i++) {
      let sets = st.target.sets, reps = st.target.reps;
      if (L > 0) {
        sets = st.start.sets + Math.floor((i * (st.target.sets - st.start.sets)) / L + 0.5);
        reps = st.start.reps + Math.floor((i * (st.target.reps - st.start.reps)) / L + 0.5);
      }
      out.push({ day: day++, stage: si, sets, reps });
    }
  });
  return out;
}

// --- ladders ---------------------------------------------------------------------
const clinic = {
  name: 'Riverside Physiotherapy', phone: '01632 960 123', booking_url: 'https://example.org/book',
  out_of_hours: 'Call NHS 111, or 999 in an emergency.'
};

const hamStage = (exercise, name) => ({
  exercise, name, url: `/exercises/${exercise}/`, video: `https://example.org/videos/${exercise}`,
  start: { sets: 2, reps: 5 }, target: { sets: 2, reps: 12 }, days: { min: 3, max: 6 }, hold_seconds: null
});

const hamstring = {
  id: 'hamstring',
  title: 'Hamstring tendinopathy exercise ladder',
  times_per_day: 2,
  pain: { max_rise_during: 2, max_rise_after: 2, settle_minutes: 30, baseline_max: 4, severe_rise: 5 },
  clinic,
  pacing: '/pacing/',
  stages: [
    hamStage('double-leg-bridge', 'Double leg bridge'),
    hamStage('single-leg-bridge-bent-knee', 'Single leg bridge, bent knee'),
    hamStage('single-leg-bridge-straight-knee', 'Single leg bridge, straight knee'),
    hamStage('arabesque', 'Arabesque'),
    hamStage('lunge', 'Lunge'),
    hamStage('jump-lunge', 'Jump lunge')
  ],
  milestones: [
    { exercise: 'single-leg-bridge-bent-knee', name: 'Single leg bridge, bent knee', reps: 15,
      unlocks: 'Start to build up your everyday activities, a little at a time.', link: '/grading-activity/' },
    { exercise: 'lunge', name: 'Lunge', reps: 15,
      unlocks: 'Start to build up running, and sports with running in them.', link: '/grading-activity/' },
    { exercise: 'jump-lunge', name: 'Jump lunge', reps: 15,
      unlocks: 'Start to build up harder running sports, with sprints, jumps and quick turns.', link: '/grading-activity/' }
  ]
};

const kneeStage = (exercise, name, hold) => ({
  exercise, name, url: `/exercises/${exercise}/`, video: null,
  start: { sets: 1, reps: 3 }, target: { sets: 3, reps: 10 }, days: { min: 4, max: 8 }, hold_seconds: hold
});

// A second ladder of a different shape: four steps, once a day, holds in seconds,
// sets change as well as reps, a looser pain rule (3 during), a higher severe rise (6),
// no booking link, no out-of-hours advice, no pacing page.
const knee = {
  id: 'patellar',
  title: 'Patellar tendon holds ladder',
  times_per_day: 1,
  pain: { max_rise_during: 3, max_rise_after: 2, settle_minutes: 60, baseline_max: 5, severe_rise: 6 },
  clinic: { name: 'Riverside Physiotherapy', phone: '01632 960 123', booking_url: null, out_of_hours: null },
  pacing: null,
  stages: [
    kneeStage('spanish-squat-hold', 'Spanish squat hold', 30),
    kneeStage('wall-sit', 'Wall sit', 30),
    kneeStage('split-squat-hold', 'Split squat hold', 20),
    kneeStage('decline-squat', 'Slow decline squat', 3)
  ],
  milestones: [
    { exercise: 'decline-squat', name: 'Slow decline squat', reps: 10,
      unlocks: 'Start jogging on flat ground, every other day.', link: null }
  ]
};

// Schedule-only edge cases of the dose rule.
const edgeStage = (name, start, target, min) => ({
  exercise: name, name, url: `/exercises/${name}/`, video: null,
  start, target, days: { min, max: min + 2 }, hold_seconds: null
});
const edges = {
  id: 'edges',
  title: 'Dose rule edge cases',
  times_per_day: 3,
  pain: { max_rise_during: 2, max_rise_after: 2, settle_minutes: 30, baseline_max: 4, severe_rise: 5 },
  clinic: { name: 'Test clinic', phone: null, booking_url: null, out_of_hours: null },
  pacing: null,
  stages: [
    edgeStage('one-day', { sets: 1, reps: 5 }, { sets: 3, reps: 8 }, 1),      // L = 0: target only
    edgeStage('two-days', { sets: 2, reps: 5 }, { sets: 2, reps: 6 }, 2),     // L = 1
    edgeStage('half-up', { sets: 1, reps: 1 }, { sets: 2, reps: 4 }, 3),      // 0.5 -> 1, 1.5 -> 2
    edgeStage('flat', { sets: 2, reps: 10 }, { sets: 2, reps: 10 }, 3),       // no change
    edgeStage('long', { sets: 3, reps: 8 }, { sets: 5, reps: 20 }, 7)         // sets 3,3,4,4,4,5,5
  ],
  milestones: []
};

// --- log helpers -----------------------------------------------------------------
const add = (date, n) => {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const ok = (date, session, reps, rise = 0) =>
  ({ date, session, done: true, reps, pain_rise: rise, pain_stayed_up: false });
// A tolerated day: every session done at `reps`, pain rise within the rule.
const T = (ladder, date, reps, rise = 1) =>
  Array.from({ length: ladder.times_per_day }, (_, k) => ok(date, k + 1, reps, rise));
// A pain day: session 1 rose more than max_rise_during (or pain stayed up).
const P = (ladder, date, reps, how = 'rise') => [
  how === 'rise'
    ? ok(date, 1, reps, ladder.pain.max_rise_during + 1)
    : { ...ok(date, 1, reps, 1), pain_stayed_up: true },
  ...Array.from({ length: ladder.times_per_day - 1 }, (_, k) => ok(date, k + 2, reps, 0))
];
const plan = (ladder, start, usual, sessions = [], tests = [], usualLog = [], spoken = []) => ({
  format: 'sinew-planner', version: 2, ladder: ladder.id, start_date: start, usual_pain: usual,
  usual_pain_log: usualLog, sessions: sessions.flat(), tests, ...(spoken.length ? { spoken_to_clinic: spoken } : {})
});
const test = (date, exercise, reps, rise, stayed = false) =>
  ({ date, exercise, reps, pain_rise: rise, pain_stayed_up: stayed });

const S = '2025-03-03'; // a Monday
const d = (n) => add(S, n);
const H = hamstring, K = knee;

const cases = [];
function c(name, ladder, log, today, expect) {
  const { ...lad } = ladder;
  cases.push({ name, ladder: lad, schedule: refSchedule(ladder), log, today, expect });
}

// ---- hamstring (six stages, 2x5 -> 2x9 -> 2x12, twice a day) ----
c('hamstring: first day', H, plan(H, S, 2), S,
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'start', alerts: [], unlocked: [], outcomes: [],
    day_on_stage: 1, today_sessions: [false, false], today_status: ['todo', 'todo'], finished: false });

c('hamstring: not started yet', H, plan(H, d(3), 2), S,
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'not_started', alerts: [], outcomes: [], finished: false });

c('hamstring: dose rises after tolerated days; one of today\'s sessions done', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), [ok(d(2), 1, 12, 1)]]), d(2),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'move_up', alerts: [], outcomes: ['tolerated', 'tolerated'],
    day_on_stage: 3, today_sessions: [true, false], today_status: ['done', 'todo'] });

c('hamstring: pain rise of exactly max_rise_during is tolerated', H,
  plan(H, S, 2, [T(H, d(0), 5, 2)]), d(1),
  { stage: 0, level: 1, sets: 2, reps: 9, advice: 'move_up', outcomes: ['tolerated'] });

c('hamstring: mastered after a tolerated day at target -> next exercise at 2x5', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), T(H, d(2), 12)]), d(3),
  { stage: 1, level: 0, sets: 2, reps: 5, advice: 'next_exercise', alerts: [],
    outcomes: ['tolerated', 'tolerated', 'tolerated'], day_on_stage: 1 });

c('hamstring: pain during -> step back to the last dose within the pain rules', H,
  plan(H, S, 2, [T(H, d(0), 5), P(H, d(1), 9)]), d(2),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'step_back', alerts: [], outcomes: ['tolerated', 'pain'] });

c('hamstring: pain that stayed up -> step back; within the rules again -> move up', H,
  plan(H, S, 2, [T(H, d(0), 5), P(H, d(1), 9, 'stayed'), T(H, d(2), 5)]), d(3),
  { stage: 0, level: 1, sets: 2, reps: 9, advice: 'move_up', outcomes: ['tolerated', 'pain', 'tolerated'] });

c('hamstring: two pain days running -> step back one more dose', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), P(H, d(2), 12), P(H, d(3), 9, 'stayed')]), d(4),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'step_back', alerts: [],
    outcomes: ['tolerated', 'tolerated', 'pain', 'pain'] });

c('hamstring: a missed day does not end a run of pain days; at the first dose it is "same dose", not "step back"', H,
  plan(H, S, 2, [T(H, d(0), 5), P(H, d(1), 9), P(H, d(3), 5)]), d(4),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'same_dose', alerts: [],
    outcomes: ['tolerated', 'pain', 'missed', 'pain'] });

c('hamstring: incomplete days (a session missing, reps short, not done) repeat the dose', H,
  plan(H, S, 2, [
    [ok(d(0), 1, 5), ok(d(0), 2, 4)],
    [ok(d(1), 1, 5)],
    [ok(d(2), 1, 5), { date: d(2), session: 2, done: false, reps: null, pain_rise: 0, pain_stayed_up: false }]
  ]), d(3),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'same_dose', alerts: [],
    outcomes: ['incomplete', 'incomplete', 'incomplete'], day_on_stage: 4 });

c('hamstring: two pain days running, twice within 14 days -> consultation', H,
  plan(H, S, 2, [P(H, d(0), 5), P(H, d(1), 5), T(H, d(2), 5), P(H, d(3), 9), P(H, d(4), 5)]), d(5),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'same_dose', alerts: ['step_backs'], recent_pain_days: 4,
    outcomes: ['pain', 'pain', 'tolerated', 'pain', 'pain'] });

c('hamstring: pain runs older than 14 days no longer count; days.max passed; no progress since 14 days ago', H,
  plan(H, S, 2, [P(H, d(0), 5), P(H, d(1), 5), T(H, d(2), 5), P(H, d(3), 9), P(H, d(4), 5)]), d(16),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'same_dose', alerts: ['days_max', 'no_progress'], day_on_stage: 17 });

c('hamstring: no higher dose than 14 days ago -> consultation', H,
  plan(H, S, 2, [P(H, d(0), 5), P(H, d(1), 5), T(H, d(2), 5), P(H, d(3), 9), P(H, d(4), 5)]), d(17),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'same_dose', alerts: ['days_max', 'no_progress'] });

c('hamstring: no progress counts from today\'s dose: a peak in between that fell back still alerts', H,
  plan(H, S, 2, [T(H, d(0), 5), P(H, d(1), 9), T(H, d(2), 5), T(H, d(3), 9), P(H, d(4), 12), P(H, d(5), 9)]), d(15),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'same_dose', alerts: ['days_max', 'no_progress'] });

c('hamstring: no progress is not shown when today\'s dose is higher than 14 days ago', H,
  plan(H, S, 2, [T(H, d(0), 5), P(H, d(1), 9), T(H, d(2), 5), T(H, d(3), 9), P(H, d(4), 12), T(H, d(5), 9)]), d(15),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'same_dose', alerts: ['days_max'] });

c('hamstring: days.max passed without mastery -> contact the clinic', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), P(H, d(2), 12), T(H, d(3), 9), P(H, d(4), 12), T(H, d(5), 9)]), d(6),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'move_up', alerts: ['days_max'], day_on_stage: 7,
    outcomes: ['tolerated', 'tolerated', 'pain', 'tolerated', 'pain', 'tolerated'] });

c('hamstring: on day days.max there is no alert yet', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), P(H, d(2), 12), T(H, d(3), 9), P(H, d(4), 12)]), d(5),
  { stage: 0, level: 1, sets: 2, reps: 9, advice: 'step_back', alerts: [], day_on_stage: 6 });

const seesaw = [];
for (let k = 0; k <= 14; k++) seesaw.push(k % 2 === 0 ? T(H, d(k), 5) : P(H, d(k), 9));
c('hamstring: see-saw between 2x5 and 2x9, 14 days in: today\'s 2x5 is no higher than 14 days ago', H,
  plan(H, S, 2, seesaw), d(14),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'step_back', alerts: ['days_max', 'no_progress'] });
c('hamstring: see-saw between 2x5 and 2x9 -> no progress for 14 days', H,
  plan(H, S, 2, seesaw), d(15),
  { stage: 0, level: 1, sets: 2, reps: 9, advice: 'move_up', alerts: ['days_max', 'no_progress'] });

// ---- the same day (issue 11): stop for today; severe flares ----
c('hamstring: same day: a session over the pain rules -> stop for today, the other session is not to be done', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), [ok(d(2), 1, 12, 4)]]), d(2),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'stop_today', change: 'move_up', alerts: [],
    today_sessions: [true, false], today_status: ['pain', 'skip'] });

c('hamstring: same day: pain that stayed up -> stop for today', H,
  plan(H, S, 2, [T(H, d(0), 5), [{ ...ok(d(1), 1, 9, 0), pain_stayed_up: true }]]), d(1),
  { advice: 'stop_today', alerts: [], today_status: ['pain', 'skip'] });

c('hamstring: same day: a rise of 5 (the severe rise) -> stop and contact the clinic today', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 5)]]), d(1),
  { advice: 'stop_today', alerts: ['severe'], today_status: ['pain', 'skip'] });

// The severe box says not to exercise until the patient has spoken to the clinic, so
// the next day's headline says that too (never "Step back: today is ..." beside it).
c('hamstring: severe: the next day, speak to the clinic first; the dose if they say carry on is a step back', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 8)]]), d(2),
  { advice: 'contact_clinic', change: 'step_back', sets: 2, reps: 5, alerts: ['severe'] });

// Safer than a note that lapses: the severe state stays until the patient says they
// have spoken to the clinic ("I have spoken to the clinic", kept in the log).
c('hamstring: severe: two days later, with no word from the patient, it still says to speak to the clinic first', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 8)]]), d(3),
  { advice: 'contact_clinic', change: 'same_dose', sets: 2, reps: 5, alerts: ['severe'] });

c('hamstring: severe: once the patient has spoken to the clinic, the plan goes on from the step back', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 8)]], [], [], [{ date: d(2), flares: 1 }]), d(3),
  { advice: 'same_dose', change: 'same_dose', sets: 2, reps: 5, alerts: [], held: null });

c('hamstring: severe: spoken to the clinic on the flare-up day itself: stop for today still, no contact note', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 8)]], [], [], [{ date: d(1), flares: 1 }]), d(1),
  { advice: 'stop_today', alerts: [] });

c('hamstring: severe: days within the pain rules while waiting for the clinic do not move the dose up', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 8)], T(H, d(2), 5), T(H, d(3), 5)]), d(4),
  { advice: 'contact_clinic', change: 'same_dose', sets: 2, reps: 5, alerts: ['severe'], held: 'clinic',
    outcomes: ['tolerated', 'pain', 'tolerated', 'tolerated'] });

c('hamstring: severe: after speaking to the clinic, the dose moves up again from where it was', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 8)], T(H, d(2), 5), T(H, d(3), 5)], [], [], [{ date: d(3), flares: 1 }]), d(4),
  { advice: 'move_up', sets: 2, reps: 9, alerts: [], held: null });

c('hamstring: severe: a severe rise logged late, three days back, shows the contact note', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 6)]]), d(4),
  { advice: 'contact_clinic', alerts: ['severe'], outcomes: ['tolerated', 'pain', 'missed', 'missed'] });

c('hamstring: severe: a severe test set logged late shows the contact note too', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9)], [test(d(1), 'double-leg-bridge', 9, 7)]), d(5),
  { advice: 'contact_clinic', alerts: ['severe'] });

c('hamstring: severe: a severe rise logged late for a day before "I have spoken to the clinic" asks again', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 8), ok(d(1), 2, 9, 7)]], [], [], [{ date: d(2), flares: 1 }]), d(3),
  { advice: 'contact_clinic', alerts: ['severe'] });

c('hamstring: severe: "I have spoken to the clinic" covers every severe sign the log held when it was said', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 8), ok(d(1), 2, 9, 7)]], [], [], [{ date: d(2), flares: 2 }]), d(3),
  { advice: 'same_dose', alerts: [] });

c('hamstring: severe: pain that stayed up two days running, long ago and not spoken about, still shows', H,
  plan(H, S, 2, [T(H, d(0), 5), P(H, d(1), 9, 'stayed'), P(H, d(2), 5, 'stayed')]), d(9),
  { advice: 'contact_clinic', alerts: ['severe', 'days_max'] });

c('hamstring: severe: pain that stayed up two days running', H,
  plan(H, S, 2, [T(H, d(0), 5), P(H, d(1), 9, 'stayed'), [{ ...ok(d(2), 1, 5, 0), pain_stayed_up: true }]]), d(2),
  { advice: 'stop_today', alerts: ['severe'], today_status: ['pain', 'skip'] });

c('hamstring: severe: pain that stayed up on two days with a day between is not severe', H,
  plan(H, S, 2, [T(H, d(0), 5), P(H, d(1), 9, 'stayed'), [{ ...ok(d(3), 1, 5, 0), pain_stayed_up: true }]]), d(3),
  { advice: 'stop_today', alerts: [] });

c('hamstring: same day: a test set over the pain rules -> stop for today', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), T(H, d(2), 12)], [test(d(3), 'single-leg-bridge-bent-knee', 15, 3)]), d(3),
  { stage: 1, advice: 'stop_today', change: 'next_exercise', unlocked: [], today_status: ['skip', 'skip'] });

// ---- a flare on the first days of a new exercise (no dose of it tolerated yet) ----
const mastered0 = [T(H, d(0), 5), T(H, d(1), 9), T(H, d(2), 12)]; // day 4 (d(3)) starts exercise 2
c('hamstring: new exercise: pain on its first day -> back to the previous exercise at its target', H,
  plan(H, S, 2, [...mastered0, P(H, d(3), 5)]), d(4),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'previous_exercise', change: 'previous_exercise', alerts: [],
    outcomes: ['tolerated', 'tolerated', 'tolerated', 'pain'], day_on_stage: 1 });

c('hamstring: new exercise: pain that stayed up on its first day -> back to the previous exercise too', H,
  plan(H, S, 2, [...mastered0, P(H, d(3), 5, 'stayed')]), d(4),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'previous_exercise' });

c('hamstring: new exercise: a missed first day, pain on the second -> back to the previous exercise', H,
  plan(H, S, 2, [...mastered0, P(H, d(4), 5)]), d(5),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'previous_exercise', outcomes: ['tolerated', 'tolerated', 'tolerated', 'missed', 'pain'] });

c('hamstring: new exercise: an incomplete first day, pain on the second -> back to the previous exercise', H,
  plan(H, S, 2, [...mastered0, [ok(d(3), 1, 5)], P(H, d(4), 5)]), d(5),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'previous_exercise' });

c('hamstring: new exercise: one tolerated day back at the previous target masters it again -> new exercise', H,
  plan(H, S, 2, [...mastered0, P(H, d(3), 5), T(H, d(4), 12)]), d(5),
  { stage: 1, level: 0, sets: 2, reps: 5, advice: 'next_exercise', day_on_stage: 1 });

c('hamstring: new exercise: pain again back at the previous target -> one more dose down on it', H,
  plan(H, S, 2, [...mastered0, P(H, d(3), 5), P(H, d(4), 12)]), d(5),
  { stage: 0, level: 1, sets: 2, reps: 9, advice: 'step_back' });

c('hamstring: new exercise: pain after a tolerated day on it -> its start dose (tolerated), not the previous exercise', H,
  plan(H, S, 2, [...mastered0, T(H, d(3), 5), P(H, d(4), 9)]), d(5),
  { stage: 1, level: 0, sets: 2, reps: 5, advice: 'step_back' });

c('hamstring: new exercise: a severe flare on its first day -> speak to the clinic; the dose if they say carry on is the previous exercise\'s', H,
  plan(H, S, 2, [...mastered0, [ok(d(3), 1, 5, 7)]]), d(4),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'contact_clinic', change: 'previous_exercise', alerts: ['severe'] });

c('hamstring: new exercise: after a severe flare on its first day and speaking to the clinic, the plan goes on from the previous exercise', H,
  plan(H, S, 2, [...mastered0, [ok(d(3), 1, 5, 7)], T(H, d(4), 12)], [], [], [{ date: d(5), flares: 1 }]), d(5),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'same_dose', held: 'clinic', alerts: [] });

c('hamstring: new exercise: the day after that (spoken to the clinic, tolerated) the new exercise starts again', H,
  plan(H, S, 2, [...mastered0, [ok(d(3), 1, 5, 7)], T(H, d(4), 12), T(H, d(5), 12)], [], [], [{ date: d(5), flares: 1 }]), d(6),
  { stage: 1, level: 0, sets: 2, reps: 5, advice: 'next_exercise', alerts: [] });

c('hamstring: the first exercise has no exercise before it: pain on its first day keeps its start dose', H,
  plan(H, S, 2, [P(H, d(0), 5)]), d(1),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'same_dose' });

// ---- honest logging: "did your pain stay up" answered later ----
c('hamstring: a session whose "pain stayed up" is not answered: the day is incomplete (same dose), and the page asks', H,
  plan(H, S, 2, [[ok(d(0), 1, 5, 0), { ...ok(d(0), 2, 5, 0), pain_stayed_up: null }]]), d(1),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'same_dose', outcomes: ['incomplete'], pending: 1 });

c('hamstring: once answered "no", the day counts as within the pain rules', H,
  plan(H, S, 2, [[ok(d(0), 1, 5, 0), ok(d(0), 2, 5, 0)]]), d(1),
  { stage: 0, level: 1, sets: 2, reps: 9, advice: 'move_up', outcomes: ['tolerated'], pending: 0 });

c('hamstring: a test set whose "pain stayed up" is not answered: the day is incomplete (same dose), not tolerated', H,
  plan(H, S, 2, [T(H, d(0), 5)], [{ ...test(d(0), 'double-leg-bridge', 10, 0), pain_stayed_up: null }]), d(1),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'same_dose', outcomes: ['incomplete'], pending: 1 });

c('hamstring: a day with only an unanswered test set is incomplete, not missed', H,
  plan(H, S, 2, [], [{ ...test(d(0), 'double-leg-bridge', 10, 0), pain_stayed_up: null }]), d(1),
  { stage: 0, level: 0, advice: 'same_dose', outcomes: ['incomplete'], pending: 1 });

c('hamstring: today\'s unanswered session is waiting, and today is not "all done"', H,
  plan(H, S, 2, [[ok(d(0), 1, 5, 0), { ...ok(d(0), 2, 5, 0), pain_stayed_up: null }]]), d(0),
  { today_status: ['done', 'waiting'], today_sessions: [true, false], pending: 1 });

// ---- the device's date earlier than the log (docs/planner.md, "When the device's date is earlier than the log") ----
// The advice is for the latest logged date; no day from the device's today on moves the
// dose up; pain over the rules on any of those days stops today.
c('hamstring: device date set back a day after a severe flare: stop, the flare-up note, no move up', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), [ok(d(2), 1, 12, 7)]]), d(1),
  { today: d(2), device_today: d(1), clock_behind: true, advice: 'stop_today', change: 'same_dose', held: 'clock',
    sets: 2, reps: 9, alerts: ['severe'], outcomes: ['tolerated', 'tolerated'] });

c('hamstring: device date years before the start (a flat battery): the log still decides, at the first dose', H,
  plan(H, S, 2, [T(H, d(0), 5), [ok(d(1), 1, 9, 6)]]), '2000-01-01',
  { today: d(1), clock_behind: true, advice: 'stop_today', change: 'same_dose', held: 'clock', sets: 2, reps: 5,
    alerts: ['severe'], outcomes: ['tolerated'] });

// ---- usual pain ----
// Safer than the clinic's letter (a judgement, docs/planner.md): while the usual pain is
// at or above baseline_max the plan runs, but the dose does not go up.
c('hamstring: usual pain at baseline_max -> consultation advised, the dose does not go up', H,
  plan(H, S, 4, [T(H, d(0), 5)]), d(1),
  { stage: 0, level: 0, sets: 2, reps: 5, advice: 'same_dose', alerts: ['baseline'], held: 'baseline',
    outcomes: ['tolerated'] });

// The answer is given today, the day the dose would go up: no step up into a day whose
// usual pain is at or above baseline_max (an answer on the day before holds it too).
c('hamstring: usual pain risen to baseline_max at the weekly question -> no step up, not even to the next exercise', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), T(H, d(2), 12)], [], [{ date: d(3), usual_pain: 5 }]), d(3),
  { stage: 0, level: 2, sets: 2, reps: 12, advice: 'same_dose', alerts: ['baseline'], held: 'baseline' });

c('hamstring: usual pain fallen below baseline_max again -> the dose moves up again', H,
  plan(H, S, 4, [T(H, d(0), 5), T(H, d(1), 5)], [], [{ date: d(1), usual_pain: 3 }]), d(2),
  { stage: 0, level: 1, sets: 2, reps: 9, advice: 'move_up', alerts: [], held: null });

c('hamstring: usual pain at baseline_max does not stop a step back after a pain day', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), P(H, d(2), 12)], [], [{ date: d(3), usual_pain: 4 }]), d(3),
  { stage: 0, level: 1, sets: 2, reps: 9, advice: 'step_back', alerts: ['baseline'] });

c('hamstring: usual pain just below baseline_max -> no warning', H,
  plan(H, S, 3), S, { alerts: [], usual_pain_due: false });

c('hamstring: usual pain is asked again after 7 days', H,
  plan(H, S, 2), d(7), { usual_pain: 2, usual_pain_due: true, alerts: ['days_max'] });
c('hamstring: usual pain is not asked again on day 7', H,
  plan(H, S, 2), d(6), { usual_pain_due: false });

c('hamstring: usual pain risen to baseline_max -> consultation, as at the start', H,
  plan(H, S, 2, [], [], [{ date: d(7), usual_pain: 4 }]), d(8),
  { usual_pain: 4, usual_pain_due: false, alerts: ['baseline', 'days_max'] });

c('hamstring: usual pain fallen again -> no warning; asked again 7 days after the last answer', H,
  plan(H, S, 2, [], [], [{ date: d(7), usual_pain: 4 }, { date: d(14), usual_pain: 3 }]), d(21),
  { usual_pain: 3, usual_pain_due: true, alerts: ['days_max', 'no_progress'] });

// ---- milestones ----
c('hamstring: milestones: an exercise not reached yet is not offered and does not unlock', H,
  plan(H, S, 2, [T(H, d(0), 5)], [test(d(1), 'single-leg-bridge-bent-knee', 15, 0)]), d(2),
  { stage: 0, level: 1, unlocked: [], reached: [false, false, false], outcomes: ['tolerated', 'missed'] });

c('hamstring: milestones: too few reps, unanswered, before the start, in the future -> only the good one unlocks', H,
  plan(H, S, 2, [T(H, d(0), 5), T(H, d(1), 9), T(H, d(2), 12)], [
    test(d(-1), 'single-leg-bridge-bent-knee', 20, 0),
    test(d(3), 'single-leg-bridge-bent-knee', 14, 0),
    { ...test(d(3), 'single-leg-bridge-bent-knee', 15, 0), pain_stayed_up: null },
    test(d(4), 'single-leg-bridge-bent-knee', 16, 2),
    test(d(6), 'single-leg-bridge-bent-knee', 30, 0)
  ]), d(5),
  { stage: 1, level: 0, unlocked: [0], reached: [true, false, false], pending: 1, advice: 'same_dose' });

const all = [];
refSchedule(H).forEach((row, k) => all.push(T(H, d(k), row.reps)));
c('hamstring: the whole ladder in 18 tolerated days, all milestones', H,
  plan(H, S, 1, all, [
    test(d(4), 'single-leg-bridge-bent-knee', 15, 1),
    test(d(14), 'lunge', 15, 0),
    test(d(17), 'jump-lunge', 15, 2)
  ]), d(18),
  { finished: true, advice: 'finished', stage: 6, level: null, sets: null, reps: null, alerts: [], unlocked: [0, 1, 2],
    reached: [true, true, true], outcomes: Array(18).fill('tolerated') });

c('hamstring: last day of the ladder', H, plan(H, S, 1, all.slice(0, 17)), d(17),
  { finished: false, stage: 5, level: 2, sets: 2, reps: 12, advice: 'move_up', alerts: [] });

// ---- patellar (four stages, 1x3 -> 2x5 -> 2x8 -> 3x10, once a day, holds) ----
c('patellar: first day', K, plan(K, S, 3), S,
  { stage: 0, level: 0, sets: 1, reps: 3, advice: 'start', alerts: [], today_sessions: [false] });

c('patellar: sets and reps rise together', K,
  plan(K, S, 3, [T(K, d(0), 3), T(K, d(1), 5), T(K, d(2), 8)]), d(3),
  { stage: 0, level: 3, sets: 3, reps: 10, advice: 'move_up', day_on_stage: 4 });

c('patellar: mastered after 4 days -> next exercise at 1x3', K,
  plan(K, S, 3, [T(K, d(0), 3), T(K, d(1), 5), T(K, d(2), 8), T(K, d(3), 10)]), d(4),
  { stage: 1, level: 0, sets: 1, reps: 3, advice: 'next_exercise', day_on_stage: 1 });

c('patellar: pain rise of 3 is within this ladder\'s rule', K,
  plan(K, S, 3, [T(K, d(0), 3, 3)]), d(1),
  { stage: 0, level: 1, sets: 2, reps: 5, advice: 'move_up', outcomes: ['tolerated'] });

c('patellar: step back, then one more dose (once a day)', K,
  plan(K, S, 3, [T(K, d(0), 3), T(K, d(1), 5), P(K, d(2), 8), P(K, d(3), 5)]), d(4),
  { stage: 0, level: 0, sets: 1, reps: 3, advice: 'step_back', outcomes: ['tolerated', 'tolerated', 'pain', 'pain'] });

// A safety decision (docs/planner.md, "A flare on a new exercise"): no dose of the new
// exercise stayed within the pain rules yet, so the last one that did is the previous
// exercise's target. (Before, this case stayed at the new exercise's start dose.)
c('patellar: pain on the first day of an exercise: back to the previous exercise at its target', K,
  plan(K, S, 3, [T(K, d(0), 3), T(K, d(1), 5), T(K, d(2), 8), T(K, d(3), 10), P(K, d(4), 3)]), d(5),
  { stage: 0, level: 3, sets: 3, reps: 10, advice: 'previous_exercise', day_on_stage: 1 });

c('patellar: more than 8 days on a step -> contact the clinic', K,
  plan(K, S, 3, [T(K, d(0), 3), T(K, d(1), 5), P(K, d(2), 8), T(K, d(3), 5), P(K, d(4), 8),
    T(K, d(5), 5), P(K, d(6), 8), T(K, d(7), 5)]), d(8),
  { stage: 0, level: 2, sets: 2, reps: 8, advice: 'move_up', alerts: ['days_max'], day_on_stage: 9 });

c('patellar: severe rise is this ladder\'s own (6): a rise of 5 stops today but is not severe', K,
  plan(K, S, 3, [[ok(d(0), 1, 3, 5)]]), d(0),
  { advice: 'stop_today', alerts: [], today_status: ['pain'] });

c('patellar: a rise of 6 is severe on this ladder', K,
  plan(K, S, 3, [[ok(d(0), 1, 3, 6)]]), d(0),
  { advice: 'stop_today', alerts: ['severe'] });

c('patellar: usual pain 5 (baseline_max) -> consultation advised', K,
  plan(K, S, 5, [], [test(d(0), 'decline-squat', 10, 0)]), d(1),
  { unlocked: [], reached: [false], alerts: ['baseline'], advice: 'same_dose', outcomes: ['missed'] });

c('patellar: whole ladder in 16 days; milestone unlocked with a pain rise of 3 on its exercise', K,
  plan(K, S, 0, refSchedule(K).map((row, k) => T(K, d(k), row.reps)), [test(d(12), 'decline-squat', 10, 3)]), d(16),
  { finished: true, advice: 'finished', stage: 4, alerts: [], unlocked: [0] });

// ---- dose-rule edge cases ----
c('edges: first day of a one-day stage is its target', edges, plan(edges, S, 0), S,
  { stage: 0, level: 0, sets: 3, reps: 8, advice: 'start', today_sessions: [false, false, false] });

c('edges: one tolerated day masters a one-day stage', edges,
  plan(edges, S, 0, [T(edges, d(0), 8)]), d(1),
  { stage: 1, level: 0, sets: 2, reps: 5, advice: 'next_exercise' });

c('edges: a tolerated day whose next level has the same dose says "same dose", never "move up"', edges,
  plan(edges, S, 0, refSchedule(edges).slice(0, 7).map((row, k) => T(edges, d(k), row.reps))), d(7),
  { stage: 3, level: 1, sets: 2, reps: 10, advice: 'same_dose', outcomes: Array(7).fill('tolerated') });

const doc = {
  description:
    'Shared planner test vectors (see docs/planner.md). Each case: `ladder` is the ladder JSON the ' +
    'build embeds in the planner page (without `schedule`); `schedule` is the expected ideal schedule ' +
    '(checked by the Rust build tests and the JS tests); `log` is the saved plan (localStorage / export ' +
    'format); `today` is the local calendar date; `expect` holds fields of the engine state on that day ' +
    '(checked by the JS tests only): stage, level, sets, reps, advice, change, alerts (any order), unlocked ' +
    '(milestone indices), reached (one boolean per milestone), outcomes (one per day from the start date to ' +
    'yesterday), day_on_stage, today_sessions (one boolean per session of today: done at the dose and answered), ' +
    'today_status (one status per session of today), pending (open "pain stayed up" answers), usual_pain, ' +
    'usual_pain_due, recent_pain_days, finished, held (why a day within the pain rules kept the dose: ' +
    '"baseline" or "clinic", or null). ' +
    'Generated by tests/js/gen-vectors.mjs; edit that file, not this one.',
  cases
};

// Readable but compact: a case's fields one per line, a stage / session / schedule
// row / test set one per line.
function compact(v) {
  if (Array.isArray(v)) return '[' + v.map(compact).join(', ') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.entries(v).map(([k, x]) => JSON.stringify(k) + ': ' + compact(x)).join(', ') + '}';
  }
  return JSON.stringify(v);
}
function fmt(v, depth, ind) {
  const pad = ' '.repeat(ind + 1);
  if (Array.isArray(v) && v.length && depth < 5 && v.some((x) => x && typeof x === 'object')) {
    return '[\n' + v.map((x) => pad + fmt(x, depth + 1, ind + 1)).join(',\n') + '\n' + ' '.repeat(ind) + ']';
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && depth < 4) {
    return '{\n' + Object.entries(v).map(([k, x]) => pad + JSON.stringify(k) + ': ' + fmt(x, depth + 1, ind + 1))
      .join(',\n') + '\n' + ' '.repeat(ind) + '}';
  }
  return compact(v);
}
const text = fmt(doc, 0, 0) + '\n';
JSON.parse(text);
if (process.argv.includes('--check')) {
  const cur = readFileSync(OUT, 'utf8');
  if (cur !== text) {
    console.error('vectors.json is out of date: run node tests/js/gen-vectors.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${cases.length} cases to ${OUT}`);
}
