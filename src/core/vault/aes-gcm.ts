/**
 * The one AEAD used by the vault: AES-256-GCM through WebCrypto, 96-bit random
 * nonces and the 128-bit tag appended to the ciphertext (WebCrypto's layout).
 *
 * Random nonces are safe for up to 2^32 encryptions under one key
 * (NIST SP 800-38D §8.3); a vault is written far fewer times than that.
 */

export const NONCE_BYTES = 12
export const TAG_BYTES = 16
export const KEY_BYTES = 32

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length))
}

/**
 * WebCrypto's `BufferSource` excludes views on a SharedArrayBuffer; copy only in
 * that unlikely case so key bytes are not duplicated needlessly.
 */
function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes)
}

export function importAesKey(raw: Uint8Array, extractable: boolean): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', asBufferSource(raw), { name: 'AES-GCM' }, extractable, ['encrypt', 'decrypt'])
}

export async function gcmEncrypt(
  key: CryptoKey,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const out = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: asBufferSource(nonce), additionalData: asBufferSource(aad), tagLength: 128 },
    key,
    asBufferSource(plaintext),
  )
  return new Uint8Array(out)
}

/**
 * Returns the plaintext, or null when authentication fails (wrong key, or any
 * changed byte in nonce, ciphertext, tag or AAD: GCM cannot tell these apart).
 * Other failures (a key without the `decrypt` usage, say) are programming errors
 * and propagate.
 */
export async function gcmDecrypt(
  key: CryptoKey,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    const out = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: asBufferSource(nonce), additionalData: asBufferSource(aad), tagLength: 128 },
      key,
      asBufferSource(ciphertext),
    )
    return new Uint8Array(out)
  } catch (e) {
    if (e instanceof DOMException && e.name === 'OperationError') return null
    throw e
  }
}
