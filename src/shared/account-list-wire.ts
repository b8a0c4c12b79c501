/**
 * The account list on its way from the worker to the popup (issue #15). Chromium turns an extension
 * message into JSON value by value on one side and back on the other, so every field of every account
 * costs twice: 1000 accounts' full views were 369 KiB and ~15 ms of the worker's answer alone, before the
 * popup parsed them. A view travels without the fields that hold their usual value (most accounts are
 * TOTP, SHA-1, 6 digits, 30 s, untagged, unbound: RFC 6238's defaults), and the popup puts them back.
 * A code's window is one period long (RFC 6238 §4.2), so its start travels only when it is not one
 * period before its end (Steam steps every 30 s whatever period the account names).
 *
 * A popup opens on its first rows only, so the list it is sent holds the codes of those rows (and of the accounts bound
 * to the tab's site); a TOTP or Steam account's view without `timed` is one whose code follows, asked by the popup once
 * it has drawn (listCodes). The other rows' ~1000 key imports and HMACs were ~36 ms of a 1000-account opening (issue #15).
 */
import type { AccountList, AccountView, TimedCodeView } from './protocol.ts'

/** The fields every view carries; any other field left out has its usual value (see `unpackAccountView`). */
type Always = 'id' | 'issuer' | 'account' | 'order' | 'createdAt'

/** A code with its window, without the successor while there is none and without the start when it is one period back. */
export type PackedTimed = Pick<TimedCodeView, 'code' | 'validUntil'> & { nextCode?: string; validFrom?: number }

export type PackedAccountView = Pick<AccountView, Always> & Partial<Omit<AccountView, Always | 'timed'>> & { timed?: PackedTimed }

export interface PackedAccountList extends Omit<AccountList, 'accounts'> {
  accounts: PackedAccountView[]
}

/** The usual value of each field that may be left out. Arrays are compared by length (an empty one is the usual one). */
const USUAL = {
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  t0: 0,
  pinned: false,
  lastUsedAt: null,
  hotp: null,
} as const satisfies Partial<AccountView>
const LISTS = ['tags', 'sites'] as const

export function packAccountView(v: AccountView): PackedAccountView {
  const packed: PackedAccountView = { id: v.id, issuer: v.issuer, account: v.account, order: v.order, createdAt: v.createdAt }
  const out = packed as Record<string, unknown>
  for (const key of Object.keys(USUAL) as (keyof typeof USUAL)[]) if (v[key] !== USUAL[key]) out[key] = v[key]
  for (const key of LISTS) if (v[key].length > 0) out[key] = v[key]
  if (v.timed) packed.timed = packTimed(v.timed, v.period)
  return packed
}

export function unpackAccountView(p: PackedAccountView): AccountView {
  const timed = p.timed ? unpackTimed(p.timed, p.period ?? USUAL.period) : null
  return { ...USUAL, ...p, tags: p.tags ?? [], sites: p.sites ?? [], timed }
}

/** `period`: the account's, in seconds. */
export function packTimed({ code, nextCode, validFrom, validUntil }: TimedCodeView, period: number): PackedTimed {
  const timed: PackedTimed = { code, validUntil }
  if (nextCode !== null) timed.nextCode = nextCode
  if (validFrom !== validUntil - period * 1000) timed.validFrom = validFrom
  return timed
}

export const unpackTimed = (p: PackedTimed, period: number): TimedCodeView => ({
  code: p.code,
  nextCode: p.nextCode ?? null,
  validFrom: p.validFrom ?? p.validUntil - period * 1000,
  validUntil: p.validUntil,
})

export const packAccountList = (list: AccountList): PackedAccountList => ({ ...list, accounts: list.accounts.map(packAccountView) })

export const unpackAccountList = (list: PackedAccountList): AccountList => ({ ...list, accounts: list.accounts.map(unpackAccountView) })
