/**
 * "2 minutes ago", "yesterday": how long ago `at` was, in the browser's language
 * (Intl.RelativeTimeFormat, ECMA-402 §17). Seconds under a minute read as "now".
 */
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
]

export function relativeTime(at: number, now: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
  const ago = Math.max(0, now - at)
  for (const [unit, ms] of UNITS) if (ago >= ms) return format.format(-Math.floor(ago / ms), unit)
  return format.format(0, 'second')
}
