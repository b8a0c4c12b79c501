/**
 * The slice of `storage.local` / `storage.session` the vault needs. The real
 * areas satisfy it; unit tests pass @webext-core/fake-browser's in-memory areas.
 */
export interface KeyValueArea {
  get(keys: string[]): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
  remove(keys: string[]): Promise<void>
  /** The area's change events (any context's writes); without them nothing read from the area is cached. */
  onChanged?: { addListener(listener: (changes: Record<string, unknown>) => void): void }
}
