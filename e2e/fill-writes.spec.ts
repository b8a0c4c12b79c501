/**
 * Issue #15 "Speed", in the built extension: filling an HOTP code with the field's button stores the
 * new counter in one small record, never the vault, before the code reaches the page; and a service
 * worker stopped right after never fills the same code again.
 */
import type { Page } from '@playwright/test'
import { hotp } from '../src/core/otp/hotp.ts'
import { expect, stopServiceWorker, test } from './fixtures.ts'
import { popupRequest, setUpBound } from './page-helpers.ts'

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const COUNTER = `otpauth://hotp/Acme:alice@example.com?secret=${SECRET}&issuer=Acme&counter=0`

/** Buttons named "Fill two-factor code" in the accessibility tree (Keyfob's live in closed shadow roots). */
async function fieldButtons(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree')
    return nodes.filter((n) => n.role?.value === 'button' && n.name?.value === 'Fill two-factor code').length
  } finally {
    await cdp.detach()
  }
}

/** Clicks Keyfob's button where it sits, at the field's right edge, as a person would. */
async function clickFieldButton(page: Page): Promise<void> {
  await expect.poll(() => fieldButtons(page), { timeout: 30_000 }).toBe(1)
  const box = await page.locator('#app_totp').boundingBox()
  await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) - 14, (box?.y ?? 0) + (box?.height ?? 0) / 2)
}

test('an HOTP fill writes one small record, not the vault, and a worker stopped right after fills the next counter', async ({
  context,
  popup,
  site,
  extensionId,
}) => {
  test.setTimeout(180_000)
  const [id] = await setUpBound(popup, ['example.com'], COUNTER)
  const stored = () => popup.evaluate(() => chrome.storage.local.get(null))
  const before = await stored()
  const page = await context.newPage()
  await page.goto(`http://login.example.com:${site.port}/otp/one-time-code.html`)
  const input = page.locator('#app_totp')
  await clickFieldButton(page)
  await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toBe(await hotp(SECRET, 0n))

  const after = await stored()
  expect(after['vault']).toEqual(before['vault']) // the vault was not rewritten for the fill
  const record = after[`hotp:${id}`]
  expect(record).toEqual({ nonce: expect.any(String), ciphertext: expect.any(String) })
  expect(JSON.stringify(record).length).toBeLessThan(120)
  expect(JSON.stringify(record)).not.toContain(SECRET)

  // The worker stops right after the code reached the page: the next fill is the next counter's code.
  await stopServiceWorker(context, extensionId)
  await page.reload()
  await clickFieldButton(page)
  await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toBe(await hotp(SECRET, 1n))
  const list = await popupRequest<{ accounts: { id: string; hotp: { nextCounter: string } | null }[] }>(popup, 'listAccounts', {})
  expect(list.value.accounts.find((a) => a.id === id)?.hotp?.nextCounter).toBe('2')
  expect((await stored())['vault']).toEqual(before['vault'])
})
