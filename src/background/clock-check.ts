/**
 * The computer's clock against the clock of a site Keyfob fills on: that site's
 * own `Date` header (a HEAD request to its origin, without cookies; no third-party
 * time server). At most one check per site every ten minutes; the latest result is
 * kept in storage.session (it names a site, so never on disk), and the popup warns beyond 15 s.
 */
import { SKEW_WARNING_MS, measureSkew } from '../core/otp/clock-skew.ts'
import { registrableDomain } from '../core/site/index.ts'
import { SESSION } from '../shared/storage-keys.ts'
import type { KeyValueArea } from './key-value-area.ts'

const RECHECK_MS = 10 * 60_000

interface Measurement {
  skewMs: number
  site: string
  at: number
}

export class ClockCheck {
  private lastChecked = new Map<string, number>()

  constructor(
    private readonly session: KeyValueArea,
    private readonly now: () => number,
    /** The `Date` header of a HEAD request to `origin`, or null. */
    private readonly fetchDate: (origin: string) => Promise<string | null>,
  ) {}

  async checkAgainst(url: string): Promise<void> {
    if (!/^https?:/i.test(url)) return
    const origin = new URL(url).origin
    const site = registrableDomain(url) ?? origin
    if (this.now() - (this.lastChecked.get(origin) ?? -Infinity) < RECHECK_MS) return
    this.lastChecked.set(origin, this.now())
    const sentAt = this.now()
    const header = await this.fetchDate(origin)
    const skewMs = measureSkew(header, sentAt, this.now())
    if (skewMs === null) return
    const record: Measurement = { skewMs, site, at: this.now() }
    await this.session.set({ [SESSION.clock]: record })
  }

  /** The measured skew when it is over 15 s beyond the correction the person already accepted. */
  async warning(correctionMs: number): Promise<{ skewMs: number; site: string } | null> {
    const m = (await this.session.get([SESSION.clock]))[SESSION.clock] as Measurement | undefined
    if (!m || typeof m.skewMs !== 'number' || typeof m.site !== 'string') return null
    return Math.abs(m.skewMs - correctionMs) > SKEW_WARNING_MS ? { skewMs: m.skewMs, site: m.site } : null
  }
}
