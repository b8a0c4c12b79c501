import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { ClockCheck } from './clock-check.ts'

import { fakeBackground } from '../../../test/support/fake-background.ts'

beforeEach(() => fakeBrowser.reset())

const now = 1_700_000_000_000
const HOUR = 3_600_000

/** A fetchDate whose servers run `aheadMs` ahead of us, per origin; every origin asked is recorded. */
function servers(aheadMs: Record<string, number>) {
  const asked: string[] = []
  const fetchDate = async (origin: string) => {
    asked.push(origin)
    return origin in aheadMs ? new Date(now + (aheadMs[origin] as number)).toUTCString() : null
  }
  return { asked, fetchDate }
}

async function measured(aheadMs: Record<string, number>, urls: string[] = Object.keys(aheadMs).map((o) => `${o}/sign-in`)) {
  const { asked, fetchDate } = servers(aheadMs)
  const check = new ClockCheck(fakeBrowser.storage.session, () => now, fetchDate)
  for (const url of urls) await check.checkAgainst(url)
  return { check, asked }
}

describe('ClockCheck', () => {
  it('offers nothing on one site’s word, even 20 hours ahead', async () => {
    const { check } = await measured({ 'https://login.bank.example': 20 * HOUR })
    expect(await check.warning(0)).toBeNull()
  })

  it('offers a correction when two unrelated https sites agree, naming both, and keeps them out of storage.local', async () => {
    const { check } = await measured({ 'https://login.bank.example': 120_000, 'https://www.shop.test': 121_000 })
    const warning = await check.warning(0)
    expect(warning).toMatchObject({ sites: ['shop.test', 'bank.example'], correctable: true })
    expect(Math.abs((warning?.skewMs ?? 0) - 120_500)).toBeLessThan(1_500) // the Date header has whole seconds
    // Accepting the correction silences it.
    expect(await check.warning(warning?.skewMs ?? 0)).toBeNull()
    expect(await fakeBrowser.storage.local.get(null)).toEqual({})
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain('bank.example')
  })

  it('warns but offers no one-click correction beyond 10 minutes, even when two sites agree', async () => {
    const { check } = await measured({ 'https://login.bank.example': 20 * HOUR, 'https://www.shop.test': 20 * HOUR })
    expect(await check.warning(0)).toMatchObject({ correctable: false, sites: ['shop.test', 'bank.example'] })
  })

  it('offers nothing when two sites disagree', async () => {
    const { check } = await measured({ 'https://login.bank.example': 120_000, 'https://www.shop.test': 20 * HOUR })
    expect(await check.warning(0)).toBeNull()
  })

  it('counts two hosts of one registrable domain once', async () => {
    const { check } = await measured({ 'https://login.bank.example': 120_000, 'https://www.bank.example': 120_000 })
    expect(await check.warning(0)).toBeNull()
  })

  it('never asks or counts a plain-http site', async () => {
    const { check, asked } = await measured({
      'http://login.bank.example': 120_000,
      'http://www.shop.test': 120_000,
      'https://news.example': 120_000,
    })
    expect(asked).toEqual(['https://news.example'])
    expect(await check.warning(0)).toBeNull()
  })

  it('asks a site at most once every ten minutes, and never a page that is not http(s)', async () => {
    const { check, asked } = await measured({}, ['https://bank.example/a', 'https://bank.example/b', 'file:///tmp/page.html'])
    expect(asked).toEqual(['https://bank.example'])
    expect(await check.warning(0)).toBeNull()
  })
})

describe('correctClock request', () => {
  async function boot(aheadMs: Record<string, number>) {
    const s = fakeBackground({
      now: () => now,
      version: 't',
      fetchDate: servers(aheadMs).fetchDate,
    })
    await s.vault.setup('correct horse battery staple')
    for (const origin of Object.keys(aheadMs)) await s.clock.checkAgainst(`${origin}/sign-in`)
    return { s, h: s.popupHandlers }
  }

  it('applies the correction the sites agreed on, never a value from the message', async () => {
    const { s, h } = await boot({ 'https://login.bank.example': 120_000, 'https://www.shop.test': 120_000 })
    const status = await h.correctClock()
    expect(status.clock).toBeNull()
    expect(Math.abs((await s.codeNow()) - now - 120_000)).toBeLessThan(1_500)
  })

  it('refuses when only one site measured it, or beyond 10 minutes, and changes nothing', async () => {
    const cases: [Record<string, number>, string][] = [
      [{ 'https://login.bank.example': 120_000 }, 'CLOCK_NOT_AGREED'],
      [{ 'https://login.bank.example': 20 * HOUR, 'https://www.shop.test': 20 * HOUR }, 'CLOCK_CORRECTION_TOO_LARGE'],
    ]
    for (const [aheadMs, code] of cases) {
      fakeBrowser.reset()
      const { s, h } = await boot(aheadMs)
      await expect(h.correctClock()).rejects.toMatchObject({ code })
      expect(await s.codeNow()).toBe(now)
    }
  })
})
