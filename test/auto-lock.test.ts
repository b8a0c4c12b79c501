/**
 * Fault: a popup left open (in a tab, or pinned) refreshes its codes by itself at
 * every period end. Those refreshes are not a person using Keyfob, so they must
 * not keep it unlocked: the auto-lock alarm locks after the idle time anyway, and
 * the open popup then shows the lock screen. The popup's real model talks to the
 * real router and services here, over @webext-core/fake-browser, with a fake clock
 * and the model's timers run by hand.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'
import type { Client } from '../src/shared/messaging.ts'
import type { PopupToBackground } from '../src/shared/protocol.ts'
import { SESSION } from '../src/shared/storage-keys.ts'
import { KeyfobError } from '../src/core/errors.ts'
import { createPopupModel } from '../src/popup/models/popup-model.ts'
import { loaded } from './fake-popup-client.ts'
import { WAIT } from './support/wait.ts'

vi.mock('../src/shared/browser-api.ts', () => ({ ext: fakeBrowser }))
const { routeFor } = await import('../src/background/serve-background.ts')
const { fakeBackground } = await import('./support/fake-background.ts')

const PASSWORD = 'correct horse battery staple'
const ACME = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const popupPage: Runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/src/popup/index.html') }

let clock = 1_700_000_000_000

/** The worker (real services and router) and an open popup (the real model) wired to it. */
function openPopup() {
  const services = fakeBackground({
    now: () => clock,
    version: 'test',
    alarms: fakeBrowser.alarms,
  })
  const route = routeFor(services)
  const sent: string[] = []
  let answered = 0
  const client = (async (type: string, input: unknown) => {
    sent.push(type)
    const r = await route({ channel: 'popup', type, input }, popupPage)
    answered++
    if (!r.ok) throw new KeyfobError(r.error.code, r.error.message)
    return r.value
  }) as Client<PopupToBackground>
  /** The popup's pending timer: its own refresh when the first shown code expires. */
  let timer: { fn: () => void; at: number } | null = null
  const model = createPopupModel(client, {
    now: () => clock,
    setTimer: (fn, ms) => (timer = { fn, at: clock + ms }),
    clearTimer: () => (timer = null),
  })
  /** Lets the clock run to the popup's next refresh and lets that refresh finish. */
  async function nextAutomaticRefresh(): Promise<void> {
    const due = timer
    if (!due) throw new Error('the popup has no refresh pending')
    clock = Math.max(clock, due.at)
    const before = sent.length
    due.fn()
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(before), WAIT)
    // Every request it made answered, and the model done with the answers.
    await vi.waitFor(() => expect(answered).toBe(sent.length), WAIT)
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  return { services, model, sent, nextAutomaticRefresh }
}

const lastActivity = async () => (await fakeBrowser.storage.session.get(SESSION.lastActivity))[SESSION.lastActivity]

beforeEach(() => {
  fakeBrowser.reset()
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Keyfob', version: 'test' })
  clock = 1_700_000_000_000
})

describe('auto-lock counts what a person does, not the popup refreshing itself', () => {
  it("the popup's automatic refresh does not move lastActivity; a person's action does", async () => {
    const { model, nextAutomaticRefresh } = openPopup()
    await model.session.open()
    const panels = await loaded(model.panels)
    await panels.lock.setup(PASSWORD)
    await panels.add.add(ACME)
    const openedAt = clock
    expect(await lastActivity()).toBe(openedAt)
    for (let i = 0; i < 4; i++) await nextAutomaticRefresh()
    expect(clock).toBeGreaterThan(openedAt + 60_000)
    expect(await lastActivity(), 'after four automatic refreshes').toBe(openedAt)
    // The person pins the account: that is use.
    await model.accounts.update(model.accounts.accounts.value[0]!.id, { pinned: true })
    expect(await lastActivity()).toBe(clock)
  })

  it('with refreshes coming at every period end, the alarm locks after the idle time and the popup shows the lock screen', async () => {
    const { services, model, nextAutomaticRefresh } = openPopup()
    await model.session.open()
    const panels = await loaded(model.panels)
    await panels.lock.setup(PASSWORD)
    await panels.add.add(ACME)
    await model.settings.update({ autoLockMinutes: 1 })
    const lastUse = clock
    let locked = false
    // The alarm fires every minute; the popup refreshes every 30 s in between.
    for (let i = 0; i < 6 && !locked; i++) {
      await nextAutomaticRefresh()
      locked = await services.autoLock.onAlarm()
      expect(locked, `locked after ${(clock - lastUse) / 1000} s idle`).toBe(clock - lastUse >= 60_000)
    }
    expect(locked, 'the alarm locked within 3 minutes').toBe(true)
    expect((await services.vault.status()).state).toBe('locked')
    // The popup finds out at its next refresh, and shows the unlock screen with no codes.
    await nextAutomaticRefresh()
    await vi.waitFor(() => expect(model.session.screen.value).toBe('unlock'), WAIT)
    expect(model.accounts.accounts.value).toEqual([])
  })
})
