import { describe, expect, it } from 'vitest'
import { account, fakeClient, list, opening, status } from '../../../test/fake-popup-client.ts'
import { createPopupModel } from './popup-model.ts'

const noTimers = { now: () => 0, setTimer: () => 0, clearTimer: () => {} }
const three = [
  account('a', 30_000, { issuer: 'Alpha', order: 0 }),
  account('b', 30_000, { issuer: 'Beta', order: 1, tags: ['work'] }),
  account('c', 30_000, { issuer: 'Gamma', order: 2 }),
]

async function opened(answers: Parameters<typeof fakeClient>[0] = {}) {
  const fake = fakeClient({
    openPopup: () => opening(status('unlocked'), { tabId: 4, list: list(three) }),
    listAccounts: () => list(three),
    ...answers,
  })
  const m = createPopupModel(fake.client, noTimers)
  await m.session.open()
  return { m, ...fake }
}

describe('accounts model', () => {
  it('search narrows what is shown, by name and tag', async () => {
    const { m } = await opened()
    m.accounts.search('work')
    expect(m.accounts.visible.value.map((a) => a.id)).toEqual(['b'])
    m.accounts.search('')
    expect(m.accounts.visible.value.map((a) => a.id)).toEqual(['a', 'b', 'c'])
  })

  it('moves by a place in the manual order, and to where another account is', async () => {
    const { m, calls } = await opened({ moveAccount: () => ({}) })
    await m.accounts.moveBy('c', -1)
    await m.accounts.moveTo('a', 'c')
    await m.accounts.moveBy('zzz', 1) // gone: asks nothing
    expect(calls.filter((c) => c.type === 'moveAccount').map((c) => c.input)).toEqual([
      { id: 'c', toIndex: 1 },
      { id: 'a', toIndex: 2 },
    ])
  })

  it('an edit replaces the account and closes the panel; pinning keeps the panel', async () => {
    let beta = three[1]!
    const { m } = await opened({ updateAccount: (i) => (beta = { ...beta, ...i }) })
    m.session.show({ kind: 'edit', id: 'b' })
    await m.accounts.update('b', { pinned: true })
    expect(m.session.panel.value).toEqual({ kind: 'edit', id: 'b' })
    await m.accounts.update('b', { issuer: 'Bravo' })
    expect(m.session.panel.value).toBeNull()
    expect(m.accounts.accounts.value.find((a) => a.id === 'b')).toMatchObject({ issuer: 'Bravo', pinned: true })
  })

  it('undo brings back the last deletion once', async () => {
    const { m, types } = await opened({ restoreAccount: () => three[0]!, deleteAccount: () => ({}) })
    m.accounts.deleted({ id: 'a', name: 'Alpha' })
    expect(m.accounts.lastDeleted.value).toEqual({ id: 'a', name: 'Alpha' })
    await m.accounts.undoDelete()
    await m.accounts.undoDelete()
    expect(types().filter((t) => t === 'restoreAccount')).toHaveLength(1)
    expect(m.accounts.lastDeleted.value).toBeNull()
  })

  it('a new HOTP code replaces that account only', async () => {
    const { m } = await opened({ nextHotpCode: () => ({ ...three[2]!, timed: null, hotp: { code: '111111', nextCounter: '2' } }) })
    await m.accounts.nextHotpCode('c')
    expect(m.accounts.accounts.value.map((a) => a.hotp?.code ?? null)).toEqual([null, null, '111111'])
  })
})

describe('codes sent without their successor (issue #15)', () => {
  const withoutNext = (id: string, validUntil: number) => {
    const a = account(id, validUntil)
    return { ...a, timed: { ...a.timed!, nextCode: null } }
  }

  it('are asked for again 8 s before they end, so the next code is there for the last 5 s; then at the end', async () => {
    let clock = 0
    const timers: { fn: () => void; ms: number }[] = []
    const answers = [list([withoutNext('1', 30_000), account('2', 60_000)]), list([account('1', 30_000), account('2', 60_000)])]
    const { client, types } = fakeClient({
      openPopup: () => opening(status('unlocked'), { list: answers[0] }),
      refreshCodes: () => answers[1]!,
    })
    const m = createPopupModel(client, { now: () => clock, setTimer: (fn, ms) => timers.push({ fn, ms }), clearTimer: () => {} })
    await m.session.open()
    expect(timers.at(-1)?.ms).toBe(22_050)
    clock = 22_050
    timers.at(-1)?.fn()
    await expect.poll(() => types().filter((c) => c === 'refreshCodes')).toHaveLength(1)
    expect(m.accounts.accounts.value[0]?.timed?.nextCode).toBe('654321')
    // The successor arrived: the next ask is when the code ends.
    expect(timers.at(-1)?.ms).toBe(8_000)
  })

  it('are not asked for in a loop when the successor still does not come', async () => {
    const timers: { fn: () => void; ms: number }[] = []
    const { client } = fakeClient({ openPopup: () => opening(status('unlocked'), { list: list([withoutNext('1', 30_000)]) }) })
    const m = createPopupModel(client, { now: () => 25_000, setTimer: (fn, ms) => timers.push({ fn, ms }), clearTimer: () => {} })
    await m.session.open()
    expect(timers.at(-1)?.ms).toBe(5_050)
  })
})

describe('codes an opening left out (issue #15)', () => {
  const following = (id: string, order: number) => account(id, 30_000, { order, timed: null })

  it('are asked once the popup has drawn, put in their rows, and counted in the refresh timer', async () => {
    const drawn: (() => void)[] = []
    const timers: { fn: () => void; ms: number }[] = []
    const { client, types } = fakeClient({
      openPopup: () => opening(status('unlocked'), { list: list([account('1', 60_000), following('2', 1), following('3', 2)]) }),
      listCodes: () => ({
        codes: [
          { id: '1', code: '999999', validUntil: 60_000 },
          { id: '2', code: '222222', validUntil: 30_000 },
        ],
      }),
    })
    const m = createPopupModel(client, {
      now: () => 0,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => {},
      afterDraw: (fn) => drawn.push(fn),
    })
    await m.session.open()
    expect(m.accounts.accounts.value.map((a) => a.timed?.code ?? null)).toEqual(['123456', null, null])
    expect(types()).not.toContain('listCodes')
    expect(drawn).toHaveLength(1)
    drawn[0]!()
    await expect.poll(() => m.accounts.accounts.value[1]?.timed?.code).toBe('222222')
    expect(types().filter((t) => t === 'listCodes')).toHaveLength(1)
    // A row that had its code keeps it; one the answer left out still waits; the earliest end now is account 2's.
    expect(m.accounts.accounts.value.map((a) => a.timed?.code ?? null)).toEqual(['123456', '222222', null])
    expect(m.accounts.accounts.value[1]?.timed).toEqual({ code: '222222', nextCode: null, validFrom: 0, validUntil: 30_000 })
    expect(timers.at(-1)?.ms).toBe(22_050)
  })

  it('are not asked when the opening sent every code, nor put over a list loaded meanwhile', async () => {
    const drawn: (() => void)[] = []
    const { types } = await opened({ listCodes: () => ({ codes: [{ id: 'a', code: '000000', validUntil: 30_000 }] }) })
    await new Promise((resolve) => setTimeout(resolve, 0)) // where the popup's own afterDraw would have run
    expect(types()).not.toContain('listCodes')
    const fake = fakeClient({
      openPopup: () => opening(status('unlocked'), { list: list([following('a', 0)]) }),
      listAccounts: () => list([account('a', 30_000)]),
      listCodes: () => ({ codes: [{ id: 'a', code: '000000', validUntil: 30_000 }] }),
    })
    const later = createPopupModel(fake.client, { ...noTimers, afterDraw: (fn) => drawn.push(fn) })
    await later.session.open()
    await later.accounts.load()
    drawn[0]!()
    await expect.poll(() => fake.types()).toContain('listCodes')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(later.accounts.accounts.value[0]?.timed?.code).toBe('123456')
  })

  it('a vault locked meanwhile shows the lock screen', async () => {
    const drawn: (() => void)[] = []
    const { client } = fakeClient({
      openPopup: () => opening(status('unlocked'), { list: list([following('a', 0)]) }),
      listCodes: () => {
        throw Object.assign(new Error('locked'), { code: 'LOCKED' })
      },
      getStatus: () => status('locked'),
    })
    const m = createPopupModel(client, { ...noTimers, afterDraw: (fn) => drawn.push(fn) })
    await m.session.open()
    drawn[0]!()
    await expect.poll(() => m.session.screen.value).toBe('unlock')
    expect(m.accounts.accounts.value).toEqual([])
  })
})
