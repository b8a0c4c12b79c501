import { expect, findTabId, stopServiceWorker, test } from './fixtures.ts'

test('the service worker starts and answers an extension page', async ({ sw, popup }) => {
  expect(sw.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/service-worker-loader\.js$/)
  const status = await popup.evaluate(() =>
    chrome.runtime.sendMessage<unknown, unknown>({ channel: 'popup', type: 'getStatus', input: {} }),
  )
  expect(status).toMatchObject({ ok: true, value: { state: 'uninitialized', version: '0.1.0', hasPassword: false } })
})

test('the popup opens and renders its title and the first-run screen', async ({ popup }) => {
  await expect(popup.getByRole('heading', { name: 'Keyfob' })).toBeVisible()
  await expect(popup.getByRole('heading', { name: 'Protect your codes with a password' })).toBeVisible()
})

test('the content script runs on a local page and reports that page', async ({ context, sw, site }) => {
  const page = await context.newPage()
  await page.goto(`${site.origin}/plain.html`)
  await expect.poll(() => findTabId(sw, `${site.origin}/plain.html`).catch(() => -1)).toBeGreaterThan(0)
})

test('the content script answers only requests it knows, with a typed error', async ({ context, sw, site }) => {
  const page = await context.newPage()
  await page.goto(`${site.origin}/plain.html`)
  let tabId = -1
  await expect.poll(async () => (tabId = await findTabId(sw, site.origin).catch(() => -1))).toBeGreaterThan(0)
  const answer = await sw.evaluate(
    async (tabId) => chrome.tabs.sendMessage<unknown, unknown>(tabId, { channel: 'background', type: 'nope', input: {} }),
    tabId,
  )
  expect(answer).toEqual({ ok: false, error: { code: 'INVALID_MESSAGE', message: "Unknown request 'nope'." } })
})

test('the service worker can be stopped and comes back on the next request', async ({ context, extensionId, popup }) => {
  await stopServiceWorker(context, extensionId)
  const status = await popup.evaluate(() =>
    chrome.runtime.sendMessage<unknown, unknown>({ channel: 'popup', type: 'getStatus', input: {} }),
  )
  expect(status).toMatchObject({ ok: true, value: { state: 'uninitialized' } })
})
