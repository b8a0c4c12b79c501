/**
 * The message contract, one map per direction: request name → input → output.
 * Handlers are written against these types (`satisfies Handlers<…>`), so a
 * renamed or reshaped message breaks the build rather than production.
 */
import type { ErrorCode } from '../core/errors.ts'

export interface Endpoint<I, O> {
  input: I
  output: O
}

export type VaultState = 'uninitialized' | 'locked' | 'unlocked'

export interface StatusInfo {
  state: VaultState
  version: string
}

/** Extension pages (popup, options) → background. */
export interface PopupToBackground {
  getStatus: Endpoint<Record<string, never>, StatusInfo>
}

/** Content script → background. The site is always taken from `sender`, never from here. */
export interface ContentToBackground {
  contentReady: Endpoint<Record<string, never>, { ok: true }>
}

/** Background → content script (tabs.sendMessage). */
export interface BackgroundToContent {
  ping: Endpoint<Record<string, never>, { url: string }>
}

export type Channel = 'popup' | 'content' | 'background'

/** The envelope every runtime message travels in. */
export interface RequestEnvelope {
  channel: Channel
  type: string
  input: unknown
}

export type ResponseEnvelope<O> =
  | { ok: true; value: O }
  | { ok: false; error: { code: ErrorCode; message: string } }

export type InputOf<P, K extends keyof P> = P[K] extends Endpoint<infer I, unknown> ? I : never
export type OutputOf<P, K extends keyof P> = P[K] extends Endpoint<unknown, infer O> ? O : never

/** A handler receives an input that has already been validated. */
export type Handlers<P, Ctx> = {
  [K in keyof P]: {
    parse: (input: unknown) => InputOf<P, K>
    handle: (input: InputOf<P, K>, ctx: Ctx) => Promise<OutputOf<P, K>> | OutputOf<P, K>
  }
}
