import { contextText, labelText } from './context-text.ts'
import type { OtpReason } from './otp-field-match.ts'
import { IDENTITY, NEVER, STRONG, WEAK, normalise } from './otp-hints.ts'

export interface InputScore {
  score: number
  reasons: OtpReason[]
  /** Normalised text around the field, for the SMS hint. */
  context: string
}

/**
 * How much `el` looks like a one-time-code field, or null when it can never be
 * one: not a text/tel/number input, disabled or read-only, or named, labelled or
 * autocompleted as something else (username, e-mail, phone, search, captcha,
 * coupon, postcode, card…). Visibility and length are the caller's business.
 */
export function scoreInput(el: HTMLInputElement): InputScore | null {
  if (!/^(?:text|tel|number)$/.test(el.type) || el.readOnly || el.matches(':disabled')) return null
  const attr = (name: string): string => el.getAttribute(name) ?? ''
  const ac = attr('autocomplete').toLowerCase()
  // autocomplete="one-time-code" is the author saying so (HTML § 4.10.18.7.1).
  const otc = ac.includes('one-time-code')
  const own = normalise(`${el.name} ${el.id} ${ac}`)
  const desc = normalise(`${el.placeholder} ${attr('aria-label')} ${labelText(el)}`)
  const both = `${own} ${desc}`
  if (NEVER.test(own) || (NEVER.test(desc) && !STRONG.test(own)) || (!otc && IDENTITY.test(both) && !STRONG.test(both))) {
    return null
  }
  const context = normalise(contextText(el))
  const reasons: OtpReason[] = []
  let score = 0
  const add = (points: number, reason: OtpReason): void => {
    score += points
    reasons.push(reason)
  }
  const hint = (text: string, strong: number, weak: number, reason: OtpReason): void => {
    if (STRONG.test(text)) add(strong, reason)
    else if (WEAK.test(text)) add(weak, reason)
  }
  if (otc) add(100, 'autocomplete')
  // Class names count as a hint (`otp-input`), never as a veto: they describe styling too.
  hint(`${own} ${normalise(el.className)}`, 50, 25, 'attributes')
  hint(desc, 45, 20, 'label')
  hint(context, 25, 10, 'nearby')
  if (/^\s*(?:[\d•·*_○●x-]\s*){4,10}$/i.test(el.placeholder)) add(20, 'placeholder')
  if (el.maxLength >= 6 && el.maxLength <= 8) add(15, 'length')
  if (el.type !== 'text' || attr('inputmode') === 'numeric' || /\\d|\[0-9\]/.test(el.pattern)) add(10, 'numeric')
  return { score: Math.min(score, 100), reasons, context }
}
