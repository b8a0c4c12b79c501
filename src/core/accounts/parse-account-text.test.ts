import { describe, expect, it } from 'vitest'
import { encodeMigrationPayloads } from '../uri/encode-migration-payloads.ts'
import { parseAccountText } from './parse-account-text.ts'

const A = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'
const B = 'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=7&issuer=Bank'

describe('parseAccountText', () => {
  it('reads one link', () => {
    expect(parseAccountText(`  ${A}\n`)).toMatchObject([{ issuer: 'Example', account: 'alice@example.com', type: 'totp' }])
  })

  it('reads many links and a migration export together', () => {
    const { uris } = encodeMigrationPayloads([
      { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0n, issuer: 'Mig', account: 'm' },
    ])
    const all = parseAccountText(`${A}\n${B} ${uris[0]}`)
    expect(all.map((a) => a.issuer)).toEqual(['Example', 'Bank', 'Mig'])
    expect(all[1]).toMatchObject({ type: 'hotp', counter: 7n })
    expect(all[2]).not.toHaveProperty('name')
  })

  it('names the bad link and adds nothing', () => {
    expect(() => parseAccountText(`${A}\notpauth://totp/X?secret=JBSWY3DPEHPK3PX1`)).toThrowError(
      expect.objectContaining({ code: 'INVALID_SECRET', message: expect.stringMatching(/^Link 2 of 2: .*'1'/) as unknown }),
    )
  })

  it('explains an empty paste', () => {
    expect(() => parseAccountText(' \n ')).toThrowError(expect.objectContaining({ code: 'INVALID_URI' }))
  })

  it('rejects text that is not a link', () => {
    expect(() => parseAccountText('hello')).toThrowError(expect.objectContaining({ code: 'INVALID_URI' }))
  })
})
