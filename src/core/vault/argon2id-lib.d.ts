// The `argon2id` package's Argon2id core (lib/argon2id.js), which ships no types of its own:
// argon2id.ts sets up its wasm instance and memory (the package's lib/setup.js does the same).
declare module 'argon2id/lib/argon2id.js' {
  import type { Argon2idParams } from 'argon2id/lib/setup.js'
  export default function argon2id(params: Argon2idParams, wasm: { memory: WebAssembly.Memory; instance: WebAssembly.Instance }): Uint8Array
}
