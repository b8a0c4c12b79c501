/** A fake background for the popup's models: each request answers from a script, and every call is recorded. */
import type { Client } from '../src/shared/messaging.ts'
import { packAccountList, type PackedAccountList } from '../src/shared/account-list-wire.ts'
import type { AccountList, AccountView, PopupOpening, PopupToBackground, StatusInfo } from '../src/shared/protocol.ts'
import { DEFAULT_SETTINGS } from '../src/shared/settings.ts'

export const status = (state: StatusInfo['state'], extra: Partial<StatusInfo> = {}): StatusInfo => ({
  state,
  hasPassword: true,
  failures: 0,
  retryAt: null,
  version: 't',
  settings: { ...DEFAULT_SETTINGS },
  clock: null,
  ...extra,
})

export const account = (id: string, validUntil: number, extra: Partial<AccountView> = {}): AccountView => ({
  id,
  issuer: 'Acme',
  account: 'a',
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  t0: 0,
  tags: [],
  pinned: false,
  sites: [],
  order: 0,
  createdAt: 0,
  lastUsedAt: null,
  timed: { code: '123456', nextCode: '654321', validFrom: validUntil - 30_000, validUntil },
  hotp: null,
  ...extra,
})

/** A list as the worker sends it (account-list-wire.ts). */
export const list = (accounts: AccountView[], extra: Partial<AccountList> = {}): PackedAccountList =>
  packAccountList({ accounts, activeSite: null, onSite: [], ...extra })

/** openPopup's answer: unlocked with `accounts` unless another state is given. */
export const opening = (s: StatusInfo, extra: Partial<PopupOpening> = {}): PopupOpening => ({
  status: s,
  tabId: null,
  list: s.state === 'unlocked' ? list([]) : null,
  scan: null,
  fillable: false,
  framed: null,
  sync: null,
  ...extra,
})

export type Answers = Partial<{ [K in keyof PopupToBackground]: (input: PopupToBackground[K]['input']) => PopupToBackground[K]['output'] }>

export function fakeClient(answers: Answers) {
  const calls: { type: string; input: unknown }[] = []
  const client = (async (type: keyof PopupToBackground, input: unknown) => {
    calls.push({ type, input })
    const answer = answers[type] as ((i: unknown) => unknown) | undefined
    if (!answer) throw new Error(`unexpected ${type}`)
    return answer(input)
  }) as Client<PopupToBackground>
  return { client, calls, types: () => calls.map((c) => c.type) }
}

/** A lazily loaded model, once it is there. */
export async function loaded<T>(get: () => T | null): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = get()
    if (value !== null) return value
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('the lazy model never loaded')
}
