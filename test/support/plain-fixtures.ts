/**
 * Builders of synthetic *plain* backups in each foreign format, from Keyfob
 * entries, so every importer is tested without ../shared/samples (and so
 * fixtures can be generated). Each follows the structure in
 * backup-formats.md; only the fields the importers read are filled in,
 * plus a few they must ignore. Pure: usable from tests and scripts alike.
 */
import { base32Decode } from '../../src/core/encoding/base32.ts'
import { base64Encode } from '../../src/core/encoding/base64.ts'
import { buildOtpauthUri } from '../../src/core/uri/build-otpauth-uri.ts'
import type { ImportedEntry } from '../../src/core/import/import-result.ts'

const encoder = new TextEncoder()
export const bytesOf = (value: unknown): Uint8Array => encoder.encode(typeof value === 'string' ? value : JSON.stringify(value, null, 2))

const E = (fields: Partial<ImportedEntry> & Pick<ImportedEntry, 'type' | 'issuer' | 'account' | 'secret'>): ImportedEntry => ({
  algorithm: 'SHA1',
  digits: fields.type === 'steam' ? 5 : 6,
  period: 30,
  counter: 0n,
  tags: [],
  pinned: false,
  ...fields,
})

/** The README's accounts A1–A7 with some metadata, as Keyfob stores them. */
export const FIXTURE_ENTRIES: readonly ImportedEntry[] = [
  E({ type: 'totp', issuer: 'Deno', account: 'Mason', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', tags: ['Work'], pinned: true, note: 'desk' }),
  E({ type: 'totp', issuer: 'SPDX', account: 'James', secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU', algorithm: 'SHA256', digits: 7, period: 20 }),
  E({
    type: 'totp',
    issuer: 'Airbnb',
    account: 'Elijah',
    secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA',
    algorithm: 'SHA512',
    digits: 8,
    period: 50,
    tags: ['Work'],
  }),
  E({ type: 'hotp', issuer: 'Issuu', account: 'James', secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4', counter: 1n }),
  E({
    type: 'hotp',
    issuer: 'Air Canada',
    account: 'Benjamin',
    secret: 'KUVJJOM753IHTNDSZVCNKL7GII',
    algorithm: 'SHA256',
    digits: 7,
    counter: 50n,
  }),
  E({
    type: 'hotp',
    issuer: 'WWE',
    account: 'Mason',
    secret: '5VAML3X35THCEBVRLV24CGBKOY',
    algorithm: 'SHA512',
    digits: 8,
    counter: 10300n,
  }),
  E({ type: 'steam', issuer: 'Boeing', account: 'Sophia', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI' }),
]

const uri = (e: ImportedEntry) => buildOtpauthUri(e)

/** One otpauth URI per line (Ente/Aegis/Authenticator-extension text exports). */
export function uriListFile(entries: readonly ImportedEntry[], eol = '\n'): Uint8Array {
  return bytesOf(entries.map(uri).join(eol) + eol)
}

function tagIds(entries: readonly ImportedEntry[]): Map<string, string> {
  const ids = new Map<string, string>()
  for (const e of entries)
    for (const t of e.tags) if (!ids.has(t)) ids.set(t, `00000000-0000-4000-8000-${String(ids.size).padStart(12, '0')}`)
  return ids
}

export function aegisDb(entries: readonly ImportedEntry[], version: 1 | 2 | 3 = 3): Record<string, unknown> {
  const groups = tagIds(entries)
  return {
    version,
    entries: entries.map((e, i) => ({
      type: e.type,
      uuid: `uuid-${i}`,
      name: e.account,
      issuer: e.issuer,
      note: e.note ?? '',
      favorite: e.pinned,
      icon: null,
      ...(version === 2 ? { group: e.tags[0] ?? null } : version === 3 ? { groups: e.tags.map((t) => groups.get(t)) } : {}),
      info: {
        secret: e.secret,
        algo: e.algorithm,
        digits: e.digits,
        ...(e.type === 'hotp' ? { counter: Number(e.counter) } : { period: e.period }),
      },
    })),
    ...(version === 3 ? { groups: [...groups].map(([name, uuid]) => ({ uuid, name })) } : {}),
  }
}

export function aegisPlainFile(entries: readonly ImportedEntry[], version: 1 | 2 | 3 = 3): Uint8Array {
  return bytesOf({ version: 1, header: { slots: null, params: null }, db: aegisDb(entries, version) })
}

export function twoFasServices(entries: readonly ImportedEntry[]): unknown[] {
  const groups = tagIds(entries)
  return entries.map((e, i) => ({
    name: e.issuer,
    secret: e.secret,
    updatedAt: 0,
    otp: {
      link: uri(e),
      label: e.account,
      account: e.account,
      issuer: e.issuer,
      digits: e.digits,
      period: e.period,
      algorithm: e.algorithm,
      counter: Number(e.counter),
      tokenType: e.type.toUpperCase(),
      source: 'Link',
    },
    order: { position: i },
    icon: { selected: 'Label', label: { text: 'XX', backgroundColor: 'Red' } },
    ...(e.tags[0] ? { groupId: groups.get(e.tags[0]) } : {}),
  }))
}

export function twoFasGroups(entries: readonly ImportedEntry[]): unknown[] {
  return [...tagIds(entries)]
    .filter(([name]) => entries.some((e) => e.tags[0] === name))
    .map(([name, id]) => ({ id, name, isExpanded: true }))
}

export function twoFasPlainFile(entries: readonly ImportedEntry[]): Uint8Array {
  return bytesOf({
    services: twoFasServices(entries),
    groups: twoFasGroups(entries),
    updatedAt: 0,
    schemaVersion: 4,
    appVersionCode: 5000009,
    appVersionName: '5.1.0',
    appOrigin: 'android',
  })
}

export function andOtpEntries(entries: readonly ImportedEntry[]): unknown[] {
  return entries.map((e) => ({
    secret: e.secret + '='.repeat((8 - (e.secret.length % 8)) % 8),
    issuer: e.issuer,
    label: e.account,
    digits: e.digits,
    type: e.type.toUpperCase(),
    algorithm: e.algorithm,
    thumbnail: 'Default',
    last_used: 0,
    used_frequency: 0,
    ...(e.type === 'hotp' ? { counter: Number(e.counter) } : e.type === 'totp' ? { period: e.period } : {}),
    tags: e.tags,
  }))
}

export function andOtpPlainFile(entries: readonly ImportedEntry[]): Uint8Array {
  return bytesOf(andOtpEntries(entries))
}

const bitwardenTotp = (e: ImportedEntry) => (e.type === 'steam' ? `steam://${e.secret}` : uri(e))

export function bitwardenVault(entries: readonly ImportedEntry[]): Record<string, unknown> {
  const folders = tagIds(entries)
  return {
    folders: [...folders].map(([name, id]) => ({ id, name })),
    items: [
      ...entries.map((e, i) => ({
        id: `item-${i}`,
        organizationId: null,
        folderId: e.tags[0] ? folders.get(e.tags[0]) : null,
        type: 1,
        name: e.issuer,
        notes: e.note ?? null,
        favorite: e.pinned,
        fields: [],
        login: { uris: null, username: e.account, password: 'pw', totp: bitwardenTotp(e) },
        collectionIds: null,
      })),
      { id: 'note', type: 2, name: 'A secure note', notes: 'text', favorite: false, secureNote: { type: 0 } },
    ],
  }
}

export function bitwardenJsonFile(entries: readonly ImportedEntry[]): Uint8Array {
  return bytesOf({ encrypted: false, ...bitwardenVault(entries) })
}

export function bitwardenCsvFile(entries: readonly ImportedEntry[]): Uint8Array {
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s)
  const rows = entries.map((e) =>
    [e.tags[0] ?? '', e.pinned ? '1' : '', 'login', e.issuer, e.note ?? '', '', '', e.account, 'pw', bitwardenTotp(e)].map(q).join(','),
  )
  return bytesOf(
    ['folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp', ...rows].join('\r\n') + '\r\n',
  )
}

/** FreeOTP+ stores HOTP counters as the URI counter − 1 (backup-formats.md, FreeOTP+). */
export function freeOtpPlusFile(entries: readonly ImportedEntry[]): Uint8Array {
  return bytesOf({
    tokenOrder: entries.map((e) => `${e.issuer}:${e.account}`),
    tokens: entries.map((e) => ({
      algo: e.algorithm,
      counter: e.type === 'hotp' ? Number(e.counter) - 1 : 0,
      digits: e.digits,
      issuerExt: e.issuer,
      issuerInt: e.issuer,
      label: e.account,
      period: e.period,
      type: e.type === 'hotp' ? 'HOTP' : 'TOTP',
      secret: Array.from(base32Decode(e.secret), (b) => (b << 24) >> 24),
    })),
  })
}

export function lastPassFile(entries: readonly ImportedEntry[]): Uint8Array {
  return bytesOf({
    deviceId: 'd',
    deviceSecret: 's',
    localDeviceId: 'l',
    deviceName: 'n',
    version: 3,
    accounts: entries.map((e, i) => ({
      accountID: `a${i}`,
      issuerName: e.issuer,
      originalIssuerName: e.issuer,
      userName: e.account,
      originalUserName: e.account,
      pushNotification: false,
      secret: e.secret,
      timeStep: e.period,
      digits: e.digits,
      creationTimestamp: 0,
      isFavorite: e.pinned,
      algorithm: e.algorithm,
      folderData: { folderId: e.tags[0] ? 2 : 0, position: i },
    })),
    folders: [
      { id: 0, name: 'Other accounts', isOpened: true },
      { id: 1, name: 'Favorites', isOpened: true },
      { id: 2, name: 'Work', isOpened: true },
    ],
  })
}

export function protonEntries(entries: readonly ImportedEntry[]): Record<string, unknown> {
  return {
    version: 1,
    entries: entries.map((e, i) => ({
      id: `id-${i}`,
      content: {
        uri: e.type === 'steam' ? `steam://${e.secret}` : uri(e),
        entry_type: e.type === 'steam' ? 'Steam' : 'Totp',
        name: e.account,
      },
      note: e.note ?? null,
    })),
  }
}

export function protonPlainFile(entries: readonly ImportedEntry[]): Uint8Array {
  return bytesOf(protonEntries(entries))
}

/** A SteamDesktopAuthenticator `.maFile` for one Steam entry. */
export function steamMaFile(entry: ImportedEntry): Uint8Array {
  return bytesOf({
    shared_secret: base64Encode(base32Decode(entry.secret)),
    account_name: entry.account,
    serial_number: '1',
    revocation_code: 'R1',
    steamid: '1',
  })
}

export function raivoFile(entries: readonly ImportedEntry[]): Uint8Array {
  return bytesOf(
    entries.map((e) => ({
      kind: e.type.toUpperCase(),
      algorithm: e.algorithm,
      timer: String(e.period),
      digits: String(e.digits),
      issuer: e.issuer,
      account: e.account,
      secret: e.secret,
      counter: String(e.counter),
      iconType: '',
      iconValue: '',
      pinned: 'false',
    })),
  )
}

/** Plain JSON backup of the Authenticator extension, keyed by entry id. */
export function authenticatorExtensionPlainFile(entries: readonly ImportedEntry[]): Uint8Array {
  return bytesOf(Object.fromEntries(authenticatorExtensionRecords(entries).map((r) => [r.hash, r])))
}

export function authenticatorExtensionRecords(entries: readonly ImportedEntry[]): Record<string, unknown>[] {
  return entries.map((e, i) => {
    const id = `aaaaaaaa-aaaa-4aaa-8aaa-${String(i).padStart(12, '0')}`
    return {
      dataType: 'OTPStorage',
      encrypted: false,
      hash: id,
      index: i,
      type: e.type,
      secret: e.secret,
      issuer: e.issuer,
      account: e.account,
      ...(e.type === 'hotp' ? { counter: Number(e.counter) } : {}),
      ...(e.period !== 30 && e.type === 'totp' ? { period: e.period } : {}),
      ...(e.digits !== 6 && e.type !== 'steam' ? { digits: e.digits } : {}),
      ...(e.algorithm !== 'SHA1' ? { algorithm: e.algorithm } : {}),
      ...(e.pinned ? { pinned: true } : {}),
    }
  })
}
