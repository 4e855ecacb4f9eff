/**
 * A page of records as a table for a terminal: the scalar fields, in the model's order, as many as fit.
 */
import { encodedFields } from "./records.js"
import type * as Schema from "effect/Schema"

const cellWidth = 28

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? "" : String(value)
  const flat = text.replace(/\s+/g, " ")
  return flat.length > cellWidth ? flat.slice(0, cellWidth - 1) + "…" : flat
}

const isScalar = (value: unknown) =>
  value === null || value === undefined || typeof value === "string" || typeof value === "number" ||
  typeof value === "boolean"

/** The table, its width bounded by `width` columns. */
export const render = (
  model: Schema.Schema.AnyNoContext,
  records: ReadonlyArray<Record<string, unknown>>,
  width: number
): string => {
  const candidates = encodedFields(model).filter((field) =>
    records.every((record) => isScalar(record[field])) && records.some((record) => record[field] != null)
  )
  const columns: Array<{ readonly field: string; readonly width: number }> = []
  let used = 0
  for (const field of candidates) {
    const size = Math.max(field.length, ...records.map((record) => cell(record[field]).length))
    if (columns.length > 0 && used + size + 2 > width) continue
    columns.push({ field, width: size })
    used += size + 2
  }
  const row = (values: ReadonlyArray<string>) =>
    values.map((value, i) => value.padEnd(columns[i]!.width)).join("  ").trimEnd()
  return [
    row(columns.map((column) => column.field)),
    row(columns.map((column) => "-".repeat(column.width))),
    ...records.map((record) => row(columns.map((column) => cell(record[column.field]))))
  ].join("\n") + "\n"
}
