import { describe, expect, it } from 'vitest'
import { fromTransferred, toTransferred } from './transfer-account.ts'

const fields = {
  type: 'hotp' as const,
  issuer: 'Acme',
  account: 'a',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA256' as const,
  digits: 8,
  period: 30,
  counter: 2n ** 64n - 1n,
  tags: ['work'],
  pinned: true,
  sites: ['acme.example.com'],
}

describe('transferred accounts', () => {
  it('survive the JSON trip exactly, 64-bit counters included', () => {
    const wire: unknown = JSON.parse(JSON.stringify(toTransferred(fields)))
    expect(fromTransferred(wire, 'Account 1')).toEqual(fields)
  })

  it('carry a TOTP start time (t0), so Keyfob backups and imports keep it', () => {
    const totp = { ...fields, type: 'totp' as const, counter: 0n, t0: 1_600_000_000 }
    const wire: unknown = JSON.parse(JSON.stringify(toTransferred(totp)))
    expect(fromTransferred(wire, 'Account 1')).toEqual(totp)
    expect(toTransferred({ ...totp, t0: 0 })).not.toHaveProperty('t0')
  })

  it.each([
    [{ t0: 1.5 }, /'t0'/],
    [{ t0: '5' }, /'t0'/],
    [{ type: 'xotp' }, /'type'/],
    [{ type: 'motp' }, /'pin'/],
    [{ pin: '1234' }, /'pin'/],
    [{ digits: 11 }, /'digits'/],
    [{ type: 'steam', digits: 6 }, /'digits'/],
    [{ counter: '18446744073709551616' }, /'counter'/],
    [{ counter: 5 }, /'counter'/],
    [{ secret: 'JBSWY3DPEHPK3PX1' }, /invalid base32/],
    [{ tags: 'work' }, /'tags'/],
    [{ extra: 1 }, /unexpected field 'extra'/],
    [{ issuer: 'x'.repeat(201) }, /'issuer'/],
    [{ sites: ['not a host'] }, /'sites'/],
  ])('rejects %o with a message naming the account and field', (patch, message) => {
    const wire = { ...(JSON.parse(JSON.stringify(toTransferred(fields))) as Record<string, unknown>), ...patch }
    expect(() => fromTransferred(wire, 'Account 3')).toThrowError(
      expect.objectContaining({
        code: 'INVALID_MESSAGE',
        message: expect.stringMatching(new RegExp(`^Account 3: .*${message.source}`)) as unknown,
      }),
    )
  })
})
