/**
 * Associated data for the sync format's AES-GCM messages (docs/sync.md, "Associated data").
 * Binding the format, its version and the sync-space id to everything means nothing can be moved
 * between sync spaces, versions or kinds of message; a slot also binds its KDF parameters and the
 * header's creation time, and a record binds its id, version clock and deleted flag, so none of
 * the plaintext around a ciphertext can be edited without its decryption failing.
 *
 * Fields are joined with '|', which none can contain: they are fixed words, decimal integers,
 * lower-case UUIDs, base64, or device ids (printable ASCII without '|', parse-hlc.ts).
 */
import type { StoredArgon2id } from '../vault/envelope.ts'
import type { SyncSpace } from './sync-format.ts'
import { SYNC_FORMAT } from './sync-format.ts'
import type { Hlc } from './sync-state.ts'

const encoder = new TextEncoder()

function aad(space: SyncSpace, fields: readonly (string | number)[]): Uint8Array<ArrayBuffer> {
  return encoder.encode([SYNC_FORMAT, space.version, space.spaceId, ...fields].join('|'))
}

export function passphraseSlotAad(space: SyncSpace, created: number, kdf: StoredArgon2id): Uint8Array<ArrayBuffer> {
  return aad(space, ['slot', 'passphrase', created, kdf.algorithm, kdf.version, kdf.memoryKiB, kdf.iterations, kdf.parallelism, kdf.salt])
}

export function recoverySlotAad(space: SyncSpace, created: number): Uint8Array<ArrayBuffer> {
  return aad(space, ['slot', 'recovery', created])
}

export function recordAad(space: SyncSpace, id: string, version: Hlc, deleted: boolean): Uint8Array<ArrayBuffer> {
  return aad(space, ['record', id, version.wall, version.count, version.device, deleted ? 1 : 0])
}
