/**
 * A request that counts as use moves auto-lock's clock (lastActivity in storage.session), but the
 * answer does not wait for that write (issue #15: a popup open waited ~3 ms for it), and a write that
 * fails never turns an answered request into an error.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'
import { SESSION } from '../shared/storage-keys.ts'
import { countsAsUse } from './counts-as-use.ts'
import { WAIT } from '../../test/support/wait.ts'

vi.mock('../shared/browser-api.ts', () => ({ ext: fakeBrowser }))
const { routeFor } = await import('./serve-background.ts')
const { fakeBackground } = await import('../../test/support/fake-background.ts')

const popupPage: Runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/src/popup/index.html') }
const PASSWORD = 'correct horse battery staple'
let clock = 1_700_000_000_000

/** storage.session whose lastActivity writes are held until released, or fail. */
function heldSession(mode: 'hold' | 'fail') {
  const held: (() => void)[] = []
  const area = fakeBrowser.storage.session
  const session = {
    get: area.get.bind(area),
    remove: area.remove.bind(area),
    set: (items: Record<string, unknown>) => {
      if (!(SESSION.lastActivity in items) || !holding) return area.set(items)
      if (mode === 'fail') return Promise.reject(new Error('storage.session is full'))
      return new Promise<void>((resolve) => held.push(() => void area.set(items).then(resolve)))
    },
  }
  let holding = false
  return { session, hold: () => (holding = true), release: () => held.splice(0).forEach((f) => f()), held }
}

function worker(session: ReturnType<typeof heldSession>['session']) {
  const bg = fakeBackground({
    session,
    now: () => clock,
    version: 'test',
    alarms: fakeBrowser.alarms,
  })
  const route = routeFor(bg)
  return (type: string, input: unknown = {}) => route({ channel: 'popup', type, input }, popupPage)
}

const lastActivity = async () => (await fakeBrowser.storage.session.get(SESSION.lastActivity))[SESSION.lastActivity]

beforeEach(() => {
  fakeBrowser.reset()
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Keyfob', version: 'test' })
  clock = 1_700_000_000_000
})

describe('counting a request as use', () => {
  it('classifies the popup opening and a person’s actions as use, the popup’s own refresh and status not', () => {
    expect(countsAsUse('openPopup')).toBe(true)
    expect(countsAsUse('codeCopied')).toBe(true)
    expect(countsAsUse('refreshCodes')).toBe(false)
    expect(countsAsUse('listCodes')).toBe(false)
    expect(countsAsUse('getStatus')).toBe(false)
    expect(countsAsUse('toString')).toBe(false)
  })

  it('answers openPopup before its lastActivity write is done, which then moves the clock', async () => {
    const s = heldSession('hold')
    const ask = worker(s.session)
    expect(await ask('setup', { password: PASSWORD })).toMatchObject({ ok: true })
    const before = await lastActivity()
    clock += 60_000
    s.hold()
    const opened = await ask('openPopup')
    expect(opened).toMatchObject({ ok: true, value: { status: { state: 'unlocked' } } })
    // Answered while the write is still held.
    expect(s.held).toHaveLength(1)
    expect(await lastActivity()).toBe(before)
    s.release()
    await vi.waitFor(async () => expect(await lastActivity()).toBe(clock), WAIT)
  })

  it('answers the request when the write fails, and the failure goes nowhere unhandled', async () => {
    const s = heldSession('fail')
    const ask = worker(s.session)
    expect(await ask('setup', { password: PASSWORD })).toMatchObject({ ok: true })
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    try {
      s.hold()
      expect(await ask('openPopup')).toMatchObject({ ok: true, value: { status: { state: 'unlocked' } } })
      expect(await ask('listAccounts')).toMatchObject({ ok: true, value: { accounts: [] } })
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).not.toHaveBeenCalled()
    } finally {
      process.off('unhandledRejection', unhandled)
    }
  })
})
