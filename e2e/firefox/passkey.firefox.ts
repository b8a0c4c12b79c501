/** Passkeys are not available in Firefox yet: the pages say why, and offer no button that would fail. */
import { createVaultWithPassword } from '../shared/flows.ts'
import { expectText } from '../shared/ui.ts'
import { expect, test } from './fixtures.ts'

const WHY = /^Passkeys cannot unlock Keyfob in Firefox yet: Firefox lets an extension use a passkey only for web sites/

test('the passkeys and passkey-unlock pages say passkeys are not available in Firefox, and why', async ({ ff, popup }) => {
  await createVaultWithPassword(popup)
  for (const file of ['src/options/passkeys.html', 'src/options/passkey-unlock.html']) {
    const page = await ff.openExtensionPage(file)
    await expectText(page.role('alert'), WHY, 30_000)
    expect(await page.role('button', 'Add a passkey').count()).toBe(0)
    expect(await page.role('button', 'Use a passkey').count()).toBe(0)
  }
})
