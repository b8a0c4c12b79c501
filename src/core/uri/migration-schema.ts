import type { AccountFields, Algorithm } from '../types.ts'

/**
 * Google Authenticator's `MigrationPayload` (proto3), as documented in
 * /shared/spec/migration.md: field numbers and enum values shared by the
 * decoder and the encoder.
 */
export const PAYLOAD = { otpParameters: 1, version: 2, batchSize: 3, batchIndex: 4, batchId: 5 } as const
export const PARAMS = { secret: 1, name: 2, issuer: 3, algorithm: 4, digits: 5, type: 6, counter: 7 } as const

/** Enum Algorithm: 0 UNSPECIFIED (read as SHA1), 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5 (refused). */
export const ALGORITHM_VALUES: Record<Algorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 }
export const ALGORITHM_MD5 = 4
/** Enum DigitCount: 0 UNSPECIFIED (read as 6), 1 SIX, 2 EIGHT. */
export const DIGIT_VALUES: Readonly<Record<number, number>> = { 6: 1, 8: 2 }
/** Enum OtpType: 0 UNSPECIFIED (read as TOTP, like Aegis), 1 HOTP, 2 TOTP. */
export const TYPE_VALUES = { hotp: 1, totp: 2 } as const

/** The only version Google Authenticator has written. */
export const PAYLOAD_VERSION = 1

/**
 * Most QR codes one export may claim (batch_size). Collecting an export walks
 * every index up to batch_size, so an int32 from the payload must not set that
 * count: 2^31 − 1 would hang or crash the worker. Google Authenticator puts ten
 * accounts in a code and Keyfob's own export seven, so this covers the importers'
 * own limit of 10,000 accounts either way.
 */
export const MAX_BATCH_SIZE = 1500

/** One account from a migration payload, plus the raw `name` field it came from. */
export interface MigrationAccount extends AccountFields {
  name: string
}

/**
 * One decoded QR code of an export. The batch fields are null when absent from
 * the payload (old single-QR exports omit some or all of them).
 */
export interface MigrationBatch {
  version: number | null
  batchSize: number | null
  batchIndex: number | null
  batchId: number | null
  accounts: MigrationAccount[]
}
