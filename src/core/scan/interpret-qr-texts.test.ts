import { describe, expect, it } from 'vitest'
import type { AccountFields } from '../types.ts'
import { encodeMigrationPayloads } from '../uri/encode-migration-payloads.ts'
import { interpretQrTexts } from './interpret-qr-texts.ts'

const account = (n: number): AccountFields => ({
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXP'.slice(0, 8) + 'ABCDEFGH'.slice(n % 8) + 'A'.repeat(n % 8),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0n,
  issuer: `Service ${n}`,
  account: `user${n}`,
})

describe('interpretQrTexts', () => {
  it('reads setup codes and counts everything else, without duplicates from the same image', () => {
    const uri = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example'
    const { result } = interpretQrTexts([uri, 'https://example.com/menu', uri, 'steam://JRZCL47CMXVOQMNPZR2F7J4RGI'], [])
    expect(result.accounts.map((a) => [a.type, a.issuer])).toEqual([
      ['totp', 'Example'],
      ['steam', 'Steam'],
    ])
    expect(result.notTwoFactor).toBe(1)
  })

  it('reports a broken setup code with its reason', () => {
    const { result } = interpretQrTexts(['otpauth://totp/X?secret=JBSWY3DPEHPK3PX1'], [])
    expect(result).toMatchObject({ accounts: [], invalid: [expect.stringContaining("'1'")] })
  })

  it('collects a three-part export across scans and releases it only when complete', () => {
    const { uris } = encodeMigrationPayloads(
      Array.from({ length: 9 }, (_, n) => account(n)),
      { maxAccounts: 3, batchId: 77 },
    )
    expect(uris).toHaveLength(3)
    let step = interpretQrTexts([uris[2] as string], [])
    expect(step.result).toMatchObject({ accounts: [], pendingExport: { seen: 1, total: 3, missing: [0, 1] } })
    step = interpretQrTexts([uris[0] as string, uris[2] as string], step.batches)
    expect(step.result.pendingExport).toMatchObject({ seen: 2, total: 3, missing: [1] })
    step = interpretQrTexts([uris[1] as string], step.batches)
    expect(step.result.pendingExport).toBeNull()
    expect(step.result.accounts.map((a) => a.issuer)).toEqual(Array.from({ length: 9 }, (_, n) => `Service ${n}`))
    expect(step.batches).toEqual([])
  })

  it('a part of another export starts over instead of mixing exports', () => {
    const a = encodeMigrationPayloads([account(1), account(2)], { maxAccounts: 1, batchId: 1 }).uris
    const b = encodeMigrationPayloads([account(3), account(4)], { maxAccounts: 1, batchId: 2 }).uris
    const first = interpretQrTexts([a[0] as string], [])
    const second = interpretQrTexts([b[0] as string], first.batches)
    expect(second.result.pendingExport).toMatchObject({ seen: 1, total: 2 })
    expect(second.batches.every((x) => x.batchId === 2)).toBe(true)
  })
})
