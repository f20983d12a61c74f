import { type ActionDefinition, flowgladActions } from '../core/actions'
import type { AnyOperation } from './operation'
import { flowgladOperations } from './procedures'

/**
 * Walks the operations table alongside the registry (same keys, checked by `OperationTable`),
 * keeping the actions `include` accepts (default: all).
 */
export function mapOperations<T>(
  visit: (action: ActionDefinition, operation: AnyOperation, path: string) => T,
  include: (action: ActionDefinition) => boolean = () => true,
): Record<string, Record<string, T>> {
  const operations: Record<string, Record<string, AnyOperation>> = flowgladOperations
  const actions: Record<string, Record<string, ActionDefinition>> = flowgladActions
  return Object.fromEntries(
    Object.entries(operations).map(([group, byName]) => [
      group,
      Object.fromEntries(
        Object.entries(byName).flatMap(([name, operation]) => {
          const action = actions[group]?.[name]
          if (!action) throw new Error(`flowglad-trpc: no registry entry for ${group}.${name}`)
          return include(action) ? [[name, visit(action, operation, `${group}.${name}`)] as const] : []
        }),
      ),
    ]),
  )
}
