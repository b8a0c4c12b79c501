/** The vault in Firefox: the scenarios shared with Chromium (e2e/shared/scenarios.ts), then Firefox's own. */
import { ACME, addAccounts, createVaultWithPassword, expectCodeShown, unlock } from '../shared/flows.ts'
import { scenarios, type Env } from '../shared/scenarios.ts'
import { expectVisible, popupRequest } from '../shared/ui.ts'
import { Firefox, expect, test, type FirefoxUi, type Site } from './fixtures.ts'

function env(ff: Firefox, popup: FirefoxUi, site: Site): Env {
  return {
    popup,
    openPopup: () => ff.openExtensionPage(),
    stopBackground: () => ff.stopEventPage(),
    storageDump: () => ff.storageDump(),
    openTab: async (url) => {
      const page = await ff.newPage(url)
      await page.page.bringToFront()
      return page
    },
    origin: (host) => `http://${host}:${site.port}`,
    // The real alarm: Keyfob's own, due now (a one-shot in place of the minute-long period), fired by Firefox.
    fireAutoLockAlarm: async () => {
      await ff.background(async (bg) => void (await bg.browser.alarms.create('keyfob-auto-lock', { when: Date.now() + 200 })))
      await expect
        .poll(() => ff.background(async (bg) => (await bg.browser.alarms.get('keyfob-auto-lock'))?.scheduledTime ?? null), {
          message: 'the alarm fired',
          timeout: 15_000,
        })
        .toBeNull()
    },
  }
}

for (const [title, run] of Object.entries(scenarios)) {
  test(title, async ({ ff, popup, site }) => run(env(ff, popup, site)))
}

test('a browser restart locks the vault and keeps the accounts', async ({ ff, popup, userDataDir }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  await ff.close()
  const again = await Firefox.launch({ userDataDir })
  try {
    const popup2 = await again.openExtensionPage()
    await expectVisible(popup2.role('heading', 'Unlock Keyfob'), 'locked after the restart', 30_000)
    // storage.session did not survive the restart (no session key); storage.local did (the vault).
    const { local, session } = await again.storageDump()
    expect(session).toBe('{}')
    expect(local).toContain('keyfob-vault')
    await unlock(popup2)
    await expectCodeShown(popup2, ACME, 'Acme Bank')
  } finally {
    await again.close()
  }
})

test('auto-lock after the idle time, through the real alarm, which wakes the stopped event page', async ({ ff, popup }) => {
  test.setTimeout(120_000)
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  expect(await popupRequest(popup, 'updateSettings', { autoLockMinutes: 1 })).toMatchObject({ ok: true, value: { autoLockMinutes: 1 } })
  expect(await ff.background(async (bg) => (await bg.browser.alarms.get('keyfob-auto-lock'))?.periodInMinutes)).toBe(1)
  /** Keyfob's own alarm, due in `ms` (a one-shot in place of the minute-long period). */
  const alarmIn = (ms: number) =>
    ff.background(async (bg, ms) => void (await bg.browser.alarms.create('keyfob-auto-lock', { when: Date.now() + ms })), ms)
  const pending = () => ff.background(async (bg) => (await bg.browser.alarms.get('keyfob-auto-lock'))?.scheduledTime ?? null)

  // In use: the alarm fires and nothing happens.
  await alarmIn(200)
  await expect.poll(pending, { message: 'the one-shot alarm fired' }).toBeNull()
  await popup.reload()
  await expectCodeShown(popup, ACME, 'Acme Bank')

  // Two minutes without use (what a real wait would leave behind), and the event page stopped, as Firefox does when idle:
  // the alarm starts it again, and it locks.
  await ff.background(async (bg) => bg.browser.storage.session.set({ lastActivity: Date.now() - 120_000 }))
  await popup.page.goto('about:blank') // an open popup refreshes its codes, which would start the event page itself
  const due = Date.now() + 10_000
  await ff.background(async (bg, due) => void (await bg.browser.alarms.create('keyfob-auto-lock', { when: due })), due)
  await ff.stopEventPage()
  expect(Date.now(), 'stopped before the alarm was due').toBeLessThan(due)
  await expect
    .poll(() => ff.backgroundState(), { message: 'the alarm started the event page', timeout: 30_000, intervals: [250] })
    .toBe('running')
  expect(Date.now(), 'started by the alarm, not before it was due').toBeGreaterThanOrEqual(due - 500)
  await expect.poll(async () => (await ff.storageDump()).session, { timeout: 15_000 }).toBe('{}')
  const again = await ff.openExtensionPage()
  await expectVisible(again.role('heading', 'Unlock Keyfob'))
  expect(await again.text('Acme Bank').count()).toBe(0)
})
