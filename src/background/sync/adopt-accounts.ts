/**
 * Joining a sync space with a vault that already has accounts. Records are merged by id, and ids
 * are random, so the same service added on two devices separately (the same QR code scanned twice)
 * would otherwise sync as two accounts. So, once, when a device joins: each local account that
 * computes the same codes as a remote account (same type, secret, algorithm, digits, period, T0)
 * is mapped onto that remote record, taking its id. The remote's names win (they are what the
 * other devices show); tags and sites are joined, a pin kept, and the HOTP counter goes to the
 * larger, so nothing the person set on either side is dropped and no code is shown twice.
 *
 * Only at join: afterwards, a new account with a key that is already there is the person's own
 * choice (two profiles of one service), and stays two accounts.
 */
import { toStoredAccount } from '../../core/sync/account-state.ts'
import type { AccountState, OtpIdentity, SyncRecord } from '../../core/sync/sync-state.ts'
import { isTombstone } from '../../core/sync/sync-state.ts'
import type { StoredAccount } from '../../core/vault/vault-content.ts'

export interface Adoption {
  /** The vault's accounts, adopted ones under their remote id; accounts deleted remotely left out. */
  accounts: StoredAccount[]
  /** Remote id → the remote state an adopted account was mapped onto: its `previous` state. */
  base: Map<string, AccountState>
  /** Local accounts mapped onto a remote record. */
  adopted: number
}

export function adoptAccounts(accounts: readonly StoredAccount[], remote: ReadonlyMap<string, SyncRecord>): Adoption {
  const localIds = new Set(accounts.map((a) => a.id))
  const claimed = new Set<string>()
  const base = new Map<string, AccountState>()
  const result: StoredAccount[] = []
  let adopted = 0
  for (const account of accounts) {
    const sameId = remote.get(account.id)
    // An account this device once synced here (it was connected before): the space's copy decides,
    // and a deletion made there while this device was away is followed.
    if (sameId !== undefined && (isTombstone(sameId) || sameId.deleted.value)) continue
    const match =
      sameId !== undefined && sameCodes(account, sameId.otp)
        ? sameId
        : [...remote.values()].find(
            (r): r is AccountState =>
              !isTombstone(r) && !r.deleted.value && !claimed.has(r.id) && !localIds.has(r.id) && sameCodes(account, r.otp),
          )
    if (match === undefined || claimed.has(match.id)) {
      result.push(account)
      continue
    }
    claimed.add(match.id)
    base.set(match.id, match)
    result.push(joined(account, match))
    adopted++
  }
  return { accounts: result, base, adopted }
}

function sameCodes(a: StoredAccount, otp: OtpIdentity): boolean {
  return (
    a.type === otp.type &&
    a.secret === otp.secret &&
    a.algorithm === otp.algorithm &&
    a.digits === otp.digits &&
    a.period === otp.period &&
    (a.t0 ?? 0) === (otp.t0 ?? 0)
  )
}

/** The remote account, with what the local copy adds to it. */
function joined(local: StoredAccount, remote: AccountState): StoredAccount {
  // Not deleted (checked by the caller), so toStoredAccount gives an account.
  const account = toStoredAccount(remote, local) as StoredAccount
  account.tags = union(account.tags, local.tags)
  account.sites = union(account.sites, local.sites)
  account.pinned = account.pinned || local.pinned
  if (local.counter > account.counter) account.counter = local.counter
  return account
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])]
}
