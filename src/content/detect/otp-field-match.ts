import type { SentBy } from './sent-by.ts'

/** Why a field was taken for a one-time-code field; strongest first. */
export type OtpReason =
  | 'autocomplete' // autocomplete="one-time-code" (HTML § 4.10.18.7.1)
  | 'boxes' // 4–10 single-character inputs in a row
  | 'attributes' // name, id or class
  | 'label' // <label>, aria-label(ledby), placeholder
  | 'nearby' // text around the field
  | 'placeholder' // "123456", "••••••"
  | 'length' // maxlength 6–8
  | 'numeric' // inputmode="numeric", type tel/number, a digits-only pattern

interface MatchBase {
  /** 0–100; matches come sorted by it, best first. */
  score: number
  reasons: OtpReason[]
  /** The page says the code was sent by SMS or e-mail (how), so it is probably not a TOTP/HOTP code; null when it does not. */
  sentBy: SentBy | null
}

export interface SingleOtpField extends MatchBase {
  kind: 'single'
  input: HTMLInputElement
}

export interface SplitOtpField extends MatchBase {
  kind: 'split'
  /** One box per character, in visual (reading) order. */
  inputs: HTMLInputElement[]
}

export type OtpFieldMatch = SingleOtpField | SplitOtpField

export interface DetectOptions {
  /** Whether a person can see the element; the default needs real layout (see is-visible.ts). */
  isVisible?: (el: Element) => boolean
  /** Lowest score reported for a single field; 40 unless told. */
  minScore?: number
}
