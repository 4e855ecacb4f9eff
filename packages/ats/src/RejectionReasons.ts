/**
 * Reasons an application can be rejected with.
 *
 * @since 0.1.0
 */
import { ListRejectionReasonsParams, RejectionReason, RejectionReasonId } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `RejectionReasons.definition`). */
const definition = Resource.define({
  name: "RejectionReasons",
  path: "rejection_reasons",
  model: RejectionReason,
  id: RejectionReasonId,
  listParams: ListRejectionReasonsParams,
  operations: {
    ...Resource.reads
  }
})

/**
 * The operations of `RejectionReasons`.
 *
 * @since 0.2.0
 */
export interface RejectionReasonsService extends Resource.Service<typeof definition> {}

/**
 * Reasons an application can be rejected with.
 *
 * @example
 * ```ts
 * import { RejectionReasons } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(RejectionReasons, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class RejectionReasons extends Resource.Tag(definition)<RejectionReasons, RejectionReasonsService>() {}
