/**
 * Password-based key derivation for importers, each bounded by limits.ts
 * *before* it runs: a backup's KDF parameters are attacker-controlled, and a
 * crafted file must fail in microseconds, not allocate gigabytes.
 * PBKDF2 comes from WebCrypto; scrypt and Argon2id from hash-wasm (WASM).
 */
import { argon2id, argon2Verify, scrypt } from 'hash-wasm'
import { KeyfobError } from '../errors.ts'
import {
  MAX_ARGON2_ITERATIONS,
  MAX_ARGON2_MEMORY_KIB,
  MAX_ARGON2_PARALLELISM,
  MAX_ARGON2_WORK_KIB,
  MAX_PBKDF2_ITERATIONS,
  MAX_SALT_BYTES,
  MAX_SCRYPT_MEMORY_BYTES,
  MAX_SCRYPT_N,
  MAX_SCRYPT_P,
  MAX_SCRYPT_R,
  MAX_SCRYPT_WORK_BYTES,
} from './limits.ts'
import { argon2Work, pbkdf2Work, scryptWork } from './kdf-work.ts'

const encoder = new TextEncoder()

/** A key derivation about to run, after its parameters passed the bounds. */
export interface KdfStart {
  name: 'PBKDF2' | 'scrypt' | 'Argon2id'
  /** In kdf-work.ts units (about 1 µs each on a desktop). */
  work: number
  /** The memory it needs. */
  memoryBytes: number
}

let observer: ((start: KdfStart) => void) | undefined

/**
 * Lets the context that runs the importers (the import page's worker) see
 * each derivation before it starts: to show progress with an estimate, or to
 * refuse one the device cannot hold by throwing. One observer at a time.
 */
export function observeKdf(fn: ((start: KdfStart) => void) | undefined): void {
  observer = fn
}

/**
 * Foreign formats hash the password's UTF-8 bytes as typed (no Unicode
 * normalisation, unlike Keyfob's own vault), so they must be passed through as is.
 */
export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text)
}

function refuse(what: string): never {
  throw new KeyfobError('INVALID_FILE', `The file asks for ${what}; refusing to run the key derivation.`)
}

function checkSalt(salt: Uint8Array): void {
  if (salt.length > MAX_SALT_BYTES) refuse(`a ${salt.length}-byte salt (the limit is ${MAX_SALT_BYTES})`)
}

export function checkPbkdf2(iterations: number): void {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    refuse(`PBKDF2 with ${iterations} iterations (allowed: 1 to ${MAX_PBKDF2_ITERATIONS})`)
  }
}

export async function pbkdf2(
  password: string,
  salt: Uint8Array,
  iterations: number,
  hash: 'SHA-1' | 'SHA-256' | 'SHA-512',
  bytes = 32,
): Promise<Uint8Array<ArrayBuffer>> {
  checkPbkdf2(iterations)
  checkSalt(salt)
  observer?.({ name: 'PBKDF2', work: pbkdf2Work(iterations), memoryBytes: 0 })
  const base = await crypto.subtle.importKey('raw', utf8Bytes(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt: new Uint8Array(salt), iterations }, base, bytes * 8)
  return new Uint8Array(bits)
}

export interface ScryptParams {
  n: number
  r: number
  p: number
}

export function checkScrypt({ n, r, p }: ScryptParams): void {
  const int = (v: number, max: number) => Number.isSafeInteger(v) && v >= 1 && v <= max
  // N must be a power of two greater than 1 (RFC 7914 §2).
  if (!int(n, MAX_SCRYPT_N) || n < 2 || (n & (n - 1)) !== 0) refuse(`scrypt N=${n} (allowed: powers of two up to ${MAX_SCRYPT_N})`)
  if (!int(r, MAX_SCRYPT_R)) refuse(`scrypt r=${r} (allowed: 1 to ${MAX_SCRYPT_R})`)
  if (!int(p, MAX_SCRYPT_P)) refuse(`scrypt p=${p} (allowed: 1 to ${MAX_SCRYPT_P})`)
  const memory = 128 * n * r
  if (memory > MAX_SCRYPT_MEMORY_BYTES) refuse(`scrypt with ${memory} bytes of memory (the limit is ${MAX_SCRYPT_MEMORY_BYTES})`)
  if (memory * p > MAX_SCRYPT_WORK_BYTES) refuse(`scrypt work 128·N·r·p = ${memory * p} (the limit is ${MAX_SCRYPT_WORK_BYTES})`)
}

export async function scryptKey(password: string, salt: Uint8Array, params: ScryptParams, bytes = 32): Promise<Uint8Array> {
  checkScrypt(params)
  checkSalt(salt)
  observer?.({ name: 'scrypt', work: scryptWork(params), memoryBytes: 128 * params.n * params.r })
  return runWasm('scrypt', () =>
    scrypt({
      password: utf8Bytes(password),
      salt,
      costFactor: params.n,
      blockSize: params.r,
      parallelism: params.p,
      hashLength: bytes,
      outputType: 'binary',
    }),
  )
}

export interface Argon2Params {
  /** KiB (Argon2's m). */
  memoryKiB: number
  iterations: number
  parallelism: number
}

export function checkArgon2({ memoryKiB: m, iterations: t, parallelism: p }: Argon2Params): void {
  const int = (v: number, min: number, max: number) => Number.isSafeInteger(v) && v >= min && v <= max
  if (!int(p, 1, MAX_ARGON2_PARALLELISM)) refuse(`Argon2 parallelism ${p} (allowed: 1 to ${MAX_ARGON2_PARALLELISM})`)
  if (!int(t, 1, MAX_ARGON2_ITERATIONS)) refuse(`Argon2 with ${t} passes (allowed: 1 to ${MAX_ARGON2_ITERATIONS})`)
  // RFC 9106 §3.1: m ≥ 8·p KiB.
  if (!int(m, 8 * p, MAX_ARGON2_MEMORY_KIB)) refuse(`Argon2 with ${m} KiB of memory (allowed: ${8 * p} to ${MAX_ARGON2_MEMORY_KIB})`)
  if (m * t > MAX_ARGON2_WORK_KIB) refuse(`Argon2 work memory × passes = ${m * t} KiB (the limit is ${MAX_ARGON2_WORK_KIB})`)
}

export async function argon2idKey(password: string | Uint8Array, salt: Uint8Array, params: Argon2Params, bytes = 32): Promise<Uint8Array> {
  checkArgon2(params)
  checkSalt(salt)
  // hash-wasm requires salts of at least 8 bytes, as RFC 9106 §3.1 does.
  if (salt.length < 8) throw new KeyfobError('INVALID_FILE', `The Argon2 salt is too short (${salt.length} bytes).`)
  observer?.({ name: 'Argon2id', work: argon2Work(params), memoryBytes: params.memoryKiB * 1024 })
  return runWasm('Argon2id', () =>
    argon2id({
      password: typeof password === 'string' ? utf8Bytes(password) : password,
      salt,
      iterations: params.iterations,
      parallelism: params.parallelism,
      memorySize: params.memoryKiB,
      hashLength: bytes,
      outputType: 'binary',
    }),
  )
}

const PHC = /^\$argon2id\$v=19\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,10})\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{11,})$/

/** The parameters of an Argon2id v1.3 PHC string; INVALID_FILE unless it is one, with bounded parameters. */
export function checkArgon2idPhc(hash: string): Argon2Params {
  const m = PHC.exec(hash)
  if (!m) throw new KeyfobError('INVALID_FILE', 'Invalid file: the key check is not an Argon2id v1.3 PHC hash.')
  const params = { memoryKiB: Number(m[1]), iterations: Number(m[2]), parallelism: Number(m[3]) }
  checkArgon2(params)
  return params
}

/**
 * Checks `password` against an Argon2id PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`)
 * after bounding the parameters it names.
 */
export async function verifyArgon2idPhc(hash: string, password: string): Promise<boolean> {
  const params = checkArgon2idPhc(hash)
  observer?.({ name: 'Argon2id', work: argon2Work(params), memoryBytes: params.memoryKiB * 1024 })
  return runWasm('Argon2id', () => argon2Verify({ password: utf8Bytes(password), hash }))
}

/** hash-wasm throws plain Errors (e.g. when WebAssembly memory cannot grow). */
async function runWasm<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (cause) {
    throw new KeyfobError('INTERNAL', `${what} failed (the browser may not have enough memory for it).`, { cause })
  }
}
