import { describe, expect, it } from 'vitest'
import { generateCode } from './otp/generate-code.ts'
import { generateSecret } from './otp/generate-secret.ts'
import { verifyCode } from './otp/verify-code.ts'
import type { OtpConfig } from './types.ts'
import { buildOtpauthUri } from './uri/build-otpauth-uri.ts'
import { decodeMigrationUri } from './uri/decode-migration-uri.ts'
import { encodeMigrationPayloads } from './uri/encode-migration-payloads.ts'
import { parseOtpauthUri } from './uri/parse-otpauth-uri.ts'

describe('a secret across the core', () => {
  it('ties the pieces together: a generated secret survives URI → migration → code', async () => {
    const secret = generateSecret()
    const fields = {
      type: 'totp' as const,
      secret,
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      counter: 0n,
      issuer: 'Example',
      account: 'alice@example.com',
    }
    const parsed = parseOtpauthUri(buildOtpauthUri(fields))
    const { uris } = encodeMigrationPayloads([parsed])
    const [migrated] = decodeMigrationUri(uris[0] as string).accounts
    const now = 1_700_000_000_000
    expect(await generateCode(migrated as OtpConfig, now)).toBe(await generateCode(fields, now))
    expect(await verifyCode(fields, await generateCode(fields, now - 30_000), now)).toBe(-1)
  })
})
