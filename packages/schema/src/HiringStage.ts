/**
 * A company-wide hiring stage that application phases map to (`ats/hiring_stages`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { HiringStageName } from "./Enums.js"
import { CompanyId, HiringStageId } from "./Ids.js"
import { model, nullTolerant } from "./internal/fields.js"

/**
 * A hiring stage. Decodes what the API sends (see the package README for the null, id, enum and
 * timestamp rules).
 *
 * @since 0.1.0
 */
export class HiringStage extends Schema.Class<HiringStage>("@effect-factorial/schema/HiringStage")({
  /** Id of the stage. */
  id: HiringStageId,
  /** Machine name of the stage. */
  name: nullTolerant(HiringStageName),
  /** Display label of the stage. */
  label: nullTolerant(Schema.String),
  /** Id of the company. */
  company_id: CompanyId,
  /** Place of the stage in the hiring flow. */
  position: nullTolerant(Schema.Int)
}, model("A company-wide hiring stage that application phases map to.")) {}
