/**
 * Thin WebCrypto wrappers for importers. Decryption returns null on
 * authentication or padding failure, which callers report as WRONG_PASSWORD
 * or as a corrupted file depending on what was already verified.
 */

function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes)
}

/** AES-256-GCM, 128-bit tag appended to the ciphertext (WebCrypto's layout). */
export async function aesGcmDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertextAndTag: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array | null> {
  if (key.length !== 32 || iv.length === 0 || ciphertextAndTag.length < 16) return null
  const k = await crypto.subtle.importKey('raw', buf(key), 'AES-GCM', false, ['decrypt'])
  try {
    const params: AesGcmParams = { name: 'AES-GCM', iv: buf(iv), tagLength: 128 }
    if (aad) params.additionalData = buf(aad)
    return new Uint8Array(await crypto.subtle.decrypt(params, k, buf(ciphertextAndTag)))
  } catch {
    return null
  }
}

/** AES-256-CBC with PKCS#7 padding; null when the padding is wrong. */
export async function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array | null> {
  if (key.length !== 32 || iv.length !== 16 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null
  const k = await crypto.subtle.importKey('raw', buf(key), 'AES-CBC', false, ['decrypt'])
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: buf(iv) }, k, buf(ciphertext)))
  } catch {
    return null
  }
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buf(data)))
}

/** Compares byte strings without an early exit (MAC checks). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
