/**
 * Whether this browser can give a key derivation the memory a file asks for,
 * checked before it runs (Ente's exports ask for up to 1 GiB of Argon2
 * memory). Refused: NOT_ENOUGH_MEMORY with the MiB, instead of a derivation
 * that fails after seconds or takes the tab down.
 */
import { KeyfobError } from '../core/errors.ts'

/** Below this, every browser Keyfob runs in can hold it. */
const ALWAYS_FITS_BYTES = 64 * 1024 * 1024
const WASM_PAGE = 64 * 1024

/**
 * `deviceMemoryGiB` is navigator.deviceMemory (Chromium; rounded down, at most 8):
 * a derivation may take at most half of it. `reserve` tries to reserve the
 * memory as WebAssembly does (it throws a RangeError when it cannot).
 */
export function checkKdfMemory(
  bytes: number,
  deviceMemoryGiB: number | undefined,
  reserve: (pages: number) => unknown = (pages) => new WebAssembly.Memory({ initial: pages, maximum: pages }),
): void {
  if (bytes <= ALWAYS_FITS_BYTES) return
  const mib = String(Math.ceil(bytes / 2 ** 20))
  const refuse = (cause?: unknown) =>
    new KeyfobError('NOT_ENOUGH_MEMORY', `The key derivation needs ${mib} MiB of memory, more than this browser can give.`, {
      values: [mib],
      cause,
    })
  if (deviceMemoryGiB !== undefined && bytes > (deviceMemoryGiB * 2 ** 30) / 2) throw refuse()
  try {
    reserve(Math.ceil(bytes / WASM_PAGE) + 16) // hash-wasm's own code and stack on top
  } catch (cause) {
    throw refuse(cause)
  }
}
