/**
 * Ente Auth adds a `codeDisplay` parameter to each exported URI: URL-encoded
 * JSON with pinned, trashed, tags, note… (backup-formats.md, Ente Auth, plain
 * text). It is read into tags/pinned/note and removed from `extra`.
 */
import type { ParsedOtpauthUri } from '../uri/parse-otpauth-uri.ts'
import type { ImportCollector } from './import-collector.ts'
import { field, isRecord } from './json-fields.ts'
import type { EntryMeta } from './make-entry.ts'

const KEY = 'codeDisplay'
/** Ente's display settings are small; anything much larger is not one. */
const MAX_LENGTH = 64 * 1024

export function readEnteCodeDisplay(parsed: ParsedOtpauthUri, collector: ImportCollector, where: string): EntryMeta | 'trashed' {
  const raw = parsed.extra?.[KEY]
  if (raw === undefined || !Object.hasOwn(parsed.extra!, KEY)) return {}
  delete parsed.extra![KEY]
  if (Object.keys(parsed.extra!).length === 0) delete parsed.extra
  let value: unknown
  try {
    if (raw.length > MAX_LENGTH) throw new Error('too long')
    value = JSON.parse(raw)
  } catch {
    value = undefined
  }
  if (!isRecord(value)) {
    collector.warn(`${where}: Ente's display settings (codeDisplay) could not be read and were dropped.`)
    return {}
  }
  if (field(value, 'trashed') === true) return 'trashed'
  const meta: EntryMeta = { pinned: field(value, 'pinned') === true }
  const tags = field(value, 'tags')
  if (Array.isArray(tags)) meta.tags = tags.filter((t): t is string => typeof t === 'string')
  const note = field(value, 'note')
  if (typeof note === 'string') meta.note = note
  return meta
}
