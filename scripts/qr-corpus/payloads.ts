/** The texts the corpus encodes: what real two-factor setup pages and exports put in QR codes. */
import type { AccountFields } from '../../src/core/types.ts'
import { encodeMigrationPayloads } from '../../src/core/uri/encode-migration-payloads.ts'

/** A typical setup code: 80-bit secret, short label (version 4–5 at level M). */
export const SHORT_OTPAUTH = 'otpauth://totp/ACME:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME'

/** A verbose one: long issuer and account, 256-bit secret, every parameter spelt out (version 9–10 at M). */
export const LONG_OTPAUTH =
  'otpauth://totp/Example%20Corporation%20Cloud%20Services:alice.longname%40mail.example.org' +
  '?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DP' +
  '&issuer=Example%20Corporation%20Cloud%20Services&algorithm=SHA256&digits=8&period=30'

/** Not a two-factor code: a link, as on most QR codes a page shows. */
export const WEB_LINK = 'https://example.com/download/app?ref=qr'

/**
 * Ten accounts with 160-bit secrets in one Google Authenticator export code, as the app makes them (version 17–19 at M).
 * `compact`: 80-bit secrets and short names, so that 50 accounts still fit one code (version 37–40 at M), the densest
 * export a person meets (issue #15: such exports were half of the misses).
 */
export function migrationUri(accounts = 10, compact = false): string {
  const list: AccountFields[] = Array.from({ length: accounts }, (_, i) => ({
    type: 'totp',
    secret: compact ? 'JBSWY3DPEHPK3PXP' : 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0n,
    issuer: compact ? `S${i + 1}` : `Service ${i + 1}`,
    account: compact ? `u${i + 1}@x.io` : `user${i + 1}@example.com`,
  }))
  const { uris } = encodeMigrationPayloads(list, { maxAccounts: accounts, maxBytes: 4000, batchId: 12345 })
  if (uris.length !== 1 || uris[0] === undefined) throw new Error(`expected one export URI, got ${uris.length}`)
  return uris[0]
}
