// Drives the application-level benchmark (run-app-benchmark.sh): one autocannon run of
// warm + steady seconds against a URL, responses counted per second of load, then one TSV line:
//   rps_first_window  rps_third_window  rps_steady  p50_ms  p99_ms  responses_2xx  non_2xx  errors
// where the first window is seconds [0, window) of load, the third [2 window, 3 window), the steady
// one [warm, warm + steady), and p50 / p99 are the latencies of the steady window's responses.
//
//   node app-load.js <autocannon-dir> <url> <connections> <warm-s> <steady-s> <window-s> [rate]
// With a rate (requests per second over all connections) the load is offered at that rate instead of
// as fast as the app answers: the app's CPU per request is then its own cost, not swayed by how the
// scheduler shares the two cores with this process.
'use strict'
const path = require('path')

const [dir, url, connections, warm, steady, window, rate] = process.argv.slice(2)
if (!window) {
  console.error('usage: node app-load.js <autocannon-dir> <url> <connections> <warm-s> <steady-s> <window-s> [rate]')
  process.exit(2)
}
const autocannon = require(path.join(path.resolve(dir), 'node_modules', 'autocannon'))
const warmMs = Number(warm) * 1000
const endMs = warmMs + Number(steady) * 1000
const windowMs = Number(window) * 1000

const perSecond = []
const steadyLatencies = []
let started = null

const instance = autocannon({
  url,
  connections: Number(connections),
  ...(rate ? { overallRate: Number(rate) } : {}),
  // One second more than measured, so that the steady window is never cut short by the run's end.
  duration: Number(warm) + Number(steady) + 1
}, (err, result) => {
  if (err) {
    console.error(err)
    process.exit(1)
  }
  const rate = (from, to) => {
    let count = 0
    for (let s = Math.floor(from / 1000); s < Math.floor(to / 1000); s++) count += perSecond[s] || 0
    return (count * 1000 / (to - from)).toFixed(0)
  }
  steadyLatencies.sort((a, b) => a - b)
  const percentile = (p) => steadyLatencies.length === 0
    ? 'NaN'
    : steadyLatencies[Math.min(steadyLatencies.length - 1, Math.ceil(p * steadyLatencies.length) - 1)].toFixed(2)
  console.log([rate(0, windowMs), rate(2 * windowMs, 3 * windowMs), rate(warmMs, endMs),
    percentile(0.50), percentile(0.99), result['2xx'], result.non2xx, result.errors].join('\t'))
})
instance.on('response', (client, statusCode, bytes, responseTime) => {
  const now = performance.now()
  if (started === null) started = now - responseTime   // the first request went out then
  const at = now - started
  const second = Math.floor(at / 1000)
  perSecond[second] = (perSecond[second] || 0) + 1
  if (at >= warmMs && at < endMs) steadyLatencies.push(responseTime)
})
