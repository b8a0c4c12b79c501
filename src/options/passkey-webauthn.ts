/**
 * The WebAuthn ceremonies of the passkey pages. The service worker cannot call WebAuthn, so a
 * visible extension page does: rp.id is the extension's own id, which Chromium accepts for a
 * chrome-extension:// page. Only the PRF result (WebAuthn Level 3 §10.1.4) and the credential id
 * go to the background; the page keeps nothing.
 *
 * The PRF input is one fixed value for every slot: the output is already per credential (CTAP 2.1
 * hmac-secret keeps a random secret per credential), and a fixed input lets the unlock page ask for
 * any of the vault's passkeys in one discoverable get(), so a passkey that is not the vault's gets
 * its own message (PASSKEY_UNKNOWN_CREDENTIAL) instead of an empty prompt. Each slot's random salt
 * goes into HKDF (passkey-slot.ts).
 */
import { KeyfobError } from '../core/errors.ts'
import { base64Decode, base64Encode } from '../core/encoding/base64.ts'
import type { PasskeyCreation } from '../shared/protocol.ts'

const PRF_INPUT = new TextEncoder().encode('keyfob passkey unlock v1')
/** Two minutes for the person to find their passkey (the WebAuthn default is browser-defined). */
const TIMEOUT_MS = 120_000

export interface PasskeyResult {
  /** base64 of the raw credential id. */
  credentialId: string
  /** base64 of the 32-byte PRF result. */
  prfOutput: string
}

/** Firefox lets an extension assert only web domains in its host permissions, never its own id. */
export function passkeysUnsupported(): boolean {
  return location.protocol !== 'chrome-extension:' || typeof PublicKeyCredential === 'undefined'
}

const bytes = (b64: string) => new Uint8Array(base64Decode(b64))

/** A cancelled or timed-out prompt, an excluded passkey, or something else the browser refused. */
function ceremonyError(e: unknown): unknown {
  if (e instanceof DOMException && (e.name === 'NotAllowedError' || e.name === 'AbortError')) {
    return new KeyfobError('PASSKEY_CANCELLED', e.message)
  }
  if (e instanceof DOMException && e.name === 'InvalidStateError') return new KeyfobError('PASSKEY_EXISTS', e.message)
  return e
}

function prfOf(credential: PublicKeyCredential): Uint8Array | null {
  const first = credential.getClientExtensionResults().prf?.results?.first
  if (first === undefined) return null
  const out = new Uint8Array(
    first instanceof ArrayBuffer ? first : first.buffer.slice(first.byteOffset, first.byteOffset + first.byteLength),
  )
  return out.length === 32 ? out : null
}

/** Asserts one passkey for this extension; `allow` limits the choice to these credential ids. */
async function assertion(allow: string[]): Promise<PasskeyResult> {
  let credential
  try {
    credential = (await navigator.credentials.get({
      publicKey: {
        rpId: chrome.runtime.id,
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        allowCredentials: allow.map((id) => ({ type: 'public-key', id: bytes(id) })),
        userVerification: 'required',
        timeout: TIMEOUT_MS,
        extensions: { prf: { eval: { first: PRF_INPUT } } },
      },
    })) as PublicKeyCredential | null
  } catch (e) {
    throw ceremonyError(e)
  }
  if (!credential) throw new KeyfobError('PASSKEY_CANCELLED', 'No passkey was chosen.')
  const prf = prfOf(credential)
  if (!prf) throw new KeyfobError('PASSKEY_NO_PRF', 'The authenticator returned no PRF result.')
  return { credentialId: base64Encode(new Uint8Array(credential.rawId)), prfOutput: base64Encode(prf) }
}

/**
 * Makes a passkey (user verification required, discoverable) and returns its PRF result: from
 * create() where the authenticator evaluates it there, else from a get() right after.
 * PASSKEY_NO_PRF when the authenticator has no PRF.
 */
export async function createPasskey(begin: PasskeyCreation, name: string): Promise<PasskeyResult> {
  let credential
  try {
    credential = (await navigator.credentials.create({
      publicKey: {
        rp: { id: chrome.runtime.id, name: 'Keyfob' },
        user: { id: bytes(begin.userId), name: `Keyfob (${name})`, displayName: `Keyfob (${name})` },
        challenge: bytes(begin.challenge),
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        excludeCredentials: begin.excludeCredentialIds.map((id) => ({ type: 'public-key', id: bytes(id) })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        timeout: TIMEOUT_MS,
        extensions: { prf: { eval: { first: PRF_INPUT } } },
      },
    })) as PublicKeyCredential | null
  } catch (e) {
    throw ceremonyError(e)
  }
  if (!credential) throw new KeyfobError('PASSKEY_CANCELLED', 'No passkey was made.')
  const credentialId = base64Encode(new Uint8Array(credential.rawId))
  if (credential.getClientExtensionResults().prf?.enabled !== true) {
    throw new KeyfobError('PASSKEY_NO_PRF', 'The authenticator does not support the PRF extension.')
  }
  const prf = prfOf(credential)
  return prf ? { credentialId, prfOutput: base64Encode(prf) } : assertion([credentialId])
}

/** Asks for any of this extension's passkeys (discoverable): the background tells whether it is the vault's. */
export function usePasskey(): Promise<PasskeyResult> {
  return assertion([])
}
