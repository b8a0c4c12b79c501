/**
 * The Authenticator browser extension's JSON backups (authenticator.cc;
 * backup-formats.md, Authenticator-Extension): plain, encrypted v8+ (Key
 * records + CryptoJS-encrypted entries) and legacy ≤ v7 (encrypted secrets,
 * optional wrapped data key). Battle.net becomes 8-digit TOTP; `hex`/`hhex`
 * secrets are hexadecimal; GOST algorithms are skipped.
 */
import { KeyfobError } from '../errors.ts'
import type { OtpType } from '../types.ts'
import { decryptText, looksLikeSecret, v7DataKey, v8Passphrase, v8Work, type KeyRecord } from './authenticator-extension-keys.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportedEntry, ImportOptions, ImportResult } from './import-result.ts'
import { checkFileKdfWork } from './kdf-work.ts'
import { asRecord, field, isRecord, optBoolean, optInteger, optString, reqString, type JsonRecord } from './json-fields.ts'
import { MAX_ENTRIES, MAX_KEY_RECORDS } from './limits.ts'
import { entryName, makeEntry } from './make-entry.ts'
import { requirePassword, wrongPassword } from './password.ts'
import { parseJson } from './read-json.ts'

const FORMAT = 'authenticator-extension'

/** One entry record; `decrypted` when it came out of a v8 `EncOTPStorage` (which still says `encrypted: true`). */
interface Raw {
  path: string
  entry: JsonRecord
  index: number
  decrypted: boolean
}

export async function importAuthenticatorExtension(file: JsonRecord, options: ImportOptions): Promise<ImportResult> {
  const ids = Object.keys(file)
  if (ids.length > MAX_ENTRIES) throw new KeyfobError('INVALID_FILE', `The file holds more than ${MAX_ENTRIES} records.`)
  const collector = new ImportCollector(FORMAT)
  const keys = new Map<string, KeyRecord>()
  const sealed: { id: string; keyId: string; data: string; index: number }[] = []
  const raws: Raw[] = []
  for (const id of ids) {
    const value = file[id]
    if (id === 'enc' || id === 'hash' || id === 'key') continue // legacy key record, read below
    if (!isRecord(value)) continue
    const dataType = optString(value, 'dataType', id)
    if (dataType === 'Key') {
      if (keys.size >= MAX_KEY_RECORDS) throw new KeyfobError('INVALID_FILE', `The file holds more than ${MAX_KEY_RECORDS} key records.`)
      keys.set(optString(value, 'id', id) ?? id, { salt: reqString(value, 'salt', id), hash: reqString(value, 'hash', id) })
    } else if (dataType === 'EncOTPStorage') {
      sealed.push({
        id,
        keyId: reqString(value, 'keyId', id),
        data: reqString(value, 'data', id),
        index: optInteger(value, 'index', id) ?? 0,
      })
    } else if (Object.hasOwn(value, 'secret')) {
      raws.push({ path: id, entry: value, index: optInteger(value, 'index', id) ?? 0, decrypted: false })
    } else {
      collector.warn(`A record the importer does not know was ignored (${id.slice(0, 40)}).`)
    }
  }
  const legacy = raws.some((r) => field(r.entry, 'encrypted') === true)
  const password = sealed.length > 0 || legacy ? requirePassword(FORMAT, options) : ''

  // Each key record an entry uses costs two Argon2 runs: bound their sum before the first one.
  const used = [...new Set(sealed.map((s) => s.keyId))].flatMap((keyId) => keys.get(keyId) ?? [])
  checkFileKdfWork(used.map(v8Work), 'key records')
  const passphrases = new Map<string, string>()
  for (const s of sealed) {
    const record = keys.get(s.keyId)
    if (!record) {
      collector.skip(`Entry ${s.id.slice(0, 40)}`, 'Its key record is missing from the file, so it cannot be decrypted.')
      continue
    }
    let passphrase = passphrases.get(s.keyId)
    if (passphrase === undefined) passphrases.set(s.keyId, (passphrase = await v8Passphrase(record, password)))
    const text = await decryptText(s.data, passphrase)
    if (text === null) {
      collector.skip(`Entry ${s.id.slice(0, 40)}`, 'It could not be decrypted although the password is right: the file is damaged.')
      continue
    }
    const path = `${s.id} (decrypted)`
    raws.push({ path, entry: asRecord(parseJson(text, 'A decrypted entry'), path), index: s.index, decrypted: true })
  }

  const secrets = legacy ? await legacySecrets(file, raws, password, collector) : new Map<Raw, string>()
  raws.sort((a, b) => a.index - b.index)
  raws.forEach((raw, i) => {
    const sealedSecret = field(raw.entry, 'encrypted') === true && !raw.decrypted
    const secret = sealedSecret ? secrets.get(raw) : optString(raw.entry, 'secret', raw.path)
    if (secret === undefined) return // already listed as skipped
    readEntry(raw, secret, i, collector)
  })
  return collector.result()
}

/** ≤ v7: secrets encrypted one by one, with a wrapped data key or (v1) the password itself. */
async function legacySecrets(file: JsonRecord, raws: Raw[], password: string, collector: ImportCollector): Promise<Map<Raw, string>> {
  const key = field(file, 'key')
  const record = isRecord(key) ? key : typeof field(file, 'enc') === 'string' ? file : undefined // flattened: bug #557
  const passphrase = record
    ? await v7DataKey({ enc: reqString(record, 'enc', 'key'), hash: optString(record, 'hash', 'key') }, password)
    : password
  const out = new Map<Raw, string>()
  let opened = 0
  let tried = 0
  for (const raw of raws) {
    if (field(raw.entry, 'encrypted') !== true || raw.decrypted) continue
    tried++
    const text = await decryptText(reqString(raw.entry, 'secret', raw.path), passphrase)
    if (text !== null && looksLikeSecret(text)) {
      out.set(raw, text)
      opened++
    } else {
      const name = entryName(optString(raw.entry, 'issuer', raw.path), optString(raw.entry, 'account', raw.path), 0)
      collector.skip(name, 'Its secret could not be decrypted.')
    }
  }
  // Without a key record there is no password check but the secrets themselves.
  if (!record && tried > 0 && opened === 0) throw wrongPassword('authenticator-extension')
  return out
}

function readEntry({ path, entry }: Raw, secretText: string, i: number, collector: ImportCollector): void {
  const issuer = optString(entry, 'issuer', path) ?? ''
  const account = optString(entry, 'account', path) ?? ''
  const name = entryName(issuer, account, i)
  let kind = optString(entry, 'type', path) ?? 'totp'
  let secret = secretText
  const prefix = /^(blz-|bliz-|stm-)/i.exec(secret)
  if (prefix) {
    kind = prefix[1]!.toLowerCase() === 'stm-' ? 'steam' : 'battle'
    secret = secret.slice(prefix[1]!.length)
  }
  const types: Record<string, [OtpType, 'base32' | 'hex']> = {
    totp: ['totp', 'base32'],
    hotp: ['hotp', 'base32'],
    battle: ['totp', 'base32'],
    steam: ['steam', 'base32'],
    hex: ['totp', 'hex'],
    hhex: ['hotp', 'hex'],
  }
  const type = Object.hasOwn(types, kind) ? types[kind] : undefined
  if (type === undefined) {
    collector.skip(name, `Unsupported entry type '${kind.slice(0, 20)}'.`)
    return
  }
  collector.attempt(name, (): ImportedEntry => {
    const battle = kind === 'battle'
    return makeEntry({
      type: type[0],
      secret,
      secretEncoding: type[1],
      algorithm: battle ? 'SHA1' : optString(entry, 'algorithm', path),
      digits: battle ? 8 : optInteger(entry, 'digits', path),
      period: battle ? 30 : optInteger(entry, 'period', path),
      counter: optInteger(entry, 'counter', path),
      issuer,
      account,
      pinned: optBoolean(entry, 'pinned', path) ?? false,
    })
  })
}
