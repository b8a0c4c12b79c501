/**
 * A text file of `otpauth://` URIs, one per line with a final newline, in the
 * manual order: the plain export of Ente Auth and the text export of Aegis
 * (backup-formats.md, "Format sniffing"), read by nearly every authenticator.
 *
 * Tags and pins travel in Ente's `codeDisplay` parameter (URL-encoded JSON,
 * backup-formats.md, Ente Auth), which Ente writes in its own plain export and
 * Keyfob's importer reads back; other apps ignore an unknown parameter.
 */
import { isKeyfobError } from '../errors.ts'
import type { AccountFields } from '../types.ts'
import { buildOtpauthUri } from '../uri/build-otpauth-uri.ts'
import type { StoredAccount, VaultContent } from '../vault/vault-content.ts'
import { droppedMetadataWarnings } from './dropped-metadata.ts'
import { accountLabel, accountsInOrder, type SkippedExport, type TextExport } from './export-result.ts'

const CODE_DISPLAY = 'codeDisplay'
const DROPPED = new Set(['sites'] as const)

export function exportUriList(content: VaultContent): TextExport {
  const lines: string[] = []
  const skipped: SkippedExport[] = []
  const exported: StoredAccount[] = []
  accountsInOrder(content).forEach((account, index) => {
    try {
      lines.push(buildOtpauthUri(uriFields(account)))
      exported.push(account)
    } catch (e) {
      // The builder refuses what a URI cannot express (a broken character in
      // a name) with a readable reason; anything else is a bug.
      if (!isKeyfobError(e) || e.code === 'INTERNAL') throw e
      skipped.push({ id: account.id, name: accountLabel(account, index), reason: e.message })
    }
  })
  const warnings = droppedMetadataWarnings(exported, 'a list of otpauth URIs', DROPPED)
  const colons = exported.filter((a) => a.account.includes(':')).length
  if (colons > 0) {
    // build-otpauth-uri.ts: other apps would split the name at an encoded colon.
    warnings.push(
      `${colons === 1 ? '1 account name contains' : `${colons} account names contain`} ':', which an otpauth label cannot hold; it is written as '：' (a full-width colon).`,
    )
  }
  return { text: lines.map((line) => `${line}\n`).join(''), skipped, warnings }
}

/**
 * What the URI is built from. T0 only affects TOTP codes, so it is dropped for
 * Steam and HOTP; a TOTP one other than 0 is written as `t0=`. Tags and pins go into
 * `codeDisplay`, replacing one the account may have kept from a pasted Ente URI.
 */
function uriFields(account: StoredAccount): AccountFields {
  const { type, secret, algorithm, digits, period, counter, issuer, image, extra } = account
  const fields: AccountFields = { type, secret, algorithm, digits, period, counter, issuer, account: account.account }
  if (type === 'totp' && account.t0 !== undefined) fields.t0 = account.t0
  if (image !== undefined) fields.image = image
  const display = account.pinned || account.tags.length > 0 ? JSON.stringify({ pinned: account.pinned, tags: account.tags }) : undefined
  if (extra !== undefined || display !== undefined) {
    const merged: Record<string, string> = {}
    for (const [key, value] of Object.entries(extra ?? {})) {
      if (display !== undefined && key === CODE_DISPLAY) continue
      // defineProperty: a key named `__proto__` must stay data (as the parser does).
      Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true })
    }
    if (display !== undefined) merged[CODE_DISPLAY] = display
    fields.extra = merged
  }
  return fields
}
