import { type ActionDefinition, flowgladActions } from '../../core/actions'
import type { AnyHandler } from '../engine/defineHandler'
import { flowgladHandlers } from '../handlers'

/**
 * Walks the handlers table alongside the registry (same keys, checked by `HandlerTable`),
 * keeping the actions `include` accepts (default: all).
 */
export function mapHandlers<T>(
  visit: (action: ActionDefinition, handler: AnyHandler, path: string) => T,
  include: (action: ActionDefinition) => boolean = () => true,
): Record<string, Record<string, T>> {
  const handlers: Record<string, Record<string, AnyHandler>> = flowgladHandlers
  const actions: Record<string, Record<string, ActionDefinition>> = flowgladActions
  return Object.fromEntries(
    Object.entries(handlers).map(([group, byName]) => [
      group,
      Object.fromEntries(
        Object.entries(byName).flatMap(([name, handler]) => {
          const action = actions[group]?.[name]
          if (!action) throw new Error(`flowglad-trpc: no registry entry for ${group}.${name}`)
          return include(action) ? [[name, visit(action, handler, `${group}.${name}`)] as const] : []
        }),
      ),
    ]),
  )
}
