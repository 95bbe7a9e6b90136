# The table of bench/api.sh's report, from its results (one line per wrk run, tab-separated:
# app, endpoint, connections, round, requests/s, p50 ms, p99 ms, CPU ms per request): the median over rounds of each
# figure, ours beside the baseline's, and whether the ratios meet issue 19's targets. A ratio is the median of the
# rounds' ratios, each round's ours against the baseline's run right beside it: the machine's drift over a run moves
# both runs of a round, and a ratio of two medians could pair a good minute of one app with a bad one of the other.
#   awk -F'\t' -v order="get list create take" -v connections="16 64" -f report.awk results.tsv
function median(list,   n, i, j, t, a) {
  n = split(list, a, " ")
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
  key = $1 SUBSEP $2 SUBSEP $3
  rps[key] = rps[key] " " $5; p50[key] = p50[key] " " $6; p99[key] = p99[key] " " $7; cpu[key] = cpu[key] " " $8
  if ($4 + 0 > last_round) last_round = $4 + 0
  round_rps[key, $4] = $5; round_p99[key, $4] = $7
}
# The median over the rounds of ours / baseline for one figure (req/s or p99), and each round's ratio in `shown`.
function paired(figure, ours, base,   r, list, ratio) {
  list = ""; shown = ""
  for (r = 1; r <= last_round; r++) {
    if (!((ours, r) in figure) || !((base, r) in figure) || figure[base, r] + 0 <= 0) continue
    ratio = figure[ours, r] / figure[base, r]
    list = list " " ratio; shown = shown (shown == "" ? "" : ", ") sprintf("%.2f", ratio)
  }
  return list == "" ? 0 : median(list)
}
END {
  label["get"] = "GET /api/v1/tasks/{id}"
  label["list"] = "GET /api/v1/tasks?status=pending"
  label["create"] = "POST /api/v1/tasks (Idempotency-Key)"
  label["take"] = "POST /api/v1/tasks/{id}/take"
  target["get"] = 0.5; target["list"] = 0.5; target["create"] = 0.6; target["take"] = 0.6
  print "| Endpoint | Conn. | ours req/s | baseline req/s | ours / baseline (target) | ours p50 ms | baseline p50 ms | ours p99 ms | baseline p99 ms | ours p99 / baseline p99 (target) | CPU ms/req ours / baseline |"
  print "|---|---:|---:|---:|---|---:|---:|---:|---:|---|---:|"
  endpoint_count = split(order, endpoints, " ")
  connection_count = split(connections, counts, " ")
  for (e = 1; e <= endpoint_count; e++) for (c = 1; c <= connection_count; c++) {
    name = endpoints[e]; n = counts[c]
    ours = "ours" SUBSEP name SUBSEP n; base = "baseline" SUBSEP name SUBSEP n
    if (!(ours in rps) || !(base in rps)) continue
    or = median(rps[ours]); br = median(rps[base]); o99 = median(p99[ours]); b99 = median(p99[base])
    tail = paired(round_p99, ours, base); tail_rounds = shown
    rate = paired(round_rps, ours, base); rate_rounds = shown
    rate_note = sprintf("%.2f (≥ %.1f: %s; rounds %s)", rate, target[name], rate >= target[name] ? "met" : "missed", rate_rounds)
    tail_note = n == 16 ? sprintf("%.2f (≤ 3: %s; rounds %s)", tail, tail <= 3 ? "met" : "missed", tail_rounds) : sprintf("%.2f (rounds %s)", tail, tail_rounds)
    printf "| %s | %d | %.0f | %.0f | %s | %.1f | %.1f | %.1f | %.1f | %s | %.2f / %.2f |\n", label[name], n, or, br, rate_note,
      median(p50[ours]), median(p50[base]), o99, b99, tail_note, median(cpu[ours]), median(cpu[base])
  }
}
