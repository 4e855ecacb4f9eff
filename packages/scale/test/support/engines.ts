/**
 * The database and Redis the tests run against. SQLite always (a file in a scratch directory); PostgreSQL and Redis
 * at 127.0.0.1:5432 / 6379, or `FACTORIAL_TEST_DATABASE_URL` / `FACTORIAL_TEST_REDIS_URL`. When one does not answer,
 * its suites are skipped with one line on a developer machine and fail when `CI=true`.
 */
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@effect/sql-sqlite-node"
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type * as ConfigError from "effect/ConfigError"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { mkdtempSync } from "node:fs"
import { connect } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

export const databaseUrl = process.env.FACTORIAL_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"
export const redisUrl = process.env.FACTORIAL_TEST_REDIS_URL ?? "redis://127.0.0.1:6379"

/** Whether something accepts TCP connections at the URL's host and port (within 2 seconds). */
const answers = (url: string, defaultPort: number): Promise<boolean> => {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: port === "" ? defaultPort : Number(port) })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(2000, () => done(false))
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })
}

/** How a suite that needs a service runs: for real, skipped (developer machine), or failed (CI). */
export type Availability = "run" | "skip" | "fail"

const availability = async (name: string, variable: string, url: string, port: number): Promise<Availability> => {
  if (await answers(url, port)) return "run"
  const where = new URL(url).host
  if (process.env.CI === "true") {
    console.error(`${name} does not answer at ${where} (${variable}); CI needs it: failing.`)
    return "fail"
  }
  console.warn(`${name} does not answer at ${where} (set ${variable}): its tests are skipped.`)
  return "skip"
}

export const postgres: Availability = await availability(
  "PostgreSQL",
  "FACTORIAL_TEST_DATABASE_URL",
  databaseUrl,
  5432
)
export const redis: Availability = await availability("Redis", "FACTORIAL_TEST_REDIS_URL", redisUrl, 6379)

const scratch = mkdtempSync(join(tmpdir(), "effect-factorial-scale-"))
let files = 0

/** A fresh SQLite database file. */
export const sqliteFile = (): string => join(scratch, `db-${process.pid}-${++files}.sqlite`)

/** A client on a SQLite file (a new file unless one is given). */
export const sqlite = (filename: string = sqliteFile()): Layer.Layer<SqlClient.SqlClient, ConfigError.ConfigError> =>
  SqliteClient.layer({ filename })

/** A client on the test PostgreSQL database. */
export const pg = (): Layer.Layer<SqlClient.SqlClient, SqlError | ConfigError.ConfigError> =>
  PgClient.layer({ url: Redacted.make(databaseUrl), maxConnections: 4 })

/** A table name no other test (or concurrent test run) uses. */
export const uniqueTable = (prefix: string): string =>
  `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`

/** A database the store suites run on. */
export interface Engine {
  readonly name: string
  readonly availability: Availability
  /** A layer on one shared database; each call is a separate client (another process, as far as locks go). */
  readonly database: () => () => Layer.Layer<SqlClient.SqlClient, SqlError | ConfigError.ConfigError>
}

export const engines: ReadonlyArray<Engine> = [
  {
    name: "SQLite",
    availability: "run",
    database: () => {
      const file = sqliteFile()
      return () => sqlite(file)
    }
  },
  { name: "PostgreSQL", availability: postgres, database: () => pg }
]
