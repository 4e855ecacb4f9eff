/**
 * Seeded pseudo-random numbers. Every random choice of the sandbox (seed data, faults, latency) goes through
 * here so that the same seed gives the same company and the same fault sequence on every run.
 */

/** Mixes two 32-bit integers into a well-spread 32-bit unsigned integer (a `splitmix32`-style finaliser). */
export const hash2 = (a: number, b: number): number => {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  h = Math.imul(h, 0x846ca68b)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * A value in `[0, 1)` that depends only on `(seed, stream, index)`. Seed rows use it so that row `i` can be
 * rebuilt at any time without keeping it in memory.
 */
export const unit = (seed: number, stream: number, index: number): number =>
  hash2(hash2(seed, stream), index) / 4294967296

/** An integer in `[0, n)` that depends only on `(seed, stream, index)`. */
export const pick = (seed: number, stream: number, index: number, n: number): number =>
  Math.floor(unit(seed, stream, index) * n)

/** A sequential generator (mulberry32): `next()` answers a value in `[0, 1)`. */
export interface Prng {
  readonly next: () => number
}

/** Creates a sequential generator from a seed. */
export const make = (seed: number): Prng => {
  let state = hash2(seed, 0x5eed) | 0
  return {
    next: () => {
      state = (state + 0x6d2b79f5) | 0
      let t = Math.imul(state ^ (state >>> 15), 1 | state)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
}
