/**
 * Bitwarden CSV exports (backup-formats.md, Bitwarden): header
 * `folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp`,
 * RFC 4180 quoting. Only `login` rows with a `login_totp` value are accounts.
 */
import { KeyfobError } from '../errors.ts'
import { bitwardenEntry } from './bitwarden-totp.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportResult } from './import-result.ts'
import { MAX_ENTRIES } from './limits.ts'
import { entryName } from './make-entry.ts'

export function importBitwardenCsv(text: string): ImportResult {
  const rows = parseCsv(text)
  const header = rows.shift()?.map((h) => h.trim()) ?? []
  const col = (name: string) => header.indexOf(name)
  const totpCol = col('login_totp')
  if (totpCol === -1) throw new KeyfobError('INVALID_FILE', "Invalid file: the CSV header has no 'login_totp' column.")
  const get = (row: string[], name: string) => (col(name) === -1 ? '' : (row[col(name)] ?? ''))
  const collector = new ImportCollector('bitwarden-csv')
  let withoutTotp = 0
  rows.forEach((row, i) => {
    if (row.length === 1 && row[0] === '') return // blank line
    const totp = row[totpCol] ?? ''
    const type = get(row, 'type')
    if (totp.trim() === '' || (type !== '' && type !== 'login')) {
      withoutTotp++
      return
    }
    const name = get(row, 'name')
    const username = get(row, 'login_username')
    const folder = get(row, 'folder')
    collector.attempt(entryName(name, username, i), () =>
      bitwardenEntry({ totp, name, username, tags: folder ? [folder] : [], pinned: get(row, 'favorite') === '1', note: get(row, 'notes') }),
    )
  })
  if (withoutTotp > 0) collector.warn(`${withoutTotp} row(s) without a TOTP key were ignored.`)
  return collector.result()
}

/** RFC 4180: fields separated by commas, optionally quoted with "" as an escaped quote; CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let fieldText = ''
  let quoted = false
  let i = 0
  const endRow = () => {
    row.push(fieldText)
    rows.push(row)
    if (rows.length > MAX_ENTRIES + 1) throw new KeyfobError('INVALID_FILE', `The CSV file has more than ${MAX_ENTRIES} rows.`)
    row = []
    fieldText = ''
  }
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        fieldText += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else fieldText += c
      i++
      continue
    }
    if (c === '"' && fieldText === '') quoted = true
    else if (c === ',') {
      row.push(fieldText)
      fieldText = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow()
      i++
    } else if (c === '\n' || c === '\r') endRow()
    else fieldText += c
    i++
  }
  if (quoted) throw new KeyfobError('INVALID_FILE', 'Invalid file: the CSV file ends inside a quoted field.')
  if (fieldText !== '' || row.length > 0) endRow()
  return rows
}
