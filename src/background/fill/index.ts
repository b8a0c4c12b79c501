/** The fill feature: the one fill service every trigger calls, and its requests. */
import { createFillContentHandlers, createFillPopupHandlers } from './fill-handlers.ts'
import { createFillService, type FillDeps } from './fill-service.ts'

export function createFill(deps: FillDeps) {
  const service = createFillService(deps)
  return { service, popupHandlers: createFillPopupHandlers(service), contentHandlers: createFillContentHandlers(service) }
}
