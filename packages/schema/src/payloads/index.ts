// Placeholder created by the models engineer; the payloads/params engineer overwrites it.
export {}
