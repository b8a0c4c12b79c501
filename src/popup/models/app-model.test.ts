import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../../core/errors.ts'
import type { Client } from '../../shared/messaging.ts'
import type { AccountView, PopupToBackground, StatusInfo } from '../../shared/protocol.ts'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import { createAppModel } from './app-model.ts'

const status = (state: StatusInfo['state'], extra: Partial<StatusInfo> = {}): StatusInfo => ({
  state, hasPassword: true, failures: 0, retryAt: null, version: 't', settings: { ...DEFAULT_SETTINGS }, clock: null, ...extra,
})

const account = (id: string, validUntil: number): AccountView => ({
  id, issuer: 'Acme', account: 'a', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, tags: [], pinned: false,
  sites: [], suggestedSites: [], order: 0, weak: false, createdAt: 0, lastUsedAt: null,
  timed: { code: '123456', nextCode: '654321', validFrom: validUntil - 30_000, validUntil }, hotp: null,
})

/** A fake background: each request type answers from a script, and every call is recorded. */
function fakeClient(answers: Partial<Record<keyof PopupToBackground, (input: unknown) => unknown>>) {
  const calls: string[] = []
  const client = (async (type: keyof PopupToBackground, input: unknown) => {
    calls.push(type)
    const answer = answers[type]
    if (!answer) throw new Error(`unexpected ${type}`)
    return answer(input)
  }) as Client<PopupToBackground>
  return { client, calls }
}

describe('createAppModel', () => {
  it('shows first run, then the accounts once set up', async () => {
    let state: StatusInfo['state'] = 'uninitialized'
    const { client } = fakeClient({
      getStatus: () => status(state),
      setup: () => ((state = 'unlocked'), status(state)),
      listAccounts: () => ({ accounts: [account('1', 30_000)] }),
    })
    const m = createAppModel(client, { now: () => 0, setTimer: () => 0, clearTimer: () => {} })
    await m.refresh()
    expect(m.screen.value).toBe('setup')
    await m.setup('a strong passphrase')
    expect(m.screen.value).toBe('accounts')
    expect(m.accounts.value.map((a) => a.id)).toEqual(['1'])
  })

  it('shows a wrong password through the injected error text, and the new throttle state', async () => {
    const { client } = fakeClient({
      getStatus: () => status('locked', { failures: 5, retryAt: 99_000 }),
      unlock: () => { throw new KeyfobError('WRONG_PASSWORD', 'technical message') },
    })
    const m = createAppModel(client, { errorText: (e) => `shown:${(e as KeyfobError).code}` })
    await m.unlock('nope')
    expect(m.error.value).toBe('shown:WRONG_PASSWORD')
    expect(m.status.value).toMatchObject({ state: 'locked', retryAt: 99_000 })
    expect(m.screen.value).toBe('unlock')
  })

  it('fetches codes again when the first one expires, not before, as its own refresh (not counted as use)', async () => {
    const timers: { fn: () => void; ms: number }[] = []
    const list = () => ({ accounts: [account('1', 40_000), account('2', 25_000)], activeSite: null, onSite: [] })
    const { client, calls } = fakeClient({
      getStatus: () => status('unlocked'), listAccounts: list, refreshCodes: list, pendingScan: () => ({ panel: null }), deleteAccount: () => ({}),
    })
    const m = createAppModel(client, { now: () => 20_000, setTimer: (fn, ms) => timers.push({ fn, ms }), clearTimer: () => {} })
    await m.refresh()
    expect(timers.at(-1)?.ms).toBe(5_050)
    expect(calls.filter((c) => c === 'listAccounts')).toHaveLength(1)
    timers.at(-1)?.fn()
    await expect.poll(() => calls.filter((c) => c === 'refreshCodes')).toHaveLength(1)
    expect(calls.filter((c) => c === 'listAccounts')).toHaveLength(1)
    // A person's action that reloads the list asks listAccounts.
    await m.remove('2')
    expect(calls.filter((c) => c === 'listAccounts')).toHaveLength(2)
    expect(calls.filter((c) => c === 'refreshCodes')).toHaveLength(1)
  })

  it('falls back to the lock screen when the vault locked in the meantime', async () => {
    let locked = false
    const { client } = fakeClient({
      getStatus: () => status(locked ? 'locked' : 'unlocked'),
      listAccounts: () => ({ accounts: [account('1', 30_000)] }),
      refreshCodes: () => {
        if (locked) throw new KeyfobError('VAULT_LOCKED', 'locked')
        return { accounts: [account('1', 30_000)] }
      },
    })
    const timers: (() => void)[] = []
    const m = createAppModel(client, { now: () => 0, setTimer: (fn) => timers.push(fn), clearTimer: () => {} })
    await m.refresh()
    locked = true
    timers.at(-1)?.()
    await expect.poll(() => m.screen.value).toBe('unlock')
    expect(m.accounts.value).toEqual([])
  })

  it('reports added and already-present accounts after adding', async () => {
    const { client } = fakeClient({
      getStatus: () => status('unlocked'),
      listAccounts: () => ({ accounts: [] }),
      addAccounts: () => ({ added: [account('1', 30_000)], duplicates: [{ issuer: 'Old', account: 'x', existingId: '9' }] }),
    })
    const m = createAppModel(client, { setTimer: () => 0, clearTimer: () => {} })
    await m.refresh()
    m.open({ kind: 'add' })
    expect(m.screen.value).toBe('add')
    await m.addAccounts('otpauth://…')
    expect(m.notice.value).toEqual({ added: 1, duplicates: ['Old'] })
    expect(m.screen.value).toBe('accounts')
  })
})
