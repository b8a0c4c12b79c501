/**
 * Inputs the fuzzer found, kept as plain tests. Each took time that grew
 * faster than its length (a regex tried at every character of a long run,
 * BigInt over a huge number) or than the work the input should cost (a count
 * read from the payload), so a crafted URI, QR code or import file could
 * freeze or crash the worker; each must now fail fast with a typed error.
 */
import { describe, expect, it } from 'vitest'
import { base32Decode } from '../src/core/encoding/base32.ts'
import { isKeyfobError } from '../src/core/errors.ts'
import { detectFormat } from '../src/core/import/detect-format.ts'
import { base64Encode } from '../src/core/encoding/base64.ts'
import { interpretQrTexts } from '../src/core/scan/interpret-qr-texts.ts'
import { decodeMigrationUri } from '../src/core/uri/decode-migration-uri.ts'
import { int32ToVarint, writeProtoFields } from '../src/core/uri/protobuf.ts'
import { parseOtpauthUri } from '../src/core/uri/parse-otpauth-uri.ts'

/** Quadratic work on these inputs took from tens of seconds to hours; linear work takes milliseconds. */
const FAST_MS = 1_000
const RUN = 200_000

function timed(run: () => unknown): { ms: number; error: unknown } {
  const start = performance.now()
  let error: unknown
  try {
    run()
  } catch (e) {
    error = e
  }
  return { ms: performance.now() - start, error }
}

describe('super-linear inputs found by fuzzing', () => {
  it("a base32 key with a long run of '=' before more data (was /=+$/: quadratic)", () => {
    const { ms, error } = timed(() => base32Decode(`JBSW${'='.repeat(RUN)}Y3DP`))
    expect(isKeyfobError(error, 'INVALID_SECRET')).toBe(true)
    expect(ms).toBeLessThan(FAST_MS)
  })

  it("a migration URI whose data has a long run of '=' inside (same regex)", () => {
    const { ms, error } = timed(() => decodeMigrationUri(`otpauth-migration://offline?data=CjEK${'='.repeat(RUN)}CkhlbGxv`))
    expect(isKeyfobError(error, 'INVALID_MIGRATION')).toBe(true)
    expect(ms).toBeLessThan(FAST_MS)
  })

  it('a text file of many blank lines (was /^\\s*otpauth:/m: every line start rescanned the rest)', () => {
    const { ms, error } = timed(() => detectFormat(new TextEncoder().encode(`notes\n${'\n'.repeat(RUN)}x`)))
    expect(isKeyfobError(error, 'UNSUPPORTED_FORMAT')).toBe(true)
    expect(ms).toBeLessThan(FAST_MS)
    expect(detectFormat(new TextEncoder().encode(`notes\n\n \t otpauth://totp/a?secret=JBSWY3DPEHPK3PXP`))).toBe('otpauth-uri-list')
  })

  it('an HOTP counter of a million digits (was BigInt() and its echo in the message)', () => {
    const { ms, error } = timed(() => parseOtpauthUri(`otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=${'9'.repeat(1_000_000)}`))
    expect(isKeyfobError(error, 'INVALID_PARAMETER')).toBe(true)
    expect((error as Error).message.length).toBeLessThan(200)
    expect(ms).toBeLessThan(FAST_MS)
    // Leading zeros are still just zeros.
    expect(parseOtpauthUri(`otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=${'0'.repeat(100)}42`).counter).toBe(42n)
  })

  it('a migration QR code claiming 2^31 − 1 codes in its export (collecting it walked every index)', () => {
    const account = writeProtoFields([
      { no: 1, wireType: 2, value: new Uint8Array([1, 2, 3, 4, 5]) },
      { no: 2, wireType: 2, value: new TextEncoder().encode('a') },
    ])
    const payload = writeProtoFields([
      { no: 1, wireType: 2, value: account },
      { no: 2, wireType: 0, value: 1n },
      { no: 3, wireType: 0, value: int32ToVarint(2 ** 31 - 1) },
      { no: 4, wireType: 0, value: 0n },
    ])
    const uri = `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(payload))}`
    const { ms, error } = timed(() => decodeMigrationUri(uri))
    expect(isKeyfobError(error, 'INVALID_MIGRATION')).toBe(true)
    expect(ms).toBeLessThan(FAST_MS)
    // A scanned QR code goes through the same decoder: listed as invalid, nothing pending.
    expect(interpretQrTexts([uri], []).result).toMatchObject({ pendingExport: null, invalid: [expect.stringContaining('QR codes')] })
  })
})
