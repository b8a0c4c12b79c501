/**
 * The vault's account ↔ its synced state. Only what changed since the last state is stamped with a
 * new clock: a field left as it was keeps its old clock, so it cannot outvote another device's
 * real edit of that field made meanwhile (a whole-record stamp would, and sync would lose edits).
 */
import { KeyfobError } from '../errors.ts'
import type { StoredAccount } from '../vault/vault-content.ts'
import { compareHlc } from './hlc.ts'
import { sameJson } from './same-json.ts'
import type { AccountState, Hlc, Lww, OtpIdentity } from './sync-state.ts'

/**
 * The state of a vault account after a local change, stamped `clock` where it differs from
 * `previous` (its last state, undefined for an account sync has not seen: then every field is
 * new). `clock` must come after every clock this device has seen (tickHlc after receiveHlc), or a
 * local edit could lose to an older one; a changed field whose old clock is not before it is a bug
 * (KeyfobError INTERNAL). An account in the vault is not deleted: if `previous` was, this is an
 * explicit undo of the deletion, stamped `clock` too. The HOTP counter goes to the larger of the
 * two (it only moves forward; the state may be ahead of a vault not yet updated).
 */
export function toAccountState(stored: StoredAccount, previous: AccountState | undefined, clock: Hlc): AccountState {
  const otp = otpIdentity(stored)
  if (previous !== undefined) {
    // The vault never changes these (a new key is a new account with a new id); a mismatch is a bug.
    if (previous.id !== stored.id) throw new KeyfobError('INTERNAL', `Account ${stored.id} was compared with the state of ${previous.id}.`)
    if (!sameJson(previous.otp, otp) || previous.createdAt !== stored.createdAt) {
      throw new KeyfobError('INTERNAL', `Account ${stored.id} changed its key or creation time.`)
    }
  }
  const counter = stored.counter.toString(10)
  return {
    id: stored.id,
    otp: previous?.otp ?? otp,
    createdAt: stored.createdAt,
    issuer: stamp(previous?.issuer, stored.issuer, clock),
    account: stamp(previous?.account, stored.account, clock),
    tags: stamp(previous?.tags, stored.tags, clock, [...stored.tags]),
    pinned: stamp(previous?.pinned, stored.pinned, clock),
    order: stamp(previous?.order, stored.order, clock),
    sites: stamp(previous?.sites, stored.sites, clock, [...stored.sites]),
    counter: previous !== undefined && BigInt(previous.counter) > stored.counter ? previous.counter : counter,
    deleted: stamp(previous?.deleted, false, clock),
  }
}

/** The state of an account just deleted from the vault: only its deletion register changes. */
export function toDeletedState(previous: AccountState, clock: Hlc): AccountState {
  return { ...previous, deleted: stamp(previous.deleted, true, clock) }
}

/**
 * The vault account a state stands for; undefined if it is deleted. lastUsedAt is this device's
 * (from `local`, the vault's current copy): it is not synced, since it changes at every code used
 * and would cost a record write each time, and says when a service was used. updatedAt is the
 * latest wall time among the state's register clocks (or createdAt), so every device derives the
 * same one from the same state.
 */
export function toStoredAccount(state: AccountState, local?: StoredAccount): StoredAccount | undefined {
  if (state.deleted.value) return undefined
  const { otp } = state
  const registers = [state.issuer, state.account, state.tags, state.pinned, state.order, state.sites, state.deleted]
  const stored: StoredAccount = {
    id: state.id,
    type: otp.type,
    secret: otp.secret,
    algorithm: otp.algorithm,
    digits: otp.digits,
    period: otp.period,
    counter: BigInt(state.counter),
    issuer: state.issuer.value,
    account: state.account.value,
    tags: [...state.tags.value],
    pinned: state.pinned.value,
    sites: [...state.sites.value],
    createdAt: state.createdAt,
    updatedAt: registers.reduce((latest, r) => Math.max(latest, r.at.wall), state.createdAt),
    order: state.order.value,
  }
  if (otp.t0 !== undefined) stored.t0 = otp.t0
  if (otp.pin !== undefined) stored.pin = otp.pin
  if (otp.image !== undefined) stored.image = otp.image
  if (otp.extra !== undefined) stored.extra = { ...otp.extra }
  if (local?.lastUsedAt !== undefined) stored.lastUsedAt = local.lastUsedAt
  return stored
}

/** The previous register if its value is unchanged, else the new value stamped `clock`. */
function stamp<T>(previous: Lww<T> | undefined, value: T, clock: Hlc, copy: T = value): Lww<T> {
  if (previous === undefined) return { value: copy, at: clock }
  if (sameJson(previous.value, value)) return previous
  if (compareHlc(clock, previous.at) <= 0) {
    throw new KeyfobError('INTERNAL', 'A local change was stamped with a clock not after the one it replaces.')
  }
  return { value: copy, at: clock }
}

function otpIdentity(a: StoredAccount): OtpIdentity {
  const otp: OtpIdentity = { type: a.type, secret: a.secret, algorithm: a.algorithm, digits: a.digits, period: a.period }
  if (a.t0 !== undefined) otp.t0 = a.t0
  if (a.pin !== undefined) otp.pin = a.pin
  if (a.image !== undefined) otp.image = a.image
  if (a.extra !== undefined) otp.extra = { ...a.extra }
  return otp
}
