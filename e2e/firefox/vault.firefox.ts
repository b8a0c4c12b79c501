/** The vault in Firefox: the scenarios shared with Chromium (e2e/shared/scenarios.ts), then Firefox's own. */
import { ACME, addAccounts, createVaultWithPassword, expectCodeShown, unlock } from '../shared/flows.ts'
import { scenarios, type Env } from '../shared/scenarios.ts'
import { expectVisible } from '../shared/ui.ts'
import { Firefox, expect, test, type FirefoxUi } from './fixtures.ts'

function env(ff: Firefox, popup: FirefoxUi): Env {
  return {
    popup,
    openPopup: () => ff.openExtensionPage(),
    stopBackground: () => ff.stopEventPage(),
    storageDump: () => ff.storageDump(),
  }
}

for (const [title, run] of Object.entries(scenarios)) {
  test(title, async ({ ff, popup }) => run(env(ff, popup)))
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
