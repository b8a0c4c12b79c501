import { describe, expect, it } from 'vitest'
import { generateMasterKey } from './master-key.ts'
import { openCounter, openLastUsed, sealCounter, sealLastUsed } from './bookkeeping-record.ts'

const A = '11111111-1111-4111-8111-111111111111'
const B = '22222222-2222-4222-8222-222222222222'

describe('counter records', () => {
  it('open to the counter they hold, up to 2^64−1, and all have one size', async () => {
    const key = await generateMasterKey()
    const sizes = new Set<number>()
    for (const counter of [0n, 7n, 2n ** 53n + 1n, 2n ** 64n - 1n]) {
      const record = await sealCounter(key, A, counter)
      expect(await openCounter(key, A, JSON.parse(JSON.stringify(record)))).toBe(counter)
      sizes.add(JSON.stringify(record).length)
    }
    expect(sizes.size).toBe(1)
    expect(() => sealCounter(key, A, 2n ** 64n)).toThrow(RangeError)
  })

  it('open as null when moved to another account, sealed by another vault, or changed in any way', async () => {
    const key = await generateMasterKey()
    const record = await sealCounter(key, A, 9n)
    expect(await openCounter(key, B, record)).toBeNull() // the AAD binds the account id
    expect(await openCounter(await generateMasterKey(), A, record)).toBeNull()
    const bytes = Buffer.from(record.ciphertext, 'base64')
    bytes[0] = (bytes[0] as number) ^ 1
    expect(await openCounter(key, A, { ...record, ciphertext: bytes.toString('base64') })).toBeNull()
    for (const raw of [null, 'x', [], { nonce: record.nonce }, { ...record, extra: 1 }, { ...record, nonce: 'AAAA' }]) {
      expect(await openCounter(key, A, raw)).toBeNull()
    }
  })
})

describe('the last-used record', () => {
  it('holds the times of the accounts used, and opens empty when damaged or another vault’s', async () => {
    const key = await generateMasterKey()
    const record = await sealLastUsed(key, { [A]: 5, [B]: 1_700_000_000_000 })
    expect(await openLastUsed(key, record)).toEqual({ [A]: 5, [B]: 1_700_000_000_000 })
    expect(await openLastUsed(await generateMasterKey(), record)).toEqual({})
    expect(await openLastUsed(key, { ...record, nonce: record.ciphertext.slice(0, 16) })).toEqual({})
    expect(await openLastUsed(key, undefined)).toEqual({})
  })

  it('keeps only account ids with times', async () => {
    const key = await generateMasterKey()
    const record = await sealLastUsed(key, { [A]: 5, 'not-an-id': 6, [B]: -1 })
    expect(await openLastUsed(key, record)).toEqual({ [A]: 5 })
  })
})
