/**
 * AES-256-GCM over WebCrypto for token rows. The key is derived from the user's secret with HKDF-SHA-256; the
 * row's table and tenant key are the additional authenticated data, so a ciphertext copied to another row does
 * not decrypt. Format: `aesgcm1:<key id>:<iv, base64>:<ciphertext + tag, base64>`.
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** The prefix of an encrypted row; anything else is plain JSON. */
export const prefix = "aesgcm1:"

/** A derived key and the short id written beside each ciphertext (to pick the key for decryption). */
export interface Key {
  readonly id: string
  readonly key: CryptoKey
}

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64")
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text, "base64"))

/** The smallest secret accepted: 32 characters (e.g. `openssl rand -base64 32` gives 44). */
export const minimumSecretLength = 32

/** Derives the AES key and its id from a secret; the id is a hash prefix, not enough to guess the secret. */
export const deriveKey = (secret: Redacted.Redacted<string>): Effect.Effect<Key> =>
  Effect.promise(async () => {
    const material = await crypto.subtle.importKey("raw", encoder.encode(Redacted.value(secret)), "HKDF", false, [
      "deriveKey",
      "deriveBits"
    ])
    const info = (label: string) => ({
      name: "HKDF",
      hash: "SHA-256",
      salt: encoder.encode("effect-factorial token store"),
      info: encoder.encode(label)
    })
    const key = await crypto.subtle.deriveKey(info("aes-256-gcm v1"), material, { name: "AES-GCM", length: 256 }, false, [
      "encrypt",
      "decrypt"
    ])
    const idBits = new Uint8Array(await crypto.subtle.deriveBits(info("key id v1"), material, 48))
    return { id: Buffer.from(idBits).toString("base64url"), key }
  })

/** Encrypts `plain` for the row identified by `context`. */
export const encrypt = (key: Key, context: string, plain: string): Effect.Effect<string> =>
  Effect.promise(async () => {
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
        key.key,
        encoder.encode(plain)
      )
    )
    return `${prefix}${key.id}:${toBase64(iv)}:${toBase64(sealed)}`
  })

/** Why a row could not be decrypted; never holds the row's content. */
export type DecryptFailure = "Malformed" | "UnknownKey" | "Rejected"

/** Decrypts a row written by `encrypt` with one of `keys`. */
export const decrypt = (
  keys: ReadonlyArray<Key>,
  context: string,
  stored: string
): Effect.Effect<string, DecryptFailure> => {
  const parts = stored.slice(prefix.length).split(":")
  if (parts.length !== 3) return Effect.fail("Malformed" as const)
  const [id, iv, sealed] = parts as [string, string, string]
  const key = keys.find((k) => k.id === id)
  if (key === undefined) return Effect.fail("UnknownKey" as const)
  return Effect.tryPromise({
    try: async () =>
      decoder.decode(
        await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: fromBase64(iv), additionalData: encoder.encode(context) },
          key.key,
          fromBase64(sealed)
        )
      ),
    catch: () => "Rejected" as const
  })
}
