// @vitest-environment happy-dom
/**
 * The scan UI on demand (scan-ui-hook.ts): the real content script is loaded into a happy-dom page
 * with @webext-core/fake-browser as its `browser`, and handed the background's requests as the
 * browser would. Until scan-ui.ts runs (the background's injection), the requests that need it are
 * refused and nothing is drawn; once it has run they are answered, and running it again adds nothing.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { describe, expect, it, vi } from 'vitest'
import type { ScanPanel } from '../shared/protocol.ts'
import { registerScanUi } from './scan-ui-hook.ts'
import { WAIT } from '../../test/support/wait.ts'

// fake-browser has no i18n: every sentence reads as its key.
vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(() => '')
const fromKeyfob = { id: fakeBrowser.runtime.id }
const nothing: ScanPanel = { scanId: 's1', state: 'nothing', items: [], batch: null, message: { key: 'scanNoCode' }, note: null }

/** Keyfob's panels: hosts the content script put under <html> (closed shadow roots, so only the hosts show). */
const hosts = () => [...document.documentElement.children].filter((e) => e.localName === 'div')

async function ask(type: string, input: unknown): Promise<unknown> {
  const sendResponse = vi.fn()
  const trigger = fakeBrowser.runtime.onMessage.trigger.bind(fakeBrowser.runtime.onMessage) as unknown as (
    ...args: unknown[]
  ) => Promise<unknown[]>
  await trigger({ channel: 'background', type, input }, fromKeyfob, sendResponse)
  await vi.waitFor(() => expect(sendResponse).toHaveBeenCalled(), WAIT)
  return sendResponse.mock.calls[0]?.[0]
}

describe('the scan UI, injected on demand', () => {
  it('finds nothing to register with where no content script runs', () => {
    const make = vi.fn()
    expect(registerScanUi(make)).toBe(false)
    expect(make).not.toHaveBeenCalled()
  })

  it('is not part of the content script: its requests are refused and nothing is drawn until it is injected', async () => {
    ;(globalThis as { browser?: unknown }).browser = fakeBrowser
    await import('./index.ts')
    const refused = { ok: false, error: { code: 'PICKER_UNAVAILABLE', message: 'Keyfob’s scan UI is not loaded in this page.' } }
    expect(await ask('showScan', { panel: nothing })).toEqual(refused)
    expect(await ask('pickRegion', {})).toEqual(refused)
    expect(await ask('drawnBy', { boxes: [{ x: 0, y: 0, width: 10, height: 10 }], captureWidth: 100 })).toEqual(refused)
    expect(hosts()).toEqual([])
    // What needs no scan UI still works.
    expect(await ask('ping', {})).toEqual({ ok: true, value: { url: location.href } })
  })

  it('once injected, shows the panel in the content script’s one panel host, and a second injection adds nothing', async () => {
    await import('./scan-ui.ts')
    expect(await ask('showScan', { panel: nothing })).toEqual({ ok: true, value: {} })
    expect(hosts()).toHaveLength(1)
    expect(await ask('drawnBy', { boxes: [{ x: 0, y: 0, width: 10, height: 10 }], captureWidth: 100 })).toEqual({
      ok: true,
      value: { sources: [[location.href]] },
    })

    const again = vi.fn()
    expect(registerScanUi(again)).toBe(false)
    expect(again).not.toHaveBeenCalled()
    // The next panel replaces the first (one Keyfob panel per page), drawn by the first registration.
    expect(await ask('showScan', { panel: nothing })).toEqual({ ok: true, value: {} })
    expect(hosts()).toHaveLength(1)
    // A fill notice, drawn by the content script itself, replaces the scan panel too: the host is lent, not copied.
    expect(await ask('showNotice', { key: 'fillNoField' })).toEqual({ ok: true, value: {} })
    expect(hosts()).toHaveLength(1)
  })
})
