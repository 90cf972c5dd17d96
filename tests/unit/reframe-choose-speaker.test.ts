import { describe, expect, it } from 'vitest';
import type { TrackSample } from '../../core/faces/types.js';
import { chooseSpeakers, MIN_TURN_S, type SpeakerTurn } from '../../core/reframe/choose-speaker.js';

/** The faces stage's detection rate at its defaults: 5 fps, detection on every other frame. */
const STEP_S = 0.4;

/** A deterministic pseudo-random sequence in [0, 1) (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

/** A face's samples over [from, to): the mouth opening from `mouth(t)`, the box at `x`. */
function face(x: number, from: number, to: number, mouth: (t: number) => number | undefined): TrackSample[] {
  const samples: TrackSample[] = [];
  for (let t = from; t < to - 1e-9; t += STEP_S) {
    const value = mouth(t);
    samples.push({ t: Math.round(t * 1000) / 1000, box: { x, y: 100, w: 150, h: 150 }, score: 0.9, ...(value === undefined ? {} : { mouth: value }) });
  }
  return samples;
}

/** A speaking mouth: opening and closing between 0.02 and 0.25 at random. */
const speaking = (rng: () => number) => (): number => 0.02 + 0.23 * rng();
/** A still mouth as the landmark net sees it: a fixed opening and a little jitter. */
const still = (rng: () => number, opening = 0.03) => (): number => opening + 0.01 * (rng() - 0.5);

function switches(turns: SpeakerTurn[]): number[] {
  return turns.slice(1).map((turn) => turn.start);
}

function expectCovering(turns: SpeakerTurn[], start: number, end: number): void {
  expect(turns[0]!.start).toBe(start);
  expect(turns[turns.length - 1]!.end).toBe(end);
  turns.slice(1).forEach((turn, i) => {
    expect(turn.start).toBe(turns[i]!.end);
    expect(turn.id).not.toBe(turns[i]!.id);
  });
}

describe('chooseSpeakers', () => {
  it('follows the one who talks and switches once, soon after the other starts', () => {
    const rng = random(1);
    const talk = speaking(rng);
    const quiet = still(rng);
    const bySubject = new Map([
      ['left', face(100, 0, 12, (t) => (t < 6 ? talk() : quiet()))],
      ['right', face(900, 0, 12, (t) => (t < 6 ? quiet() : talk()))],
    ]);
    const turns = chooseSpeakers(bySubject, { start: 0, end: 12 })!;
    expectCovering(turns, 0, 12);
    expect(turns.map((turn) => turn.id)).toEqual(['left', 'right']);
    expect(turns[1]!.start).toBeGreaterThan(5);
    expect(turns[1]!.start).toBeLessThan(7);
  });

  it('never holds a speaker less than 2 s when the talk flips back and forth every second', () => {
    const rng = random(2);
    const talk = speaking(rng);
    const quiet = still(rng);
    const leftTalks = (t: number): boolean => Math.floor(t) % 2 === 0;
    const bySubject = new Map([
      ['left', face(100, 0, 20, (t) => (leftTalks(t) ? talk() : quiet()))],
      ['right', face(900, 0, 20, (t) => (leftTalks(t) ? quiet() : talk()))],
    ]);
    const turns = chooseSpeakers(bySubject, { start: 0, end: 20 })!;
    expectCovering(turns, 0, 20);
    for (const turn of turns) expect(turn.end - turn.start).toBeGreaterThanOrEqual(MIN_TURN_S - 1e-9);
  });

  it('never holds a speaker less than 2 s on turns of random lengths, and switches at most once per real turn', () => {
    for (let seed = 3; seed < 13; seed += 1) {
      const rng = random(seed);
      const talk = speaking(rng);
      const quiet = still(rng);
      // turns of 0.4 to 4 s, alternating
      const changes: number[] = [];
      for (let t = 0.4 + 3.6 * rng(); t < 30; t += 0.4 + 3.6 * rng()) changes.push(t);
      const leftTalks = (t: number): boolean => changes.filter((c) => c <= t).length % 2 === 0;
      const bySubject = new Map([
        ['left', face(100, 0, 30, (t) => (leftTalks(t) ? talk() : quiet()))],
        ['right', face(900, 0, 30, (t) => (leftTalks(t) ? quiet() : talk()))],
      ]);
      const turns = chooseSpeakers(bySubject, { start: 0, end: 30 })!;
      expectCovering(turns, 0, 30);
      for (const turn of turns) expect(turn.end - turn.start, `seed ${seed}`).toBeGreaterThanOrEqual(MIN_TURN_S - 1e-9);
      expect(switches(turns).length).toBeLessThanOrEqual(changes.length);
    }
  });

  it('does not switch between two people talking alike, nor to a wide-open but still mouth', () => {
    const rng = random(20);
    const bySubject = new Map([
      ['left', face(100, 0, 15, speaking(rng))],
      ['right', face(900, 0, 15, speaking(rng))],
      ['gaping', face(500, 0, 15, still(rng, 0.3))],
    ]);
    const turns = chooseSpeakers(bySubject, { start: 0, end: 15 })!;
    expect(turns.every((turn) => turn.id !== 'gaping')).toBe(true);
    expect(switches(turns).length).toBeLessThanOrEqual(2);
  });

  it('starts on the first to speak, from the shot start', () => {
    const rng = random(30);
    const talk = speaking(rng);
    const bySubject = new Map([
      ['left', face(100, 0, 10, still(rng))],
      ['right', face(900, 0, 10, (t) => (t < 3 ? 0.03 : talk()))],
    ]);
    expect(chooseSpeakers(bySubject, { start: 0, end: 10 })).toEqual([{ id: 'right', start: 0, end: 10 }]);
  });

  it('leaves a shot where no mouth moves, or none was measured (an older analysis), to the other rules', () => {
    const rng = random(40);
    const quiet = new Map([
      ['left', face(100, 0, 10, still(rng))],
      ['right', face(900, 0, 10, still(rng, 0.2))],
    ]);
    expect(chooseSpeakers(quiet, { start: 0, end: 10 })).toBeUndefined();
    const unmeasured = new Map([
      ['left', face(100, 0, 10, () => undefined)],
      ['right', face(900, 0, 10, () => undefined)],
    ]);
    expect(chooseSpeakers(unmeasured, { start: 0, end: 10 })).toBeUndefined();
  });

  it('moves to someone still on screen when the followed speaker leaves, after the 2 s hold', () => {
    const rng = random(50);
    const talk = speaking(rng);
    const bySubject = new Map([
      ['left', face(100, 0, 4, talk)],
      ['right', face(900, 0, 12, still(rng))],
    ]);
    const turns = chooseSpeakers(bySubject, { start: 0, end: 12 })!;
    expect(turns.map((turn) => turn.id)).toEqual(['left', 'right']);
    // left's last sample is at 3.6 s; it counts as on screen for a second after it
    expect(turns[1]!.start).toBeGreaterThan(4.5);
    expect(turns[1]!.start).toBeLessThan(5.5);
  });

  it('never leaves a last turn shorter than 2 s at the end of the shot', () => {
    for (const change of [7.6, 8, 8.4, 8.8, 9.2]) {
      const rng = random(60);
      const talk = speaking(rng);
      const quiet = still(rng);
      const bySubject = new Map([
        ['left', face(100, 0, 10, (t) => (t < change ? talk() : quiet()))],
        ['right', face(900, 0, 10, (t) => (t < change ? quiet() : talk()))],
      ]);
      const turns = chooseSpeakers(bySubject, { start: 0, end: 10 })!;
      expectCovering(turns, 0, 10);
      for (const turn of turns) expect(turn.end - turn.start, `change at ${change}`).toBeGreaterThanOrEqual(MIN_TURN_S - 1e-9);
    }
  });

  it('follows the talk through a 3-hour shot of two people taking turns every minute (a podcast filmed in one take)', () => {
    const rng = random(70);
    const talk = speaking(rng);
    const quiet = still(rng);
    const hours = 3 * 3600;
    const leftTalks = (t: number): boolean => Math.floor(t / 60) % 2 === 0;
    const bySubject = new Map([
      ['left', face(100, 0, hours, (t) => (leftTalks(t) ? talk() : quiet()))],
      ['right', face(900, 0, hours, (t) => (leftTalks(t) ? quiet() : talk()))],
    ]);
    const turns = chooseSpeakers(bySubject, { start: 0, end: hours })!;
    expectCovering(turns, 0, hours);
    expect(turns).toHaveLength(hours / 60);
    switches(turns).forEach((start, i) => {
      expect(start).toBeGreaterThan(60 * (i + 1) - 1);
      expect(start).toBeLessThan(60 * (i + 1) + 10);
    });
  });
});
