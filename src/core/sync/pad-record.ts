/**
 * Padding of a record's plaintext, so its stored size says little. The JSON text is padded with
 * spaces (which JSON ignores, as in the vault) to the next power of two from 2 KiB: 2, 4, 8 … 64
 * KiB. An ordinary account is about 1 KiB (its seven clocks alone, each naming a device, are
 * half of it), so 1 KiB would split ordinary accounts by the length of their names; under 2 KiB
 * nearly every record has the same size, and a rename, an issuer's length or a new tag is
 * invisible. Only unusual ones (many tags or sites, a long image URL) reach 4 KiB or more, and
 * powers of two show only the order of magnitude of those. The price is space: at most twice
 * the size, and the browser's sync storage (100 KB) holds about 35 records (docs/sync.md, "Padding").
 */
import { KeyfobError } from '../errors.ts'
import { MAX_RECORD_PLAINTEXT } from './parse-stored-record.ts'

const MIN_BUCKET = 2048
const SPACE = 0x20

/** The smallest bucket that holds `length` bytes. */
function recordBucket(length: number): number {
  let bucket = MIN_BUCKET
  while (bucket < length) bucket *= 2
  return bucket
}

/** `text` as UTF-8, padded with spaces to its bucket; INVALID_PARAMETER past the largest. */
export function padRecord(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new TextEncoder().encode(text)
  if (bytes.length > MAX_RECORD_PLAINTEXT) {
    throw new KeyfobError('INVALID_PARAMETER', `A synced account is ${bytes.length} bytes; at most ${MAX_RECORD_PLAINTEXT} are synced.`)
  }
  const padded = new Uint8Array(recordBucket(bytes.length)).fill(SPACE)
  padded.set(bytes)
  bytes.fill(0)
  return padded
}
