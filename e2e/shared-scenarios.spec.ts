/**
 * The scenarios shared with the Firefox suite (e2e/shared/scenarios.ts), here in Chromium: the same
 * flows, written once against `Ui`, run in both browsers (Firefox: e2e/firefox/vault.firefox.ts).
 */
import { openExtensionPage, stopServiceWorker, test } from './fixtures.ts'
import { scenarios } from './shared/scenarios.ts'
import { playwrightUi } from './shared/ui.ts'
import { storageDump } from './vault-helpers.ts'

test.describe('shared with Firefox', () => {
  for (const [title, run] of Object.entries(scenarios)) {
    test(title, async ({ context, extensionId, popup, sw, site }) =>
      run({
        popup: playwrightUi(popup),
        openPopup: async () => playwrightUi(await openExtensionPage(context, extensionId)),
        stopBackground: () => stopServiceWorker(context, extensionId),
        storageDump: () => storageDump(sw),
        openTab: async (url) => {
          const page = await context.newPage()
          await page.goto(url)
          await page.bringToFront()
          return playwrightUi(page)
        },
        origin: (host) => `http://${host}:${site.port}`,
        // Chromium delays an alarm by up to a minute: the real listener is run with the alarm it would get.
        fireAutoLockAlarm: () =>
          sw.evaluate(() =>
            (chrome.alarms.onAlarm as unknown as { dispatch: (a: object) => void }).dispatch({
              name: 'keyfob-auto-lock',
              scheduledTime: Date.now(),
            }),
          ),
      }),
    )
  }
})
