/** The error answers of the fake API, as data: a status and the JSON body the real API sends for it. */
import * as Data from "effect/Data"

/** An answer other than success, produced by a route. */
export class ApiError extends Data.TaggedError("ApiError")<{
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>> | undefined
}> {}

/** 401, with the body the API sends: `{"errors": null}`. */
export const unauthorized = (): ApiError => new ApiError({ status: 401, body: { errors: null } })

/** 404 for an unknown route or id. */
export const notFound = (what = "Record"): ApiError =>
  new ApiError({ status: 404, body: { errors: { base: [`${what} not found`] } } })

/** 422 with field errors. */
export const unprocessable = (errors: Record<string, ReadonlyArray<string>>): ApiError =>
  new ApiError({ status: 422, body: { errors } })

/** 400 with field errors (a malformed or missing query parameter). */
export const badRequest = (errors: Record<string, ReadonlyArray<string>>): ApiError =>
  new ApiError({ status: 400, body: { errors } })
