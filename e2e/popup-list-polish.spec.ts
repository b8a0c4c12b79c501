/**
 * Issue #19 "Polish", the account list at the popup's size (360 × 600): names wrap instead of being
 * cut, the countdown shows its seconds, and status notices clear once the person moves on. Run in
 * English and in German (Chromium started with --lang), every label looked up in that locale's
 * messages.json, so a string missing in either locale fails here.
 */
import fs from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { base32Encode } from '../src/core/encoding/base32.ts'
import { expect, test } from './fixtures.ts'
import { setUpBound } from './page-helpers.ts'
import { PASSWORD } from './vault-helpers.ts'

type Locale = 'en' | 'de'
type Messages = Record<string, { message: string }>

const messages = (locale: Locale): Messages =>
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '..', 'public', '_locales', locale, 'messages.json'), 'utf8')) as Messages

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A message of `locale` with its $1, $2… filled in; a RegExp argument makes the whole a RegExp. */
function lookup(locale: Locale) {
  const all = messages(locale)
  return (key: string, ...subs: (string | RegExp)[]): string | RegExp => {
    const text = all[key]?.message
    if (!text) throw new Error(`${key} is missing in the ${locale} messages`)
    if (!subs.some((s) => s instanceof RegExp)) return text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] as string)
    const parts = text.split(/(\$\d)/).map((p) => {
      const sub = /^\$(\d)$/.exec(p) ? subs[Number(p.slice(1)) - 1] : undefined
      return sub === undefined ? esc(p) : sub instanceof RegExp ? sub.source : esc(sub)
    })
    return new RegExp(`^${parts.join('')}$`)
  }
}
const str = (x: string | RegExp) => x as string

const secret = (i: number) => base32Encode(new TextEncoder().encode(`keyfob list polish ${i}`))
const totp = (i: number, issuer: string, account: string) =>
  `otpauth://totp/${encodeURIComponent(issuer ? `${issuer}:${account}` : account)}?secret=${secret(i)}${issuer ? `&issuer=${encodeURIComponent(issuer)}` : ''}`

/** A typical list with the names that were cut before: long issuers, long e-mail addresses, a 64-character name without a space. */
const ACCOUNTS: { issuer: string; account: string; uri: string; hotp?: boolean }[] = [
  {
    issuer: 'Contoso VPN',
    account: 'j.doe@contoso-corporate-network.example.com',
    hotp: true,
    uri: `otpauth://hotp/Contoso%20VPN:j.doe%40contoso-corporate-network.example.com?secret=${secret(0)}&counter=0&issuer=Contoso%20VPN`,
  },
  { issuer: 'GitHub', account: 'octocat' },
  { issuer: 'Amazon Web Services (Production Root Account)', account: 'admin@example.com' },
  { issuer: 'Microsoft', account: 'firstname.middlename.lastname.with.long.local.part@subsidiary.example.co.uk' },
  { issuer: 'Averyveryverylongissuernamewithoutanyspacesatallthatgoesonandonn', account: 'someone' },
  { issuer: 'Deutsche Kreditbank Online-Banking Privatkunden', account: 'max.mustermann@example.de' },
  { issuer: 'Nextcloud at home.example.org', account: 'family-admin' },
  { issuer: '', account: 'no-issuer-account-name-that-is-fairly-long@example.com' },
  { issuer: 'Google', account: 'someone@gmail.com' },
  { issuer: 'Dropbox Business Team Administration Console', account: 'it@example.com' },
  { issuer: 'Bitwarden', account: 'me@example.org' },
].map((a, i) => ({ ...a, uri: 'uri' in a ? (a.uri as string) : totp(i, a.issuer, a.account) }))
const nameOf = (a: { issuer: string; account: string }) => a.issuer || a.account

type L = ReturnType<typeof lookup>

/** First run and the pasted links, as a person does them, in the popup's language. */
async function createVaultAndAdd(popup: Page, l: L, uris: string[]): Promise<void> {
  await popup.getByLabel(str(l('newPassword')), { exact: true }).fill(PASSWORD)
  await popup.getByLabel(str(l('confirmPassword'))).fill(PASSWORD)
  await popup.getByRole('button', { name: str(l('setupCreate')) }).click()
  await expect(popup.getByRole('heading', { name: str(l('accountsTitle')) })).toBeVisible({ timeout: 60_000 })
  await add(popup, l, uris)
}

async function add(popup: Page, l: L, uris: string[]): Promise<void> {
  await popup.getByRole('button', { name: str(l('addAccount')) }).click()
  await popup.getByLabel(str(l('pasteLinks'))).fill(uris.join('\n'))
  await popup.getByRole('button', { name: str(l('add')), exact: true }).click()
  await expect(popup.getByRole('heading', { name: str(l('accountsTitle')) })).toBeVisible({ timeout: 30_000 })
}

const rowsOf = (popup: Page, l: L) => popup.getByRole('list', { name: str(l('accountsTitle')) }).getByRole('listitem')
const rowOf = (popup: Page, l: L, name: string) =>
  rowsOf(popup, l).filter({ has: popup.getByRole('button', { name: str(l('actionsFor', name)), exact: true }) })

type Box = { x: number; y: number; width: number; height: number }
const box = async (loc: Locator): Promise<Box> => {
  const b = await loc.boundingBox()
  if (!b) throw new Error(`no box for ${loc.toString()}`)
  return b
}
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5
const overlap = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5
/** No horizontal scrolling: what an element holds is no wider than the element. */
const noHorizontalScroll = (loc: Locator) => loc.evaluate((e) => [e.scrollWidth, e.clientWidth])

/**
 * The measured layout at 360 × 600: every name present in full as visible text, each text box inside
 * its row, names, code and countdown not on top of each other, nothing scrolls sideways, and the code
 * and the countdown at the same place in every row however long the name.
 */
async function checkLayout(popup: Page, l: L): Promise<void> {
  const rows = rowsOf(popup, l)
  await expect(rows).toHaveCount(ACCOUNTS.length)
  const list = popup.locator('.list')
  for (const el of [popup.locator('html'), popup.locator('body'), list]) {
    const [scroll, client] = await noHorizontalScroll(el)
    expect(scroll, 'no horizontal scroll').toBeLessThanOrEqual(client!)
  }
  const listBox = await box(list)
  const codeTops: number[] = []
  const codeRights: number[] = []
  const ringLefts: number[] = []
  for (const a of ACCOUNTS) {
    const name = nameOf(a)
    const row = rowOf(popup, l, name)
    await row.scrollIntoViewIfNeeded()
    const rowBox = await box(row)
    expect(rowBox.x + rowBox.width, `${name}: row inside the list`).toBeLessThanOrEqual(listBox.x + listBox.width + 0.5)
    // The full names, as text a person sees: the issuer line, then the account line.
    const texts = [row.getByText(name, { exact: true })]
    if (a.issuer) texts.push(row.getByText(a.account, { exact: true }))
    const controls: [string, Locator][] = [['actions', row.getByRole('button', { name: str(l('actionsFor', name)), exact: true })]]
    if (a.hotp) {
      const hotpNames = new RegExp(`^(${esc(str(l('hotpShowFor', name)))}|${esc(str(l('hotpNextFor', name)))})$`)
      controls.push(['HOTP button', row.getByRole('button', { name: hotpNames })])
      const hotpCode = row.getByRole('button', { name: l('copyCodeFor', /[\d ]+/, name) })
      if (await hotpCode.count()) controls.push(['HOTP code', hotpCode]) // after Show code
    } else {
      controls.push(['code', row.getByRole('button', { name: l('copyCodeFor', /[\d ]+/, name) })], ['ring', row.locator('svg.ring')])
    }
    for (const text of texts) {
      await expect(text).toBeVisible()
      const [scroll, client] = await noHorizontalScroll(text)
      expect(scroll, `${name}: the name is not cut`).toBeLessThanOrEqual(client!)
      const b = await box(text)
      expect(inside(b, rowBox), `${name}: its text inside its row`).toBe(true)
      for (const [what, c] of controls) expect(overlap(b, await box(c)), `${name}: the name over the ${what}`).toBe(false)
    }
    const boxes: [string, Box][] = []
    for (const [what, c] of controls) {
      await expect(c).toBeVisible()
      const b = await box(c)
      expect(inside(b, rowBox), `${name}: the ${what} inside its row`).toBe(true)
      // Nothing lies over it: the point at its middle is the control itself.
      const hit = await c.evaluate((e) => {
        const r = e.getBoundingClientRect()
        const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
        return !!at && (e === at || e.contains(at))
      })
      expect(hit, `${name}: the ${what} is not covered`).toBe(true)
      boxes.push([what, b])
      if (what === 'code' || what === 'HOTP code') codeTops.push(b.y - rowBox.y)
      if (what === 'code' || what === 'HOTP code') codeRights.push(b.x + b.width)
      if (what === 'ring') ringLefts.push(b.x)
    }
    for (const [i, [what, b]] of boxes.entries())
      for (const [other, c] of boxes.slice(i + 1)) expect(overlap(b, c), `${name}: the ${what} over the ${other}`).toBe(false)
    const [scroll, client] = await noHorizontalScroll(row)
    expect(scroll, `${name}: the row does not scroll sideways`).toBeLessThanOrEqual(client!)
    if (name.length >= 60 || a.account.length >= 60) expect(rowBox.height, `${name}: wraps to more lines`).toBeGreaterThan(58)
  }
  // The code and the countdown keep their place: same height in the row, same column, long name or not.
  expect(Math.max(...codeTops) - Math.min(...codeTops)).toBeLessThanOrEqual(1)
  expect(Math.max(...ringLefts) - Math.min(...ringLefts)).toBeLessThanOrEqual(1)
  expect(Math.max(...codeRights) - Math.min(...codeRights), 'codes of both kinds line up').toBeLessThanOrEqual(1)
}

async function expectNoAxeViolations(popup: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page: popup }).analyze()
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/** Seconds as the ring shows them and as a screen reader hears them, read together. */
async function seconds(row: Locator, l: L): Promise<{ shown: number; spoken: number }> {
  const [shown, spoken] = await Promise.all([
    row.getByText(/^\d{1,3}$/).textContent(),
    row.getByText(l('secondsLeft', /\d+/)).textContent(),
  ])
  return { shown: Number(shown ?? ''), spoken: Number(/\d+/.exec(spoken ?? '')?.[0]) }
}

for (const locale of ['en', 'de'] as const) {
  test.describe(`list at 360 × 600 (${locale})`, () => {
    test.use({ browserArgs: [`--lang=${locale}`] })
    const l = lookup(locale)

    test('full names wrap inside their rows, the code and countdown keep their place, and the ring shows its seconds', async ({
      popup,
    }) => {
      test.setTimeout(240_000)
      await popup.setViewportSize({ width: 360, height: 600 })
      await createVaultAndAdd(
        popup,
        l,
        ACCOUNTS.map((a) => a.uri),
      )
      await expect(popup.getByRole('heading', { name: str(l('accountsTitle')) })).toBeAttached()
      await checkLayout(popup, l)
      await popup.locator('.list').evaluate((e) => (e.scrollTop = 0))
      await popup.screenshot({ path: test.info().outputPath(`list-${locale}-360x600-top.png`) })
      await expectNoAxeViolations(popup)

      // The HOTP row: its code shown, with the wider code and 'Next code' button, still all in place.
      const contoso = rowOf(popup, l, 'Contoso VPN')
      await contoso.getByRole('button', { name: str(l('hotpShowFor', 'Contoso VPN')) }).click()
      await expect(contoso.getByRole('button', { name: l('copyCodeFor', /\d{3} \d{3}/, 'Contoso VPN') })).toBeVisible()
      await checkLayout(popup, l)
      await popup.locator('.list').evaluate((e) => (e.scrollTop = 0))
      await popup.screenshot({ path: test.info().outputPath(`list-${locale}-360x600-hotp-shown.png`) })
      await popup.locator('.list').evaluate((e) => (e.scrollTop = e.scrollHeight))
      await popup.screenshot({ path: test.info().outputPath(`list-${locale}-360x600-end.png`) })
      await expectNoAxeViolations(popup)

      // The countdown: the seconds as text in the ring, the same the screen-reader sentence says, and counting down.
      const github = rowOf(popup, l, 'GitHub')
      await github.scrollIntoViewIfNeeded()
      let first = { shown: -1, spoken: -2 }
      await expect
        .poll(async () => {
          first = await seconds(github, l)
          return first.shown === first.spoken
        })
        .toBe(true)
      const expected = 30 - (Math.floor(Date.now() / 1000) % 30)
      expect(Math.abs(first.shown - expected) % 30, 'the seconds left of the current 30 s window').toBeLessThanOrEqual(2)
      await expect(github.getByText(/^\d{1,3}$/)).toBeVisible()
      await expect.poll(async () => (await seconds(github, l)).shown, { timeout: 15_000 }).not.toBe(first.shown)
      // Said once: the accessibility tree holds the sentence, not the ring's number beside it.
      await expect
        .poll(async () => {
          const tree = await github.ariaSnapshot()
          const spoken = tree.match(new RegExp(str(l('secondsLeft', '\\d+')), 'g')) ?? []
          const bare = tree.split('\n').filter((line) => /^\s*- text: "?\d{1,3}"?\s*$/.test(line))
          return [spoken.length, bare.length]
        })
        .toEqual([1, 0])
    })

    test('status notices clear when the person searches, copies a code or opens another screen; undo too', async ({ popup }) => {
      test.setTimeout(240_000)
      await popup.setViewportSize({ width: 360, height: 600 })
      const notice = (text: string | RegExp) => popup.getByRole('status').filter({ hasText: text })
      const search = popup.getByRole('searchbox', { name: str(l('searchAccounts')) })
      await createVaultAndAdd(
        popup,
        l,
        ACCOUNTS.slice(0, 4).map((a) => a.uri),
      )
      // Typing a search.
      const added4 = notice(str(l('addedCount', '4')))
      await expect(added4).toBeVisible()
      await search.pressSequentially('git')
      await expect(added4).toHaveCount(0)
      await expect(rowsOf(popup, l)).toHaveCount(1)
      await popup.keyboard.press('Escape')
      await expect(rowsOf(popup, l)).toHaveCount(4)
      await expect(added4).toHaveCount(0)

      // Copying a code (a click on it).
      await add(popup, l, [ACCOUNTS[1]!.uri, ACCOUNTS[4]!.uri])
      const again = notice(str(l('alreadyAdded', 'GitHub')))
      await expect(again).toBeVisible()
      await expect(notice(str(l('addedCount', '1')))).toBeVisible()
      await rowOf(popup, l, 'Microsoft')
        .getByRole('button', { name: l('copyCodeFor', /[\d ]+/, 'Microsoft') })
        .click()
      await expect(rowOf(popup, l, 'Microsoft').getByRole('status')).toHaveText(str(l('copied')))
      await expect(again).toHaveCount(0)

      // Opening another screen, and coming back.
      await add(popup, l, [ACCOUNTS[5]!.uri])
      const added1 = notice(str(l('addedCount', '1')))
      await expect(added1).toBeVisible()
      await popup.getByRole('button', { name: str(l('settings')), exact: true }).click()
      await popup.getByRole('button', { name: str(l('done')) }).click()
      await expect(search).toBeVisible()
      await expect(added1).toHaveCount(0)

      // A deletion offers Undo until the person moves on.
      const gone = 'Deutsche Kreditbank Online-Banking Privatkunden'
      await popup.getByRole('button', { name: str(l('actionsFor', 'GitHub')), exact: true }).click()
      await popup.getByRole('button', { name: str(l('edit')), exact: true }).click()
      await popup.getByRole('button', { name: str(l('delete')), exact: true }).click()
      await popup
        .getByRole('alertdialog', { name: str(l('deleteTitle', 'GitHub')) })
        .getByRole('button', { name: str(l('delete')), exact: true })
        .click()
      const undo = popup.getByRole('button', { name: str(l('undo')) })
      await expect(notice(str(l('deletedName', 'GitHub')))).toBeVisible()
      await expect(undo).toBeVisible()
      await search.pressSequentially('deu')
      await expect(rowsOf(popup, l)).toHaveCount(1)
      await expect(rowOf(popup, l, gone)).toBeVisible()
      await expect(undo).toHaveCount(0)
      await expect(notice(str(l('deletedName', 'GitHub')))).toHaveCount(0)
    })
  })
}

test('"Filled into the page." clears on a search and when another screen opens, and comes back with the next fill', async ({
  context,
  popup,
  site,
}) => {
  test.setTimeout(180_000)
  await setUpBound(popup, ['example.com'], 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme')
  const page = await context.newPage()
  await page.goto(`http://login.example.com:${site.port}/otp/react-controlled.html`)
  await page.bringToFront()
  await popup.reload()
  const code = popup.getByRole('button', { name: /^Copy code .* for Acme$/ })
  const filled = popup.getByRole('status').filter({ hasText: 'Filled into the page.' })
  await code.click()
  await expect(filled).toBeVisible()
  await popup.getByRole('searchbox', { name: 'Search accounts' }).pressSequentially('ac')
  await expect(filled).toHaveCount(0)
  await code.click()
  // The same code is not filled twice (RFC 6238 §5.2): the worker waits for the next one, up to a period.
  await expect(filled).toBeVisible({ timeout: 60_000 })
  await popup.getByRole('button', { name: 'Settings', exact: true }).click()
  await popup.getByRole('button', { name: 'Done' }).click()
  await expect(code).toBeVisible()
  await expect(filled).toHaveCount(0)
})
