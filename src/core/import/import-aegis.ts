/**
 * Aegis vault exports, plain or password-encrypted, db versions 1–3
 * (backup-formats.md, Aegis; Aegis `VaultEntry.java`, `Vault.java`).
 * Groups become tags (v2: `group` name, v3: `groups` uuids), `favorite`
 * becomes pinned; mOTP and Yandex entries are skipped.
 */
import { KeyfobError } from '../errors.ts'
import type { OtpType } from '../types.ts'
import { decryptAegisDb } from './aegis-decrypt.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import { asArray, asRecord, field, optArray, optBoolean, optInteger, optString, reqString, type JsonRecord } from './json-fields.ts'
import { entryName, makeEntry } from './make-entry.ts'
import { requirePassword } from './password.ts'

const TYPES: Readonly<Record<string, OtpType>> = { totp: 'totp', hotp: 'hotp', steam: 'steam', motp: 'motp', yandex: 'yandex' }
const UNSUPPORTED: Readonly<Record<string, string>> = {
  motp: 'mOTP (MD5, PIN-based) is not supported by Keyfob.',
  yandex: 'Yandex Key (PIN-based) is not supported by Keyfob.',
}

export async function importAegis(file: JsonRecord, options: ImportOptions): Promise<ImportResult> {
  const version = field(file, 'version')
  if (version !== 1) {
    throw new KeyfobError('UNSUPPORTED_FORMAT', `Unsupported Aegis file version ${JSON.stringify(version)?.slice(0, 20)} (expected 1).`)
  }
  const header = asRecord(field(file, 'header'), 'header')
  const rawDb = field(file, 'db')
  const db = asRecord(typeof rawDb === 'string' ? await decryptAegisDb(header, rawDb, requirePassword('aegis', options)) : rawDb, 'db')
  return readDb(db)
}

function readDb(db: JsonRecord): ImportResult {
  const version = optInteger(db, 'version', 'db') ?? 1
  if (version < 1 || version > 3) {
    throw new KeyfobError('UNSUPPORTED_FORMAT', `Unsupported Aegis database version ${version} (Keyfob reads 1 to 3).`)
  }
  const groups = new Map<string, string>()
  optArray(db, 'groups', 'db')?.forEach((g, i) => {
    const group = asRecord(g, `db.groups[${i}]`)
    groups.set(reqString(group, 'uuid', `db.groups[${i}]`), reqString(group, 'name', `db.groups[${i}]`))
  })
  const collector = new ImportCollector('aegis')
  let icons = 0
  asArray(field(db, 'entries'), 'db.entries').forEach((value, i) => {
    const path = `db.entries[${i}]`
    const entry = asRecord(value, path)
    const type = reqString(entry, 'type', path)
    const issuer = optString(entry, 'issuer', path) ?? ''
    const account = optString(entry, 'name', path) ?? ''
    const info = asRecord(field(entry, 'info'), `${path}.info`)
    const tags = readTags(entry, path, groups, collector)
    const pinned = optBoolean(entry, 'favorite', path) ?? false
    const note = optString(entry, 'note', path)
    const secret = optString(info, 'secret', `${path}.info`)
    const algorithm = optString(info, 'algo', `${path}.info`)
    const digits = optInteger(info, 'digits', `${path}.info`)
    const period = optInteger(info, 'period', `${path}.info`)
    const counter = optInteger(info, 'counter', `${path}.info`)
    if (optString(entry, 'icon', path)) icons++
    const name = entryName(issuer, account, i)
    const otpType = Object.hasOwn(TYPES, type) ? TYPES[type] : undefined
    if (otpType === undefined) {
      collector.skip(name, Object.hasOwn(UNSUPPORTED, type) ? UNSUPPORTED[type]! : `Unsupported entry type '${type.slice(0, 20)}'.`)
      return
    }
    if (otpType === 'steam' && period !== undefined && period !== 30) {
      collector.warn(`${name}: Steam codes always change every 30 seconds; the stored period of ${period} s was not used.`)
    }
    collector.attempt(name, () =>
      makeEntry({
        type: otpType,
        secret: secret ?? '',
        algorithm,
        digits,
        period,
        counter,
        issuer,
        account,
        tags,
        pinned,
        note,
        pin: optString(info, 'pin', `${path}.info`),
      }),
    )
  })
  if (icons > 0) collector.warn(`${icons} custom icon(s) were not imported: Keyfob does not store icons.`)
  return collector.result()
}

function readTags(entry: JsonRecord, path: string, groups: Map<string, string>, collector: ImportCollector): string[] {
  const tags: string[] = []
  const group = optString(entry, 'group', path) // db v2
  if (group) tags.push(group)
  optArray(entry, 'groups', path)?.forEach((id, j) => {
    if (typeof id !== 'string') throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}.groups[${j}]' must be text.`)
    const groupName = groups.get(id)
    if (groupName === undefined) collector.warn(`An entry refers to a group that is not in the file (${id.slice(0, 40)}); it was left out.`)
    else tags.push(groupName)
  })
  return tags
}
