import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import * as Config from "effect/Config"
import * as Redacted from "effect/Redacted"

// An API key (internal integrations): sent as `x-api-key`, never expires, sees the whole company.
export const WithApiKey = FactorialClient.layer({
  auth: FactorialAuth.apiKey(Redacted.make("your-api-key"))
})

// An OAuth access token you obtained elsewhere: sent as `Authorization: Bearer <token>`. It stops working
// after its lifetime (an hour for user tokens); requests then fail with `Unauthorized`.
export const WithAccessToken = FactorialClient.layerConfig({
  auth: Config.redacted("MY_APP_ACCESS_TOKEN").pipe(Config.map(FactorialAuth.accessToken))
})
