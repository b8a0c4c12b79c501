/**
 * Encrypts an Aegis database exactly as Aegis does (Aegis docs/vault.md;
 * backup-formats.md, Aegis): a random 256-bit master key encrypts the UTF-8
 * JSON `db` with AES-256-GCM; one password slot (type 1) wraps the master key
 * with AES-256-GCM under scrypt(password, 32-byte salt, N = 2^15, r = 8, p = 1).
 * Nonces, tags, keys and salts are hex; the ciphertext is base64 *without*
 * its tag, which goes into `header.params.tag`. There is no AAD anywhere.
 *
 * scrypt is @noble/hashes' (RFC 7914, plain JS), not hash-wasm's as in the importers: this runs in
 * the service worker, whose start-up script would otherwise carry hash-wasm's inlined wasm (issue
 * #15). It is slower (≈ 0.7 s against 0.25 s in Node for Aegis' N = 2^15) but yields to other
 * requests while it runs, and this is a one-off export; the round-trip tests import the result
 * with the importers' scrypt.
 */
import { hexEncode } from '../encoding/hex.ts'
import { base64Encode } from '../encoding/base64.ts'
import { scryptAsync } from '@noble/hashes/scrypt.js'
import { gcmEncrypt, importAesKey, KEY_BYTES, NONCE_BYTES, randomBytes, TAG_BYTES } from '../vault/aes-gcm.ts'

/** Aegis' own parameters (`CryptoUtils.CRYPTO_SCRYPT_N/R/P`): 32 MiB of memory. */
const AEGIS_SCRYPT = Object.freeze({ n: 2 ** 15, r: 8, p: 1 })
const AEGIS_SALT_BYTES = 32
const PASSWORD_SLOT = 1
const NO_AAD = new Uint8Array(0)

export interface AegisPasswordSlot {
  type: typeof PASSWORD_SLOT
  uuid: string
  key: string
  key_params: { nonce: string; tag: string }
  n: number
  r: number
  p: number
  salt: string
  /** Aegis writes true once a slot is derived from the UTF-8 password bytes (its issue #95); ours always are. */
  repaired: true
  is_backup: false
}

export interface EncryptedAegisParts {
  header: { slots: AegisPasswordSlot[]; params: { nonce: string; tag: string } }
  db: string
}

/** `password` is hashed as its UTF-8 bytes with no normalisation, as Aegis does. */
export async function encryptAegisDb(dbJson: string, password: string): Promise<EncryptedAegisParts> {
  const master = randomBytes(KEY_BYTES)
  const salt = randomBytes(AEGIS_SALT_BYTES)
  const { n: N, r, p } = AEGIS_SCRYPT
  const kekBytes = await scryptAsync(new TextEncoder().encode(password), salt, { N, r, p, dkLen: KEY_BYTES })
  const plaintext = new TextEncoder().encode(dbJson)
  try {
    const kek = await importAesKey(kekBytes, false)
    const slotNonce = randomBytes(NONCE_BYTES)
    const wrapped = await gcmEncrypt(kek, slotNonce, master, NO_AAD)
    const nonce = randomBytes(NONCE_BYTES)
    const sealed = await gcmEncrypt(await importAesKey(master, false), nonce, plaintext, NO_AAD)
    const [wrappedKey, slotTag] = splitTag(wrapped)
    const [ciphertext, tag] = splitTag(sealed)
    const slot: AegisPasswordSlot = {
      type: PASSWORD_SLOT,
      uuid: crypto.randomUUID(),
      key: hexEncode(wrappedKey),
      key_params: { nonce: hexEncode(slotNonce), tag: hexEncode(slotTag) },
      n: AEGIS_SCRYPT.n,
      r: AEGIS_SCRYPT.r,
      p: AEGIS_SCRYPT.p,
      salt: hexEncode(salt),
      repaired: true,
      is_backup: false,
    }
    return { header: { slots: [slot], params: { nonce: hexEncode(nonce), tag: hexEncode(tag) } }, db: base64Encode(ciphertext) }
  } finally {
    // Best effort, as in the vault.
    master.fill(0)
    kekBytes.fill(0)
    plaintext.fill(0)
  }
}

/** WebCrypto appends the tag; Aegis stores it apart. */
function splitTag(sealed: Uint8Array): [Uint8Array, Uint8Array] {
  const at = sealed.length - TAG_BYTES
  return [sealed.subarray(0, at), sealed.subarray(at)]
}
