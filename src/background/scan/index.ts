/** The scan feature: scans waiting for Add (ScanService), what is scanned (scan flows), and their requests. */
import type { QrDecoder } from '../../shared/qr-worker-client.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import type { WatchedKey } from '../watched-key.ts'
import type { TabPort } from '../tab-port.ts'
import type { VaultService } from '../vault/vault-service.ts'
import { createScanFlows } from './scan-flows.ts'
import { createScanContentHandlers, createScanPopupHandlers } from './scan-handlers.ts'
import { ScanService } from './scan-service.ts'

export function createScan(deps: {
  session: KeyValueArea
  /** The stored scans' key (scan-service.ts). */
  scans?: WatchedKey
  vault: Pick<VaultService, 'current' | 'mutate'>
  tabs: TabPort
  now: () => number
  scheduleExpiry: (when: number | null) => Promise<void>
  decodeQr?: QrDecoder
}) {
  const service = new ScanService(deps)
  const flows = createScanFlows({
    tabs: deps.tabs,
    scans: service,
    ...(deps.decodeQr ? { decodeQr: deps.decodeQr } : {}),
  })
  return {
    service,
    flows,
    popupHandlers: createScanPopupHandlers(service, flows, deps.tabs),
    contentHandlers: createScanContentHandlers(service, flows),
  }
}
