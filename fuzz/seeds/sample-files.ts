/**
 * The real exports in ../shared/samples, read in place as extra seeds (never
 * copied into the repository). Absent folder: no extra seeds, and the reason
 * is reported once.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export interface SampleFile {
  name: string
  bytes: Uint8Array
  /** Password-protected: used without a password, since their real KDFs are slow on purpose. */
  encrypted: boolean
}

const SAMPLES_DIR = process.env.KEYFOB_SAMPLES ?? resolve(import.meta.dirname, '../../../shared/samples')

let skipReason: string | null = null

/** Why there are no sample seeds, or null when there are. */
export function samplesSkipReason(): string | null {
  sampleFiles()
  return skipReason
}

let cache: SampleFile[] | undefined

export function sampleFiles(): SampleFile[] {
  if (cache) return cache
  if (!existsSync(SAMPLES_DIR)) {
    skipReason = `no real exports as seeds: ${SAMPLES_DIR} is absent (set KEYFOB_SAMPLES to use them)`
    return (cache = [])
  }
  const files: SampleFile[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (!/\.md$/i.test(name)) {
        const relative = path.slice(SAMPLES_DIR.length + 1)
        files.push({
          name: relative,
          bytes: new Uint8Array(readFileSync(path)),
          encrypted: /encrypted|password-protected|individual|synthetic/i.test(relative),
        })
      }
    }
  }
  walk(SAMPLES_DIR)
  return (cache = files)
}
