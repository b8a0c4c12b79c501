/**
 * When may Keyfob offer to correct its codes for a clock that is off? One site's `Date`
 * header is that site's word alone: a hostile or broken server could move every account's
 * codes. So a correction is offered only when the newest measurement agrees with one from
 * another registrable domain, and a one-click correction is capped (a person can still type
 * a larger one in Settings).
 */

/** The offset measured against one site (server time minus local time). */
export interface SiteSkew {
  /** Registrable domain: two hosts of one site are one witness. */
  site: string
  skewMs: number
  /** When it was measured (Unix ms). */
  at: number
}

/** Two sites agree when their offsets are this close: each is good to about a second (RFC 9110 §5.6.7 dates have whole seconds) plus half a round trip. */
const AGREEMENT_MS = 5_000
/** Older measurements are not counted: the person may have set the clock since. */
const MEASUREMENT_MAX_AGE_MS = 60 * 60_000
/**
 * The largest correction offered with one click. Clocks that drift or were never synced are off
 * by seconds to minutes; more than that is a wrong clock or time zone, to be set right in the
 * system. The cap also bounds what two colluding sites can do: codes at most 10 minutes (20
 * periods of 30 s) away from the true time, not a day's worth of codes collected in advance.
 */
export const MAX_OFFERED_CORRECTION_MS = 10 * 60_000

export interface AgreedSkew {
  skewMs: number
  /** The sites that measured it, newest first. */
  sites: string[]
}

/** The offset the newest measurement and at least one other site's agree on, or null. */
export function agreedSkew(measurements: readonly SiteSkew[], now: number): AgreedSkew | null {
  const fresh = measurements.filter((m) => now - m.at <= MEASUREMENT_MAX_AGE_MS && m.at <= now).sort((a, b) => b.at - a.at)
  const newest = fresh[0]
  if (!newest) return null
  const agreeing = fresh.filter((m) => Math.abs(m.skewMs - newest.skewMs) <= AGREEMENT_MS)
  if (new Set(agreeing.map((m) => m.site)).size < 2) return null
  const sorted = agreeing.map((m) => m.skewMs).sort((a, b) => a - b)
  const mid = sorted.length / 2
  const median = sorted.length % 2 ? (sorted[Math.floor(mid)] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  return { skewMs: Math.round(median), sites: agreeing.map((m) => m.site) }
}
