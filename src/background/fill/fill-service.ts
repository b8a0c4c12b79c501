/**
 * Filling a code: one code, for the site the frame is on, after a person's action. Every
 * trigger comes here: the menu, the keyboard shortcut, the button in a field and the page's
 * picker (page triggers: `fromPage`, whose failures become a notice in the frame), and the
 * popup (`fromPopup`, `confirmFramed`: their failures are thrown, and the popup shows them).
 *
 * The site is what the browser reports for that frame (menu frameUrl, or the frame's own
 * content script), compared by registrable domain, never by substring or title. A
 * cross-origin frame is matched on its own origin, not the top page's.
 */
import { accountLabel } from '../../core/accounts/account-label.ts'
import { findAccount } from '../../core/accounts/find-account.ts'
import { KeyfobError, isKeyfobError } from '../../core/errors.ts'
import { registrableDomain, siteMatches } from '../../core/site/index.ts'
import type { StoredAccount } from '../../core/vault/index.ts'
import type { FramedFillOffer } from '../../shared/protocol.ts'
import { fillFailure, type FillNotice } from '../../shared/sentence.ts'
import type { Settings } from '../../shared/settings.ts'
import type { CodeEngine } from '../codes/code-engine.ts'
import type { ClockCheck } from '../settings/clock-check.ts'
import type { TabPort, Translate } from '../tab-port.ts'
import type { VaultService } from '../vault/vault-service.ts'

const CHOICE_TTL_MS = 2 * 60_000
/** Servers refuse a time-based code used once already (RFC 6238 §5.2): wait for the next one instead, up to this long. */
const MAX_REPLAY_WAIT_MS = 60_000

export interface FillDeps {
  vault: Pick<VaultService, 'current' | 'recordUse'>
  codes: Pick<CodeEngine, 'useCode'>
  settings: { get(): Promise<Pick<Settings, 'autoSubmit'>> }
  /** The time codes are computed for (the clock plus the accepted correction). */
  codeNow: () => Promise<number>
  clock: Pick<ClockCheck, 'checkAgainst'>
  tabs: TabPort
  t: Translate
  now: () => number
  /** Waits out a replay (setTimeout; tests pass their own). */
  wait?: (ms: number) => Promise<void>
}

interface FillOptions {
  /** Confirmed in the popup for a form framed by another site: never submitted. */
  framed?: boolean
  /** The person said to fill even though the field asks for a code sent by text message or e-mail. */
  sentOk?: boolean
}

/** A fill asked for in a page. The frame and its URL are the browser's report, never the page's word. */
export type PageTrigger =
  /** "Fill two-factor code" in the menu of a right-click in frame `frameId`, whose URL the browser reported. */
  | { from: 'menu'; tabId: number; frameId: number; url: string }
  /** Keyfob's button in a code field: the frame that sent the click, as the browser reports it. */
  | { from: 'button'; tabId: number; frameId: number; url: string }
  /** The keyboard shortcut: the tab's top frame (which also reaches its same-origin frames). */
  | { from: 'shortcut'; tabId: number }
  /** The person picked name `index` in the page's picker; only the frame the picker was shown in may answer. */
  | { from: 'picker'; tabId: number; frameId: number; choiceId: string; index: number }

/** Accounts bound to the site of `url`. */
function accountsForUrl(accounts: readonly StoredAccount[], url: string): StoredAccount[] {
  return accounts.filter((a) => a.sites.some((site) => siteMatches(site, url)))
}

export function createFillService(deps: FillDeps) {
  const { vault, tabs, t, now } = deps
  const wait = deps.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  /** Pickers shown in pages: which accounts, for which tab and frame (worker memory only). */
  const choices = new Map<string, { tabId: number; frameId: number; ids: string[]; at: number; url: string; opts?: FillOptions }>()
  /**
   * The fill waiting for the popup's confirmation (a bound site framed by another site). Worker memory:
   * the person confirms within seconds of the notice, and a worker stop only means asking again.
   */
  let framed: { tabId: number; frameId: number; url: string; ids: string[]; site: string; framedBy: string; at: number } | null = null
  /** The code last filled per account and site, with when it stops being valid (worker memory only). */
  const lastFilled = new Map<string, { code: string; validUntil: number }>()

  /** Tells the person in the frame why nothing was filled (the page translates the key). */
  const notice = (tabId: number, frameId: number, n: FillNotice) => tabs.ask(tabId, frameId, 'showNotice', n)

  /**
   * The code to fill now, recorded as a use: an HOTP counter moves on and is stored (one small
   * record, never the whole vault) before the code is returned; the time of use is batched.
   */
  const codeToFill = (id: string, at: number) => vault.recordUse(id, (a) => deps.codes.useCode(a, at))

  /**
   * The first site of a page around frame `frameId` that is not the frame's own, or null when every
   * page around it is the same site. From the frame's `location.ancestorOrigins` (Chromium) and the
   * top frame's URL as its own content script reports it; when neither answers, the frame is treated
   * as inside an unknown site.
   */
  async function framedBy(tabId: number, frameId: number, frameUrl: string): Promise<string | null> {
    const site = registrableDomain(frameUrl)
    const status = await tabs.ask(tabId, frameId, 'otpFieldStatus', {}).catch(() => null)
    const top = await tabs.tabUrl(tabId)
    const around = [...(status?.ancestors ?? []), ...(top ? [top] : [])]
    if (around.length === 0) return t('anotherSite')
    for (const origin of around) {
      const other = /^https?:/i.test(origin) ? registrableDomain(origin) : null
      if (other !== site) return other ?? origin
    }
    return null
  }

  /** A person asked to fill in frame `frameId` of tab `tabId`, whose URL the browser reported. */
  async function fillInFrame(tabId: number, frameId: number, frameUrl: string): Promise<boolean> {
    const site = registrableDomain(frameUrl)
    let content
    try {
      content = (await vault.current()).content
    } catch (e) {
      if (!isKeyfobError(e, 'VAULT_LOCKED')) throw e
      await notice(tabId, frameId, { key: 'fillLocked' })
      return false
    }
    const matches = site ? accountsForUrl(content.accounts, frameUrl) : []
    if (matches.length === 0) {
      // No code and no names reach a site nothing is bound to: the choice happens in the popup, with a warning.
      await notice(tabId, frameId, { key: 'fillNoAccount', values: [site ?? new URL(frameUrl).host] })
      return false
    }
    const around = frameId === 0 ? null : await framedBy(tabId, frameId, frameUrl)
    if (around !== null) {
      // Another site's page around the bound one may have faded it over a decoy (clickjacking): the person
      // confirms in the popup, which names both sites. The notice is drawn in the frame itself: in the page
      // around it, that page would learn that an account is bound to the framed site.
      framed = { tabId, frameId, url: frameUrl, ids: matches.map((a) => a.id), site: site as string, framedBy: around, at: now() }
      await notice(tabId, frameId, { key: 'fillFramedNotice', values: [site as string, around] })
      return false
    }
    if (matches.length === 1) return fill(tabId, frameId, (matches[0] as StoredAccount).id, frameUrl)
    const choiceId = crypto.randomUUID()
    choices.set(choiceId, { tabId, frameId, ids: matches.map((a) => a.id), at: now(), url: frameUrl })
    await tabs.ask(tabId, frameId, 'showFillChoice', {
      choiceId,
      site: site as string,
      names: matches.map(accountLabel),
      origin: new URL(frameUrl).origin,
    })
    return false
  }

  /** The person picked one name in the page's picker; only the same tab and frame may answer. */
  async function chosen(choiceId: string, index: number, tabId: number, frameId: number): Promise<boolean> {
    const c = choices.get(choiceId)
    choices.delete(choiceId)
    if (!c || c.tabId !== tabId || c.frameId !== frameId || now() - c.at > CHOICE_TTL_MS) {
      throw new KeyfobError('CHOICE_EXPIRED', 'This choice has expired. Ask Keyfob to fill again.')
    }
    const id = c.ids[index]
    if (id === undefined) throw new KeyfobError('INVALID_MESSAGE', 'There is no such account in the choice.')
    return fill(tabId, frameId, id, c.url, c.opts)
  }

  /** Fills account `id` in frame `frameId`, whose URL (as the browser reported it) is `url`. */
  async function fill(tabId: number, frameId: number, id: string, url: string, opts: FillOptions = {}): Promise<boolean> {
    const status = await tabs.ask(tabId, frameId, 'otpFieldStatus', {}).catch(() => null)
    if (!status?.fillable) {
      await notice(tabId, frameId, { key: 'fillNoField' }).catch(() => undefined)
      return false
    }
    if (status.hidden) throw hiddenField() // before a code is made (an HOTP counter would move on)
    if (status.sentBy && !opts.sentOk) {
      // The field asks for a code the site texted or e-mailed: an authenticator's code there is a mistake the
      // person should see before it happens. They answer in the page, like a picker choice; no code is made yet.
      const choiceId = crypto.randomUUID()
      choices.set(choiceId, { tabId, frameId, ids: [id], at: now(), url, opts: { ...opts, sentOk: true } })
      await tabs.ask(tabId, frameId, 'askSentCode', { choiceId, sentBy: status.sentBy, origin: new URL(url).origin })
      return false
    }
    const key = `${id}|${registrableDomain(url) ?? url}`
    let { code, validUntil } = await codeToFill(id, await deps.codeNow())
    const previous = lastFilled.get(key)
    if (previous && previous.code === code && validUntil !== null) {
      const waitMs = validUntil - (await deps.codeNow())
      if (waitMs > MAX_REPLAY_WAIT_MS) throw new KeyfobError('CODE_ALREADY_USED', 'This code was already used here.')
      await notice(tabId, frameId, { key: 'fillReplayWait', values: [String(Math.ceil(waitMs / 1000))] }).catch(() => undefined)
      await wait(waitMs + 250)
      ;({ code, validUntil } = await codeToFill(id, await deps.codeNow()))
    }
    // The frame id stays the same when the frame navigates: the content script checks that it is still on `origin`.
    // Never submitted inside another site's page: the person confirmed a fill, not a sign-in they cannot see.
    const submit = !opts.framed && (await deps.settings.get()).autoSubmit
    const { filled, hidden } = await tabs.ask(tabId, frameId, 'fillCode', { code, submit, origin: new URL(url).origin })
    if (hidden) throw hiddenField()
    if (filled && validUntil !== null) lastFilled.set(key, { code, validUntil })
    // Codes fail when the computer's clock is off: check it against this site's own clock, off the fill's path.
    if (filled) void deps.clock.checkAgainst(url).catch(() => undefined)
    return filled
  }

  /** The frame is faded or covered by the page around it: nothing is filled (the person is told in the frame, or in the popup). */
  const hiddenField = () => new KeyfobError('FIELD_HIDDEN', 'The code field is not fully visible: the page around it fades or covers it.')

  const expiredFramed = (tabId: number) => !framed || framed.tabId !== tabId || now() - framed.at > CHOICE_TTL_MS

  return {
    /**
     * Every page trigger. Never throws: whatever goes wrong is said in a notice in the frame the person
     * acted in (the tab's top frame for the shortcut), never to the page around a framed form.
     * Resolves to whether a code was filled.
     */
    async fromPage(trigger: PageTrigger): Promise<boolean> {
      const frameId = trigger.from === 'shortcut' ? 0 : trigger.frameId
      try {
        switch (trigger.from) {
          case 'menu':
          case 'button':
            return await fillInFrame(trigger.tabId, trigger.frameId, trigger.url)
          case 'shortcut': {
            const url = await tabs.tabUrl(trigger.tabId)
            // No content script answered: Keyfob has no way into this page (and nowhere to say so).
            return url ? await fillInFrame(trigger.tabId, 0, url) : false
          }
          case 'picker':
            return await chosen(trigger.choiceId, trigger.index, trigger.tabId, trigger.frameId)
        }
      } catch (e) {
        // A frame gone since is the one place left to say nothing.
        await notice(trigger.tabId, frameId, fillFailure(e)).catch(() => undefined)
        return false
      }
    },

    /** From the popup: the account the person clicked, into the tab it is over. Throws for the popup to show. */
    async fromPopup(id: string, tabId: number, confirmMismatch: boolean): Promise<{ filled: boolean; site: string | null }> {
      const url = await tabs.tabUrl(tabId)
      if (!url) throw new KeyfobError('NO_OTP_FIELD', 'Keyfob cannot fill on this page.')
      const site = registrableDomain(url)
      const account = findAccount((await vault.current()).content, id)
      if (!account.sites.some((b) => siteMatches(b, url)) && !confirmMismatch) {
        const name = account.issuer || account.account
        throw new KeyfobError('SITE_MISMATCH', `${name} is not bound to ${site ?? url}.`, { values: [name, site ?? url] })
      }
      return { filled: await fill(tabId, 0, id, url), site }
    },

    /** The fill waiting for the popup's go-ahead in tab `tabId`: both sites and the accounts' names. */
    async pendingFramed(tabId: number): Promise<FramedFillOffer | null> {
      const f = framed
      if (!f || expiredFramed(tabId)) return null
      const content = (await vault.current()).content
      const names = f.ids.flatMap((id) => content.accounts.filter((a) => a.id === id).map(accountLabel))
      return names.length === f.ids.length ? { site: f.site, framedBy: f.framedBy, names } : null
    },

    /** The person confirmed in the popup: fills account `index` of the waiting fill, never submitting the form. */
    async confirmFramed(tabId: number, index: number): Promise<boolean> {
      const f = framed
      if (!f || expiredFramed(tabId)) throw new KeyfobError('FILL_EXPIRED', 'This fill has expired. Ask Keyfob to fill again.')
      const id = f.ids[index]
      if (id === undefined) throw new KeyfobError('INVALID_MESSAGE', 'There is no such account in the choice.')
      framed = null
      return fill(f.tabId, f.frameId, id, f.url, { framed: true })
    },

    async cancelFramed(tabId: number): Promise<void> {
      if (framed?.tabId === tabId) framed = null
    },
  }
}

export type FillService = ReturnType<typeof createFillService>
