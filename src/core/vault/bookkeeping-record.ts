/**
 * Small records kept beside the vault so that using a code does not rewrite it (issue #15,
 * docs/vault-format.md "Bookkeeping records"): an HOTP counter advance (one record per account)
 * and the batched "last used" times (one record). Each is AES-256-GCM under the master key, with
 * AAD naming its purpose (and, for a counter, the account), so a record cannot be forged, moved to
 * another account or read as the content. What a record says only ever raises the vault's value
 * (max): an older or foreign record can therefore never lower a counter.
 */
import { gcmDecrypt, gcmEncrypt, NONCE_BYTES, randomBytes, TAG_BYTES } from './aes-gcm.ts'
import { base64ToBytes, bytesToBase64 } from './base64.ts'
import { ENVELOPE_VERSION, VAULT_FORMAT } from './envelope.ts'

export interface BookkeepingRecord {
  nonce: string
  ciphertext: string
}

const encoder = new TextEncoder()
const MAX_COUNTER = 2n ** 64n - 1n
/** A counter's plaintext is its decimal, padded to 2^64−1's 20 digits: every counter record has one size. */
const COUNTER_WIDTH = 20
/** The last-used record is padded to a multiple of this, so its size shows only roughly how many accounts were used. */
const LAST_USED_PAD = 256
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const counterAad = (accountId: string) => encoder.encode([VAULT_FORMAT, ENVELOPE_VERSION, 'counter', accountId].join('|'))
const lastUsedAad = () => encoder.encode([VAULT_FORMAT, ENVELOPE_VERSION, 'last-used'].join('|'))

async function seal(masterKey: CryptoKey, plaintext: string, aad: Uint8Array): Promise<BookkeepingRecord> {
  const nonce = randomBytes(NONCE_BYTES)
  const ciphertext = await gcmEncrypt(masterKey, nonce, encoder.encode(plaintext), aad)
  return { nonce: bytesToBase64(nonce), ciphertext: bytesToBase64(ciphertext) }
}

/** The plaintext of a stored record, or null for anything that is not one this key sealed with this AAD. */
async function open(masterKey: CryptoKey, raw: unknown, aad: Uint8Array): Promise<string | null> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const { nonce, ciphertext, ...rest } = raw as Record<string, unknown>
  if (Object.keys(rest).length > 0 || typeof nonce !== 'string' || typeof ciphertext !== 'string') return null
  const n = base64ToBytes(nonce)
  const c = base64ToBytes(ciphertext)
  if (n === null || c === null || n.length !== NONCE_BYTES || c.length < TAG_BYTES) return null
  const plain = await gcmDecrypt(masterKey, n, c, aad)
  if (plain === null) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain)
  } catch {
    return null
  }
}

/** Account `accountId`'s HOTP counter (RFC 4226: 0 to 2^64−1), as a record that only that account's AAD opens. */
export function sealCounter(masterKey: CryptoKey, accountId: string, counter: bigint): Promise<BookkeepingRecord> {
  if (counter < 0n || counter > MAX_COUNTER) throw new RangeError('An HOTP counter is 0 to 2^64−1.')
  return seal(masterKey, counter.toString(10).padEnd(COUNTER_WIDTH, ' '), counterAad(accountId))
}

/** The counter a record holds for `accountId`; null when it is damaged, forged, another account's or another vault's. */
export async function openCounter(masterKey: CryptoKey, accountId: string, raw: unknown): Promise<bigint | null> {
  const text = await open(masterKey, raw, counterAad(accountId))
  const digits = text?.trimEnd()
  if (digits === undefined || text?.length !== COUNTER_WIDTH || !/^(0|[1-9][0-9]*)$/.test(digits)) return null
  const counter = BigInt(digits)
  return counter <= MAX_COUNTER ? counter : null
}

/** When each account (by id) was last used, in Unix milliseconds. */
export type LastUsedTimes = Record<string, number>

export function sealLastUsed(masterKey: CryptoKey, times: LastUsedTimes): Promise<BookkeepingRecord> {
  const json = JSON.stringify(times)
  return seal(masterKey, json.padEnd(Math.ceil(Math.max(1, json.length) / LAST_USED_PAD) * LAST_USED_PAD, ' '), lastUsedAad())
}

/** The times a last-used record holds; empty when it is damaged or forged (losing a last-used time is harmless). */
export async function openLastUsed(masterKey: CryptoKey, raw: unknown): Promise<LastUsedTimes> {
  const text = await open(masterKey, raw, lastUsedAad())
  return text === null ? {} : validLastUsed(parseJson(text))
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** Only the entries that are an account id and a time; anything else is dropped. */
export function validLastUsed(value: unknown): LastUsedTimes {
  const times: LastUsedTimes = {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return times
  for (const [id, at] of Object.entries(value)) {
    if (UUID.test(id) && Number.isSafeInteger(at) && (at as number) >= 0) times[id] = at as number
  }
  return times
}
