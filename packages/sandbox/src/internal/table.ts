/**
 * The storage of one resource: a sequence of slots, slot `s` holding the record with id `firstId + s`.
 *
 * Why slots: ids grow with every create, so slot order is id order and pagination is index arithmetic. Seed
 * records are not stored at all: `base.row(slot)` rebuilds them on demand from the seed (a million candidates
 * cost a few typed arrays, not a million objects). Only records written through the API (created, updated or
 * deleted) live in `overrides`, as plain JSON-ready objects.
 */

/** A record as it goes on the wire (string ids, ISO timestamps, `null` for absent values). */
export type Row = Record<string, unknown>

/** Seed records that are computed rather than stored. */
export interface BaseRows {
  readonly count: number
  readonly row: (slot: number) => Row
}

/** The empty seed. */
export const noRows: BaseRows = { count: 0, row: () => ({}) }

/** The rows of one resource, in id order. */
export class Table {
  private readonly overrides = new Map<number, Row | null>()
  /** Deleted slots, ascending, for offset pagination. */
  private readonly deleted: Array<number> = []
  private slots: number
  private live: number
  /** Incremented by every write, so that cached scans know when they are stale. */
  version = 0

  constructor(readonly firstId: bigint, private readonly base: BaseRows) {
    this.slots = base.count
    this.live = base.count
  }

  /** How many records exist. */
  get size(): number {
    return this.live
  }

  /** How many slots were ever allocated (records, deleted ones included). */
  get length(): number {
    return this.slots
  }

  /** The id of a slot. */
  idOf(slot: number): string {
    return (this.firstId + BigInt(slot)).toString()
  }

  /** The slot of an id, or `undefined` when the id is not one this table ever allocated. */
  slotOf(id: string): number | undefined {
    if (!/^[0-9]{1,40}$/.test(id)) return undefined
    const offset = BigInt(id) - this.firstId
    return offset >= 0n && offset < BigInt(this.slots) ? Number(offset) : undefined
  }

  /** The record in a slot, or `undefined` when it was deleted or never existed. */
  at(slot: number): Row | undefined {
    if (slot < 0 || slot >= this.slots) return undefined
    const override = this.overrides.get(slot)
    if (override !== undefined) return override ?? undefined
    return slot < this.base.count ? this.base.row(slot) : undefined
  }

  /** The record with an id. */
  get(id: string): Row | undefined {
    const slot = this.slotOf(id)
    return slot === undefined ? undefined : this.at(slot)
  }

  /** The id the next appended record must have. */
  nextId(): string {
    return this.idOf(this.slots)
  }

  /** Appends a record; its `id` must be `nextId()`. */
  append(row: Row): Row {
    if (row.id !== this.nextId()) throw new Error(`sandbox: appended row must have id ${this.nextId()}`)
    this.overrides.set(this.slots, row)
    this.slots++
    this.live++
    this.version++
    return row
  }

  /** Replaces an existing record (same id). */
  replace(row: Row): Row {
    const slot = this.slotOf(String(row.id))
    if (slot === undefined || this.at(slot) === undefined) throw new Error(`sandbox: no row ${String(row.id)}`)
    this.overrides.set(slot, row)
    this.version++
    return row
  }

  /** Deletes a record; answers it, or `undefined` when there was none. */
  remove(id: string): Row | undefined {
    const slot = this.slotOf(id)
    const row = slot === undefined ? undefined : this.at(slot)
    if (slot === undefined || row === undefined) return undefined
    this.overrides.set(slot, null)
    let i = this.deleted.length
    while (i > 0 && this.deleted[i - 1]! > slot) i--
    this.deleted.splice(i, 0, slot)
    this.live--
    this.version++
    return row
  }

  /** The number of deleted slots at or below `slot`. */
  private deletedUpTo(slot: number): number {
    let lo = 0
    let hi = this.deleted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.deleted[mid]! <= slot) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** How many live records sit in slots below `slot`. */
  liveBelow(slot: number): number {
    const bounded = Math.max(0, Math.min(slot, this.slots))
    return bounded - (bounded === 0 ? 0 : this.deletedUpTo(bounded - 1))
  }

  /** The slot of the `k`-th live record (0-based), or `length` when there are fewer. */
  slotOfLive(k: number): number {
    if (k >= this.live) return this.slots
    let slot = k
    for (;;) {
      const target = k + this.deletedUpTo(slot)
      if (target === slot) return slot
      slot = target
    }
  }

  /** Records from `slot` upwards, in id order. */
  *from(slot: number): Generator<Row> {
    for (let s = Math.max(0, slot); s < this.slots; s++) {
      const row = this.at(s)
      if (row !== undefined) yield row
    }
  }

  /** Records strictly below `slot`, in descending id order. */
  *below(slot: number): Generator<Row> {
    for (let s = Math.min(slot, this.slots) - 1; s >= 0; s--) {
      const row = this.at(s)
      if (row !== undefined) yield row
    }
  }
}
