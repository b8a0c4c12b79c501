/**
 * libsodium `crypto_secretstream_xchacha20poly1305` decryption of a single
 * message (init_pull + one pull), the framing Ente Auth uses for encrypted
 * exports (backup-formats.md, Ente Auth). No maintained JS library offers it
 * without bundling all of libsodium, so this is thin glue over
 * @noble/ciphers' HChaCha20, ChaCha20 (IETF) and Poly1305, following
 * libsodium's `crypto_secretstream_xchacha20poly1305.c` step by step:
 *
 *   k     = HChaCha20(key, header[0..16])
 *   nonce = counter (u32 LE, starts at 1) ‖ header[16..24]
 *   mac key = ChaCha20(k, nonce, block 0)[0..32]
 *   tag   = c[0] ⊕ ChaCha20(k, nonce, block 1)[0]
 *   MAC over: AD, pad16, (c[0] ‖ block-1 keystream[1..64]), ciphertext, pad16, le64(adlen), le64(64 + mlen)
 *   message = ciphertext ⊕ ChaCha20(k, nonce, from block 2)
 */
import { chacha20, hchacha } from '@noble/ciphers/chacha.js'
import { Poly1305 } from '@noble/ciphers/_poly1305.js'
import { bytesEqual } from './ciphers.ts'

export const SECRETSTREAM_HEADER_BYTES = 24
/** 1 encrypted tag byte + 16-byte MAC. */
const SECRETSTREAM_ABYTES = 17
/** libsodium's tag of a stream's last message (an ordinary message's tag is 0). */
export const TAG_FINAL = 3

const SIGMA = new TextEncoder().encode('expand 32-byte k')

export interface PulledMessage {
  message: Uint8Array
  tag: number
}

/** Opens the first (here: only) message of a stream; null when authentication fails. */
/** The subkey and first nonce after init (libsodium `init_push`/`init_pull`). */
export function secretstreamInit(key: Uint8Array, header: Uint8Array): { k: Uint8Array; nonce: Uint8Array } {
  const k = hChaCha20(key, header.subarray(0, 16))
  const nonce = new Uint8Array(12)
  nonce[0] = 1 // counter reset: little-endian 1
  nonce.set(header.subarray(16, 24), 4)
  return { k, nonce }
}

/** Poly1305 over the encrypted tag block and the ciphertext, with empty AD. */
export function secretstreamMac(k: Uint8Array, nonce: Uint8Array, tagBlock: Uint8Array, c: Uint8Array): Uint8Array {
  const block0 = chacha20(k, nonce, new Uint8Array(64), undefined, 0)
  const poly = new Poly1305(block0.subarray(0, 32))
  // AD is empty: nothing to hash and no padding.
  poly.update(tagBlock)
  poly.update(c)
  poly.update(new Uint8Array((0x10 - 64 + c.length) & 0xf))
  poly.update(le64(0))
  poly.update(le64(64 + c.length))
  return poly.digest()
}

/** Opens the first (here: only) message of a stream; null when authentication fails. */
export function secretstreamPullFirst(key: Uint8Array, header: Uint8Array, ciphertext: Uint8Array): PulledMessage | null {
  if (key.length !== 32 || header.length !== SECRETSTREAM_HEADER_BYTES || ciphertext.length < SECRETSTREAM_ABYTES) return null
  const { k, nonce } = secretstreamInit(key, header)
  const mlen = ciphertext.length - SECRETSTREAM_ABYTES
  // The tag block: c[0] then keystream block 1 (what push MACs), and the decrypted tag.
  const block1 = new Uint8Array(64)
  block1[0] = ciphertext[0]!
  chacha20(k, nonce, block1, block1, 1)
  const tag = block1[0]
  block1[0] = ciphertext[0]!
  const c = ciphertext.subarray(1, 1 + mlen)
  if (!bytesEqual(secretstreamMac(k, nonce, block1, c), ciphertext.subarray(1 + mlen))) return null
  return { message: chacha20(k, nonce, c, undefined, 2), tag }
}

function hChaCha20(key: Uint8Array, input16: Uint8Array): Uint8Array {
  // noble's hchacha takes native-order word views of the byte strings.
  const words = (bytes: Uint8Array) => new Uint32Array(new Uint8Array(bytes).buffer)
  const out = new Uint32Array(8)
  hchacha(words(SIGMA), words(key), words(input16), out)
  return new Uint8Array(out.buffer)
}

function le64(n: number): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true)
  return out
}
