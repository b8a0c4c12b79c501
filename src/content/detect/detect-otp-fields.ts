import { collectInputs } from './collect-inputs.ts'
import { isVisible } from './is-visible.ts'
import { matchFields } from './match-fields.ts'
import type { DetectOptions, OtpFieldMatch } from './otp-field-match.ts'

/**
 * The one-time-code fields a person can see under `root` (a Document,
 * ShadowRoot or Element), through open shadow roots and same-origin frames,
 * best first. Pure DOM reading: it changes nothing and touches no extension API.
 * Signals, strongest first: autocomplete="one-time-code" (HTML § 4.10.18.7.1),
 * rows of single-character boxes, words in name/id/class, labels and nearby
 * text in a dozen languages, then digits-only hints (inputmode, pattern,
 * maxlength, a "123456" placeholder). See otp-hints.ts and score-input.ts.
 */
export function detectOtpFields(root: ParentNode, opts: DetectOptions = {}): OtpFieldMatch[] {
  const visible = opts.isVisible ?? isVisible
  return matchFields(collectInputs(root, visible), visible, opts.minScore)
}
