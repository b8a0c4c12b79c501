import { describe, expect, it } from 'vitest'
import * as core from './index.ts'

// The functions other modules and tests are promised (issue "Foundation", OTP core).
const PUBLIC_API = [
  'hotp', 'totp', 'steam', 'generateCode', 'verifyCode', 'parseOtpauthUri', 'buildOtpauthUri',
  'decodeMigrationUri', 'encodeMigrationPayloads', 'generateSecret', 'formatSecret',
  'base32Encode', 'base32Decode', 'KeyfobError',
] as const

describe('src/core/index.ts', () => {
  it.each(PUBLIC_API)('exports %s as a function', (name) => {
    expect(typeof (core as Record<string, unknown>)[name]).toBe('function')
  })

  it('ties the pieces together: a generated secret survives URI → migration → code', async () => {
    const secret = core.generateSecret()
    const fields = {
      type: 'totp' as const, secret, algorithm: 'SHA1' as const, digits: 6, period: 30, counter: 0n,
      issuer: 'Example', account: 'alice@example.com',
    }
    const parsed = core.parseOtpauthUri(core.buildOtpauthUri(fields))
    const { uris } = core.encodeMigrationPayloads([parsed])
    const [migrated] = core.decodeMigrationUri(uris[0] as string).accounts
    const now = 1_700_000_000_000
    expect(await core.generateCode(migrated as core.OtpConfig, now)).toBe(await core.generateCode(fields, now))
    expect(await core.verifyCode(fields, await core.generateCode(fields, now - 30_000), now)).toBe(-1)
  })
})
