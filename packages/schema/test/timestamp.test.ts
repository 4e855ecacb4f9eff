import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { Timestamp } from "../src/Timestamp.js"

const decodeIso = (text: string) =>
  Either.map(Schema.decodeUnknownEither(Timestamp)(text), (dateTime) => DateTime.formatIso(dateTime))

describe("Timestamp", () => {
  const accepted: ReadonlyArray<readonly [string, string]> = [
    ["2021-01-01T00:00:00Z", "2021-01-01T00:00:00.000Z"],
    ["2021-01-01T00:00:00.000Z", "2021-01-01T00:00:00.000Z"],
    ["2024-07-10T13:30:02.123Z", "2024-07-10T13:30:02.123Z"],
    ["2024-07-10T13:30:02.5Z", "2024-07-10T13:30:02.500Z"],
    ["2024-07-10T13:30:02.123456Z", "2024-07-10T13:30:02.123Z"],
    ["2024-08-22T14:30:00-07:00", "2024-08-22T21:30:00.000Z"],
    ["2024-08-22T14:30:00.250+02:00", "2024-08-22T12:30:00.250Z"],
    ["2024-08-22T14:30:00+0530", "2024-08-22T09:00:00.000Z"],
    ["2024-08-22T14:30:00+01", "2024-08-22T13:30:00.000Z"],
    ["2024-08-22T14:30Z", "2024-08-22T14:30:00.000Z"],
    ["2024-08-22 14:30:00Z", "2024-08-22T14:30:00.000Z"],
    ["2024-08-22T14:30:00", "2024-08-22T14:30:00.000Z"],
    ["2021-01-01", "2021-01-01T00:00:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["2025-01-01T00:30:00+01:00", "2024-12-31T23:30:00.000Z"]
  ]
  for (const [input, utc] of accepted) {
    it(`decodes ${input}`, () => {
      expect(decodeIso(input)).toEqual(Either.right(utc))
    })
  }

  const rejected = ["", "yesterday", "2021-02-30", "2023-02-29", "2021-13-01", "2021-01-01T24:00:00Z",
    "2021-01-01T10:61:00Z", "01/02/2021", "2021-1-1", "2021-01-01T10:00:00+25:00", "1700000000"]
  for (const input of rejected) {
    it(`refuses ${JSON.stringify(input)} with a readable message`, () => {
      const result = Schema.decodeUnknownEither(Timestamp)(input)
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) expect(result.left.message).toContain("ISO-8601")
    })
  }

  it("refuses a number (epoch values are not part of the API)", () => {
    expect(Either.isLeft(Schema.decodeUnknownEither(Timestamp)(1700000000))).toBe(true)
  })

  it("encodes to the full UTC form with milliseconds", () => {
    expect(Schema.encodeSync(Timestamp)(DateTime.unsafeMake("2024-08-22T21:30:00.000Z"))).toBe("2024-08-22T21:30:00.000Z")
  })

  it("decodes date-times with no zone as UTC, whatever the machine's time zone", () => {
    const withZone = Schema.decodeUnknownSync(Timestamp)("2024-03-31T02:30:00Z")
    const withoutZone = Schema.decodeUnknownSync(Timestamp)("2024-03-31T02:30:00")
    expect(DateTime.toEpochMillis(withoutZone)).toBe(DateTime.toEpochMillis(withZone))
  })

  it.prop("any instant survives encode then decode", { dateTime: Arbitrary.make(Timestamp) }, ({ dateTime }) => {
    const text = Schema.encodeSync(Timestamp)(dateTime)
    expect(DateTime.toEpochMillis(Schema.decodeUnknownSync(Timestamp)(text))).toBe(DateTime.toEpochMillis(dateTime))
  })

  it.prop(
    "an instant written with any offset decodes to the same instant",
    {
      millis: Arbitrary.make(Schema.Int.pipe(Schema.between(0, 4102444800000))),
      offsetMinutes: Arbitrary.make(Schema.Int.pipe(Schema.between(-12 * 60, 14 * 60)))
    },
    ({ millis, offsetMinutes }) => {
      const local = new Date(millis + offsetMinutes * 60_000).toISOString().slice(0, -1)
      const sign = offsetMinutes < 0 ? "-" : "+"
      const abs = Math.abs(offsetMinutes)
      const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`
      const decoded = Schema.decodeUnknownSync(Timestamp)(`${local}${offset}`)
      expect(DateTime.toEpochMillis(decoded)).toBe(millis)
    }
  )

  // The canonical form (`YYYY-MM-DDTHH:MM:SS[.sss]Z`) has a parser of its own; it must agree with the calendar,
  // valid and impossible dates alike, over every component range (including out-of-range values).
  it.prop(
    "the canonical form decodes exactly when it names a real instant, to that instant",
    {
      parts: FastCheck.tuple(
        FastCheck.integer({ min: 0, max: 9999 }),
        FastCheck.integer({ min: 0, max: 13 }),
        FastCheck.integer({ min: 0, max: 32 }),
        FastCheck.integer({ min: 0, max: 25 }),
        FastCheck.integer({ min: 0, max: 61 }),
        FastCheck.integer({ min: 0, max: 61 }),
        FastCheck.option(FastCheck.integer({ min: 0, max: 999 }))
      )
    },
    ({ parts: [year, month, day, hour, minute, second, millis] }) => {
      const pad = (n: number, width: number) => String(n).padStart(width, "0")
      const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}` +
        `${millis === null ? "" : `.${pad(millis, 3)}`}Z`
      const date = new Date(0)
      date.setUTCFullYear(year, month - 1, day)
      const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
        hour <= 23 && minute <= 59 && second <= 59
      date.setUTCHours(hour, minute, second, millis ?? 0)
      const decoded = Schema.decodeUnknownEither(Timestamp)(text)
      expect(Either.isRight(decoded)).toBe(real)
      if (real && Either.isRight(decoded)) expect(DateTime.toEpochMillis(decoded.right)).toBe(date.getTime())
    },
    { fastCheck: { numRuns: 2000 } }
  )
})
