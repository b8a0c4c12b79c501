/**
 * Bitwarden's `login.totp` / `login_totp` value (backup-formats.md, Bitwarden;
 * Bitwarden `TotpService`): an otpauth:// URI, `steam://<b32>`, or a bare
 * base32 key (TOTP, SHA1, 6 digits, 30 s). Bitwarden has no issuer field, so a
 * missing issuer comes from the item name and a missing account from the
 * username.
 */
import { parseOtpauthUri } from '../uri/parse-otpauth-uri.ts'
import type { ImportedEntry } from './import-result.ts'
import { entryFromUri, makeEntry, type EntryMeta } from './make-entry.ts'

export interface BitwardenItem extends EntryMeta {
  totp: string
  name: string
  username: string
}

export function bitwardenEntry(item: BitwardenItem): ImportedEntry {
  const totp = item.totp.trim()
  const meta: EntryMeta = { tags: item.tags, pinned: item.pinned, note: item.note }
  if (/^steam:\/\//i.test(totp)) {
    // The parser names steam:// entries "Steam"; the item name is what the user chose.
    const parsed = parseOtpauthUri(totp)
    return entryFromUri({ ...parsed, issuer: item.name || parsed.issuer, account: item.username }, meta)
  }
  if (/^otpauth:\/\//i.test(totp)) {
    const parsed = parseOtpauthUri(totp)
    return entryFromUri({ ...parsed, issuer: parsed.issuer || item.name, account: parsed.account || item.username }, meta)
  }
  return makeEntry({ type: 'totp', secret: totp, issuer: item.name, account: item.username, ...meta })
}
