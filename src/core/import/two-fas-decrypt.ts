/**
 * 2FAS backup encryption (backup-formats.md, 2FAS; 2fas-android
 * `BackupContent.kt`): `b64(ciphertext‖tag):b64(salt):b64(iv)`, key =
 * PBKDF2-HMAC-SHA256(password, salt, 10 000, 32), AES-256-GCM without AAD.
 * `reference` is the same scheme over a fixed public string, so a wrong
 * password is recognised before the services are touched.
 */
import { KeyfobError } from '../errors.ts'
import { aesGcmDecrypt } from './ciphers.ts'
import { decodeBase64Field } from './json-fields.ts'
import { pbkdf2 } from './kdf.ts'
import { wrongPassword } from './password.ts'
import { decodeText, parseJson } from './read-json.ts'

const ITERATIONS = 10_000
/** 2fas-android `BackupContent.Reference`, verified against all four encrypted samples. */
export const TWO_FAS_REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd'

interface Sealed {
  ciphertext: Uint8Array
  salt: Uint8Array
  iv: Uint8Array
}

function readSealed(text: string, path: string): Sealed {
  const parts = text.split(':')
  if (parts.length !== 3) throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}' must have three ':'-separated parts.`)
  return {
    ciphertext: decodeBase64Field(parts[0]!, `${path} (ciphertext)`),
    salt: decodeBase64Field(parts[1]!, `${path} (salt)`),
    iv: decodeBase64Field(parts[2]!, `${path} (IV)`, 12),
  }
}

export async function decryptTwoFasServices(servicesEncrypted: string, reference: string | undefined, password: string): Promise<unknown> {
  const services = readSealed(servicesEncrypted, 'servicesEncrypted')
  const ref = reference === undefined ? undefined : readSealed(reference, 'reference')
  const keys = new Map<string, Uint8Array>()
  const keyFor = async (salt: Uint8Array) => {
    const id = salt.join(',')
    let key = keys.get(id)
    if (!key) keys.set(id, (key = await pbkdf2(password, salt, ITERATIONS, 'SHA-256')))
    return key
  }
  if (ref) {
    const plain = await aesGcmDecrypt(await keyFor(ref.salt), ref.iv, ref.ciphertext)
    if (plain === null) throw wrongPassword('two-fas')
    if (new TextDecoder().decode(plain) !== TWO_FAS_REFERENCE) {
      throw new KeyfobError('INVALID_FILE', "The 2FAS backup's password check decrypts to an unexpected value.")
    }
  }
  const plain = await aesGcmDecrypt(await keyFor(services.salt), services.iv, services.ciphertext)
  if (plain === null) {
    if (ref) throw new KeyfobError('INVALID_FILE', 'The password is right, but the 2FAS services fail authentication: the file is damaged.')
    throw wrongPassword('two-fas')
  }
  return parseJson(decodeText(plain, 'The decrypted 2FAS services'), 'The decrypted 2FAS services')
}
