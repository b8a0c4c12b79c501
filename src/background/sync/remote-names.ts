/**
 * The file names of a sync space (sync-remote.ts): one header, one file per record, and the
 * daily backups. Only these are read; anything else in the folder is left alone.
 */
export const HEADER_FILE = 'header.json'

const RECORD = /^r-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/
const BACKUP = /^backup-[0-9]{4}-[0-9]{2}-[0-9]{2}\.json$/

export function recordFile(id: string): string {
  return `r-${id}.json`
}

/** The record id a file name stands for, or null for any other file. */
export function recordIdOf(name: string): string | null {
  return RECORD.exec(name)?.[1] ?? null
}

/** `backup-YYYY-MM-DD.json`: names sort by date. */
export function backupFile(day: string): string {
  return `backup-${day}.json`
}

export function isBackupFile(name: string): boolean {
  return BACKUP.test(name)
}
