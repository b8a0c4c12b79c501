/**
 * Pass-through spies on hash-wasm's key derivations (test support only). They
 * still derive, so a test observes that a refusal came before any derivation
 * instead of timing it, whatever the machine's speed. vi.mock is hoisted per
 * test file, so each file installs them itself; its factory imports this file
 * (a static import may not have run yet when hash-wasm is first asked for):
 *
 *   vi.mock('hash-wasm', async (importOriginal) => (await import('…/kdf-spies.ts')).withKdfSpies(await importOriginal()))
 *   beforeEach(() => vi.clearAllMocks())
 */
import type * as HashWasm from 'hash-wasm'
import { expect, vi } from 'vitest'

type HashWasmModule = typeof HashWasm

// Kept here as well as in the mocked module, so expectNoDerivation needs no import of hash-wasm
// (importing it from this file would ask for the module while its mock is being built).
let spies: unknown[] = []

/** hash-wasm with argon2id, argon2Verify and scrypt wrapped in spies that call the real ones. */
export function withKdfSpies(actual: HashWasmModule): HashWasmModule {
  const argon2id = vi.fn(actual.argon2id).mockName('argon2id')
  const argon2Verify = vi.fn(actual.argon2Verify).mockName('argon2Verify')
  const scrypt = vi.fn(actual.scrypt).mockName('scrypt')
  spies = [argon2id, argon2Verify, scrypt]
  return { ...actual, argon2id, argon2Verify, scrypt }
}

/** Fails if any of the three ran since the mocks were last cleared, or if the spies were never installed. */
export function expectNoDerivation(): void {
  // Without this, a file that forgot the vi.mock line would pass for want of spies to look at.
  expect(spies, 'the spies of withKdfSpies (is hash-wasm mocked with it?)').toHaveLength(3)
  for (const spy of spies) expect(spy).not.toHaveBeenCalled()
}
