/**
 * A clock read from the outside (a stored record's version, a register's stamp), checked before use.
 * A record's version is the greatest clock in it (recordClock): every change stamps the changed
 * register with a clock greater than any the writer has seen, so the version grows with every
 * write, and an older version of the same record is a replay (`isReplay` in sync-record.ts).
 */
import type { Fail } from '../vault/shape.ts'
import { expectInteger, expectKeys, expectRecord } from '../vault/shape.ts'
import type { Hlc } from './sync-state.ts'

/**
 * Device ids: 1–64 printable ASCII characters other than '|', which separates the fields of the
 * AAD (sync-aad.ts). A random UUID or base64 of random bytes both fit.
 */
const DEVICE_ID = /^[!-{}~]{1,64}$/

/** Validates an untrusted clock and returns a fresh copy. */
export function parseHlc(value: unknown, path: string, fail: Fail): Hlc {
  const o = expectRecord(value, path, fail)
  expectKeys(o, path, ['wall', 'count', 'device'], [], fail)
  const wall = expectInteger(o['wall'], `${path}.wall`, 0, Number.MAX_SAFE_INTEGER, fail)
  const count = expectInteger(o['count'], `${path}.count`, 0, Number.MAX_SAFE_INTEGER, fail)
  const device = o['device']
  if (typeof device !== 'string' || !DEVICE_ID.test(device)) {
    fail(`${path}.device must be 1 to 64 printable ASCII characters other than '|'.`)
  }
  return { wall, count, device }
}
