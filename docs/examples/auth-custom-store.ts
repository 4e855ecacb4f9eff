import { KeyValueStore } from "@effect/platform"
import { FactorialAuth, StoredTokens, TokenStore, TokenStoreError } from "@effect-factorial/core"
import * as Effect from "effect/Effect"

// Tokens kept under one key of any `KeyValueStore` (a database, Redis, a secret manager...). `StoredTokens` is a
// Schema: its encoded form holds the secrets in clear, so only ever write it somewhere private.
export const keyValueTokenStore = (key: string) =>
  Effect.gen(function*() {
    const entries = (yield* KeyValueStore.KeyValueStore).forSchema(StoredTokens)
    const failed = (operation: "load" | "save") => (error: { readonly _tag: string }) =>
      new TokenStoreError({ operation, store: `key-value store, key ${key}`, detail: error._tag })
    return TokenStore.make({
      load: Effect.mapError(entries.get(key), failed("load")),
      save: (tokens) => Effect.mapError(entries.set(key, tokens), failed("save"))
    })
  })

// Resume an authorization from it.
export const auth = Effect.flatMap(keyValueTokenStore("factorial/tokens"), (store) =>
  FactorialAuth.oauthFromStore(store))
