/**
 * A clock correction the person types in Settings: whole seconds, positive when the computer's
 * clock is behind. Its bound (MAX_CLOCK_CORRECTION_MS, a day) is wider than a one-click
 * correction's (clock-agreement.ts): a person may knowingly correct a clock set to the wrong day.
 */

/** Milliseconds, or null when `text` is not a whole number of seconds within ±`maxMs`. */
export function parseClockCorrection(text: string, maxMs: number): number | null {
  // U+2212 is the minus sign some keyboards and locales produce.
  const m = /^([+\-\u2212]?)(\d{1,9})$/.exec(text.trim())
  if (!m) return null
  const ms = Number(m[2]) * 1000 * (m[1] === '' || m[1] === '+' ? 1 : -1)
  return Math.abs(ms) <= maxMs ? ms || 0 : null
}
