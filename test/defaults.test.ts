/**
 * docs/security.md, the defaults it states for a fresh install: auto-lock after 15 minutes
 * without use (checked by a once-a-minute alarm; choices 1, 5, 15, 30, 60, 240 minutes or never),
 * the clipboard emptied 30 seconds after a copy (choices 15, 30, 60, 120 s or never), codes shown
 * (Hide codes off), auto-submit off, and the field button on. The real router and services run
 * over @webext-core/fake-browser with a fake clock; nothing is changed from the defaults.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'
import type { StatusInfo } from '../src/shared/protocol.ts'
import { AUTO_LOCK_CHOICES, CLIPBOARD_CLEAR_CHOICES } from '../src/shared/settings.ts'

vi.mock('../src/shared/browser-api.ts', () => ({ ext: fakeBrowser }))
const { routeFor } = await import('../src/background/serve-background.ts')
const { fakeBackground } = await import('./support/fake-background.ts')
const { AUTO_LOCK_ALARM } = await import('../src/background/vault/auto-lock.ts')

const PASSWORD = 'correct horse battery staple'
const MINUTE = 60_000
const popupPage: Runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/src/popup/index.html') }
let clock = 1_700_000_000_000

function freshInstall() {
  const cleared: { code: string; delayMs: number }[] = []
  const services = fakeBackground({
    now: () => clock,
    version: 'test',
    alarms: fakeBrowser.alarms,
    clearClipboardAfter: async (code, delayMs) => (cleared.push({ code, delayMs }), true),
  })
  const route = routeFor(services)
  const ask = async <T>(type: string, input: object = {}): Promise<T> => {
    const r = (await route({ channel: 'popup', type, input }, popupPage)) as { ok: boolean; value: T }
    expect(r, type).toMatchObject({ ok: true })
    return r.value
  }
  return { services, ask, cleared }
}

beforeEach(() => {
  fakeBrowser.reset()
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Keyfob', version: 'test' })
  clock = 1_700_000_000_000
})

describe('defaults of a fresh install', () => {
  it('settings: auto-lock 15 min, clipboard cleared after 30 s, codes shown, no auto-submit, field button on', async () => {
    const { ask } = freshInstall()
    const expected = {
      autoLockMinutes: 15,
      clipboardClearSeconds: 30,
      hideCodes: false,
      autoSubmit: false,
      fieldButton: true,
      clockCorrectionMs: 0,
    }
    expect((await ask<StatusInfo>('getStatus')).settings).toMatchObject(expected)
    expect((await ask<StatusInfo>('setup', { password: PASSWORD })).settings).toMatchObject(expected)
    expect(AUTO_LOCK_CHOICES).toEqual([0, 1, 5, 15, 30, 60, 240]) // 0: never (only when the browser closes)
    expect(CLIPBOARD_CLEAR_CHOICES).toEqual([0, 15, 30, 60, 120]) // 0: never
  })

  it('locks after 15 minutes without use, through a once-a-minute alarm', async () => {
    const { services, ask } = freshInstall()
    await ask('setup', { password: PASSWORD })
    const alarm = await fakeBrowser.alarms.get(AUTO_LOCK_ALARM)
    expect(alarm).toMatchObject({ name: AUTO_LOCK_ALARM, periodInMinutes: 1 })
    clock += 15 * MINUTE - 1
    expect(await services.autoLock.onAlarm()).toBe(false)
    expect((await ask<StatusInfo>('getStatus')).state).toBe('unlocked')
    clock += 1
    expect(await services.autoLock.onAlarm()).toBe(true)
    expect((await ask<StatusInfo>('getStatus')).state).toBe('locked')
    expect(await fakeBrowser.alarms.get(AUTO_LOCK_ALARM)).toBeUndefined()
  })

  it('asks for the clipboard to be emptied 30 seconds after a code is copied', async () => {
    const { ask, cleared } = freshInstall()
    await ask('setup', { password: PASSWORD })
    const { added } = await ask<{ added: { id: string; timed: { code: string } }[] }>('addAccounts', {
      text: 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme',
    })
    const { id, timed } = added[0]!
    await ask('codeCopied', { id, code: timed.code })
    expect(cleared).toEqual([{ code: timed.code, delayMs: 30_000 }])
  })
})
