/** The version of `@effect-factorial/core`, sent in the `user-agent` header (kept equal to package.json by a test). */
export const packageVersion = "0.1.0"
