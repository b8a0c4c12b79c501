import { fakeBrowser } from '@webext-core/fake-browser'
import { describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'

vi.mock('../shared/browser-api.ts', () => ({ ext: fakeBrowser }))
// fake-browser leaves getManifest unimplemented; the status reply includes the version.
fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Keyfob', version: '0.1.0' })
const { routeFor } = await import('./serve-background.ts')
const { fakeBackground } = await import('../../test/support/fake-background.ts')
const { checkExtensionPage } = await import('./check-sender.ts')
const route = routeFor(
  fakeBackground({
    version: '0.1.0',
  }),
)

const extensionPage = (path = 'src/popup/index.html'): Runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL(`/${path}`),
})
const tabSender = (url: string, tabId = 7, frameId = 0): Runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url,
  frameId,
  tab: { id: tabId, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
})

describe('route: who may ask what', () => {
  it('serves popup requests from the extension’s own pages', async () => {
    const r = await route({ channel: 'popup', type: 'getStatus', input: {} }, extensionPage())
    expect(r).toMatchObject({ ok: true, value: { state: 'uninitialized' } })
  })

  it.each([
    ['a web page in a tab', tabSender('https://example.com/')],
    ['another extension', { id: 'someone-else', url: fakeBrowser.runtime.getURL('/src/popup/index.html') }],
    ['a sender without a URL', { id: fakeBrowser.runtime.id }],
    ['a look-alike extension URL', { id: fakeBrowser.runtime.id, url: 'chrome-extension://test-extension-id.evil/x' }],
  ])('refuses popup requests from %s', async (_, sender) => {
    expect(await route({ channel: 'popup', type: 'getStatus', input: {} }, sender)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
  })

  it('serves content requests from a tab on an http(s) page', async () => {
    const r = await route({ channel: 'content', type: 'fieldButtonEnabled', input: {} }, tabSender('http://127.0.0.1:8080/x'))
    expect(r).toEqual({ ok: true, value: { enabled: true } })
  })

  it.each([
    ['an extension page (no tab)', extensionPage()],
    ['a file: page', tabSender('file:///etc/passwd')],
    ['another extension in a tab', { ...tabSender('https://example.com/'), id: 'other' }],
  ])('refuses content requests from %s', async (_, sender) => {
    expect(await route({ channel: 'content', type: 'fieldButtonEnabled', input: {} }, sender)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
  })

  it('tells an extension page in a tab by its window, and by its own tab when that is in front', () => {
    const url = fakeBrowser.runtime.getURL('/src/popup/index.html')
    const tab = { id: 4, windowId: 2, index: 0, highlighted: true, active: true, pinned: false, incognito: false }
    expect(checkExtensionPage({ id: fakeBrowser.runtime.id, url })).toEqual({ url })
    expect(checkExtensionPage({ id: fakeBrowser.runtime.id, url, tab })).toEqual({ url, windowId: 2, ownTabInFront: 4 })
    expect(checkExtensionPage({ id: fakeBrowser.runtime.id, url, tab: { ...tab, active: false } })).toEqual({ url, windowId: 2 })
  })

  it('does not answer the background channel (the tabs’ content scripts serve it), nor anything that is not a request', async () => {
    for (const message of [
      { channel: 'background', type: 'ping', input: {} },
      { channel: 'offscreen', type: 'clearClipboard', input: {} },
      null,
      'ping',
      { type: 'getStatus' },
    ]) {
      await expect(route(message, extensionPage()), JSON.stringify(message)).rejects.toThrow('No listener answers this message.')
    }
  })

  it('answers unknown requests and malformed input with a typed error', async () => {
    expect(await route({ channel: 'popup', type: 'toString', input: {} }, extensionPage())).toEqual({
      ok: false,
      error: { code: 'INVALID_MESSAGE', message: "Unknown request 'toString'." },
    })
    expect(await route({ channel: 'popup', type: 'getStatus', input: { extra: 1 } }, extensionPage())).toEqual({
      ok: false,
      error: { code: 'INVALID_MESSAGE', message: "The message has an unexpected field 'extra'." },
    })
  })
})
