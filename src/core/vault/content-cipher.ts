/**
 * Encrypting and decrypting the content under the master key.
 *
 * The plaintext is the content's UTF-8 JSON padded with spaces (which JSON
 * ignores) to a multiple of PAD_BYTES, so the stored size shows roughly how big
 * the vault is but not, say, whether one account was renamed.
 */
import { KeyfobError } from '../errors.ts'
import { contentAad } from './aad.ts'
import { gcmDecrypt, gcmEncrypt, NONCE_BYTES, randomBytes } from './aes-gcm.ts'
import { base64ToBytes, bytesToBase64 } from './base64.ts'
import type { VaultEnvelope } from './envelope.ts'
import { ENVELOPE_VERSION } from './envelope.ts'

const PAD_BYTES = 1024
const SPACE = 0x20

export async function encryptContent(masterKey: CryptoKey, json: string): Promise<Pick<VaultEnvelope, 'nonce' | 'ciphertext'>> {
  const text = new TextEncoder().encode(json)
  const padded = new Uint8Array(Math.max(1, Math.ceil(text.length / PAD_BYTES)) * PAD_BYTES).fill(SPACE)
  padded.set(text)
  const nonce = randomBytes(NONCE_BYTES)
  const ciphertext = await gcmEncrypt(masterKey, nonce, padded, contentAad(ENVELOPE_VERSION))
  return { nonce: bytesToBase64(nonce), ciphertext: bytesToBase64(ciphertext) }
}

/** The content's JSON text, or null when the master key does not authenticate it. */
export async function decryptContent(envelope: VaultEnvelope, masterKey: CryptoKey): Promise<string | null> {
  const nonce = base64ToBytes(envelope.nonce)
  const ciphertext = base64ToBytes(envelope.ciphertext)
  if (nonce === null || ciphertext === null) {
    throw new KeyfobError('VAULT_CORRUPT', 'Stored vault: nonce or ciphertext is not valid base64.')
  }
  const plain = await gcmDecrypt(masterKey, nonce, ciphertext, contentAad(envelope.version))
  if (plain === null) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain)
  } catch (e) {
    throw new KeyfobError('VAULT_CORRUPT', 'Vault content is not valid UTF-8.', { cause: e })
  }
}
