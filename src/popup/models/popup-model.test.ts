import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../../core/errors.ts'
import type { StatusInfo } from '../../shared/protocol.ts'
import { account, fakeClient, list, loaded, opening, status } from '../../../test/fake-popup-client.ts'
import { createPopupModel } from './popup-model.ts'

const noTimers = { now: () => 0, setTimer: () => 0, clearTimer: () => {} }

describe('createPopupModel', () => {
  it('opens with one request, naming no tab: the answer says which tab it is over, and later requests name it', async () => {
    const scan = { scanId: 's', state: 'found' as const, items: [], batch: null, message: null, note: null }
    const { client, calls } = fakeClient({
      openPopup: () =>
        opening(status('unlocked'), {
          tabId: 7,
          list: list([account('1', 30_000), account('2', 30_000, { issuer: 'Beta' })], { activeSite: 'beta.test', onSite: ['2'] }),
          scan,
          fillable: true,
          framed: { site: 'beta.test', framedBy: 'shop.test', names: ['Beta'] },
        }),
      listAccounts: () => list([]),
    })
    let lookups = 0
    const m = createPopupModel(client, { ...noTimers, activeTabId: async () => (lookups++, 3) })
    await m.session.open()
    expect(calls).toEqual([{ type: 'openPopup', input: {} }])
    expect(m.session.screen.value).toBe('accounts')
    expect(m.accounts.visible.value.map((a) => a.id)).toEqual(['2', '1']) // the tab's site first
    expect(m.scan.panel.value).toEqual(scan)
    expect(m.fill.framed.value).toEqual({ tabId: 7, site: 'beta.test', framedBy: 'shop.test', names: ['Beta'] })
    await m.accounts.load()
    expect(calls.at(-1)).toEqual({ type: 'listAccounts', input: { tabId: 7 } })
    await m.session.reload()
    expect(calls.at(-1)).toEqual({ type: 'openPopup', input: { tabId: 7 } })
    expect(lookups, 'opening never asks the browser for the tab').toBe(0)
  })

  it('takes the answer to the request the page sent first, without asking again', async () => {
    const { client, calls } = fakeClient({ listAccounts: () => list([]) })
    const first = Promise.resolve(opening(status('unlocked'), { tabId: 5, list: list([account('1', 30_000)]), fillable: true }))
    const m = createPopupModel(client, { ...noTimers, firstOpening: first })
    await m.session.open()
    expect(calls).toEqual([])
    expect([m.session.screen.value, m.accounts.accounts.value.map((a) => a.id)]).toEqual(['accounts', ['1']])
    await m.accounts.load()
    expect(calls).toEqual([{ type: 'listAccounts', input: { tabId: 5 } }])
  })

  it('shows the failure of the request the page sent first, as any failed open', async () => {
    const { client } = fakeClient({})
    const m = createPopupModel(client, { ...noTimers, firstOpening: Promise.reject(new KeyfobError('INTERNAL', 'down')) })
    await m.session.open()
    expect([m.session.screen.value, m.feedback.error.value]).toEqual(['loading', 'down'])
  })

  it('shows first run, then the accounts once set up', async () => {
    let state: StatusInfo['state'] = 'uninitialized'
    const { client, types } = fakeClient({
      openPopup: () => opening(status(state), state === 'unlocked' ? { list: list([account('1', 30_000)]) } : {}),
      setup: () => ((state = 'unlocked'), status(state)),
    })
    const m = createPopupModel(client, noTimers)
    await m.session.open()
    expect(m.session.screen.value).toBe('setup')
    await (await loaded(m.panels)).lock.setup('a strong passphrase')
    expect(m.session.screen.value).toBe('accounts')
    expect(m.accounts.accounts.value.map((a) => a.id)).toEqual(['1'])
    expect(types()).toEqual(['openPopup', 'setup', 'openPopup'])
  })

  it('shows a wrong password through the injected error text, and the new throttle state', async () => {
    const { client } = fakeClient({
      openPopup: () => opening(status('locked', { failures: 5, retryAt: 99_000 })),
      unlock: () => {
        throw new KeyfobError('WRONG_PASSWORD', 'technical message')
      },
    })
    const m = createPopupModel(client, { errorText: (e) => `shown:${(e as KeyfobError).code}` })
    await (await loaded(m.panels)).lock.unlock('nope')
    expect(m.feedback.error.value).toBe('shown:WRONG_PASSWORD')
    expect(m.session.status.value).toMatchObject({ state: 'locked', retryAt: 99_000 })
    expect(m.session.screen.value).toBe('unlock')
  })

  it('fetches codes again when the first one expires, not before, as its own refresh (not counted as use)', async () => {
    const timers: { fn: () => void; ms: number }[] = []
    const both = () => list([account('1', 40_000), account('2', 25_000)])
    const { client, types } = fakeClient({
      openPopup: () => opening(status('unlocked'), { list: both() }),
      refreshCodes: both,
      listAccounts: both,
      deleteAccount: () => ({}),
    })
    const m = createPopupModel(client, { now: () => 20_000, setTimer: (fn, ms) => timers.push({ fn, ms }), clearTimer: () => {} })
    await m.session.open()
    expect(timers.at(-1)?.ms).toBe(5_050)
    timers.at(-1)?.fn()
    await expect.poll(() => types().filter((c) => c === 'refreshCodes')).toHaveLength(1)
    expect(types().filter((c) => c === 'listAccounts')).toHaveLength(0)
    // A person's action that reloads the list asks listAccounts.
    await (await loaded(m.panels)).account.remove('2')
    expect(types().filter((c) => c === 'listAccounts')).toHaveLength(1)
    expect(types().filter((c) => c === 'refreshCodes')).toHaveLength(1)
  })

  it('falls back to the lock screen when the vault locked in the meantime', async () => {
    let locked = false
    const { client } = fakeClient({
      openPopup: () => opening(status('unlocked'), { list: list([account('1', 30_000)]) }),
      getStatus: () => status(locked ? 'locked' : 'unlocked'),
      refreshCodes: () => {
        if (locked) throw new KeyfobError('VAULT_LOCKED', 'locked')
        return list([account('1', 30_000)])
      },
    })
    const timers: (() => void)[] = []
    const m = createPopupModel(client, { now: () => 0, setTimer: (fn) => timers.push(fn), clearTimer: () => {} })
    await m.session.open()
    locked = true
    timers.at(-1)?.()
    await expect.poll(() => m.session.screen.value).toBe('unlock')
    expect(m.accounts.accounts.value).toEqual([])
    expect(m.feedback.error.value).toBeNull()
  })

  it('reports added and already-present accounts after adding', async () => {
    const { client } = fakeClient({
      openPopup: () => opening(status('unlocked')),
      listAccounts: () => list([account('1', 30_000)]),
      addAccounts: () => ({ added: [account('1', 30_000)], duplicates: [{ issuer: 'Old', account: 'x', existingId: '9' }] }),
    })
    const m = createPopupModel(client, noTimers)
    await m.session.open()
    m.session.show({ kind: 'add' })
    expect(m.session.screen.value).toBe('add')
    await (await loaded(m.panels)).add.add('otpauth://…')
    expect(m.accounts.notice.value).toEqual({ added: 1, duplicates: ['Old'] })
    expect(m.session.screen.value).toBe('accounts')
    // Opening a panel puts the notice away.
    m.session.show({ kind: 'settings' })
    expect(m.accounts.notice.value).toBeNull()
  })

  it('exposes read-only signals: a view cannot assign to them (tsc checks the lines marked)', () => {
    const m = createPopupModel(fakeClient({}).client, noTimers)
    const writes = [
      // @ts-expect-error the query changes through accounts.search
      () => (m.accounts.query.value = 'x'),
      // @ts-expect-error the status comes from the background
      () => (m.session.status.value = null),
      // @ts-expect-error the busy flag belongs to feedback.run
      () => (m.feedback.busy.value = true),
      // @ts-expect-error a fill warning comes from a refused fill
      () => (m.fill.warning.value = null),
      // @ts-expect-error the scan panel comes from the background
      () => (m.scan.panel.value = null),
    ]
    expect(writes).toHaveLength(5)
    m.accounts.search('x')
    expect(m.accounts.query.value).toBe('x')
  })
})
