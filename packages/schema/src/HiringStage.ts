/**
 * A company-wide hiring stage that application phases map to (`ats/hiring_stages`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { HiringStageName } from "./Enums.js"
import { CompanyId, HiringStageId } from "./Ids.js"
import { nullTolerant, required } from "./internal/fields.js"

/**
 * A hiring stage. Decodes what the API sends (see the package README for the null, id, enum and
 * timestamp rules).
 *
 * @since 0.1.0
 */
export class HiringStage extends Schema.Class<HiringStage>("@effect-factorial/schema/HiringStage")({
  /** Id of the stage. */
  id: required(HiringStageId, "Id of the stage."),
  /** Machine name of the stage. */
  name: nullTolerant(HiringStageName, "Machine name of the stage."),
  /** Display label of the stage. */
  label: required(Schema.String, "Display label of the stage."),
  /** Id of the company. */
  company_id: required(CompanyId, "Id of the company."),
  /** Place of the stage in the hiring flow. */
  position: required(Schema.Int, "Place of the stage in the hiring flow.")
}, {
  description: "A company-wide hiring stage that application phases map to."
}) {}
