/**
 * browser-area-fit.ts: the measure taken before connecting to the browser's sync area, against
 * what the sync remote really writes there (test/support/chrome-sync-area.ts, Chrome's quotas).
 */
import { describe, expect, it } from 'vitest'
import { createSyncHeader } from '../../core/sync/sync-header.ts'
import type { StoredAccount } from '../../core/vault/vault-content.ts'
import { createChromeSyncArea } from '../../../test/support/chrome-sync-area.ts'
import { FAST_KDF, sampleAccount } from '../../../test/support/vault-fixtures.ts'
import { checkVaultFits, HEADER_BYTES_BOUND, tooBigNow } from './browser-area-fit.ts'
import { createBrowserSyncRemote } from './browser-sync-remote.ts'
import { HEADER_FILE } from './remote-names.ts'
import { fileBytes } from './sync-area-items.ts'

const NOW = Date.UTC(2026, 5, 1)
const accounts = (n: number, extra: Partial<StoredAccount> = {}) =>
  Array.from({ length: n }, (_, i) => sampleAccount({ id: crypto.randomUUID(), account: `user${i}@example.com`, ...extra }))

async function refusal(run: Promise<void>): Promise<{ code: string; values: string[]; message: string }> {
  try {
    await run
  } catch (e) {
    return e as { code: string; values: string[]; message: string }
  }
  throw new Error('expected a refusal')
}

describe('checkVaultFits', () => {
  it('bounds the header by HEADER_BYTES_BOUND: a real one costs less', async () => {
    const { header } = await createSyncHeader('a sync passphrase of some length', FAST_KDF)
    const cost = fileBytes(HEADER_FILE, JSON.stringify(header))
    expect(cost).toBeGreaterThan(300)
    expect(cost).toBeLessThan(HEADER_BYTES_BOUND)
  })

  it('lets 33 ordinary accounts in, and refuses 34 with "33 of 34", reading nothing and writing nothing', async () => {
    const area = createChromeSyncArea()
    await expect(checkVaultFits(area, accounts(33), false, NOW)).resolves.toBeUndefined()
    const e = await refusal(checkVaultFits(area, accounts(34), false, NOW))
    expect(e).toMatchObject({ code: 'SYNC_TOO_BIG', values: ['33', '34'] })
    expect(e.message).toMatch(/Only 33 of 34 accounts fit.*WebDAV/)
    expect(area.writeCalls).toBe(0)
  })

  it('counts larger records as they are padded: accounts with many sites fit fewer', async () => {
    const sites = Array.from({ length: 60 }, (_, i) => `site-number-${i}.example.com`)
    const e = await refusal(checkVaultFits(createChromeSyncArea(), accounts(30, { sites }), false, NOW))
    expect(e.code).toBe('SYNC_TOO_BIG')
    expect(Number(e.values[0])).toBeLessThan(30)
    expect(e.values[1]).toBe('30')
  })

  it('joining counts what the area already holds', async () => {
    const area = createChromeSyncArea()
    const remote = createBrowserSyncRemote({ area, label: 'x' })
    const { header } = await createSyncHeader('a sync passphrase of some length', FAST_KDF)
    await remote.write(HEADER_FILE, JSON.stringify(header), { create: true })
    // Room taken by 25 records' worth of bytes (their content does not matter to the measure).
    for (let i = 0; i < 25; i++) {
      await remote.write(`r-${crypto.randomUUID()}.json`, 'x'.repeat(3000), { create: true })
    }
    await expect(checkVaultFits(area, accounts(5), true, NOW)).resolves.toBeUndefined()
    expect(await refusal(checkVaultFits(area, accounts(9), true, NOW))).toMatchObject({ code: 'SYNC_TOO_BIG', values: ['33', '34'] })
    // Creating ignores it (the engine refuses a place that holds a space: SYNC_SPACE_EXISTS).
    await expect(checkVaultFits(area, accounts(9), false, NOW)).resolves.toBeUndefined()
  })

  it('an empty vault always fits', async () => {
    await expect(checkVaultFits(createChromeSyncArea(), [], true, NOW)).resolves.toBeUndefined()
  })
})

describe('tooBigNow', () => {
  it('says how many of the vault’s accounts fit, by the records held, with the full area as its cause', async () => {
    const area = createChromeSyncArea()
    const cause = new Error('full')
    const e = await tooBigNow(area, 40, cause)
    expect(e).toMatchObject({ code: 'SYNC_TOO_BIG', values: ['33', '40'], cause })
  })
})
