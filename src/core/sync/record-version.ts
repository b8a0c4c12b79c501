/**
 * A record's version: the greatest clock in it. Every change to a record stamps the changed
 * register with a new clock greater than any the writer has seen, so the version grows with every
 * write, and an older version of the same record is a replay (`isReplay` in sync-record.ts).
 */
import type { Fail } from '../vault/shape.ts'
import { expectInteger, expectKeys, expectRecord } from '../vault/shape.ts'
import type { AccountState, Hlc, Tombstone } from './sync-state.ts'

/**
 * Device ids: 1–64 printable ASCII characters other than '|', which separates the fields of the
 * AAD (sync-aad.ts). A random UUID or base64 of random bytes both fit.
 */
const DEVICE_ID = /^[!-{}~]{1,64}$/

/** Orders clocks: wall time, then the counter, then the device id (code units), as the merge does. */
export function compareVersions(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1
  if (a.count !== b.count) return a.count < b.count ? -1 : 1
  return a.device === b.device ? 0 : a.device < b.device ? -1 : 1
}

/** The greatest clock among the record's registers. */
export function recordVersion(state: AccountState | Tombstone): Hlc {
  const clocks = 'otp' in state
    ? [state.issuer, state.account, state.tags, state.pinned, state.order, state.sites, state.deleted].map((r) => r.at)
    : [state.deleted.at]
  return clocks.reduce((max, at) => (compareVersions(at, max) > 0 ? at : max))
}

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
