/** The slice of browser.alarms the features use; unit tests pass fake-browser's or their own. */
export interface AlarmPort {
  create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void>
  clear(name: string): Promise<unknown>
}

/** Where nothing is scheduled (tests of features that set no alarm). */
export const noAlarms: AlarmPort = { create: async () => undefined, clear: async () => false }
