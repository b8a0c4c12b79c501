import { SESSION } from '../../shared/storage-keys.ts'
import type { KeyValueArea } from '../key-value-area.ts'

/**
 * Whether any scan is stored (pending-scans.ts keeps them under this key, and removes it when none is left):
 * without one, opening the popup need not load the scan feature (issue #15).
 */
export async function scansWaiting(session: KeyValueArea): Promise<boolean> {
  return (await session.get([SESSION.pendingScans]))[SESSION.pendingScans] !== undefined
}
