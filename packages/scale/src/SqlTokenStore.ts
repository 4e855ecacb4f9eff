/**
 * OAuth tokens of many tenants in one SQL table (PostgreSQL or SQLite, through `@effect/sql`), with a lease per
 * tenant row so that, across every process and machine sharing the database, one refresh happens per expiry.
 *
 * @since 0.1.0
 */
import { StoredTokens, TokenStore, TokenStoreError } from "@effect-factorial/core/TokenStore"
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as HashSet from "effect/HashSet"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Cipher from "./internal/cipher.js"

/**
 * The table used when none is configured.
 *
 * @since 0.1.0
 */
export const defaultTable = "factorial_oauth_tokens"

/**
 * The migrations table used when none is configured: separate from your application's own (`@effect/sql`'s
 * default `effect_sql_migrations`), so the two sets of migration ids never collide.
 *
 * @since 0.1.0
 */
export const defaultMigrationsTable = "factorial_migrations"

/**
 * How long a lease lasts without a heartbeat when none is configured: a replica that dies mid-refresh blocks
 * that tenant's refreshes this long at most.
 *
 * @since 0.1.0
 */
export const defaultLeaseDuration: Duration.DurationInput = "15 seconds"

/**
 * How long `withLock` waits for another holder's lease when none is configured.
 *
 * @since 0.1.0
 */
export const defaultLockTimeout: Duration.DurationInput = "1 minute"

/**
 * Tokens of many tenants in a SQL table. `forTenant(key)` is the `TokenStore` of one tenant: its `withLock`
 * takes a lease on the tenant's row that every process sharing the database respects, so `FactorialAuth`
 * refreshes once per expiry cluster-wide and each rotated refresh token is committed before it is used.
 *
 * @example
 * ```ts
 * import { FactorialAuth } from "@effect-factorial/core"
 * import { SqlTokenStore } from "@effect-factorial/scale"
 * import { SqliteClient } from "@effect/sql-sqlite-node"
 * import * as Effect from "effect/Effect"
 *
 * const auth = Effect.gen(function*() {
 *   const tokens = yield* SqlTokenStore
 *   return yield* FactorialAuth.oauthFromStore(tokens.forTenant("company-42"))
 * }).pipe(
 *   Effect.provide(SqlTokenStore.layer()),
 *   Effect.provide(SqliteClient.layer({ filename: "factorial.db" }))
 * )
 * ```
 *
 * @since 0.1.0
 */
export class SqlTokenStore extends Context.Tag("@effect-factorial/scale/SqlTokenStore")<
  SqlTokenStore,
  SqlTokenStore.Service
>() {
  /**
   * Builds the service over the `SqlClient` in context; runs the migrations first unless `migrate: false`.
   * Fails with a `ConfigError` for a bad option or an unsupported database, with a `TokenStoreError` when the
   * migrations fail.
   *
   * @since 0.1.0
   */
  static readonly make = (
    options: SqlTokenStore.Options = {}
  ): Effect.Effect<SqlTokenStore.Service, ConfigError.ConfigError | TokenStoreError, SqlClient.SqlClient> =>
    make(options)

  /**
   * The service as a layer.
   *
   * @since 0.1.0
   */
  static readonly layer = (
    options: SqlTokenStore.Options = {}
  ): Layer.Layer<SqlTokenStore, ConfigError.ConfigError | TokenStoreError, SqlClient.SqlClient> =>
    Layer.effect(SqlTokenStore, make(options))

  /**
   * The service as a layer, from `Config` (e.g. the encryption key from `Config.redacted("TOKEN_KEY")`).
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (
    config: Config.Config.Wrap<SqlTokenStore.Options>
  ): Layer.Layer<SqlTokenStore, ConfigError.ConfigError | TokenStoreError, SqlClient.SqlClient> =>
    Layer.effect(SqlTokenStore, Effect.flatMap(Config.unwrap(config), make))

  /**
   * The `TokenStore` of one tenant as a layer, for an application that serves one company.
   *
   * @since 0.1.0
   */
  static readonly layerTokenStore = (
    key: string,
    options: SqlTokenStore.Options = {}
  ): Layer.Layer<TokenStore, ConfigError.ConfigError | TokenStoreError, SqlClient.SqlClient> =>
    Layer.effect(TokenStore, Effect.map(make(options), (service) => service.forTenant(key)))

  /**
   * Creates or upgrades the table. `make` does it unless `migrate: false`; call this from your own deployment
   * step instead if the application's database user may not change the schema.
   *
   * @since 0.1.0
   */
  static readonly migrate = (
    options: Pick<SqlTokenStore.Options, "table" | "migrationsTable"> = {}
  ): Effect.Effect<void, ConfigError.ConfigError | TokenStoreError, SqlClient.SqlClient> =>
    Effect.flatMap(checkNames(options), (names) => migrate(names.table, names.migrationsTable))
}

/**
 * Types of the `SqlTokenStore` service.
 *
 * @since 0.1.0
 */
export declare namespace SqlTokenStore {
  /**
   * How tokens are kept.
   *
   * @since 0.1.0
   */
  export interface Options {
    /** The table (a plain SQL identifier). Default `factorial_oauth_tokens`. */
    readonly table?: string | undefined
    /** Where the table's migrations are recorded. Default `factorial_migrations`. */
    readonly migrationsTable?: string | undefined
    /** Run the migrations when the service is built. Default `true`. */
    readonly migrate?: boolean | undefined
    /**
     * Encrypts every saved row with AES-256-GCM under a key derived from this secret (at least 32 characters,
     * e.g. `openssl rand -base64 32`). Rows saved in plain text before are still read, and encrypted on their
     * next save. Without it rows are plain JSON: see the threat model in `docs/scaling.md`.
     */
    readonly encryptionKey?: Redacted.Redacted<string> | undefined
    /** Former encryption keys, still accepted for reading while rows are re-encrypted under the current one. */
    readonly previousEncryptionKeys?: ReadonlyArray<Redacted.Redacted<string>> | undefined
    /**
     * How long a lease lasts unless its holder renews it (it does so every third of this while it works). A
     * replica that dies mid-refresh delays that tenant's next refresh by at most this. Default 15 seconds.
     */
    readonly leaseDuration?: Duration.DurationInput | undefined
    /** How long `withLock` waits for another holder before failing with `TokenStoreError`. Default 1 minute. */
    readonly lockTimeout?: Duration.DurationInput | undefined
  }

  /**
   * The `TokenStore` of one tenant; its `withLock` holds the lease on the tenant's row.
   *
   * @since 0.1.0
   */
  export interface TenantStore extends TokenStore.Service {
    readonly withLock: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | TokenStoreError, R>
  }

  /**
   * The tokens of every tenant.
   *
   * @since 0.1.0
   */
  export interface Service {
    /** The table the tokens are in. */
    readonly table: string
    /** The store of one tenant (any key you choose: a company id, an installation id). */
    readonly forTenant: (key: string) => TenantStore
    /** The keys of the tenants that have tokens, sorted. */
    readonly tenants: Effect.Effect<ReadonlyArray<string>, TokenStoreError>
    /** Deletes a tenant's tokens (after revoking them, or when a company uninstalls the integration). */
    readonly remove: (key: string) => Effect.Effect<void, TokenStoreError>
  }
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

const checkNames = (options: Pick<SqlTokenStore.Options, "table" | "migrationsTable">) => {
  const table = options.table ?? defaultTable
  const migrationsTable = options.migrationsTable ?? defaultMigrationsTable
  if (!identifier.test(table)) {
    return Effect.fail(ConfigError.InvalidData(["table"], `"${table}" is not a plain SQL identifier`))
  }
  if (!identifier.test(migrationsTable)) {
    return Effect.fail(
      ConfigError.InvalidData(["migrationsTable"], `"${migrationsTable}" is not a plain SQL identifier`)
    )
  }
  return Effect.succeed({ table, migrationsTable })
}

const checkDuration = (path: string, input: Duration.DurationInput) => {
  const decoded = Duration.decodeUnknown(input)
  return Option.isSome(decoded) && Duration.greaterThan(decoded.value, Duration.zero) && Duration.isFinite(decoded.value)
    ? Effect.succeed(decoded.value)
    : Effect.fail(ConfigError.InvalidData([path], `${path} must be a finite duration above zero`))
}

/** A readable cause for an SQL failure; driver messages name tables and constraints, never parameter values. */
const describe = (error: SqlError | Migrator.MigrationError): string => {
  const cause = error.cause
  const detail = cause instanceof Error && cause.message !== "" ? `: ${cause.message}` : ""
  return `${error.message}${detail}`
}

const migrations = (table: string) => ({
  "1_create_tokens": Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql`CREATE TABLE IF NOT EXISTS ${sql(table)} (
      tenant TEXT PRIMARY KEY,
      tokens TEXT,
      version INTEGER NOT NULL DEFAULT 0,
      lease_owner TEXT,
      lease_until BIGINT,
      updated_at BIGINT NOT NULL
    )`)
})

const migrate = (
  table: string,
  migrationsTable: string
): Effect.Effect<void, TokenStoreError, SqlClient.SqlClient> =>
  Migrator.make({})({ loader: Migrator.fromRecord(migrations(table)), table: migrationsTable }).pipe(
    // Replicas starting together race to create the migrations table; the loser finds it on the next try.
    Effect.retry({ times: 3, schedule: Schedule.jittered(Schedule.spaced("200 millis")) }),
    Effect.mapError((error) =>
      new TokenStoreError({ operation: "save", store: `sql ${table}`, detail: `Migration failed: ${describe(error)}` })
    ),
    Effect.asVoid,
    Effect.withSpan("SqlTokenStore.migrate", { attributes: { table } })
  )

/** The tokens as the row holds them (before encryption): the JSON form of `StoredTokens`. */
const TokensJson = Schema.parseJson(StoredTokens)
const encodeTokens = Schema.encode(TokensJson)
const decodeTokens = Schema.decodeUnknown(TokensJson)

/** Lock ids (`table/key`) whose lease the current fiber holds: a nested `withLock` runs without waiting. */
const held = FiberRef.unsafeMake(HashSet.empty<string>())

const make = (
  options: SqlTokenStore.Options
): Effect.Effect<SqlTokenStore.Service, ConfigError.ConfigError | TokenStoreError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const { migrationsTable, table } = yield* checkNames(options)
    const leaseDuration = yield* checkDuration("leaseDuration", options.leaseDuration ?? defaultLeaseDuration)
    const lockTimeout = yield* checkDuration("lockTimeout", options.lockTimeout ?? defaultLockTimeout)
    const secrets = [
      ...(options.encryptionKey === undefined ? [] : [options.encryptionKey]),
      ...(options.previousEncryptionKeys ?? [])
    ]
    if (options.encryptionKey === undefined && secrets.length > 0) {
      return yield* Effect.fail(
        ConfigError.InvalidData(["encryptionKey"], "previousEncryptionKeys need an encryptionKey")
      )
    }
    if (secrets.some((secret) => Redacted.value(secret).length < Cipher.minimumSecretLength)) {
      return yield* Effect.fail(ConfigError.InvalidData(
        ["encryptionKey"],
        `Encryption keys must be at least ${Cipher.minimumSecretLength} characters (e.g. openssl rand -base64 32)`
      ))
    }
    const keys = yield* Effect.forEach(secrets, Cipher.deriveKey)
    // The tokens' JSON form is the contract with the table: no user-configured name transform applies to it.
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const dialect = sql.onDialectOrElse({ pg: () => "pg" as const, sqlite: () => "sqlite" as const, orElse: () => undefined })
    if (dialect === undefined) {
      return yield* Effect.fail(ConfigError.InvalidData([], "SqlTokenStore supports PostgreSQL and SQLite clients"))
    }
    if (options.migrate !== false) yield* migrate(table, migrationsTable)

    // The database's clock, so that replicas with skewed clocks agree on when a lease ends.
    const now = sql.literal(
      dialect === "pg"
        ? "(extract(epoch from clock_timestamp()) * 1000)::bigint"
        : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
    )
    const leaseMillis = Duration.toMillis(leaseDuration)
    const heartbeat = Duration.millis(Math.max(1, Math.floor(leaseMillis / 3)))
    const t = sql(table)

    const forTenant = (key: string): SqlTokenStore.TenantStore => {
      const store = `sql ${table}[${key}]`
      const context = `${table}\u0000${key}`
      const failure = (operation: "load" | "save" | "lock") => (detail: string) =>
        new TokenStoreError({ operation, store, detail })
      const sqlFailure = (operation: "load" | "save" | "lock") => (error: SqlError) =>
        failure(operation)(describe(error))
      const lockId = `${table}/${key}`

      const readRow = (text: string): Effect.Effect<string, TokenStoreError> => {
        if (!text.startsWith(Cipher.prefix)) return Effect.succeed(text)
        if (keys.length === 0) {
          return Effect.fail(failure("load")("The row is encrypted: configure the encryptionKey it was saved with"))
        }
        return Effect.mapError(Cipher.decrypt(keys, context, text), (reason) =>
          failure("load")(
            reason === "UnknownKey"
              ? "The row was encrypted with a key that is not configured (add it to previousEncryptionKeys)"
              : reason === "Rejected"
              ? "The row does not decrypt under its key: it was altered or copied from another tenant"
              : "The encrypted row is malformed"
          ))
      }

      const load = sql<{ readonly tokens: string | null }>`SELECT tokens FROM ${t} WHERE tenant = ${key}`.pipe(
        Effect.mapError(sqlFailure("load")),
        Effect.flatMap((rows) => {
          const text = rows[0]?.tokens
          if (text === undefined || text === null) return Effect.succeedNone
          return readRow(text).pipe(
            Effect.flatMap((json) =>
              Effect.mapError(decodeTokens(json), () => failure("load")("The saved tokens are not valid"))
            ),
            Effect.asSome
          )
        }),
        Effect.withSpan("SqlTokenStore.load", { attributes: { table, tenant: key } })
      )

      const save = (tokens: StoredTokens) =>
        encodeTokens(tokens).pipe(
          Effect.mapError(() => failure("save")("The tokens could not be encoded")),
          Effect.flatMap((json) => (keys[0] === undefined ? Effect.succeed(json) : Cipher.encrypt(keys[0], context, json))),
          Effect.flatMap((text) =>
            sql`INSERT INTO ${t} (tenant, tokens, version, updated_at) VALUES (${key}, ${text}, 1, ${now})
              ON CONFLICT (tenant) DO UPDATE SET tokens = excluded.tokens, version = ${t}.version + 1,
              updated_at = excluded.updated_at`.pipe(Effect.mapError(sqlFailure("save")))
          ),
          Effect.asVoid,
          Effect.withSpan("SqlTokenStore.save", { attributes: { table, tenant: key } })
        )

      /**
       * Whether the lease looks free, held, or lapsed (its holder stopped renewing it without releasing it). A read:
       * waiters poll with it, so on SQLite they do not compete for the database's single write lock with the
       * holder's heartbeat and save.
       */
      const leaseState = sql<{ readonly state: number }>`SELECT CASE WHEN lease_owner IS NULL THEN 0
          WHEN lease_until >= ${now} THEN 1 ELSE 2 END AS state FROM ${t} WHERE tenant = ${key}`.pipe(
        Effect.map((rows) => (rows.length === 0 ? "free" : (["free", "held", "lapsed"] as const)[Number(rows[0]!.state)]!))
      )

      /** One attempt at the lease: answers whether `owner` holds it now. */
      const tryLease = (owner: string): Effect.Effect<boolean, SqlError> =>
        Effect.flatMap(leaseState, (state) => {
          if (state === "held") return Effect.succeed(false)
          if (state === "free") return takeLease(owner)
          return Effect.tap(takeLease(owner), (taken) =>
            taken
              // The one case a lapsed lease cannot heal: the holder died after the token endpoint rotated the
              // refresh token and before it saved the new one; the next refresh is then refused (InvalidGrant).
              ? Effect.logWarning(
                "Took over a token store lease its holder did not release (it stopped or stalled mid-refresh); if " +
                  "it had already refreshed, the stored refresh token no longer works and the company must authorize again"
              ).pipe(Effect.annotateLogs({ table, tenant: key }))
              : Effect.void)
        })

      const takeLease = (owner: string): Effect.Effect<boolean, SqlError> =>
        Effect.flatMap(
          sql<{ readonly tenant: string }>`UPDATE ${t} SET lease_owner = ${owner}, lease_until = ${now} + ${leaseMillis}
            WHERE tenant = ${key} AND (lease_owner IS NULL OR lease_until < ${now}) RETURNING tenant`,
          (rows) => {
            if (rows.length > 0) return Effect.succeed(true)
            // No row yet (nothing saved): create an empty one to hold the lease on, then try again at once.
            return sql`INSERT INTO ${t} (tenant, tokens, version, updated_at) VALUES (${key}, NULL, 0, ${now})
              ON CONFLICT (tenant) DO NOTHING RETURNING tenant`.pipe(
              Effect.flatMap((inserted) => (inserted.length > 0 ? takeLease(owner) : Effect.succeed(false)))
            )
          }
        )

      /** Polls until the lease is free: quickly at first (a refresh takes milliseconds), then every 200 ms. */
      const waitForLease = (owner: string) =>
        tryLease(owner).pipe(
          Effect.repeat({
            until: (ok) => ok,
            schedule: Schedule.jittered(Schedule.union(Schedule.exponential("10 millis", 1.5), Schedule.spaced("200 millis")))
          }),
          Effect.mapError(sqlFailure("lock")),
          Effect.timeoutFail({
            duration: lockTimeout,
            onTimeout: () =>
              failure("lock")(`Another process held the lease for longer than ${Duration.format(lockTimeout)}`)
          }),
          Effect.withSpan("SqlTokenStore.acquireLease", { attributes: { table, tenant: key } })
        )

      /** Extends the lease; takes it back if it lapsed (a stalled heartbeat) and nobody else took it meanwhile. */
      const renewLease = (owner: string) =>
        sql<{ readonly tenant: string }>`UPDATE ${t} SET lease_owner = ${owner}, lease_until = ${now} + ${leaseMillis}
          WHERE tenant = ${key} AND (lease_owner = ${owner} OR lease_owner IS NULL OR lease_until < ${now})
          RETURNING tenant`.pipe(
          Effect.flatMap((rows) =>
            rows.length > 0 ? Effect.void : Effect.logWarning("The token store lease was taken over while held").pipe(
              Effect.annotateLogs({ table, tenant: key })
            )
          ),
          Effect.catchAll((error) => Effect.logWarning("Could not renew the token store lease", describe(error)))
        )

      const releaseLease = (owner: string) =>
        sql`UPDATE ${t} SET lease_owner = NULL, lease_until = NULL WHERE tenant = ${key} AND lease_owner = ${owner}`.pipe(
          // An unreleased lease only delays the next holder until it expires.
          Effect.catchAll((error) => Effect.logWarning("Could not release the token store lease", describe(error)))
        )

      const withLock = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | TokenStoreError, R> =>
        Effect.flatMap(FiberRef.get(held), (locks): Effect.Effect<A, E | TokenStoreError, R> => {
          if (HashSet.has(locks, lockId)) return effect
          const owner = crypto.randomUUID()
          const holding = Effect.flatMap(
            Effect.fork(Effect.forever(Effect.delay(renewLease(owner), heartbeat))),
            (heartbeat) => Effect.ensuring(Effect.locallyWith(effect, held, HashSet.add(lockId)), Fiber.interrupt(heartbeat))
          )
          // Released whatever happens, also when waiting is interrupted after the database granted the lease.
          return Effect.ensuring(Effect.zipRight(waitForLease(owner), holding), releaseLease(owner))
        })

      return { load, save, withLock }
    }

    const tenants = sql<{ readonly tenant: string }>`SELECT tenant FROM ${t} WHERE tokens IS NOT NULL ORDER BY tenant`
      .pipe(
        Effect.map((rows) => rows.map((row) => row.tenant)),
        Effect.mapError((error) =>
          new TokenStoreError({ operation: "load", store: `sql ${table}`, detail: describe(error) })
        ),
        Effect.withSpan("SqlTokenStore.tenants", { attributes: { table } })
      )

    const remove = (key: string) =>
      sql`DELETE FROM ${t} WHERE tenant = ${key}`.pipe(
        Effect.asVoid,
        Effect.mapError((error) =>
          new TokenStoreError({ operation: "save", store: `sql ${table}[${key}]`, detail: describe(error) })
        ),
        Effect.withSpan("SqlTokenStore.remove", { attributes: { table, tenant: key } })
      )

    return SqlTokenStore.of({ table, forTenant, tenants, remove })
  })
