/**
 * Keeps the non-extractable device key for vaults without a password. A CryptoKey
 * cannot be put in storage.* (JSON only), but IndexedDB stores it by structured
 * clone while keeping it non-extractable: script can use it, never read its bytes.
 */
import { DEVICE_KEY_DB } from '../../shared/storage-keys.ts'

export interface DeviceKeyStore {
  load(): Promise<CryptoKey | null>
  save(key: CryptoKey): Promise<void>
  clear(): Promise<void>
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed.'))
  })
}

async function open(): Promise<IDBDatabase> {
  const r = indexedDB.open(DEVICE_KEY_DB.name, 1)
  r.onupgradeneeded = () => r.result.createObjectStore(DEVICE_KEY_DB.store)
  return request(r)
}

async function withStore<T>(mode: IDBTransactionMode, use: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open()
  try {
    const tx = db.transaction(DEVICE_KEY_DB.store, mode)
    const result = await request(use(tx.objectStore(DEVICE_KEY_DB.store)))
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed.'))
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted.'))
    })
    return result
  } finally {
    db.close()
  }
}

export const indexedDbDeviceKeyStore: DeviceKeyStore = {
  async load() {
    const key = await withStore('readonly', (s) => s.get(DEVICE_KEY_DB.id) as IDBRequest<CryptoKey | undefined>)
    return key ?? null
  },
  async save(key) {
    await withStore('readwrite', (s) => s.put(key, DEVICE_KEY_DB.id))
  },
  async clear() {
    await withStore('readwrite', (s) => s.delete(DEVICE_KEY_DB.id))
  },
}
