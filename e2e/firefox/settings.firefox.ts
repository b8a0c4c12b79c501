/** Settings in Firefox where it differs from Chromium. */
import { createVaultWithPassword } from '../shared/flows.ts'
import { expect, test } from './fixtures.ts'

test('"Change the browser’s shortcuts for Keyfob" opens Firefox’s shortcut settings (chrome://extensions/shortcuts does not exist there)', async ({
  ff,
  popup,
}) => {
  await createVaultWithPassword(popup)
  await popup.role('button', 'Settings').click()
  await popup.role('button', 'Advanced', true).click()
  await popup.role('button', "Change the browser's shortcuts for Keyfob").click()
  // Firefox's shortcut settings live in the add-ons manager (about:addons, "Manage Extension Shortcuts").
  await expect
    .poll(
      () =>
        ff.chrome(() =>
          (globalThis as unknown as { gBrowser: { browsers: { currentURI: { spec: string } }[] } }).gBrowser.browsers.map(
            (b) => b.currentURI.spec,
          ),
        ),
      { timeout: 15_000 },
    )
    .toContainEqual(expect.stringMatching(/^about:addons/))
})
