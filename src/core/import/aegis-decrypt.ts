/**
 * Decrypts an encrypted Aegis vault (Aegis docs/vault.md; backup-formats.md,
 * Aegis): each password slot wraps the 32-byte master key with AES-256-GCM
 * under scrypt(password, salt, N, r, p); the master key then opens `db`.
 */
import { concatBytes } from '../encoding/concat-bytes.ts'
import { KeyfobError } from '../errors.ts'
import { aesGcmDecrypt } from './ciphers.ts'
import { asArray, asRecord, decodeBase64Field, decodeHexField, reqInteger, reqString, type JsonRecord } from './json-fields.ts'
import { MAX_KEY_RECORDS } from './limits.ts'
import { checkScrypt, scryptKey, type ScryptParams } from './kdf.ts'
import { checkFileKdfWork, scryptWork } from './kdf-work.ts'
import { wrongPassword } from './password.ts'
import { decodeText, parseJson } from './read-json.ts'

const PASSWORD_SLOT = 1

interface PasswordSlot {
  params: ScryptParams
  salt: Uint8Array
  /** Wrapped master key ‖ tag. */
  key: Uint8Array
  nonce: Uint8Array
}

export async function decryptAegisDb(header: JsonRecord, db: string, password: string): Promise<unknown> {
  const slots = readPasswordSlots(header)
  // A wrong password runs scrypt for every slot: bound their sum, not only each one.
  checkFileKdfWork(
    slots.map((s) => scryptWork(s.params)),
    'password slots',
  )
  const params = asRecord(header['params'], 'header.params')
  const nonce = decodeHexField(reqString(params, 'nonce', 'header.params'), 'header.params.nonce', 12)
  const tag = decodeHexField(reqString(params, 'tag', 'header.params'), 'header.params.tag', 16)
  const ciphertext = decodeBase64Field(db, 'db')

  let master: Uint8Array | null = null
  // Aegis tries slots in order; the first that authenticates wins.
  for (const slot of slots) {
    const kek = await scryptKey(password, slot.salt, slot.params)
    master = await aesGcmDecrypt(kek, slot.nonce, slot.key)
    if (master !== null) break
  }
  if (master === null) throw wrongPassword('aegis')
  if (master.length !== 32) throw new KeyfobError('INVALID_FILE', 'Invalid file: the Aegis master key is not 32 bytes.')
  const plain = await aesGcmDecrypt(master, nonce, concatBytes(ciphertext, tag))
  if (plain === null) {
    throw new KeyfobError('INVALID_FILE', 'The Aegis vault opened, but its contents fail authentication: the file is damaged.')
  }
  return parseJson(decodeText(plain, 'The decrypted Aegis vault'), 'The decrypted Aegis vault')
}

/** All password slots, every one bounded before any scrypt runs. */
function readPasswordSlots(header: JsonRecord): PasswordSlot[] {
  const list = asArray(header['slots'], 'header.slots', MAX_KEY_RECORDS)
  const slots: PasswordSlot[] = []
  list.forEach((value, i) => {
    const path = `header.slots[${i}]`
    const slot = asRecord(value, path)
    if (reqInteger(slot, 'type', path) !== PASSWORD_SLOT) return // raw or biometric (device-bound)
    const params = { n: reqInteger(slot, 'n', path), r: reqInteger(slot, 'r', path), p: reqInteger(slot, 'p', path) }
    checkScrypt(params)
    const keyParams = asRecord(slot['key_params'], `${path}.key_params`)
    slots.push({
      params,
      salt: decodeHexField(reqString(slot, 'salt', path), `${path}.salt`),
      key: concatBytes(
        decodeHexField(reqString(slot, 'key', path), `${path}.key`, 32),
        decodeHexField(reqString(keyParams, 'tag', `${path}.key_params`), `${path}.key_params.tag`, 16),
      ),
      nonce: decodeHexField(reqString(keyParams, 'nonce', `${path}.key_params`), `${path}.key_params.nonce`, 12),
    })
  })
  if (slots.length === 0) {
    throw new KeyfobError(
      'UNSUPPORTED_FORMAT',
      'This Aegis vault has no password slot (only biometric or raw keys, which stay on the phone). Export it again with a password.',
    )
  }
  return slots
}
