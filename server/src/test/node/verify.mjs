// Verifies captured webhook deliveries with the standardwebhooks npm package, the way a shop's
// Node endpoint would: `new Webhook(secret).verify(rawBody, headers)`. This is the independent
// implementation oncepay's deliveries are checked against; it shares no code with oncepay.
//
// Usage: node verify.mjs CASES.json
// CASES.json: {"cases": [{"name": "...", "secret": "whsec_...", "headers": {"webhook-id": "...",
//   ...}, "body_base64": "..."}]}
// Prints one JSON line per case, in order: {"name": "...", "verified": true, "event_id": "..."}
// or {"name": "...", "verified": false, "error": "No matching signature found"}. Exits 0 when
// every case was judged (verified or not), 2 when the input itself is unusable.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

if (process.argv.length !== 3) {
  console.error("usage: node verify.mjs CASES.json");
  process.exit(2);
}
let cases;
try {
  cases = JSON.parse(readFileSync(process.argv[2], "utf8")).cases;
} catch (e) {
  console.error(`cannot read ${process.argv[2]}: ${e.message}`);
  process.exit(2);
}
if (!Array.isArray(cases)) {
  console.error("the input has no cases array");
  process.exit(2);
}

for (const c of cases) {
  // The raw bytes as received, never re-serialised JSON: the signature covers the exact body.
  const body = Buffer.from(c.body_base64, "base64");
  try {
    const event = new Webhook(c.secret).verify(body, c.headers);
    console.log(JSON.stringify({ name: c.name, verified: true, event_id: event?.id ?? null }));
  } catch (e) {
    console.log(JSON.stringify({ name: c.name, verified: false, error: e.message }));
  }
}
