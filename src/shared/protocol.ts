/**
 * The message contract, one map per direction (pages → background, content script → background,
 * background → content script, background → offscreen document): request name → input → output.
 * Each request's input is checked by a schema declared once here, and its TypeScript input type is
 * derived from that schema; outputs are declared beside. Handlers are written against these types
 * (`satisfies Handlers<…>`), so a renamed or reshaped message breaks the build rather than production.
 */
import type { ErrorCode } from '../core/errors.ts'
import type { TransferredAccount } from '../core/accounts/transfer-account.ts'
import type { ManualAccountInput } from '../core/accounts/validate-manual-account.ts'
import type { Algorithm, OtpType } from '../core/types.ts'
import type { SyncPlace } from '../core/vault/vault-content.ts'
import type { FillNotice, ScanHint, ScanMessage, ScanNote } from './sentence.ts'
import type { PackedAccountList, PackedTimed } from './account-list-wire.ts'
import { AUTO_LOCK_CHOICES, CLIPBOARD_CLEAR_CHOICES, MAX_CLOCK_CORRECTION_MS, SORT_ORDERS, THEMES, type Settings } from './settings.ts'
import {
  array,
  boolean,
  empty,
  fail,
  integer,
  nullable,
  number,
  object,
  oneOf,
  optional,
  string,
  strings,
  type Infer,
  type Schema,
} from './validate.ts'

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
  /** The vault has at least one passkey slot: the unlock screen offers "Unlock with passkey" first (absent: false). */
  hasPasskey?: boolean
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
  /** The code after this one; null until NEXT_CODE_LEAD_MS before validUntil (background/codes/code-engine.ts). */
  nextCode: string | null
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
  /** TOTP start time in Unix seconds; 0 for the RFC's default (and for HOTP and Steam). */
  t0: number
  tags: string[]
  pinned: boolean
  sites: string[]
  order: number
  createdAt: number
  lastUsedAt: number | null
  /** TOTP and Steam. */
  timed: TimedCodeView | null
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
  /** The tab this answer is about (the one in front of the popup, unless the request named one), or null: none found. */
  tabId: number | null
  /**
   * While unlocked (null otherwise): every account, and those bound to the site of the tab in front; the codes only of
   * the rows the popup opens on and of the site's accounts, the others follow (listCodes).
   */
  list: PackedAccountList | null
  /** The scan waiting for a confirmation in the popup (unlocked only). */
  scan: ScanPanel | null
  /** The tab in front has a one-time-code field: clicking an account fills it. */
  fillable: boolean
  /** A framed fill waiting in that tab for the person's go-ahead. */
  framed: FramedFillOffer | null
  /** While sync is connected (unlocked only): when it last synced and why the last cycle failed, for the popup's one line. */
  sync: { lastSyncAt: number | null; lastError: ErrorCode | null } | null
}

const PASSWORD_MAX = 1024
/** A sync passphrase or a WebDAV password. */
const SYNC_SECRET_MAX = 1024
/** A recovery key: 52 base32 characters in groups, with room for spaces and dashes typed around them. */
const RECOVERY_KEY_MAX = 200
const ID = string(100)
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const TAB_ID = integer(0, 2 ** 31)
const password = object({ password: string(PASSWORD_MAX) })
const id = object({ id: ID })
const tab = object({ tabId: TAB_ID })
const listInput = object({ tabId: optional(TAB_ID) })

export const EXPORT_FORMATS = ['keyfob-backup', 'aegis-encrypted', 'aegis-plain', 'otpauth-uri-list', 'google-migration'] as const
export type ExportFormatId = (typeof EXPORT_FORMATS)[number]

/** The most accounts one import may hold. */
const MAX_IMPORT = 10_000

/**
 * A list of accounts. Each is checked in full by the import's handler (transfer/import-handlers.ts:
 * fromTransferred), before anything is read or stored, so one bad entry rejects the import; that check
 * loads with the import, not with the worker (issue #15).
 */
const transferredAccounts: Schema<TransferredAccount[]> = (v, at) => {
  if (!Array.isArray(v) || v.length > MAX_IMPORT) fail(`'${at}' must be a list of at most ${MAX_IMPORT}.`)
  return v as TransferredAccount[]
}

/** Where to sync: a WebDAV folder (https, or http to this computer; webdav-folder.ts checks the address). */
const webdavPlace = object({
  kind: oneOf(['webdav'] as const),
  url: string(2048, /^https?:\/\/\S+$/i, 'an https:// address'),
  user: string(256),
  password: string(SYNC_SECRET_MAX),
})
/** Or the browser's own sync storage (storage.sync), which needs nothing more. */
const browserPlace = object({ kind: oneOf(['browser'] as const) })
const syncPlace: Schema<SyncPlace> = (v, at) => {
  const kind = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['kind'] : undefined
  return kind === 'browser' ? browserPlace(v, at) : webdavPlace(v, at)
}

/** Exactly one of: `create` (a new sync space with this passphrase), `passphrase` or `recoveryKey` (join one). */
export type SyncConnectSecret = { create: string } | { passphrase: string } | { recoveryKey: string }
const SECRET_FIELDS = { create: SYNC_SECRET_MAX, passphrase: SYNC_SECRET_MAX, recoveryKey: RECOVERY_KEY_MAX } as const
const syncSecret: Schema<SyncConnectSecret> = (v, at) => {
  const fields = typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : []
  const field = fields[0]
  if (fields.length !== 1 || field === undefined || !Object.hasOwn(SECRET_FIELDS, field)) {
    fail(`'${at}' must hold exactly one of create, passphrase, recoveryKey.`)
  }
  const key = field as keyof typeof SECRET_FIELDS
  const value = string(SECRET_FIELDS[key])((v as Record<string, unknown>)[key], `${at}.${key}`)
  if (value === '') fail(`'${at}.${key}' must not be empty.`)
  return { [key]: value } as SyncConnectSecret
}

/** What the last sync cycle did, as pages show it. */
export interface SyncCycleView {
  /** Accounts added, changed or removed here by other devices' changes. */
  toLocal: number
  /** Records written to the sync place. */
  toRemote: number
  /** Local accounts recognised as synced ones when joining. */
  adopted: number
  /** Records from the sync place that were refused (tampered or contradicting). */
  refused: number
  /** A daily backup that failed (the cycle went through), else null. */
  backupError: ErrorCode | null
}

export interface SyncStatusView {
  connected: boolean
  /** The place's label ("WebDAV at …") while connected. */
  place: string | null
  lastSyncAt: number | null
  /** Why the last cycle failed, null after a success. */
  lastError: ErrorCode | null
  last: SyncCycleView | null
  /** What a connect or cycle under way is doing (the check, the key, records `done` of `total`), null when idle. */
  progress: { step: 'check' | 'key' | 'records'; done: number; total: number } | null
}

export interface SyncConnectView {
  created: boolean
  /** Only when the space was created: show it once, it is not shown again. */
  recoveryKey: string | null
  /** Accounts in the vault after the first sync. */
  accounts: number
  /** Why the first sync failed (sync is connected all the same), else null. */
  firstSyncError: ErrorCode | null
  first: SyncCycleView
}

/** One of the vault's passkeys, asserted by an extension page just now: its credential id and PRF result. */
const passkeyProof = object({ credentialId: string(1400, BASE64, 'base64'), prfOutput: string(44, BASE64, 'base64') })

/**
 * Extension pages (popup, options) → background: each request's input, checked by the background
 * before its handler runs. The TypeScript input types (PopupToBackground) are derived from these.
 */
export const POPUP_INPUTS = {
  /**
   * Everything the popup shows when the person opens it (`tabId`: the tab it is over; absent, the
   * background finds the tab in front of the popup's window, and answers which), with one message to
   * that tab. Counts as use (auto-lock): only a person opening the popup sends it.
   */
  openPopup: listInput,
  getStatus: empty,
  setup: object({ password: nullable(string(PASSWORD_MAX)) }),
  unlock: password,
  /** The vault cannot be opened but the previous copy opens with this password: make that one current. */
  restorePrevious: password,
  lock: empty,
  /**
   * `tabId`: the tab the popup was opened over, to offer accounts bound to its site first.
   * Asked when the person opens the popup or after something they did: it counts as use (auto-lock).
   */
  listAccounts: listInput,
  /** The same list, asked by the popup on its own when a shown code expires: never counts as use. */
  refreshCodes: listInput,
  /**
   * The codes of every TOTP and Steam account, asked by the popup on its own once it has drawn the rows an opening sent
   * with codes (account-list-wire.ts): never counts as use.
   */
  listCodes: empty,
  addAccounts: object({ text: string(200_000) }),
  addManual: object({
    issuer: string(1000),
    account: string(1000),
    secret: string(1000),
    type: string(1000),
    algorithm: string(1000),
    digits: string(1000),
    period: string(1000),
    counter: string(1000),
    t0: optional(string(1000)),
  }) satisfies Schema<ManualAccountInput>,
  nextHotpCode: id,
  /**
   * For an account with no bound site: sites guessed from its issuer name, offered in the edit panel for the person to
   * confirm (only that panel shows them: every list computed them for every account before, issue #15).
   */
  suggestSites: id,
  /** Names are trimmed, tags and sites normalised by the background. */
  updateAccount: object({
    id: ID,
    issuer: optional(string(200)),
    account: optional(string(200)),
    tags: optional(strings(20, 40)),
    sites: optional(strings(20, 253)),
    pinned: optional(boolean),
    /** TOTP start time in Unix seconds (0: none); refused for HOTP and Steam. */
    t0: optional(integer(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
  }),
  moveAccount: object({ id: ID, toIndex: integer(0, 100_000) }),
  deleteAccount: id,
  /** Undo of deleteAccount, while the worker still remembers it. */
  restoreAccount: id,
  /** The user copied this account's code: recorded for "recently used", and cleared from the clipboard later. */
  codeCopied: object({ id: ID, code: string(10, /^[0-9A-Za-z]{5,10}$/, 'a one-time code') }),
  /** Accounts read from a backup by the import page: a dry run tells new from duplicate; the real run stores all or nothing. */
  importAccounts: object({ accounts: transferredAccounts, dryRun: boolean }),
  /** Scans an image file the person picked or dropped in the Add screen (a data: URL). */
  scanImage: object({ dataUrl: string(30_000_000, /^data:image\//, 'an image') }),
  /** Scans the visible part of the active tab (the popup button). */
  scanActiveTab: tab,
  confirmPendingScan: object({ scanId: ID }),
  /** After the popup's scan of the tab read nothing: start the page's region picker there (the popup then closes). */
  pickScanRegion: tab,
  /**
   * Fills the account's code into the tab the popup is over. Not bound to that site: refused
   * with SITE_MISMATCH unless `confirmMismatch` (the person saw the warning naming the site).
   */
  fillFromPopup: object({ id: ID, tabId: TAB_ID, confirmMismatch: optional(boolean) }),
  /** The person confirmed the waiting fill with account `index` (never submitted). */
  confirmFramedFill: object({ tabId: TAB_ID, index: integer(0, 100) }),
  cancelFramedFill: tab,
  /** An export of every account, after Keyfob's password; `exportPassword` protects encrypted formats. */
  exportVault: object({
    format: oneOf(EXPORT_FORMATS),
    password: string(PASSWORD_MAX),
    exportPassword: optional(string(PASSWORD_MAX)),
    acceptPlaintext: optional(boolean),
    /** Instead of the password: one of the vault's passkeys, asserted by the export page just now. */
    passkey: optional(passkeyProof),
  }),
  /** The account as an otpauth QR code (SVG), after the password is entered again, or a passkey (passkey-unlock.html?qr=id). */
  accountQr: object({ id: ID, password: string(PASSWORD_MAX), passkey: optional(passkeyProof) }),
  changePassword: object({ current: string(PASSWORD_MAX), next: string(PASSWORD_MAX) }),
  addPassword: password,
  updateSettings: object({
    autoLockMinutes: optional(oneOf<number>(AUTO_LOCK_CHOICES)),
    clipboardClearSeconds: optional(oneOf<number>(CLIPBOARD_CLEAR_CHOICES)),
    hideCodes: optional(boolean),
    theme: optional(oneOf(THEMES)),
    sortOrder: optional(oneOf(SORT_ORDERS)),
    fieldButton: optional(boolean),
    autoSubmit: optional(boolean),
    clockCorrectionMs: optional(integer(-MAX_CLOCK_CORRECTION_MS, MAX_CLOCK_CORRECTION_MS)),
  }) satisfies Schema<Partial<Settings>>,
  /** Corrects codes by the offset the sites agreed on (StatusInfo.clock), measured here, never sent by the caller. */
  correctClock: empty,
  /** Whether sync is connected, where, and how the last cycle went. Asked by a page on its own: never counts as use. */
  syncStatus: empty,
  /**
   * Sets sync up on this device: creates a sync space in the folder or joins the one there. The
   * page asks the browser for the folder's origin first (permissions.request, a user gesture).
   */
  syncConnect: object({ place: syncPlace, secret: syncSecret }),
  /** One sync cycle now. */
  syncNow: empty,
  /** Stops syncing on this device: the sync section leaves the vault; the accounts and the remote stay. */
  syncDisconnect: empty,
  /** Before a passkey is made (passkeys page): the current password, answered with what create() needs. */
  passkeyBegin: password,
  /** Adds the passkey the page made as a slot; `prfOutput` is its PRF result, `salt` passkeyBegin's (the slot's HKDF salt). */
  passkeyEnrol: object({
    password: string(PASSWORD_MAX),
    credentialId: string(1400, BASE64, 'base64'),
    salt: string(44, BASE64, 'base64'),
    prfOutput: string(44, BASE64, 'base64'),
    name: string(64),
  }),
  /** Unlocks with the PRF result of the passkey `credentialId`: a counted attempt, like a password. */
  passkeyUnlock: passkeyProof,
  /** The vault's passkeys (names and dates), while unlocked. */
  passkeyList: empty,
  /** Removes passkey slot `id` after the password; the password slot always stays. */
  passkeyRemove: object({ id: ID, password: string(PASSWORD_MAX) }),
}

/** What each popup request answers. */
interface PopupOutputs {
  openPopup: PopupOpening
  getStatus: StatusInfo
  setup: StatusInfo
  unlock: StatusInfo
  restorePrevious: StatusInfo
  lock: StatusInfo
  listAccounts: PackedAccountList
  refreshCodes: PackedAccountList
  listCodes: { codes: ({ id: string } & PackedTimed)[] }
  addAccounts: AddResult
  addManual: AddResult
  nextHotpCode: AccountView
  suggestSites: { sites: string[] }
  updateAccount: AccountView
  moveAccount: Empty
  deleteAccount: Empty
  restoreAccount: AccountView
  codeCopied: Empty
  importAccounts: { status: ('new' | 'duplicate')[]; added: number }
  scanImage: ScanPanel
  scanActiveTab: ScanPanel
  confirmPendingScan: ScanPanel
  pickScanRegion: Empty
  fillFromPopup: { filled: boolean; site: string | null }
  confirmFramedFill: { filled: boolean }
  cancelFramedFill: Empty
  exportVault: ExportResult
  accountQr: { svg: string }
  changePassword: Empty
  addPassword: StatusInfo
  updateSettings: Settings
  correctClock: StatusInfo
  syncStatus: SyncStatusView
  syncConnect: SyncConnectView
  syncNow: SyncStatusView
  syncDisconnect: SyncStatusView
  passkeyBegin: PasskeyCreation
  passkeyEnrol: PasskeyList
  passkeyUnlock: StatusInfo
  passkeyList: PasskeyList
  passkeyRemove: PasskeyList
}

/** What navigator.credentials.create() needs for a new passkey slot (all base64; nothing secret). */
export interface PasskeyCreation {
  /** The new slot's HKDF salt, sent back with passkeyEnrol. */
  salt: string
  userId: string
  challenge: string
  /** Passkeys already in the vault, so the authenticator does not make a second one. */
  excludeCredentialIds: string[]
}

export interface PasskeyList {
  passkeys: { id: string; name: string; createdAt: number }[]
}

/** Extension pages (popup, options) → background. */
export type PopupToBackground = Protocol<typeof POPUP_INPUTS, PopupOutputs>

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
  /** Where the accounts came from, for the popup's heading ("3 accounts found on github.com"). */
  source?: ScanSource
  /** A page scan read nothing: what may help (a _locales key), e.g. scrolling to a code below the fold. */
  hint?: ScanHint
  /** The popup's scan of a tab read nothing: that tab, where "Select the code on the page" starts the picker (pickScanRegion). */
  tabId?: number
}

/** `site`: the one site that showed every account (null: several, unknown); `fromExport`: a Google Authenticator export. */
export interface ScanSource {
  from: 'page' | 'image'
  site: string | null
  fromExport: boolean
}

const scanId = object({ scanId: ID })

/** Content script → background. The site is always taken from `sender`, never from here. */
export const CONTENT_INPUTS = {
  /** Whether to show Keyfob's button in code fields (asked only once a field is found). */
  fieldButtonEnabled: empty,
  /** The person clicked Keyfob's button in a code field of this frame (a trusted click). */
  fillRequest: empty,
  /** The person pressed Add in the scan panel (a trusted click). */
  confirmScan: scanId,
  cancelScan: scanId,
  /** The person chose one of the matching accounts in the page's fill picker (a trusted click). */
  fillChosen: object({ choiceId: ID, index: integer(0, 100) }),
  /** After a page scan found nothing: scan the box the person dragged (CSS pixels of the viewport). */
  scanRegion: object({
    region: object({ x: number(0, 20_000), y: number(0, 20_000), width: number(8, 20_000), height: number(8, 20_000) }),
    devicePixelRatio: number(0.25, 8),
  }),
}

interface ContentOutputs {
  fieldButtonEnabled: { enabled: boolean }
  fillRequest: Empty
  confirmScan: ScanPanel
  cancelScan: Empty
  fillChosen: { filled: boolean }
  scanRegion: ScanPanel
}

export type ContentToBackground = Protocol<typeof CONTENT_INPUTS, ContentOutputs>

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
  { dataUrl: string; srcUrl?: string } | { srcUrl: string; box: ViewportBox | null; devicePixelRatio: number } | { none: true }

const box = object({ x: number(-1e6, 1e6), y: number(-1e6, 1e6), width: number(0, 1e6), height: number(0, 1e6) })

/**
 * A scan panel from Keyfob's own background (the content script answers no other sender): checked
 * for its shape only, deeply enough that drawing it cannot throw; its text is drawn as text.
 */
const scanPanel: Schema<ScanPanel> = (v, at) => {
  const p = v as ScanPanel
  if (typeof p !== 'object' || p === null || typeof p.scanId !== 'string' || !Array.isArray(p.items)) fail(`'${at}' must be a scan panel.`)
  return p
}

/** A notice's _locales key (a fill notice or an error's sentence) and its values; the page translates it (an unknown key reads as nothing). */
const fillNotice = object({
  key: string(100, /^(fill[A-Za-z]+|error_[A-Z_]+)$/, 'a notice key'),
  values: optional(strings(5, 500)),
}) as Schema<FillNotice>

/** Background → content script (over the tabs API: background-messaging.ts). */
export const BACKGROUND_INPUTS = {
  ping: empty,
  /** The image, canvas or inline SVG under the last right-click. */
  elementImage: empty,
  /**
   * Top frame only: for each box of a capture of the tab (pixels of a capture `captureWidth`
   * wide), the http(s) URLs of the documents and images that draw there; null when it cannot
   * tell (another origin's frame, a canvas with another origin's pixels).
   */
  drawnBy: object({ boxes: array(box, 100), captureWidth: number(1, 1e6) }),
  showScan: object({ panel: scanPanel }),
  /** Top frame: the popup's scan read nothing; let the person drag a box around the code (region-picker.ts). */
  pickRegion: empty,
  /** Top frame: does an image, canvas or svg of a QR code's shape reach below the viewport (the person may need to scroll)? */
  qrOutsideView: empty,
  /** Is there a one-time-code field here (this frame and its same-origin frames)? */
  otpFieldStatus: empty,
  /**
   * Fill this one code into the best field (the right-clicked one first). `origin` is the frame's
   * origin when the site was matched: a frame that has navigated since refuses.
   */
  fillCode: object({ code: string(16), submit: boolean, origin: string(2048) }),
  /** Several accounts are bound to this site: let the person pick by name (names only). */
  showFillChoice: object({ choiceId: ID, site: string(253), names: strings(100, 500), origin: string(2048) }),
  /** Tells the person why nothing was filled (no account bound here, no field…), translated in the page. */
  showNotice: fillNotice,
  /** The field asks for a code sent by text message or e-mail: the person says whether to fill anyway (answered as `fillChosen`). */
  askSentCode: object({ choiceId: ID, sentBy: oneOf(['sms', 'email', 'sent'] as const), origin: string(2048) }),
}

interface BackgroundOutputs {
  ping: { url: string }
  elementImage: ElementImage
  drawnBy: { sources: (string[] | null)[] }
  showScan: Empty
  pickRegion: Empty
  qrOutsideView: { outside: boolean }
  otpFieldStatus: {
    /** The frame's own URL (as `ping` answers it), so that opening the popup asks the tab once. */
    url: string
    fillable: boolean
    /** The field asks for a code sent by text message, by e-mail, or sent without saying how; null when it does not. */
    sentBy: 'sms' | 'email' | 'sent' | null
    /** The origins of the pages this frame is inside, nearest first (Chromium), or null where the browser does not say. */
    ancestors: string[] | null
    /** The page around this frame fades or covers it (IntersectionObserver v2, where the browser has it). */
    hidden: boolean
  }
  /** `hidden`: not filled because the page around the frame fades or covers it. */
  fillCode: { filled: boolean; hidden?: boolean }
  showFillChoice: Empty
  showNotice: Empty
  askSentCode: Empty
}

export type BackgroundToContent = Protocol<typeof BACKGROUND_INPUTS, BackgroundOutputs>

/** Background → the offscreen document (Chromium), which clears the clipboard after the delay. */
export const OFFSCREEN_INPUTS = {
  clearClipboard: object({ code: string(16), delayMs: integer(0, 600_000) }),
}

export type BackgroundToOffscreen = Protocol<typeof OFFSCREEN_INPUTS, { clearClipboard: { cleared: boolean } }>

/** Who a message is for: the background serves 'popup' and 'content', the tabs 'background', the offscreen document 'offscreen'. */
export type Channel = 'popup' | 'content' | 'background' | 'offscreen'

/** A direction of the protocol: its name on the wire, and each request's input check. */
export interface Direction<P> {
  channel: Channel
  inputs: { [K in keyof P]: Schema<InputOf<P, K>> }
}

export const POPUP: Direction<PopupToBackground> = { channel: 'popup', inputs: POPUP_INPUTS }
export const CONTENT: Direction<ContentToBackground> = { channel: 'content', inputs: CONTENT_INPUTS }
export const TO_CONTENT: Direction<BackgroundToContent> = { channel: 'background', inputs: BACKGROUND_INPUTS }
export const TO_OFFSCREEN: Direction<BackgroundToOffscreen> = { channel: 'offscreen', inputs: OFFSCREEN_INPUTS }

/** The envelope every runtime message travels in. */
export interface RequestEnvelope {
  channel: Channel
  type: string
  input: unknown
}

export type ResponseEnvelope<O> =
  { ok: true; value: O } | { ok: false; error: { code: ErrorCode; message: string; field?: string; values?: string[] } }

/** A protocol map from its input schemas and its outputs, which must name the same requests. */
type Protocol<I extends { [K in keyof O]: Schema<unknown> }, O extends { [K in keyof I]: unknown }> = {
  [K in keyof I & keyof O]: Endpoint<Infer<I[K]>, O[K]>
}

export type InputOf<P, K extends keyof P> = P[K] extends Endpoint<infer I, unknown> ? I : never
export type OutputOf<P, K extends keyof P> = P[K] extends Endpoint<unknown, infer O> ? O : never

/** A handler receives an input its direction's schema has already accepted, and what the sender check made of the sender. */
export type Handlers<P, Ctx> = {
  [K in keyof P]: (input: InputOf<P, K>, ctx: Ctx) => Promise<OutputOf<P, K>> | OutputOf<P, K>
}
