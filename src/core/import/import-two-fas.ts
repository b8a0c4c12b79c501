/**
 * 2FAS `.2fas` backups, schemas 1–4, plain or encrypted (backup-formats.md,
 * 2FAS; 2fas-android `BackupContent.kt`, Aegis `TwoFASImporter`). `name` is
 * the display name and becomes the issuer; groups become tags.
 * Schema 1 has no algorithm/digits/period and schema 2 no token type, so
 * defaults are assumed there and the user is warned.
 */
import { KeyfobError } from '../errors.ts'
import type { OtpType } from '../types.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import { asArray, asRecord, field, optArray, optInteger, optString, reqInteger, reqString, type JsonRecord } from './json-fields.ts'
import { entryName, makeEntry } from './make-entry.ts'
import { requirePassword } from './password.ts'
import { decryptTwoFasServices } from './two-fas-decrypt.ts'

const MAX_SCHEMA = 4
const TYPES: Readonly<Record<string, OtpType>> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' }

export async function importTwoFas(file: JsonRecord, options: ImportOptions): Promise<ImportResult> {
  const schema = reqInteger(file, 'schemaVersion', 'the file')
  if (schema < 1 || schema > MAX_SCHEMA) {
    throw new KeyfobError('UNSUPPORTED_FORMAT', `Unsupported 2FAS schema version ${schema} (Keyfob reads 1 to ${MAX_SCHEMA}).`)
  }
  const encrypted = optString(file, 'servicesEncrypted', 'the file')
  const services = encrypted
    ? asArray(
        await decryptTwoFasServices(encrypted, optString(file, 'reference', 'the file'), requirePassword('two-fas', options)),
        'servicesEncrypted (decrypted)',
      )
    : asArray(field(file, 'services'), 'services')

  const groups = new Map<string, string>()
  optArray(file, 'groups', 'the file')?.forEach((g, i) => {
    const group = asRecord(g, `groups[${i}]`)
    groups.set(reqString(group, 'id', `groups[${i}]`), optString(group, 'name', `groups[${i}]`) ?? '')
  })

  const collector = new ImportCollector('two-fas')
  const noType: string[] = []
  services.forEach((value, i) => {
    const path = `services[${i}]`
    const service = asRecord(value, path)
    const otp = asRecord(field(service, 'otp') ?? {}, `${path}.otp`)
    const issuer = optString(service, 'name', path) || optString(otp, 'issuer', `${path}.otp`) || ''
    const account = optString(otp, 'account', `${path}.otp`) ?? accountFromLabel(optString(otp, 'label', `${path}.otp`), issuer)
    const tokenType = optString(otp, 'tokenType', `${path}.otp`)
    const period = optInteger(otp, 'period', `${path}.otp`)
    const groupId = optString(service, 'groupId', path)
    const name = entryName(issuer, account, i)
    const type = tokenType === undefined ? 'totp' : Object.hasOwn(TYPES, tokenType) ? TYPES[tokenType] : undefined
    if (type === undefined) {
      collector.skip(name, `Unsupported token type '${tokenType!.slice(0, 20)}'.`)
      return
    }
    if (tokenType === undefined && period === undefined && schema >= 2) noType.push(name)
    const tags = groupId !== undefined && groups.get(groupId) ? [groups.get(groupId)!] : []
    if (groupId !== undefined && !groups.has(groupId))
      collector.warn('An entry refers to a group that is not in the file; it was left out.')
    collector.attempt(name, () =>
      makeEntry({
        type,
        secret: optString(service, 'secret', path) ?? '',
        algorithm: optString(otp, 'algorithm', `${path}.otp`),
        digits: optInteger(otp, 'digits', `${path}.otp`),
        period,
        counter: optInteger(otp, 'counter', `${path}.otp`),
        issuer,
        account,
        tags,
      }),
    )
  })
  if (schema === 1 && services.length > 0) {
    collector.warn(
      '2FAS schema 1 backups do not record algorithm, digits or period: every entry was imported as TOTP, SHA1, 6 digits, 30 s.',
    )
  }
  if (noType.length > 0) {
    collector.warn(
      `2FAS schema 2 backups do not record the token type: ${noType.join(', ')} had no period and may have been HOTP (counter-based) in 2FAS; they were imported as TOTP every 30 s. Check their codes.`,
    )
  }
  return collector.result()
}

/** Schema 1 labels are "Issuer:account". */
function accountFromLabel(label: string | undefined, issuer: string): string {
  if (label === undefined) return ''
  return issuer !== '' && label.startsWith(`${issuer}:`) ? label.slice(issuer.length + 1) : label
}
