import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { ClockCheck } from './clock-check.ts'

beforeEach(() => fakeBrowser.reset())

describe('ClockCheck', () => {
  const now = 1_700_000_000_000
  const twoMinutesAhead = async () => new Date(now + 120_000).toUTCString()

  it('warns about a clock two minutes off, and keeps the site it was measured on out of storage.local', async () => {
    const check = new ClockCheck(fakeBrowser.storage.session, () => now, twoMinutesAhead)
    await check.checkAgainst('https://login.bank.example/verify')
    const warning = await check.warning(0)
    expect(warning?.site).toBe('bank.example')
    expect(Math.abs((warning?.skewMs ?? 0) - 120_000)).toBeLessThan(1_000) // the Date header has whole seconds
    // Accepting the correction silences it.
    expect(await check.warning(warning?.skewMs ?? 0)).toBeNull()
    expect(await fakeBrowser.storage.local.get(null)).toEqual({})
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain('bank.example')
  })

  it('asks a site at most once every ten minutes, and never a page that is not http(s)', async () => {
    let asked = 0
    const check = new ClockCheck(fakeBrowser.storage.session, () => now, async () => (asked++, null))
    await check.checkAgainst('https://bank.example/a')
    await check.checkAgainst('https://bank.example/b')
    await check.checkAgainst('file:///tmp/page.html')
    expect(asked).toBe(1)
    expect(await check.warning(0)).toBeNull()
  })
})
