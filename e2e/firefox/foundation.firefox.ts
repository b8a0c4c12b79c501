/** Firefox's own ground: the event page, the popup page, the content script, the real context menu. */
import { expectVisible, popupRequest } from '../shared/ui.ts'
import { Firefox, expect, test } from './fixtures.ts'

test('the event page starts and answers an extension page; the popup shows the first-run screen', async ({ ff, popup }) => {
  expect(await ff.backgroundState()).toBe('running')
  expect(await popupRequest(popup, 'getStatus', {})).toMatchObject({
    ok: true,
    value: { state: 'uninitialized', version: '0.1.0', hasPassword: false },
  })
  await expectVisible(popup.role('heading', 'Keyfob', true))
  await expectVisible(popup.role('heading', 'Protect your codes with a password'))
})

test('the content script runs on a local page under a real host name and answers only what it knows', async ({ ff, site }) => {
  const page = await ff.newPage(`http://login.example.com:${site.port}/otp/one-time-code.html`)
  expect(await page.evaluate(() => location.hostname, undefined)).toBe('login.example.com')
  const tabId = await ff.tabId(`http://login.example.com:${site.port}/`)
  const answer = await ff.background(
    async (bg, tabId) => bg.browser.tabs.sendMessage<unknown, unknown>(tabId, { channel: 'background', type: 'nope', input: {} }),
    tabId,
  )
  expect(answer).toEqual({ ok: false, error: { code: 'INVALID_MESSAGE', message: "Unknown request 'nope'." } })
})

test('the event page stops by itself when idle, and the next request starts it again', async ({ userDataDir }) => {
  // Firefox's idle timeout is 30 s; a short one makes the wait fit a test. Nothing is kept open that would keep it awake.
  const ff = await Firefox.launch({ userDataDir, prefs: { 'extensions.background.idle.timeout': 2_000 } })
  try {
    await expect.poll(() => ff.backgroundState(), { timeout: 30_000, intervals: [500] }).toBe('stopped')
    const popup = await ff.openExtensionPage()
    await expectVisible(popup.role('heading', 'Protect your codes with a password'))
    expect(
      await popup.evaluate(() => chrome.runtime.sendMessage({ channel: 'popup', type: 'getStatus', input: {} }), undefined),
    ).toMatchObject({ ok: true, value: { state: 'uninitialized' } })
    expect(await ff.backgroundState()).toBe('running')
  } finally {
    await ff.close()
  }
})
