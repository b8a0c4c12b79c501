// The minimal extension's service worker: the floor for Keyfob's design (bench/popup-bench.mjs).
// The accounts live AES-GCM encrypted in storage.local; the raw AES key is kept in storage.session
// (memory only, not readable by content scripts), as Keyfob keeps its session key, so a restarted
// worker can still answer. Secrets and codes exist only here: the popup gets names and codes.
// Worker memory is only a cache (the decrypted accounts as imported HMAC keys), rebuilt on demand
// after Chrome stops the worker.

const STEP_MS = 30_000 // RFC 6238 §4: the default time step X = 30 s

/** @type {Promise<{ issuer: string, account: string, key: CryptoKey }[]> | null} */
let cache = null

/** Base64 of any length (String.fromCharCode(...bytes) would overflow the stack for a large vault). */
function bytesToBase64(bytes) {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}
const base64ToBytes = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/** RFC 4648 base32 (the otpauth secret). */
function base32ToBytes(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const out = []
  let bits = 0
  let value = 0
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(c)
    if (v < 0) throw new Error('bad base32')
    value = (value << 5) | v
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return new Uint8Array(out)
}

const importHmac = (raw) => crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign'])

/** Decrypts the vault and imports every account's HMAC key (once per worker life). */
async function load() {
  const { vaultKey } = await chrome.storage.session.get('vaultKey')
  const { vault } = await chrome.storage.local.get('vault')
  if (typeof vaultKey !== 'string' || !vault) return []
  const key = await crypto.subtle.importKey('raw', base64ToBytes(vaultKey), 'AES-GCM', false, ['decrypt'])
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: base64ToBytes(vault.iv) }, key, base64ToBytes(vault.data))
  const accounts = JSON.parse(new TextDecoder().decode(plain))
  return Promise.all(accounts.map(async (a) => ({ issuer: a.issuer, account: a.account, key: await importHmac(base64ToBytes(a.secret)) })))
}

/** RFC 4226 §5.3 (HOTP: HMAC-SHA1 over the 8-byte big-endian counter, dynamic truncation), 6 digits. */
async function hotp(key, counter) {
  const message = new DataView(new ArrayBuffer(8))
  message.setUint32(0, Math.floor(counter / 2 ** 32))
  message.setUint32(4, counter >>> 0)
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message.buffer))
  const offset = mac[19] & 15
  const binary = ((mac[offset] & 127) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3]
  return String(binary % 1_000_000).padStart(6, '0')
}

/** Replaces the vault with these accounts ({ issuer, account, secret: base32 }) under a fresh key. */
async function setup(accounts) {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt'])
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const plain = accounts.map((a) => ({ issuer: a.issuer, account: a.account, secret: bytesToBase64(base32ToBytes(a.secret)) }))
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(plain))))
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key))
  await chrome.storage.session.set({ vaultKey: bytesToBase64(raw) })
  await chrome.storage.local.set({ vault: { iv: bytesToBase64(iv), data: bytesToBase64(data) } })
  cache = null
  return { accounts: accounts.length }
}

/** Every account's name and current code (RFC 6238 §4.2: T = floor(now / X)). */
async function codes() {
  cache ??= load()
  const accounts = await cache
  const now = Date.now()
  const counter = Math.floor(now / STEP_MS)
  const rows = await Promise.all(accounts.map(async (a) => ({ issuer: a.issuer, account: a.account, code: await hotp(a.key, counter) })))
  return { rows, validUntil: (counter + 1) * STEP_MS }
}

const handlers = { setup: (m) => setup(m.accounts), codes }

// Registered synchronously, so a message wakes a stopped worker and reaches it.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's own pages, and only known requests of the right shape.
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(chrome.runtime.getURL(''))) return false
  const handler = typeof message?.type === 'string' && Object.hasOwn(handlers, message.type) ? handlers[message.type] : null
  if (!handler || (message.type === 'setup' && !Array.isArray(message.accounts))) return false
  handler(message).then(
    (value) => sendResponse({ ok: true, value }),
    (e) => {
      cache = null
      sendResponse({ ok: false, error: String(e?.message ?? e) })
    },
  )
  return true
})
