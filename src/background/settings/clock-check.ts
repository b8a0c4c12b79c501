/**
 * The computer's clock against the clocks of sites Keyfob fills on: each site's own `Date`
 * header (a HEAD request to its origin, without cookies; no third-party time server). Only
 * https sites are asked: over plain http anyone on the network can write the header. At most
 * one check per origin every ten minutes; the latest result per registrable domain is kept in
 * storage.session (it names sites, so never on disk). The popup warns only when two sites
 * agree (core/otp/clock-agreement.ts) and the offset is over 15 s beyond the accepted correction.
 */
import { MAX_OFFERED_CORRECTION_MS, agreedSkew, type SiteSkew } from '../../core/otp/clock-agreement.ts'
import { SKEW_WARNING_MS, measureSkew } from '../../core/otp/clock-skew.ts'
import { registrableDomain } from '../../core/site/index.ts'
import type { ClockWarning } from '../../shared/protocol.ts'
import { SESSION } from '../../shared/storage-keys.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import { watchedKey, type WatchedKey } from '../watched-key.ts'

const RECHECK_MS = 10 * 60_000
/** Enough sites to find two that agree; the oldest go first. */
const MAX_SITES = 20

type Stored = Record<string, { skewMs: number; at: number }>

export class ClockCheck {
  private lastChecked = new Map<string, number>()
  /** Read on every popup opening (the clock warning): kept between reads while unchanged. */
  private readonly stored: WatchedKey

  constructor(
    session: KeyValueArea,
    private readonly now: () => number,
    /** The `Date` header of a HEAD request to `origin`, or null. */
    private readonly fetchDate: (origin: string) => Promise<string | null>,
  ) {
    this.stored = watchedKey(session, SESSION.clock)
  }

  async checkAgainst(url: string): Promise<void> {
    if (!/^https:/i.test(url)) return
    const origin = new URL(url).origin
    const site = registrableDomain(url)
    // An address without a registrable domain (an IP, localhost) cannot be told apart from another site's.
    if (!site) return
    if (this.now() - (this.lastChecked.get(origin) ?? -Infinity) < RECHECK_MS) return
    this.lastChecked.set(origin, this.now())
    const sentAt = this.now()
    const header = await this.fetchDate(origin)
    const skewMs = measureSkew(header, sentAt, this.now())
    if (skewMs === null) return
    const kept = (await this.measurements()).filter((m) => m.site !== site).slice(0, MAX_SITES - 1)
    const next: Stored = { [site]: { skewMs, at: this.now() } }
    for (const m of kept) next[m.site] = { skewMs: m.skewMs, at: m.at }
    await this.stored.write(next)
  }

  /** The offset sites agree on, when it is over 15 s beyond the correction the person already accepted. */
  async warning(correctionMs: number): Promise<ClockWarning | null> {
    const agreed = agreedSkew(await this.measurements(), this.now())
    if (!agreed || Math.abs(agreed.skewMs - correctionMs) <= SKEW_WARNING_MS) return null
    return { ...agreed, correctable: Math.abs(agreed.skewMs) <= MAX_OFFERED_CORRECTION_MS }
  }

  /** Newest first; anything malformed is dropped. */
  private async measurements(): Promise<SiteSkew[]> {
    const raw = await this.stored.read()
    if (typeof raw !== 'object' || raw === null) return []
    return Object.entries(raw as Record<string, unknown>)
      .map(([site, m]) => ({ site, skewMs: (m as SiteSkew | null)?.skewMs, at: (m as SiteSkew | null)?.at }))
      .filter((m): m is SiteSkew => Number.isFinite(m.skewMs) && Number.isFinite(m.at))
      .sort((a, b) => b.at - a.at)
  }
}
