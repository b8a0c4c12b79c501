/**
 * Argon2id (RFC 9106) whose WebAssembly is a packaged file read on first use (issue #15).
 *
 * Why: hash-wasm inlines its wasm as base64, 52 KB of the service worker's start-up script, and an
 * MV3 service worker cannot load code lazily. The `argon2id` package (openpgpjs, MIT) takes its
 * wasm (4 KB, with a SIMD and a plain build) from whoever sets it up: here, from the extension's
 * files (vite.config.ts packages them at its root), or from node_modules on disk under Node (unit
 * tests, benchmarks). The output is the same as any correct Argon2id: the KDF vectors in the tests.
 *
 * The instance and its memory are set up here rather than by the package's lib/setup.js, which
 * grows the memory to m' (m rounded down to a multiple of 4·p) blocks but then views m blocks:
 * with many lanes and an m that is not such a multiple, that view can overrun the memory (a
 * RangeError hash-wasm does not have). Growing to m blocks plus room for the package's own
 * buffers first avoids it.
 */
import computeArgon2id from 'argon2id/lib/argon2id.js'

/** The wasm builds, by their name in the built extension (vite.config.ts) and in the package. */
export const ARGON2ID_WASM = [
  { file: 'argon2id-simd.wasm', packaged: 'argon2id/dist/simd.wasm' },
  { file: 'argon2id-no-simd.wasm', packaged: 'argon2id/dist/no-simd.wasm' },
] as const

type Wasm = (typeof ARGON2ID_WASM)[number]

/** Node's own modules without importing them (core runs in the browser too): undefined in a browser. */
const nodeBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule

/** The bytes of one wasm build: the extension's own file, or (under Node) the package's on disk. */
async function readWasm(wasm: Wasm): Promise<ArrayBuffer> {
  if (nodeBuiltin) {
    const { createRequire } = nodeBuiltin('node:module') as typeof import('node:module')
    const { readFile } = nodeBuiltin('node:fs/promises') as typeof import('node:fs/promises')
    return new Uint8Array(await readFile(createRequire(import.meta.url).resolve(wasm.packaged))).buffer
  }
  // Every extension context (service worker, event page, pages, their workers) has the extension's origin.
  const response = await fetch(new URL(`/${wasm.file}`, globalThis.location.href))
  if (!response.ok) throw new Error(`${wasm.file}: HTTP ${response.status}`)
  return response.arrayBuffer()
}

const WASM_PAGE = 64 * 1024
/** The smallest memory the package's wasm accepts (its memory import's minimum). */
const WASM_MIN_PAGES = 1040
/** The package's own buffers in front of the blocks (three blocks, a zero block, a few words): 10 KiB by its count. */
const SCRATCH_BYTES = 64 * 1024

let compiled: Promise<WebAssembly.Module> | null = null

/** Compiles the wasm once (SIMD where the engine has it, else the plain build); a failure is reported and retried next time. */
function argon2idModule(): Promise<WebAssembly.Module> {
  const [simd, plain] = ARGON2ID_WASM
  compiled ??= (async () => {
    try {
      return await WebAssembly.compile(await readWasm(simd))
    } catch {
      return await WebAssembly.compile(await readWasm(plain))
    }
  })().catch((e: unknown) => {
    compiled = null
    throw e
  })
  return compiled
}

export interface Argon2idInput {
  password: Uint8Array
  salt: Uint8Array
  iterations: number
  parallelism: number
  memoryKiB: number
  hashLength: number
}

/**
 * The Argon2id tag (version 0x13) of `password` and `salt`; throws plain Errors as the package does.
 *
 * Each derivation has a memory of its own, zeroed before it is let go. The package clears only its
 * own buffers, not the blocks (RFC 9106 §3.2: the tag is H' of the XOR of each lane's last block),
 * so a memory kept for the next derivation held what recomputes this one's tag, the key that opens
 * the vault, for as long as the worker lived, locked or not. It also kept 65 MiB in the worker.
 */
export async function argon2id(input: Argon2idInput): Promise<Uint8Array> {
  const module = await argon2idModule()
  // m blocks plus the package's own buffers (it lays both out from the start), and at least the 1040 pages (65 MiB) its
  // wasm declares (untouched pages cost no memory); at most 4 GiB.
  const used = input.memoryKiB * 1024 + SCRATCH_BYTES
  const pages = Math.max(WASM_MIN_PAGES, Math.ceil(used / WASM_PAGE))
  const memory = new WebAssembly.Memory({ initial: pages, maximum: 65536 })
  try {
    const instance = await WebAssembly.instantiate(module, { env: { memory } })
    return computeArgon2id(
      {
        password: input.password,
        salt: input.salt,
        passes: input.iterations,
        parallelism: input.parallelism,
        memorySize: input.memoryKiB,
        tagLength: input.hashLength,
      },
      { memory, instance },
    )
  } finally {
    // What it wrote, through the buffer it has now (growing the memory replaces it); the rest was never touched.
    new Uint8Array(memory.buffer, 0, Math.min(used, memory.buffer.byteLength)).fill(0)
  }
}
