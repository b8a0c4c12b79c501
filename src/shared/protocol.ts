/**
 * The message contract, one map per direction: request name → input → output.
 * Handlers are written against these types (`satisfies Handlers<…>`), so a
 * renamed or reshaped message breaks the build rather than production.
 */
import type { ErrorCode } from '../core/errors.ts'
import type { TransferredAccount } from '../core/accounts/transfer-account.ts'
import type { ManualAccountInput } from '../core/accounts/validate-manual-account.ts'
import type { Algorithm, OtpType } from '../core/types.ts'
import type { FillNotice, ScanMessage, ScanNote } from './sentence.ts'
import type { Settings } from './settings.ts'

export interface Endpoint<I, O> {
  input: I
  output: O
}

type Empty = Record<string, never>

export type VaultState = 'uninitialized' | 'locked' | 'unlocked' | 'corrupt'

export interface VaultStatus {
  state: VaultState
  /** False for a vault protected only by this device's key (the user declined a password). */
  hasPassword: boolean
  /** Consecutive wrong passwords. */
  failures: number
  /** While throttled: when the next attempt is allowed (Unix ms). */
  retryAt: number | null
}

export interface StatusInfo extends VaultStatus {
  version: string
  settings: Settings
  /** The local clock is off by more than 15 s (beyond the accepted correction) against two https sites Keyfob filled on. */
  clock: ClockWarning | null
}

/** Two or more unrelated https sites agree the local clock is off by `skewMs` (server minus local). */
export interface ClockWarning {
  skewMs: number
  /** The registrable domains that measured it, newest first. */
  sites: string[]
  /** Within the cap for a one-click correction (10 minutes); beyond it, the person sets the clock or types a correction. */
  correctable: boolean
}

/** A code with its validity window, so the popup can count down without asking again. */
export interface TimedCodeView {
  code: string
  nextCode: string
  validFrom: number
  validUntil: number
}

/** What the popup may know about an account: never its secret. */
export interface AccountView {
  id: string
  issuer: string
  account: string
  type: OtpType
  algorithm: Algorithm
  digits: number
  period: number
  tags: string[]
  pinned: boolean
  sites: string[]
  order: number
  /** The key is shorter than 128 bits. */
  weak: boolean
  createdAt: number
  lastUsedAt: number | null
  /** TOTP and Steam. */
  timed: TimedCodeView | null
  /** With no bound site yet: sites guessed from the issuer name, offered for the person to confirm. */
  suggestedSites: string[]
  /** HOTP: the last code revealed in this session, if any, and the counter of the next one. */
  hotp: { code: string | null; nextCounter: string } | null
}

export interface AccountList {
  accounts: AccountView[]
  /** The registrable domain of the tab's page, and the accounts bound to it. */
  activeSite: string | null
  onSite: string[]
}

export interface AddResult {
  added: AccountView[]
  /** Accounts whose key is already in the vault (not added again). */
  duplicates: { issuer: string; account: string; existingId: string }[]
}

export type ExportFormatId = 'keyfob-backup' | 'aegis-encrypted' | 'aegis-plain' | 'otpauth-uri-list' | 'google-migration'

/** An export for the export page to download (text) or show (QR codes). */
export interface ExportResult {
  fileName: string | null
  text: string | null
  /** Google Authenticator migration: one SVG per QR code, shown one after another. */
  qrSvgs: string[]
  /** Accounts the format cannot hold as they are, and why. */
  skipped: { name: string; reason: string }[]
  /** What the format drops (tags, bound sites…). */
  warnings: string[]
}

/** A fill into a bound site's form inside another site's page, waiting for the person in the popup: both sites and the accounts' names. */
export interface FramedFillOffer {
  site: string
  framedBy: string
  names: string[]
}

/** What the popup draws when it opens, from one request. */
export interface PopupOpening {
  status: StatusInfo
  /** While unlocked (null otherwise): every account with its codes, and those bound to the site of the tab in front. */
  list: AccountList | null
  /** The scan waiting for a confirmation in the popup (unlocked only). */
  scan: ScanPanel | null
  /** The tab in front has a one-time-code field: clicking an account fills it. */
  fillable: boolean
  /** A framed fill waiting in that tab for the person's go-ahead. */
  framed: FramedFillOffer | null
}

/** Extension pages (popup, options) → background. */
export interface PopupToBackground {
  /**
   * Everything the popup shows when the person opens it (`tabId`: the tab it is over), with one
   * message to that tab. Counts as use (auto-lock): only a person opening the popup sends it.
   */
  openPopup: Endpoint<{ tabId?: number }, PopupOpening>
  getStatus: Endpoint<Empty, StatusInfo>
  setup: Endpoint<{ password: string | null }, StatusInfo>
  unlock: Endpoint<{ password: string }, StatusInfo>
  /** The vault cannot be opened but the previous copy opens with this password: make that one current. */
  restorePrevious: Endpoint<{ password: string }, StatusInfo>
  lock: Endpoint<Empty, StatusInfo>
  /**
   * `tabId`: the tab the popup was opened over, to offer accounts bound to its site first.
   * Asked when the person opens the popup or after something they did: it counts as use (auto-lock).
   */
  listAccounts: Endpoint<{ tabId?: number }, AccountList>
  /** The same list, asked by the popup on its own when a shown code expires: never counts as use. */
  refreshCodes: Endpoint<{ tabId?: number }, AccountList>
  addAccounts: Endpoint<{ text: string }, AddResult>
  addManual: Endpoint<ManualAccountInput, AddResult>
  nextHotpCode: Endpoint<{ id: string }, AccountView>
  updateAccount: Endpoint<{ id: string; issuer?: string; account?: string; tags?: string[]; sites?: string[]; pinned?: boolean }, AccountView>
  moveAccount: Endpoint<{ id: string; toIndex: number }, Empty>
  deleteAccount: Endpoint<{ id: string }, Empty>
  /** Undo of deleteAccount, while the worker still remembers it. */
  restoreAccount: Endpoint<{ id: string }, AccountView>
  /** The user copied this account's code: recorded for "recently used", and cleared from the clipboard later. */
  codeCopied: Endpoint<{ id: string; code: string }, Empty>
  /** Accounts read from a backup by the import page: a dry run tells new from duplicate; the real run stores all or nothing. */
  importAccounts: Endpoint<{ accounts: TransferredAccount[]; dryRun: boolean }, { status: ('new' | 'duplicate')[]; added: number }>
  /** Scans an image file the person picked or dropped in the Add screen (a data: URL). */
  scanImage: Endpoint<{ dataUrl: string }, ScanPanel>
  /** Scans the visible part of the active tab (the popup button). */
  scanActiveTab: Endpoint<{ tabId: number }, ScanPanel>
  /** The scan waiting for an unlock or a confirmation in the popup, if any. */
  pendingScan: Endpoint<Empty, { panel: ScanPanel | null }>
  confirmPendingScan: Endpoint<{ scanId: string }, ScanPanel>
  /**
   * Fills the account's code into the tab the popup is over. Not bound to that site: refused
   * with SITE_MISMATCH unless `confirmMismatch` (the person saw the warning naming the site).
   */
  fillFromPopup: Endpoint<{ id: string; tabId: number; confirmMismatch?: boolean }, { filled: boolean; site: string | null }>
  /**
   * A fill into a bound site's frame inside another site's page, waiting for the person's go-ahead in
   * the popup over that tab: both sites and the accounts' names.
   */
  pendingFramedFill: Endpoint<{ tabId: number }, { framed: FramedFillOffer | null }>
  /** The person confirmed the waiting fill with account `index` (never submitted). */
  confirmFramedFill: Endpoint<{ tabId: number; index: number }, { filled: boolean }>
  cancelFramedFill: Endpoint<{ tabId: number }, Empty>
  /** Whether the tab the popup is over has a one-time-code field. */
  tabFillable: Endpoint<{ tabId: number }, { fillable: boolean; site: string | null }>
  /** An export of every account, after Keyfob's password; `exportPassword` protects encrypted formats. */
  exportVault: Endpoint<{ format: ExportFormatId; password: string; exportPassword?: string; acceptPlaintext?: boolean }, ExportResult>
  /** The account as an otpauth QR code (SVG), after the password is entered again. */
  accountQr: Endpoint<{ id: string; password: string }, { svg: string }>
  changePassword: Endpoint<{ current: string; next: string }, Empty>
  addPassword: Endpoint<{ password: string }, StatusInfo>
  updateSettings: Endpoint<Partial<Settings>, Settings>
  /** Corrects codes by the offset the sites agreed on (StatusInfo.clock), measured here, never sent by the caller. */
  correctClock: Endpoint<Empty, StatusInfo>
}

/** What a scan found, as the confirmation panel shows it: names only, never a secret. */
export interface ScanPanel {
  scanId: string
  state: 'found' | 'added' | 'locked' | 'partial' | 'nothing' | 'error'
  /** `site`: the site the account is (or will be) bound to, for autofill; null: none (see bindScannedAccounts). */
  items: { issuer: string; account: string; type: OtpType; duplicate: boolean; site: string | null }[]
  /** A multi-QR export still missing parts. */
  batch: { seen: number; total: number } | null
  /** For 'nothing', 'partial' and 'error': what happened, as a _locales key the panel translates. */
  message: ScanMessage | null
  /** Why some accounts will be bound to no site (a _locales key). */
  note: ScanNote | null
  /** A page scan found nothing: offer to drag a box around the code. */
  offerRegion?: boolean
}

/** Content script → background. The site is always taken from `sender`, never from here. */
export interface ContentToBackground {
  /** Whether to show Keyfob's button in code fields (asked only once a field is found). */
  fieldButtonEnabled: Endpoint<Empty, { enabled: boolean }>
  /** The person clicked Keyfob's button in a code field of this frame (a trusted click). */
  fillRequest: Endpoint<Empty, Empty>
  /** The person pressed Add in the scan panel (a trusted click). */
  confirmScan: Endpoint<{ scanId: string }, ScanPanel>
  cancelScan: Endpoint<{ scanId: string }, Empty>
  /** The person chose one of the matching accounts in the page's fill picker (a trusted click). */
  fillChosen: Endpoint<{ choiceId: string; index: number }, { filled: boolean }>
  /** After a page scan found nothing: scan the box the person dragged (CSS pixels of the viewport). */
  scanRegion: Endpoint<{ region: { x: number; y: number; width: number; height: number }; devicePixelRatio: number }, ScanPanel>
}

/** A box in CSS pixels of the top frame's viewport. */
export interface ViewportBox {
  x: number
  y: number
  width: number
  height: number
}

/**
 * Pixels of an element the person right-clicked, as a PNG data URL (with the image's
 * address, for its site), or, when the page cannot hand them over (a cross-origin image),
 * its address and where it is on screen (null: inside another origin's frame, place unknown).
 */
export type ElementImage =
  | { dataUrl: string; srcUrl?: string }
  | { srcUrl: string; box: ViewportBox | null; devicePixelRatio: number }
  | { none: true }

/** Background → content script (tabs.sendMessage). */
export interface BackgroundToContent {
  ping: Endpoint<Empty, { url: string }>
  /** The image, canvas or inline SVG under the last right-click. */
  elementImage: Endpoint<Empty, ElementImage>
  /**
   * Top frame only: for each box of a capture of the tab (pixels of a capture `captureWidth`
   * wide), the http(s) URLs of the documents and images that draw there; null when it cannot
   * tell (another origin's frame, a canvas with another origin's pixels).
   */
  drawnBy: Endpoint<{ boxes: ViewportBox[]; captureWidth: number }, { sources: (string[] | null)[] }>
  showScan: Endpoint<{ panel: ScanPanel }, Empty>
  /** Is there a one-time-code field here (this frame and its same-origin frames)? */
  otpFieldStatus: Endpoint<Empty, {
    /** The frame's own URL (as `ping` answers it), so that opening the popup asks the tab once. */
    url: string
    fillable: boolean
    smsHint: boolean
    /** The origins of the pages this frame is inside, nearest first (Chromium), or null where the browser does not say. */
    ancestors: string[] | null
    /** The page around this frame fades or covers it (IntersectionObserver v2, where the browser has it). */
    hidden: boolean
  }>
  /** Fill this one code into the best field (the right-clicked one first). */
  /** `origin` is the frame's origin when the site was matched: a frame that has navigated since refuses. */
  /** `hidden`: not filled because the page around the frame fades or covers it. */
  fillCode: Endpoint<{ code: string; submit: boolean; origin: string }, { filled: boolean; hidden?: boolean }>
  /** Several accounts are bound to this site: let the person pick by name (names only). */
  showFillChoice: Endpoint<{ choiceId: string; site: string; names: string[]; origin: string }, Empty>
  /** Tells the person why nothing was filled (no account bound here, no field…), translated in the page. */
  showNotice: Endpoint<FillNotice, Empty>
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
  | { ok: false; error: { code: ErrorCode; message: string; field?: string; values?: string[] } }

export type InputOf<P, K extends keyof P> = P[K] extends Endpoint<infer I, unknown> ? I : never
export type OutputOf<P, K extends keyof P> = P[K] extends Endpoint<unknown, infer O> ? O : never

/** A handler receives an input that has already been validated. */
export type Handlers<P, Ctx> = {
  [K in keyof P]: {
    parse: (input: unknown) => InputOf<P, K>
    handle: (input: InputOf<P, K>, ctx: Ctx) => Promise<OutputOf<P, K>> | OutputOf<P, K>
  }
}
