import { base32Decode } from '../encoding/base32.ts'
import { base64Encode } from '../encoding/base64.ts'
import { KeyfobError } from '../errors.ts'
import type { AccountFields } from '../types.ts'
import { assertWellFormed } from './assert-well-formed.ts'
import { migrationLimitations } from './migration-limitations.ts'
import { ALGORITHM_VALUES, DIGIT_VALUES, PARAMS, PAYLOAD, PAYLOAD_VERSION, TYPE_VALUES } from './migration-schema.ts'
import { int32ToVarint, writeProtoFields, type ProtoField } from './protobuf.ts'
import { quote } from './quote.ts'

export interface EncodeMigrationOptions {
  /**
   * Longest URI per QR code, in characters (the URI is ASCII, so also bytes).
   * Default 1000: a version-25 QR code at error level L holds 1273 bytes, and
   * anything much denser is hard for phone cameras to read off a screen.
   * A single account longer than this still gets a QR code of its own.
   */
  maxBytes?: number
  /** Most accounts per QR code. Default 10, as Google Authenticator does. */
  maxAccounts?: number
  /** The int32 `batch_id` shared by every QR code of this export. Default: random. */
  batchId?: number
  /**
   * Leave out accounts the format cannot represent (see migrationLimitations)
   * and report them in `skipped`, instead of throwing INVALID_PARAMETER.
   */
  skipUnsupported?: boolean
}

export interface SkippedAccount {
  /** Position in the `accounts` argument. */
  index: number
  account: AccountFields
  /** The readable reason from migrationLimitations. */
  reason: string
}

export interface MigrationExport {
  /** One `otpauth-migration://offline?data=…` URI per QR code, in batch_index order. */
  uris: string[]
  /** Always empty unless `skipUnsupported` was set. */
  skipped: SkippedAccount[]
}

const PREFIX = 'otpauth-migration://offline?data='
const DEFAULT_MAX_BYTES = 1000
const DEFAULT_MAX_ACCOUNTS = 10
/** Largest non-negative int32, so sizing with it never underestimates the real header. */
const WORST_CASE_INT32 = 2 ** 31 - 1
const utf8 = new TextEncoder()

/**
 * Writes accounts as Google Authenticator export URIs, the way the app does:
 * standard base64 with padding, percent-encoded (migration.md, "URI and
 * Base64"), split greedily and in order into QR-sized batches that share one
 * `batch_id` and carry `version` 1, `batch_size` and `batch_index`. No accounts
 * (or all skipped) gives no URIs.
 */
export function encodeMigrationPayloads(accounts: readonly AccountFields[], opts: EncodeMigrationOptions = {}): MigrationExport {
  const maxBytes = positiveInteger(opts.maxBytes ?? DEFAULT_MAX_BYTES, 'maxBytes')
  const maxAccounts = positiveInteger(opts.maxAccounts ?? DEFAULT_MAX_ACCOUNTS, 'maxAccounts')
  const batchId = opts.batchId ?? randomInt32()
  if (!Number.isInteger(batchId) || batchId < -(2 ** 31) || batchId > WORST_CASE_INT32) {
    throw new KeyfobError('INVALID_PARAMETER', `The batch id must be a 32-bit integer (got ${batchId}).`)
  }

  const skipped: SkippedAccount[] = []
  const encoded: ProtoField[] = []
  accounts.forEach((account, index) => {
    const reason = migrationLimitations(account)
    if (reason === null) {
      encoded.push({ no: PAYLOAD.otpParameters, wireType: 2, value: encodeAccount(account) })
    } else if (opts.skipUnsupported) {
      skipped.push({ index, account, reason })
    } else {
      throw new KeyfobError('INVALID_PARAMETER', `${describe(account, index)} cannot be exported to Google Authenticator: ${reason}`)
    }
  })

  // batch_size must be known before any payload is written, so size the
  // batches first with a worst-case header, then write them for real.
  const groups: ProtoField[][] = []
  let current: ProtoField[] = []
  for (const field of encoded) {
    const candidate = [...current, field]
    const tooBig = candidate.length > maxAccounts || toUri(candidate, WORST_CASE_INT32, WORST_CASE_INT32, batchId).length > maxBytes
    if (tooBig && current.length > 0) {
      groups.push(current)
      current = [field]
    } else {
      current = candidate
    }
  }
  if (current.length > 0) groups.push(current)

  return { uris: groups.map((group, i) => toUri(group, groups.length, i, batchId)), skipped }
}

function toUri(accountFields: readonly ProtoField[], batchSize: number, batchIndex: number, batchId: number): string {
  // Field order as in Google Authenticator's own exports: accounts, then the header.
  const payload = writeProtoFields([
    ...accountFields,
    { no: PAYLOAD.version, wireType: 0, value: BigInt(PAYLOAD_VERSION) },
    { no: PAYLOAD.batchSize, wireType: 0, value: int32ToVarint(batchSize) },
    { no: PAYLOAD.batchIndex, wireType: 0, value: int32ToVarint(batchIndex) },
    { no: PAYLOAD.batchId, wireType: 0, value: int32ToVarint(batchId) },
  ])
  return PREFIX + encodeURIComponent(base64Encode(payload))
}

function encodeAccount(account: AccountFields): Uint8Array {
  assertWellFormed(account.issuer, 'issuer')
  assertWellFormed(account.account, 'account name')
  const type = account.type === 'hotp' ? 'hotp' : 'totp'
  const algorithm = ALGORITHM_VALUES[account.algorithm]
  if (algorithm === undefined) {
    throw new KeyfobError('UNSUPPORTED_ALGORITHM', `Unsupported algorithm ${quote(String(account.algorithm))}.`)
  }
  const fields: ProtoField[] = [
    { no: PARAMS.secret, wireType: 2, value: base32Decode(account.secret) },
    { no: PARAMS.name, wireType: 2, value: utf8.encode(migrationName(account.issuer, account.account)) },
    { no: PARAMS.issuer, wireType: 2, value: utf8.encode(account.issuer) },
    { no: PARAMS.algorithm, wireType: 0, value: BigInt(algorithm) },
    { no: PARAMS.digits, wireType: 0, value: BigInt(DIGIT_VALUES[account.digits] ?? 0) },
    { no: PARAMS.type, wireType: 0, value: BigInt(TYPE_VALUES[type]) },
  ]
  if (type === 'hotp') fields.push({ no: PARAMS.counter, wireType: 0, value: account.counter })
  return writeProtoFields(fields)
}

/**
 * The `name` field. Plain account names display best in other apps (Aegis keeps
 * `name` whole when an issuer is set), but the decoder's mapping rule
 * (migration.md) would split some names, so only those get a prefix that the
 * rule strips again: `Issuer:` when the account itself starts with `Issuer:`,
 * and an empty prefix `:` when there is no issuer and the account has a colon.
 */
function migrationName(issuer: string, account: string): string {
  if (issuer !== '') return account.startsWith(`${issuer}:`) ? `${issuer}:${account}` : account
  return account.includes(':') ? `:${account}` : account
}

function describe(account: AccountFields, index: number): string {
  const label = [account.issuer, account.account].filter((s) => s !== '').join(': ')
  return label === '' ? `Account ${index + 1}` : `Account ${index + 1} (${quote(label)})`
}

function positiveInteger(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new KeyfobError('INVALID_PARAMETER', `${what} must be a positive integer (got ${n}).`)
  return n
}

function randomInt32(): number {
  return crypto.getRandomValues(new Int32Array(1))[0] ?? 0
}
