/**
 * Chromium's service worker is a classic script that loads rare features on first use
 * (scripts/classic-service-worker.mjs, issue #15): after a restart, a worker that resumes the
 * unlocked vault and answers the popup has parsed neither sync, Argon2id, scanning nor filling; the
 * first request of any reads the one file of rare code from the install-time cache, and each then works.
 * What the worker parsed is read from DevTools (Debugger.scriptParsed), not from a hook in Keyfob.
 */
import type { BrowserContext, Page } from '@playwright/test'
import { expect, stopServiceWorker, test } from './fixtures.ts'

const PASSWORD = 'correct horse battery staple'
/** Argon2id and a browser start on a slow, busy machine. */
const SLOW = 60_000

/** The scripts the running worker of `extensionId` has parsed so far, as DevTools reports them. */
async function parsedScripts(context: BrowserContext, extensionId: string): Promise<{ urls: () => string[]; close: () => Promise<void> }> {
  const browser = context.browser()
  if (!browser) throw new Error('no browser handle for this context')
  const cdp = await browser.newBrowserCDPSession()
  const prefix = `chrome-extension://${extensionId}/`
  let targetId: string | undefined
  await expect
    .poll(
      async () => {
        const { targetInfos } = await cdp.send('Target.getTargets')
        targetId = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(prefix))?.targetId
        return targetId !== undefined
      },
      { timeout: SLOW, message: 'a running service worker' },
    )
    .toBe(true)
  // Not flattened: the worker's messages come back wrapped in Target.receivedMessageFromTarget on this session.
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: targetId as string, flatten: false })
  const urls: string[] = []
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return
    const message = JSON.parse(e.message) as { method?: string; params?: { url?: string } }
    if (message.method === 'Debugger.scriptParsed' && message.params?.url) urls.push(message.params.url)
  })
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Debugger.enable' }) })
  return { urls: () => [...urls], close: () => cdp.detach().catch(() => undefined) }
}

const send = (page: Page, type: string, input: object = {}) =>
  page.evaluate(
    ([type, input]) =>
      chrome.runtime.sendMessage<unknown, { ok: boolean; value?: unknown; error?: unknown }>({ channel: 'popup', type, input }),
    [type, input] as const,
  )

test('after a restart the worker answers without sync, Argon2id, scanning and filling, and loads their one file from its cache on first use', async ({
  context,
  extensionId,
  popup,
}) => {
  test.setTimeout(4 * SLOW)
  expect(await send(popup, 'setup', { password: PASSWORD })).toMatchObject({ ok: true, value: { state: 'unlocked' } })
  await stopServiceWorker(context, extensionId)
  // Woken by the popup's request: resumes the unlocked vault from storage.session, no KDF.
  expect(await send(popup, 'openPopup', {})).toMatchObject({ ok: true })
  const scripts = await parsedScripts(context, extensionId)
  try {
    // The start-up chunks are in the worker's own script (scripts/classic-service-worker.mjs).
    await expect.poll(scripts.urls, { timeout: SLOW }).toContainEqual(expect.stringMatching(/\/service-worker-loader\.js$/))
    const rare = () => scripts.urls().filter((u) => /\/bg\/rare-[\w-]+\.js$/.test(u))
    expect(rare()).toEqual([])

    expect(await send(popup, 'syncStatus')).toMatchObject({ ok: true, value: { connected: false } })
    await expect.poll(() => rare().length, { timeout: SLOW }).toBe(1)

    // Argon2id, scanning and filling are in the same file: each works, none imports it again.
    expect(await send(popup, 'lock')).toMatchObject({ ok: true, value: { state: 'locked' } })
    expect(await send(popup, 'unlock', { password: PASSWORD })).toMatchObject({ ok: true, value: { state: 'unlocked' } })
    // Scanning: an image without a code says so.
    const blank = await popup.evaluate(() => {
      const canvas = document.createElement('canvas')
      canvas.width = canvas.height = 64
      const g = canvas.getContext('2d')!
      g.fillStyle = '#fff'
      g.fillRect(0, 0, 64, 64)
      return canvas.toDataURL('image/png')
    })
    expect(await send(popup, 'scanImage', { dataUrl: blank })).toMatchObject({ ok: true, value: { state: 'nothing' } })
    // Filling: the popup's own tab has no code field.
    const tabId = await popup.evaluate(async () => (await chrome.tabs.getCurrent())?.id)
    expect(await send(popup, 'fillFromPopup', { id: 'none', tabId })).toMatchObject({ ok: false })
    expect(await send(popup, 'syncStatus')).toMatchObject({ ok: true })
    expect(rare()).toHaveLength(1)
  } finally {
    await scripts.close()
  }
})
