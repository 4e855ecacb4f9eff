/**
 * The progress line of `export` on stderr: records so far, the total when known, the rate and the time left.
 * Redrawn at most every 200 ms, in place on a terminal, and ended with a summary line.
 */

/** Draws progress; every method is a no-op when progress is off. */
export interface Progress {
  readonly update: (written: number) => void
  readonly done: (written: number, target: string) => void
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 })

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return "?"
  const s = Math.max(0, Math.round(seconds))
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
    : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`
}

/** The text of the progress line. */
export const line = (name: string, written: number, total: number | undefined, elapsedMs: number): string => {
  const rate = elapsedMs > 0 ? (written * 1000) / elapsedMs : 0
  const count = total === undefined
    ? integer.format(written)
    : `${integer.format(written)} / ${integer.format(total)} (${total === 0 ? 100 : Math.floor((written * 100) / total)}%)`
  const eta = total !== undefined && rate > 0 ? `, ETA ${duration((total - written) / rate)}` : ""
  return `${name}: ${count}, ${integer.format(rate)}/s${eta}`
}

/** No progress at all. */
export const none: Progress = { update: () => {}, done: () => {} }

/** Progress on stderr. */
export const make = (
  name: string,
  total: number | undefined,
  inPlace: boolean = process.stderr.isTTY === true,
  write: (text: string) => void = (text) => {
    process.stderr.write(text)
  }
): Progress => {
  const started = Date.now()
  // On a terminal the line is redrawn in place; elsewhere (forced with --progress) each update is a line of its own.
  const start = inPlace ? "\r\x1b[2K" : ""
  const end = inPlace ? "" : "\n"
  let drawn = 0
  return {
    update: (written) => {
      const now = Date.now()
      if (now - drawn < 200) return
      drawn = now
      write(`${start}${line(name, written, total, now - started)}${end}`)
    },
    done: (written, target) => {
      const elapsed = Date.now() - started
      write(`${start}${line(name, written, total, elapsed)}, done in ${duration(elapsed / 1000)} → ${target}\n`)
    }
  }
}
