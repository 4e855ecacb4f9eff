/** Turning records and errors into HTTP answers, in the id representation of the requested API version. */
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type { ApiError } from "./apiError.js"
import * as Json from "./json.js"
import type { PageMeta } from "./pagination.js"
import type { Row } from "./table.js"
import * as Switches from "./scanSwitches.js"
import { withoutNulls } from "./wire.js"

/** The first API version whose ids are JSON strings. */
export const stringIdsSince = "2026-07-01"

/** How to write a response for one request. */
export interface Style {
  readonly version: string
  readonly explicitNulls: boolean
  /** Records drift from the spec (the sandbox's `drift` switch). */
  readonly drift?: Switches.Drift | undefined
}

const json = (style: Style, value: unknown, status: number) =>
  HttpServerResponse.text(Json.stringify(value, style.version < stringIdsSince), {
    status,
    contentType: "application/json; charset=utf-8"
  })

const shape = (style: Style, stored: Row): Row => {
  const row = style.drift === undefined ? stored : Switches.drift(style.drift, stored)
  return style.explicitNulls ? row : withoutNulls(row)
}

/** A bare record. */
export const record = (style: Style, row: Row, status = 200) => json(style, shape(style, row), status)

/** A list page. */
export const page = (style: Style, rows: ReadonlyArray<Row>, meta: PageMeta) =>
  json(style, { data: rows.map((row) => shape(style, row)), meta }, 200)

/** An error answer. */
export const error = (style: Pick<Style, "version">, failure: ApiError) =>
  HttpServerResponse.text(Json.stringify(failure.body, style.version < stringIdsSince), {
    status: failure.status,
    contentType: "application/json; charset=utf-8",
    headers: failure.headers ?? {}
  })
